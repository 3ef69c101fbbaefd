import { findProjectRoot } from './projectRoot';
import { readStackFile, stackFilePath } from './stackFile';

/**
 * `npm run -s url [-- api|issuer|mail]`: prints where the running local stack serves that piece
 * (the function app by default), read from `.local/stack.json`, so copy-paste commands work on
 * whatever ports `npm start` was given.
 */
const pieces = ['api', 'issuer', 'mail'] as const;
const piece = process.argv[2] ?? 'api';

try {
  if (!(pieces as readonly string[]).includes(piece)) {
    throw new Error(`Usage: npm run -s url [-- ${pieces.join('|')}]`);
  }
  const stack = readStackFile(stackFilePath(findProjectRoot(__dirname)));
  const url =
    piece === 'issuer'
      ? stack.endpoints.issuerUrl
      : piece === 'mail'
        ? stack.endpoints.sendgridUrl
        : stack.functionsUrl;
  if (url === undefined) {
    throw new Error('The running stack has no functions host; start one with npm run host.');
  }
  process.stdout.write(`${url}\n`);
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exitCode = 2;
}
