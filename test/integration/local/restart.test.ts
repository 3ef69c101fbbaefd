import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultDevSigningKeyFile, loadOrCreateDevSigningKey } from '../../../local/devSigningKey';
import { LOCAL_AUDIENCE } from '../../../local/localStack';
import { mintDevToken, tenantIdForDomain } from '../../../local/servers/devTokenIssuer';
import { readStackFile } from '../../../local/stackFile';
import { GLOBAL_ADMINISTRATOR_ROLE_ID } from '../../../shared/domain/acceptanceEligibility';
import { customerBody, MCA_SIGNER, PROFILE_DE } from '../support/testStack';

/**
 * `npm start` keeps its data in `.local/data` (here a temporary LOCAL_DATA_DIR): a partner's
 * profile, an invitation and a customer survive the stack being stopped with Ctrl-C (SIGINT) or
 * killed (SIGKILL) and started again; `--fresh` starts empty. Runs the compiled start script,
 * as `npm start` does, on free ports.
 */
const projectRoot = join(__dirname, '..', '..', '..');

let dataDir: string;
let stackFile: string;
let running: ChildProcess | undefined;

beforeAll(() => {
  execFileSync(process.execPath, ['tools/buildIfStale.mjs'], { cwd: projectRoot });
  const scratch = mkdtempSync(join(tmpdir(), 'restart-'));
  dataDir = join(scratch, 'data');
  stackFile = join(scratch, 'stack.json');
}, 120_000);

afterAll(() => {
  running?.kill('SIGKILL');
  rmSync(join(dataDir, '..'), { recursive: true, force: true });
});

interface Started {
  readonly process: ChildProcess;
  readonly apiUrl: string;
  readonly issuerUrl: string;
  readonly output: () => string;
}

async function start(...args: string[]): Promise<Started> {
  rmSync(stackFile, { force: true });
  const ports = ['FUNCTIONS', 'CONSOLE', 'ISSUER', 'SENDGRID', 'QUEUE', 'BLOB', 'COSMOS'];
  const child = spawn(process.execPath, ['dist/local/start.js', ...args], {
    cwd: projectRoot,
    env: {
      ...process.env,
      LOCAL_DATA_DIR: dataDir,
      LOCAL_STACK_FILE: stackFile,
      ...Object.fromEntries(ports.map((name) => [`${name}_PORT`, '0'])),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running = child;
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (existsSync(stackFile) && output.includes('Stop with Ctrl-C')) {
      const { functionsUrl, endpoints } = readStackFile(stackFile);
      return {
        process: child,
        apiUrl: `${functionsUrl}/api`,
        issuerUrl: endpoints.issuerUrl,
        output: () => output,
      };
    }
    if (child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`npm start did not come up:\n${output}`);
}

/** Stops the stack with `signal` and waits until it and its emulators have let go of their ports. */
async function stop(stack: Started, signal: NodeJS.Signals): Promise<void> {
  const { endpoints } = readStackFile(stackFile);
  const exited = new Promise((resolve) => stack.process.once('exit', resolve));
  stack.process.kill(signal);
  await exited;
  // After a SIGKILL the emulators' processes notice on their own and save before they go.
  const ports = [new URL(endpoints.cosmosEndpoint).port, new URL(endpoints.sendgridUrl).port];
  const queuePort = /QueueEndpoint=http:\/\/[^:]+:(\d+)/.exec(endpoints.queueConnectionString)?.[1];
  for (const port of [...ports, queuePort!]) {
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline && (await listening(Number(port)))) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function call(
  stack: Started,
  path: string,
  token: string,
  init: { method?: string; json?: unknown } = {},
) {
  const response = await fetch(`${stack.apiUrl}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      Authorization: `Bearer ${token}`,
      Accept: 'application/json',
      ...(init.json === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    redirect: 'manual',
    ...(init.json === undefined ? {} : { body: JSON.stringify(init.json) }),
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? undefined : JSON.parse(text) };
}

async function tokens(stack: Started, partnerTenantId: string, customerDomain: string) {
  const key = await loadOrCreateDevSigningKey(defaultDevSigningKeyFile(projectRoot));
  const mint = (tenantId: string, roles: string[], extra: Record<string, unknown> = {}) =>
    mintDevToken(key, {
      issuerBaseUrl: stack.issuerUrl,
      tenantId,
      audience: LOCAL_AUDIENCE,
      roles,
      ...extra,
    });
  return {
    partner: await mint(partnerTenantId, ['AdminAgent', 'SalesAgent']),
    customerAdmin: await mint(tenantIdForDomain(customerDomain), [], {
      preferredUsername: `admin@${customerDomain}`,
      directoryRoles: [GLOBAL_ADMINISTRATOR_ROLE_ID],
    }),
  };
}

test('a partner profile, an invitation and a customer survive npm start stopped (SIGINT) or killed (SIGKILL) and started again; --fresh starts empty', async () => {
  const partnerTenantId = randomUUID();
  const invited = customerBody();
  const domain = invited.customer.domain;

  let stack = await start();
  expect(stack.output()).toContain(`Data: kept in`);
  let auth = await tokens(stack, partnerTenantId, domain);
  expect(
    (await call(stack, '/partner', auth.partner, { method: 'PUT', json: PROFILE_DE })).status,
  ).toBe(201);
  const created = await call(stack, '/invitations', auth.partner, {
    method: 'POST',
    json: invited,
  });
  expect(created.status).toBe(201);
  // A second invitation, not yet accepted, to see a draft survive too.
  const draft = await call(stack, '/invitations', auth.partner, {
    method: 'POST',
    json: customerBody(),
  });
  const accepted = await call(
    stack,
    `/accept/${String(created.body.acceptUrl).split('/').pop()}`,
    auth.customerAdmin,
    { method: 'POST', json: MCA_SIGNER },
  );
  expect(accepted.status).toBe(303);
  const deadline = Date.now() + 30_000;
  let customers = await call(stack, '/customers', auth.partner);
  while (customers.body.items.length === 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    customers = await call(stack, '/customers', auth.partner);
  }
  expect(customers.body.items).toHaveLength(1);
  const customerId = customers.body.items[0].id as string;

  const expectSurvived = async (after: string) => {
    auth = await tokens(stack, partnerTenantId, domain);
    const profile = await call(stack, '/partner', auth.partner);
    expect({ after, status: profile.status, name: profile.body?.displayName }).toEqual({
      after,
      status: 200,
      name: PROFILE_DE.displayName,
    });
    const invitation = await call(stack, `/invitations/${created.body.id}`, auth.partner);
    expect({ after, status: invitation.body?.status }).toEqual({ after, status: 'active' });
    const other = await call(stack, `/invitations/${draft.body.id}`, auth.partner);
    expect({ after, status: other.body?.status }).toEqual({ after, status: 'draft' });
    const customer = await call(stack, `/customers/${customerId}`, auth.partner);
    expect({ after, status: customer.status, domain: customer.body?.domain }).toEqual({
      after,
      status: 200,
      domain,
    });
  };

  await stop(stack, 'SIGINT');
  stack = await start();
  await expectSurvived('SIGINT');

  await stop(stack, 'SIGKILL');
  stack = await start();
  await expectSurvived('SIGKILL');

  await stop(stack, 'SIGINT');
  stack = await start('--fresh');
  expect(stack.output()).toContain('started empty: --fresh');
  auth = await tokens(stack, partnerTenantId, domain);
  expect((await call(stack, '/partner', auth.partner)).status).toBe(404);
  await stop(stack, 'SIGINT');
}, 240_000);
