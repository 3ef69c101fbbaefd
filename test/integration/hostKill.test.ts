import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  endpointsOf,
  LOCAL_AUDIENCE,
  startEmulators,
  type LocalEmulators,
} from '../../local/localStack';
import { mintDevToken, tenantIdForDomain } from '../../local/servers/devTokenIssuer';
import { writeStackFile } from '../../local/stackFile';
import { GLOBAL_ADMINISTRATOR_ROLE_ID } from '../../shared/domain/acceptanceEligibility';
import { customerBody, MCA_SIGNER, PROFILE_DE } from './support/testStack';

/**
 * The functions host killed (SIGKILL) in the middle of a burst of email dispatches,
 * activations and webhook deliveries, then started again against the same emulators — as
 * `npm run emulators` + `npm run host` run them. Nothing may be lost; state changes happen once.
 * The host runs from the compiled app, as `npm run host` does.
 */
const projectRoot = join(__dirname, '..', '..');
const BURST = 30;

let emulators: LocalEmulators;
let stackFile: string;
let host: ChildProcess | undefined;
let apiUrl: string;
let functionsPort: number;
let receiver: Server;
let receiverUrl: string;
const deliveries: Array<{ id: string; type: string }> = [];

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function startHost(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['dist/local/start.js', '--host-only'], {
    cwd: projectRoot,
    env: {
      ...process.env,
      LOCAL_STACK_FILE: stackFile,
      FUNCTIONS_PORT: String(functionsPort),
      // Work a killed host had received comes back after this lease (Azure's is 10 minutes).
      LOCAL_QUEUE_LEASE_SECONDS: '2',
    },
    stdio: 'ignore',
  });
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const health = await fetch(`${apiUrl}/health`).catch(() => undefined);
    if (health?.status === 200) {
      return child;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill('SIGKILL');
  throw new Error('The functions host did not start');
}

beforeAll(async () => {
  // The host runs what `npm run host` runs: tsc's dist/ for the host, the deployed bundle
  // (package.json `main`) for the functions, built the same way when stale or missing.
  execFileSync(process.execPath, ['tools/buildIfStale.mjs'], { cwd: projectRoot });
  emulators = await startEmulators({
    projectRoot,
    keyFile: join(projectRoot, '.local', 'test-signing-key.json'),
  });
  stackFile = join(tmpdir(), `stack-${randomUUID()}.json`);
  writeStackFile(stackFile, {
    pid: process.pid,
    startedAt: new Date().toISOString(),
    endpoints: endpointsOf(emulators),
  });
  functionsPort = await freePort();
  apiUrl = `http://127.0.0.1:${functionsPort}/api`;
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const event = JSON.parse(body) as { id: string; type: string };
      deliveries.push({ id: event.id, type: event.type });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  host = await startHost();
}, 120_000);

afterAll(async () => {
  host?.kill('SIGKILL');
  await new Promise((resolve) => receiver?.close(resolve));
  await emulators?.close();
});

async function api(path: string, token: string, init: { method?: string; json?: unknown } = {}) {
  const response = await fetch(`${apiUrl}${path}`, {
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

const mint = (tenantId: string, roles: string[], extra: Record<string, unknown> = {}) =>
  mintDevToken(emulators.key, {
    issuerBaseUrl: emulators.issuerUrl,
    tenantId,
    audience: LOCAL_AUDIENCE,
    roles,
    ...extra,
  });

test('a host killed mid-burst loses nothing and changes nothing twice once it is back', async () => {
  const partnerToken = await mint(randomUUID(), ['AdminAgent', 'SalesAgent']);
  expect((await api('/partner', partnerToken, { method: 'PUT', json: PROFILE_DE })).status).toBe(
    201,
  );
  const webhook = await api('/webhooks', partnerToken, {
    method: 'POST',
    json: { url: receiverUrl, events: ['relationship.activated'] },
  });
  expect(webhook.status).toBe(201);

  const toSend: Array<{ id: string; email: string }> = [];
  const toAccept: Array<{ id: string; acceptUrl: string; domain: string }> = [];
  for (let i = 0; i < BURST * 2; i++) {
    const body = customerBody();
    const created = await api('/invitations', partnerToken, { method: 'POST', json: body });
    expect(created.status).toBe(201);
    if (i % 2 === 0) {
      toSend.push({ id: created.body.id, email: body.customer.email });
    } else {
      toAccept.push({
        id: created.body.id,
        acceptUrl: created.body.acceptUrl,
        domain: body.customer.domain,
      });
    }
  }
  const acceptOne = async (invitation: (typeof toAccept)[number]) => {
    const token = await mint(tenantIdForDomain(invitation.domain), [], {
      preferredUsername: `admin@${invitation.domain}`,
      directoryRoles: [GLOBAL_ADMINISTRATOR_ROLE_ID],
    });
    const path = `/accept/${invitation.acceptUrl.split('/').pop()}`;
    return api(path, token, { method: 'POST', json: MCA_SIGNER });
  };
  // Every request is answered before the kill: what is in flight is queue work.
  const answers = await Promise.all([
    ...toSend.map((invitation) =>
      api(`/invitations/${invitation.id}/send`, partnerToken, { method: 'POST' }),
    ),
    ...toAccept.map(acceptOne),
  ]);
  expect(answers.map((a) => a.status).sort()).toEqual(
    [...Array(BURST).fill(202), ...Array(BURST).fill(303)].sort(),
  );

  host!.kill('SIGKILL');
  await new Promise((resolve) => host!.once('exit', resolve));
  host = await startHost();

  const settled = async () => {
    const list = await api('/invitations?limit=100', partnerToken);
    const byId = new Map<string, string>(
      list.body.items.map((i: { id: string; status: string }) => [i.id, i.status]),
    );
    return (
      toSend.every((i) => byId.get(i.id) === 'sent') &&
      toAccept.every((i) => byId.get(i.id) === 'active')
    );
  };
  const deadline = Date.now() + 90_000;
  while (!(await settled()) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  expect(await settled()).toBe(true);

  // Emails: none lost. A kill between SendGrid's acceptance and the status write sends that
  // one email again (SendGrid has no idempotency key); the figure is printed, not hidden.
  const mails = emulators.sendgrid.messages();
  const perInvitation = toSend.map((i) => mails.filter((m) => m.to.includes(i.email)).length);
  expect(perInvitation.every((count) => count >= 1)).toBe(true);
  process.stdout.write(
    `host kill: ${perInvitation.filter((c) => c > 1).length} of ${BURST} emails sent twice\n`,
  );

  // State changes happened once: one `sent` and one `active` each, one relationship each.
  for (const invitation of [...toSend, ...toAccept]) {
    const one = await api(`/invitations/${invitation.id}`, partnerToken);
    const moves = one.body.history.map((h: { to: string }) => h.to);
    expect(moves.filter((to: string) => to === 'sent' || to === 'active')).toHaveLength(1);
  }
  const customers = await api('/customers?limit=100', partnerToken);
  expect(customers.body.items).toHaveLength(BURST);

  // Webhook deliveries: every activation event arrives; a repeat carries the same id.
  const deliveryDeadline = Date.now() + 30_000;
  while (new Set(deliveries.map((d) => d.id)).size < BURST && Date.now() < deliveryDeadline) {
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  expect(new Set(deliveries.map((d) => d.id)).size).toBe(BURST);
  expect(deliveries.every((d) => d.type === 'relationship.activated')).toBe(true);
}, 180_000);
