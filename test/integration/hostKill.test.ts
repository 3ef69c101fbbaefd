import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CosmosClient } from '@azure/cosmos';
import {
  endpointsOf,
  LOCAL_AUDIENCE,
  LOCAL_CONTAINER,
  LOCAL_DATABASE,
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
/** Work a killed host had received comes back after this lease (Azure's is 10 minutes). */
const LEASE_SECONDS = 2;
/**
 * The stuck-work timer, shortened as STUCK_WORK_SCHEDULE / STUCK_WORK_AFTER_SECONDS allow (in
 * Azure every minute and 120 s): a state written just before the kill is queued again at most
 * STUCK_AFTER_SECONDS + one timer period after it was written.
 */
const STUCK_AFTER_SECONDS = 3;
const STUCK_TIMER_PERIOD_SECONDS = 1;
/** The bound the README states, scaled to these settings, plus time to do the work itself. */
const STUCK_BOUND_MS = (LEASE_SECONDS + STUCK_AFTER_SECONDS + STUCK_TIMER_PERIOD_SECONDS) * 1000;
const WORK_MS = 30_000;

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
      LOCAL_QUEUE_LEASE_SECONDS: String(LEASE_SECONDS),
      STUCK_WORK_SCHEDULE: `*/${STUCK_TIMER_PERIOD_SECONDS} * * * * *`,
      STUCK_WORK_AFTER_SECONDS: String(STUCK_AFTER_SECONDS),
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

/** How many of the partner's invitations rest in `sending` or `accepted`, read from Cosmos. */
async function restingInvitations(partnerToken: string): Promise<number> {
  const { tid } = JSON.parse(Buffer.from(partnerToken.split('.')[1]!, 'base64url').toString()) as {
    tid: string;
  };
  const client = new CosmosClient({
    endpoint: emulators.cosmos.endpoint,
    key: emulators.cosmos.key,
    connectionPolicy: { enableEndpointDiscovery: false },
  });
  try {
    const { resources } = await client
      .database(LOCAL_DATABASE)
      .container(LOCAL_CONTAINER)
      .items.query<number>({
        query:
          "SELECT VALUE COUNT(1) FROM c WHERE c.pk = @pk AND c.type = 'invitation' AND c.status IN ('sending', 'accepted')",
        parameters: [{ name: '@pk', value: `partner:${tid}` }],
      })
      .fetchAll();
    return resources[0] ?? 0;
  } finally {
    client.dispose();
  }
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

test('a host killed while requests are in flight leaves nothing stuck once the lease and the stuck-work bound have passed', async () => {
  const partnerToken = await mint(randomUUID(), ['AdminAgent', 'SalesAgent']);
  expect((await api('/partner', partnerToken, { method: 'PUT', json: PROFILE_DE })).status).toBe(
    201,
  );
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
  const acceptTokens = await Promise.all(
    toAccept.map((invitation) =>
      mint(tenantIdForDomain(invitation.domain), [], {
        preferredUsername: `admin@${invitation.domain}`,
        directoryRoles: [GLOBAL_ADMINISTRATOR_ROLE_ID],
      }),
    ),
  );
  // The kill comes once a few acceptances are answered (they are the slower requests): the rest
  // are cut off, some of them between their state write and their queue message.
  let acceptancesAnswered = 0;
  let killed!: () => void;
  const killNow = new Promise<void>((resolve) => (killed = resolve));
  const requests = [
    ...toSend.map((invitation) =>
      api(`/invitations/${invitation.id}/send`, partnerToken, { method: 'POST' }),
    ),
    ...toAccept.map((invitation, i) =>
      api(`/accept/${invitation.acceptUrl.split('/').pop()}`, acceptTokens[i]!, {
        method: 'POST',
        json: MCA_SIGNER,
      }).finally(() => {
        acceptancesAnswered += 1;
        if (acceptancesAnswered === 3) killed();
      }),
    ),
  ];
  await killNow;
  host!.kill('SIGKILL');
  await new Promise((resolve) => host!.once('exit', resolve));
  const outcomes = await Promise.allSettled(requests);
  const cutOff = outcomes.filter((outcome) => outcome.status === 'rejected').length;
  // What the dead host left resting, read from the store before a host runs again.
  const resting = await restingInvitations(partnerToken);
  host = await startHost();
  const restartedAt = Date.now();

  // Nothing may rest in `sending` or `accepted`: each is `sent`/`active`, or still `draft` when
  // its request was cut off before it wrote anything (the caller saw the connection fail).
  const statuses = async () => {
    const list = await api('/invitations?limit=100', partnerToken);
    return new Map<string, string>(
      list.body.items.map((i: { id: string; status: string }) => [i.id, i.status]),
    );
  };
  const stuck = (byId: Map<string, string>) =>
    [...toSend, ...toAccept].filter((i) => ['sending', 'accepted'].includes(byId.get(i.id)!));
  while (
    stuck(await statuses()).length > 0 &&
    Date.now() - restartedAt < STUCK_BOUND_MS + WORK_MS
  ) {
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const byId = await statuses();
  expect(stuck(byId)).toEqual([]);
  expect(toSend.every((i) => ['sent', 'draft'].includes(byId.get(i.id)!))).toBe(true);
  expect(toAccept.every((i) => ['active', 'draft'].includes(byId.get(i.id)!))).toBe(true);
  const mails = emulators.sendgrid.messages();
  for (const invitation of toSend.filter((i) => byId.get(i.id) === 'sent')) {
    expect(mails.filter((m) => m.to.includes(invitation.email)).length).toBeGreaterThanOrEqual(1);
  }
  const customers = await api('/customers?limit=100', partnerToken);
  expect(customers.body.items).toHaveLength(
    toAccept.filter((i) => byId.get(i.id) === 'active').length,
  );
  process.stdout.write(
    `host kill in flight: ${cutOff} of ${BURST * 2} requests cut off, ${resting} left in ` +
      `sending or accepted; after restart ` +
      `${toSend.filter((i) => byId.get(i.id) === 'sent').length} sent, ` +
      `${toAccept.filter((i) => byId.get(i.id) === 'active').length} active\n`,
  );
}, 180_000);
