import { rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { findProjectRoot } from './projectRoot';
import {
  endpointsOf,
  startEmulators,
  startFunctionsHost,
  startLocalStack,
  type EmulatorEndpoints,
} from './localStack';
import { readStackFile, stackFilePath, writeStackFile } from './stackFile';

/**
 * `npm start`: the whole system on loopback, on the well-known local ports, until Ctrl-C.
 * `npm run emulators` starts only the stand-ins; `npm run host` then runs the functions host
 * alone against them (it can be stopped, killed and restarted while the data stays), or
 * `func start` does where Core Tools exist.
 * FUNCTIONS_PORT, CONSOLE_PORT, ISSUER_PORT, SENDGRID_PORT, QUEUE_PORT, COSMOS_PORT, MICROSOFT_PORT
 * and MANAGED_IDENTITY_PORT move
 * the ports; each
 * mode writes where it runs to `.local/stack.json` for the other tools. The emulators keep their
 * data in `.local/data` (LOCAL_DATA_DIR moves it) across restarts; `--fresh` deletes it first
 * and starts empty.
 */
type Mode = 'all' | 'emulators' | 'host';

const TENANT = '11111111-2222-3333-4444-555555555555';

async function main(): Promise<void> {
  const projectRoot = findProjectRoot(__dirname);
  const port = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
  const ports = {
    functions: port('FUNCTIONS_PORT', 7071),
    issuer: port('ISSUER_PORT', 7072),
    sendgrid: port('SENDGRID_PORT', 7073),
    queue: port('QUEUE_PORT', 10001),
    blob: port('BLOB_PORT', 10000),
    cosmos: port('COSMOS_PORT', 8081),
    microsoft: port('MICROSOFT_PORT', 7075),
    managedIdentity: port('MANAGED_IDENTITY_PORT', 7076),
  };
  // The built console (npm start's build), served apart from the API as Azure hosts it.
  const consoleOptions = {
    console: { distDir: join(projectRoot, 'dist', 'console'), port: port('CONSOLE_PORT', 7074) },
  };
  const mode: Mode = process.argv.includes('--emulators-only')
    ? 'emulators'
    : process.argv.includes('--host-only')
      ? 'host'
      : 'all';
  const stackFile = stackFilePath(projectRoot);
  const dataDir = process.env.LOCAL_DATA_DIR ?? join(projectRoot, '.local', 'data');
  const fresh = process.argv.includes('--fresh');
  if (fresh && mode !== 'host') {
    rmSync(dataDir, { recursive: true, force: true });
  }
  let endpoints: EmulatorEndpoints;
  let functionsUrl: string | undefined;
  let consoleUrl: string | undefined;
  let close: () => Promise<void>;
  if (mode === 'emulators') {
    const emulators = await startEmulators({ projectRoot, ports, dataDir, blobStorage: true });
    endpoints = endpointsOf(emulators);
    close = () => emulators.close();
  } else if (mode === 'host') {
    endpoints = readStackFile(stackFile).endpoints;
    const lease = process.env.LOCAL_QUEUE_LEASE_SECONDS;
    const host = await startFunctionsHost({
      projectRoot,
      endpoints,
      port: ports.functions,
      ...consoleOptions,
      ...(lease === undefined ? {} : { messageLeaseSeconds: Number(lease) }),
      settings: stuckWorkOverrides(),
    });
    functionsUrl = host.functionsUrl;
    consoleUrl = host.consoleUrl;
    close = () => host.close();
  } else {
    const stack = await startLocalStack({
      projectRoot,
      ports,
      dataDir,
      blobStorage: true,
      ...consoleOptions,
    });
    endpoints = stack.endpoints;
    functionsUrl = stack.functionsUrl;
    consoleUrl = stack.consoleUrl;
    close = () => stack.close();
  }
  writeStackFile(stackFile, {
    pid: process.pid,
    startedAt: new Date().toISOString(),
    endpoints,
    ...(functionsUrl === undefined ? {} : { functionsUrl }),
  });
  const data =
    mode === 'host'
      ? 'Data: kept by the emulators.'
      : `Data: kept in ${relative(process.cwd(), dataDir) || dataDir} across restarts` +
        (fresh ? ' (started empty: --fresh).' : '; `npm start -- --fresh` starts empty.');
  console.log(banner(mode, endpoints, functionsUrl, consoleUrl, ports, data));

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping…`);
    await close();
    console.log('Stopped.');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

/** The stuck-work timer's settings from the environment, for a test that cannot wait minutes. */
function stuckWorkOverrides(): Record<string, string> {
  return Object.fromEntries(
    ['STUCK_WORK_SCHEDULE', 'STUCK_WORK_AFTER_SECONDS'].flatMap((name) => {
      const value = process.env[name];
      return value === undefined ? [] : [[name, value]];
    }),
  );
}

function banner(
  mode: Mode,
  endpoints: EmulatorEndpoints,
  functionsUrl: string | undefined,
  consoleUrl: string | undefined,
  { queue: queuePort, blob: blobPort }: { queue: number; blob: number },
  data: string,
): string {
  const what = { all: 'stack is', emulators: 'emulators are', host: 'functions host is' }[mode];
  const api =
    functionsUrl === undefined
      ? ''
      : `\n  Partner console  ${consoleUrl}   (sign in with any test account; tick AdminAgent)
  API              ${functionsUrl}/api   (health: /api/health, contract: /api/openapi.yaml)`;
  const emulators =
    mode === 'host'
      ? `  (emulators from ${stackFilePath(findProjectRoot(__dirname))})`
      : `  Captured email   ${endpoints.sendgridUrl}/messages
  Token issuer     ${endpoints.issuerUrl}   (sign-in page and JWKS)
  Cosmos server    ${endpoints.cosmosEndpoint}
  Microsoft        ${endpoints.microsoftUrl}   (Graph GDAP, admin consent, admin center; local/microsoft)
  Azurite queues   http://127.0.0.1:${queuePort}/devstoreaccount1
  Azurite blobs    http://127.0.0.1:${blobPort}/devstoreaccount1   (the audit archive)`;
  const next =
    mode === 'emulators'
      ? `
Run the functions host against these emulators (in another terminal; stop, kill and restart
it as often as you like — the data stays):
  npm run host
Or, where Core Tools exist:
  cp local.settings.example.json local.settings.json && npm run build && func start
`
      : `
Get a partner token (in another terminal):
  TOKEN=$(npm run -s token -- --tenant ${TENANT} --roles AdminAgent,SalesAgent)
  curl -H "Authorization: Bearer $TOKEN" ${functionsUrl}/api/partner

Walk the whole flow:  npm run demo

Accept an invitation as a test customer, in a browser:
  open its acceptUrl (or the link in a captured email), press "Sign in with Microsoft",
  and on the local sign-in page (${endpoints.issuerUrl}) pick admin@<the invitation's domain>
  with "Global Administrator" ticked; any other account shows who may accept instead.
`;
  return `
Reseller invitations — local ${what} up (loopback only)
${api}
${emulators}
${next}
${data}
Stop with Ctrl-C.
`;
}

main().catch((error: unknown) => {
  console.error('The local stack could not start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
