import { join } from 'node:path';
import { findProjectRoot } from './projectRoot';
import { startEmulators, startLocalStack } from './localStack';

/**
 * `npm start`: the whole system on loopback, on the well-known local ports, until Ctrl-C.
 * `npm run emulators` starts only the stand-ins, for `func start` where Core Tools exist.
 * FUNCTIONS_PORT, CONSOLE_PORT, ISSUER_PORT, SENDGRID_PORT, QUEUE_PORT and COSMOS_PORT move
 * the ports.
 */
async function main(): Promise<void> {
  const projectRoot = findProjectRoot(__dirname);
  const port = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
  const ports = {
    functions: port('FUNCTIONS_PORT', 7071),
    issuer: port('ISSUER_PORT', 7072),
    sendgrid: port('SENDGRID_PORT', 7073),
    queue: port('QUEUE_PORT', 10001),
    cosmos: port('COSMOS_PORT', 8081),
  };
  const consolePort = port('CONSOLE_PORT', 7074);
  const emulatorsOnly = process.argv.includes('--emulators-only');
  const running = emulatorsOnly
    ? await startEmulators({ projectRoot, ports })
    : await startLocalStack({
        projectRoot,
        ports,
        console: { distDir: join(projectRoot, 'dist', 'console'), port: consolePort },
      });
  const tenant = '11111111-2222-3333-4444-555555555555';
  const issuerUrl = 'issuerUrl' in running ? running.issuerUrl : '';
  console.log(`
Reseller invitations — local ${emulatorsOnly ? 'emulators are' : 'stack is'} up (loopback only)
${emulatorsOnly ? '' : `\n  Partner console  ${'consoleUrl' in running ? running.consoleUrl : ''}   (sign in with any test account; tick AdminAgent)\n  API              http://127.0.0.1:${ports.functions}/api   (health: /api/health, contract: /api/openapi.yaml)`}
  Captured email   ${running.sendgrid.url}/messages
  Token issuer     ${issuerUrl}   (JWKS: ${issuerUrl}/discovery/v2.0/keys)
  Cosmos server    ${running.cosmos.endpoint}
  Azurite queues   http://127.0.0.1:${ports.queue}/devstoreaccount1

Get a partner token (in another terminal):
  TOKEN=$(npm run -s token -- --tenant ${tenant} --roles AdminAgent,SalesAgent)
${
  emulatorsOnly
    ? `
Run the app with Core Tools against these emulators:
  cp local.settings.example.json local.settings.json && npm run build && func start
`
    : `  curl -H "Authorization: Bearer $TOKEN" http://127.0.0.1:${ports.functions}/api/partner

Walk the whole flow:  npm run demo

Accept an invitation as a test customer, in a browser:
  open its acceptUrl (or the link in a captured email), press "Sign in with Microsoft",
  and on the local sign-in page (${issuerUrl}) pick admin@<the invitation's domain>
  with "Global Administrator" ticked; any other account shows who may accept instead.
`
}Stop with Ctrl-C.
`);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping…`);
    await running.close();
    console.log('Stopped.');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error('The local stack could not start:', error);
  process.exit(1);
});
