import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GLOBAL_ADMINISTRATOR_ROLE_ID } from '../shared/domain/acceptanceEligibility';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { findProjectRoot } from '../local/projectRoot';
import { tenantIdForDomain } from '../local/servers/devTokenIssuer';
import { readStackFile, stackFilePath } from '../local/stackFile';
import type { CapturedMail } from '../local/servers/sendgridCapture';

/**
 * `npm run demo`: walks the whole invitation flow against the running local stack (`npm start`)
 * with plain HTTP calls, as a partner's tool and a customer's browser would make them, and prints
 * each step: from the invitation to the customer on the partner's Customers list, then what
 * follows activation (support contact, the customer's admin removing and giving back delegated
 * admin, the audit log) and the signed webhook deliveries a receiver in this process got. Every
 * run uses a new partner tenant, customer domain and customer tenant, so it can be rerun against
 * the same stack.
 */

interface DemoUrls {
  readonly api: string;
  readonly issuer: string;
  readonly mail: string;
}

interface Reply {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  // The demo reads the API's JSON loosely; the OpenAPI document and the tests pin its shapes.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly body: any;
}

interface CallInit {
  readonly method?: string;
  readonly token?: string;
  readonly json?: unknown;
  readonly headers?: Record<string, string>;
}

interface Partner {
  readonly tenantId: string;
  readonly token: string;
}

interface Invitation {
  readonly id: string;
  readonly customerId: string;
  readonly customerEmail: string;
  readonly customerDomain: string;
  readonly acceptUrl: string;
  readonly etag: string;
}

interface CustomerAdmin {
  readonly tenantId: string;
  readonly token: string;
}

/** A request as the receiver got it: signatures are checked on the raw body, byte for byte. */
interface ReceivedDelivery {
  readonly eventType: string;
  readonly eventId: string;
  /** The Standard Webhooks headers (`webhook-id`, `webhook-timestamp`, `webhook-signature`). */
  readonly headers: Record<string, string>;
  readonly body: string;
}

/** The partner's webhook endpoint, served by the demo itself on loopback. */
interface WebhookReceiver {
  readonly url: string;
  readonly deliveries: readonly ReceivedDelivery[];
  close(): Promise<void>;
}

interface Webhook {
  readonly id: string;
  readonly secret: string;
}

/** What the webhook registered below subscribes to, and so what the demo waits for. */
const WEBHOOK_EVENTS = [
  'relationship.accepted',
  'relationship.activated',
  'delegatedAdmin.removed',
] as const;

/** A step that did not go as the flow expects; main prints it and exits 1. */
class DemoError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DemoError';
  }
}

const POLL_TIMEOUT_MS = Number(process.env.DEMO_TIMEOUT_MS ?? 30_000);
const POLL_INTERVAL_MS = 250;
const REACHABILITY_TIMEOUT_MS = 3_000;

/**
 * Where the stack runs: what `npm start` wrote to `.local/stack.json` (so moved ports just work),
 * else the well-known ports; DEMO_API_URL, DEMO_ISSUER_URL and DEMO_MAIL_URL override each.
 */
function demoUrls(): DemoUrls {
  let running: { api?: string; issuer?: string; mail?: string } = {};
  try {
    const stack = readStackFile(stackFilePath(findProjectRoot(__dirname)));
    running = {
      ...(stack.functionsUrl === undefined ? {} : { api: stack.functionsUrl }),
      issuer: stack.endpoints.issuerUrl,
      mail: stack.endpoints.sendgridUrl,
    };
  } catch {
    // No stack file: the well-known ports.
  }
  const url = (name: string, found: string | undefined, fallback: string) =>
    (process.env[name] ?? found ?? fallback).replace(/\/+$/, '');
  return {
    api: url('DEMO_API_URL', running.api, 'http://127.0.0.1:7071'),
    issuer: url('DEMO_ISSUER_URL', running.issuer, 'http://127.0.0.1:7072'),
    mail: url('DEMO_MAIL_URL', running.mail, 'http://127.0.0.1:7073'),
  };
}

// ---- printing ----

let stepNumber = 0;

function step(title: string): void {
  stepNumber += 1;
  console.log(`\n${stepNumber}. ${title}`);
}

function field(label: string, value: unknown): void {
  console.log(`   ${`${label}:`.padEnd(16)} ${String(value)}`);
}

function block(label: string, text: string): void {
  console.log(`   ${label}:`);
  const lines = text
    .trimEnd()
    .split('\n')
    .flatMap((line) => wrap(line, 92));
  for (const line of lines) {
    console.log(`     | ${line}`);
  }
}

/** Breaks a paragraph at spaces so long email lines stay readable in a terminal. */
function wrap(line: string, width: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of line.split(' ')) {
    if (current !== '' && current.length + 1 + word.length > width) {
      lines.push(current);
      current = word;
    } else {
      current = current === '' ? word : `${current} ${word}`;
    }
  }
  return [...lines, current];
}

/** Long URLs and tokens stay on one line but are shortened in the middle. */
function shorten(value: string, max = 120): string {
  return value.length <= max ? value : `${value.slice(0, max - 40)}…${value.slice(-39)}`;
}

// ---- HTTP ----

async function call(url: string, init: CallInit = {}): Promise<Reply> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.token !== undefined) {
    headers.Authorization = `Bearer ${init.token}`;
  }
  if (init.json !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  const response = await fetch(url, {
    method: init.method ?? 'GET',
    headers,
    ...(init.json === undefined ? {} : { body: JSON.stringify(init.json) }),
    redirect: 'manual',
  });
  const text = await response.text();
  const isJson = /json/i.test(response.headers.get('content-type') ?? '') && text !== '';
  return {
    status: response.status,
    headers: response.headers,
    text,
    body: isJson ? JSON.parse(text) : undefined,
  };
}

/** Refuses an unexpected status, quoting the problem+json the API sent. */
function expectStatus(reply: Reply, expected: number, what: string): void {
  if (reply.status === expected) {
    return;
  }
  const problem =
    reply.body?.code !== undefined
      ? `${reply.body.code}: ${reply.body.detail ?? reply.body.title}`
      : reply.text.slice(0, 300);
  throw new DemoError(`${what}: expected HTTP ${expected}, got ${reply.status} (${problem})`);
}

function header(reply: Reply, name: string): string {
  const value = reply.headers.get(name);
  if (value === null) {
    throw new DemoError(`The response has no ${name} header.`);
  }
  return value;
}

async function poll<T>(
  what: string,
  attempt: () => Promise<T | undefined>,
  describeLast: () => string,
): Promise<T> {
  const deadline = Date.now() + POLL_TIMEOUT_MS;
  for (;;) {
    const result = await attempt();
    if (result !== undefined) {
      return result;
    }
    if (Date.now() >= deadline) {
      throw new DemoError(
        `Timed out after ${POLL_TIMEOUT_MS / 1000} s waiting for ${what} (${describeLast()}). ` +
          'Are the queue functions running? Check the output of `npm start`.',
      );
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
  }
}

// ---- the steps ----

/** The local servers that do not answer; the demo needs every one of them. */
async function unreachableServers(urls: DemoUrls): Promise<string[]> {
  const servers = [
    { name: `API ${urls.api}`, probe: `${urls.api}/api/health` },
    { name: `token issuer ${urls.issuer}`, probe: `${urls.issuer}/token` },
    { name: `mail capture ${urls.mail}`, probe: `${urls.mail}/messages` },
  ];
  const answers = await Promise.all(
    servers.map(({ probe }) =>
      fetch(probe, { signal: AbortSignal.timeout(REACHABILITY_TIMEOUT_MS) }).then(
        () => true,
        () => false,
      ),
    ),
  );
  return servers.filter((_, index) => !answers[index]).map(({ name }) => name);
}

async function checkHealth(urls: DemoUrls): Promise<void> {
  step('Health of the running stack');
  const reply = await call(`${urls.api}/api/health`);
  field('GET /api/health', `${reply.status} ${reply.body?.status}`);
  for (const check of reply.body?.checks ?? []) {
    field(`  ${check.name}`, `${check.status} (${check.latencyMs} ms)`);
  }
  expectStatus(reply, 200, 'Health check');
}

async function signInPartner(urls: DemoUrls): Promise<Partner> {
  step('Partner signs in (local token issuer, POST /token)');
  const tenantId = randomUUID();
  const reply = await call(`${urls.issuer}/token`, {
    method: 'POST',
    json: { tenantId, roles: ['AdminAgent', 'SalesAgent'], name: 'Demo Admin Agent' },
  });
  expectStatus(reply, 200, 'Token request');
  field('tenant (tid)', tenantId);
  field('roles', 'AdminAgent, SalesAgent');
  field('access token', shorten(reply.body.access_token, 60));
  return { tenantId, token: reply.body.access_token };
}

/** Returns the MPN id saved, which the support contact names below. */
async function savePartnerProfile(urls: DemoUrls, partner: Partner): Promise<string> {
  step('Partner profile (PUT /api/partner)');
  const profile = {
    displayName: 'Contoso Cloud Partner GmbH',
    country: 'DE',
    cloud: 'public',
    mpnId: String(1_000_000 + Math.floor(Math.random() * 8_999_999)),
  };
  const reply = await call(`${urls.api}/api/partner`, {
    method: 'PUT',
    token: partner.token,
    json: profile,
  });
  expectStatus(reply, 201, 'Saving the partner profile');
  field('status', `${reply.status} (created)`);
  field('partner', `${reply.body.displayName}, ${reply.body.country}, ${reply.body.cloud} cloud`);
  field('MPN id', reply.body.mpnId);
  return reply.body.mpnId;
}

/** Answers 204 at once and keeps each request for later, as the webhook docs ask receivers to. */
async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const deliveries: ReceivedDelivery[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const headerOf = (name: string) => {
        const value = request.headers[name];
        return Array.isArray(value) ? value.join(',') : value;
      };
      deliveries.push({
        eventType: headerOf('x-webhook-event-type') ?? '(no event type)',
        eventId: headerOf('webhook-id') ?? '(no id)',
        headers: Object.fromEntries(
          ['webhook-id', 'webhook-timestamp', 'webhook-signature'].map((name) => [
            name,
            headerOf(name) ?? '',
          ]),
        ),
        body: Buffer.concat(chunks).toString('utf8'),
      });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/reseller`,
    deliveries,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function registerWebhook(
  urls: DemoUrls,
  partner: Partner,
  receiver: WebhookReceiver,
): Promise<Webhook> {
  step('Register a webhook on a receiver in this process (POST /api/webhooks)');
  const reply = await call(`${urls.api}/api/webhooks`, {
    method: 'POST',
    token: partner.token,
    json: { url: receiver.url, events: WEBHOOK_EVENTS },
  });
  expectStatus(reply, 201, 'Registering the webhook');
  field('status', `${reply.status}, webhook is ${reply.body.status}`);
  field('Location', header(reply, 'location'));
  field('url', reply.body.url);
  field('events', (reply.body.events as string[]).join(', '));
  field('secret', `${reply.body.secret.slice(0, 10)}… (shown only once; kept for verifying)`);
  return { id: reply.body.id, secret: reply.body.secret };
}

async function createInvitation(urls: DemoUrls, partner: Partner): Promise<Invitation> {
  step('Invite a customer in France, with delegated admin (POST /api/invitations)');
  const suffix = randomUUID().slice(0, 8);
  const reply = await call(`${urls.api}/api/invitations`, {
    method: 'POST',
    token: partner.token,
    headers: { 'Idempotency-Key': `demo-${randomUUID()}` },
    json: {
      customer: {
        email: `admin@fabrikam-${suffix}.example`,
        companyName: `Fabrikam ${suffix} SAS`,
        domain: `fabrikam-${suffix}.onmicrosoft.com`,
        country: 'FR',
      },
      includeDelegatedAdmin: true,
      locale: 'de-DE',
    },
  });
  expectStatus(reply, 201, 'Creating the invitation');
  const body = reply.body;
  field('status', `${reply.status}, invitation is ${body.status}`);
  field('Location', header(reply, 'location'));
  field('expires', body.expiresAt);
  field('subject', body.draft.subject);
  block('text', body.draft.text);
  field('acceptUrl', body.acceptUrl);
  field('mailtoUrl', `${shorten(body.mailtoUrl)} (${body.mailtoUrl.length} chars)`);
  return {
    id: body.id,
    customerId: body.customerId,
    customerEmail: body.customer.email,
    customerDomain: body.customer.domain,
    acceptUrl: body.acceptUrl,
    etag: header(reply, 'etag'),
  };
}

async function tryEditWithoutLink(
  urls: DemoUrls,
  partner: Partner,
  invitation: Invitation,
): Promise<void> {
  step('Edit the draft so that the link is gone (PATCH …/draft): refused');
  const reply = await call(`${urls.api}/api/invitations/${invitation.id}/draft`, {
    method: 'PATCH',
    token: partner.token,
    headers: { 'If-Match': invitation.etag },
    json: { text: 'Hallo, bitte melden Sie sich bei uns. Viele Grüße' },
  });
  expectStatus(reply, 422, 'The edit without the link');
  field('status', `${reply.status} ${reply.body.code}`);
  for (const error of reply.body.errors ?? []) {
    field(`  ${error.field}`, shorten(error.message));
  }
}

async function editDraft(
  urls: DemoUrls,
  partner: Partner,
  invitation: Invitation,
): Promise<Invitation> {
  step('Edit the draft, keeping the link (PATCH …/draft with If-Match)');
  const current = await call(`${urls.api}/api/invitations/${invitation.id}`, {
    token: partner.token,
  });
  expectStatus(current, 200, 'Reading the invitation');
  const note = 'Wie am Telefon besprochen, hier unsere Anfrage.';
  const reply = await call(`${urls.api}/api/invitations/${invitation.id}/draft`, {
    method: 'PATCH',
    token: partner.token,
    headers: { 'If-Match': header(current, 'etag') },
    json: {
      subject: `Persönlich: ${current.body.draft.subject}`,
      text: `${note}\n\n${current.body.draft.text}`,
    },
  });
  expectStatus(reply, 200, 'The edit that keeps the link');
  field('If-Match', header(current, 'etag'));
  field('status', `${reply.status}, new ETag ${header(reply, 'etag')}`);
  field('subject', reply.body.draft.subject);
  field('text starts', reply.body.draft.text.split('\n')[0]);
  return { ...invitation, etag: header(reply, 'etag') };
}

async function sendInvitation(
  urls: DemoUrls,
  partner: Partner,
  invitation: Invitation,
): Promise<void> {
  step('Send it (POST …/send)');
  const reply = await call(`${urls.api}/api/invitations/${invitation.id}/send`, {
    method: 'POST',
    token: partner.token,
  });
  expectStatus(reply, 202, 'Sending the invitation');
  field(
    'status',
    `${reply.status}, invitation is ${reply.body.status}, queued: ${reply.body.queued}`,
  );
}

async function waitForStatus(
  urls: DemoUrls,
  partner: Partner,
  invitation: Invitation,
  wanted: string,
): Promise<void> {
  step(`Wait until the invitation is ${wanted} (GET /api/invitations/{id})`);
  const started = Date.now();
  let last = 'no answer yet';
  const body = await poll(
    `the invitation to become ${wanted}`,
    async () => {
      const reply = await call(`${urls.api}/api/invitations/${invitation.id}`, {
        token: partner.token,
      });
      expectStatus(reply, 200, 'Reading the invitation');
      last = `it is ${reply.body.status}`;
      return reply.body.status === wanted ? reply.body : undefined;
    },
    () => last,
  );
  field('status', `${body.status} after ${Date.now() - started} ms`);
  const history = body.history as { to: string }[];
  field('history', history.map((entry) => entry.to).join(' → '));
}

async function showCapturedEmail(urls: DemoUrls, invitation: Invitation): Promise<void> {
  step('The email SendGrid received (capture endpoint, GET /messages)');
  const mail = await poll(
    'the captured email',
    async () => {
      const reply = await call(
        `${urls.mail}/messages?to=${encodeURIComponent(invitation.customerEmail)}`,
      );
      expectStatus(reply, 200, 'Reading captured mail');
      const mails = reply.body as CapturedMail[];
      return mails.find((m) => m.customArgs.invitationId === invitation.id);
    },
    () => `no message to ${invitation.customerEmail} yet`,
  );
  field('to', mail.to.join(', '));
  field('subject', mail.subject);
  const link = /https?:\/\/\S+\/api\/accept\/[A-Za-z0-9_-]+/.exec(mail.text ?? '')?.[0];
  field('link in text', link ?? '(none)');
  field('link in HTML', mail.html?.includes(`href="${invitation.acceptUrl}"`) ? 'yes' : 'no');
  if (link !== invitation.acceptUrl) {
    throw new DemoError('The email does not carry the invitation link.');
  }
}

async function openLink(invitation: Invitation): Promise<void> {
  step('Customer opens the link (GET /api/accept/{token}, Accept: application/json)');
  const reply = await call(invitation.acceptUrl, { headers: { Accept: 'application/json' } });
  expectStatus(reply, 200, 'Opening the link');
  const body = reply.body;
  field('state', body.state);
  field('partner', `${body.partner.displayName} (${body.partner.tenantId})`);
  field('customer', `${body.customer.companyName}, ${body.customer.domain}`);
  field('DAP requested', body.includeDelegatedAdmin);
  field('mcaRequired', body.mcaRequired);
  field('agreement', `${body.agreement.type}, template ${body.agreement.templateId}`);
}

async function acceptWithMca(invitation: Invitation, admin: CustomerAdmin): Promise<void> {
  step('The Global Administrator accepts the MCA and the request (POST /api/accept/{token})');
  const anonymous = await call(invitation.acceptUrl, {
    method: 'POST',
    headers: { Accept: 'application/json' },
    json: {},
  });
  expectStatus(anonymous, 401, 'Accepting without a sign-in');
  field('without a sign-in', `${anonymous.status} ${anonymous.body.code}`);
  const reply = await call(invitation.acceptUrl, {
    method: 'POST',
    token: admin.token,
    headers: { Accept: 'application/json' },
    json: {
      acceptMca: true,
      firstName: 'Camille',
      lastName: 'Durand',
      email: invitation.customerEmail,
      phoneNumber: '+33 1 23 45 67 89',
    },
  });
  expectStatus(reply, 303, 'Accepting');
  field('status', `${reply.status} See Other`);
  field('Location', header(reply, 'location'));
  console.log('   (the customer continues in the Microsoft 365 admin center of the public cloud)');
}

async function showCustomer(
  urls: DemoUrls,
  partner: Partner,
  invitation: Invitation,
): Promise<void> {
  step("The partner's Customers list (GET /api/customers)");
  const reply = await call(`${urls.api}/api/customers`, { token: partner.token });
  expectStatus(reply, 200, 'Listing customers');
  const customer = reply.body.items.find((c: { id: string }) => c.id === invitation.customerId);
  if (customer === undefined) {
    throw new DemoError(`Customer ${invitation.customerId} is not on the Customers list.`);
  }
  field('customers', reply.body.items.length);
  field('company', `${customer.companyName} (${customer.domain}, ${customer.country})`);
  field(
    'relationship',
    `${customer.relationship.status} since ${customer.relationship.activatedAt}`,
  );
  field('DAP', `${customer.delegatedAdmin.state} since ${customer.delegatedAdmin.changedAt}`);
  field('MCA', customer.mca.accepted ? `accepted ${customer.mca.acceptedAt}` : 'not accepted');
  field('customer tenant', customer.tenantId ?? 'not known');
  field('support contact', customer.supportContact?.name ?? 'none');
}

async function assignSupportContact(
  urls: DemoUrls,
  partner: Partner,
  invitation: Invitation,
  mpnId: string,
): Promise<void> {
  step('Assign a support contact (PUT /api/customers/{id}/support-contact)');
  const path = `${urls.api}/api/customers/${invitation.customerId}/support-contact`;
  const assigned = await call(path, {
    method: 'PUT',
    token: partner.token,
    json: { supportTenantId: partner.tenantId, supportMpnId: mpnId, name: 'Jonas Weber' },
  });
  expectStatus(assigned, 200, 'Assigning the support contact');
  const shown = await call(path, { token: partner.token });
  expectStatus(shown, 200, 'Reading the support contact');
  field('status', `${assigned.status} (PUT), read back with GET: ${shown.status}`);
  field('name', shown.body.name);
  field('support tenant', shown.body.supportTenantId);
  field('support MPN id', shown.body.supportMpnId);
  field('assigned', shown.body.assignedAt);
}

async function signInCustomerAdmin(urls: DemoUrls, invitation: Invitation): Promise<CustomerAdmin> {
  step(
    "The customer's Global Administrator signs in (POST /token; a browser uses the sign-in page)",
  );
  // The tenant the local issuer signs the customer's domain in to, as Entra resolves a
  // verified domain to its tenant.
  const tenantId = tenantIdForDomain(invitation.customerDomain);
  const reply = await call(`${urls.issuer}/token`, {
    method: 'POST',
    json: {
      tenantId,
      roles: ['CustomerAdmin'],
      directoryRoles: [GLOBAL_ADMINISTRATOR_ROLE_ID],
      name: 'Camille Durand',
      // Accepting needs a sign-in name in the customer's (verified) domain.
      preferredUsername: `camille.durand@${invitation.customerDomain}`,
    },
  });
  expectStatus(reply, 200, 'Token request');
  field('tenant (tid)', tenantId);
  field('signed in as', `camille.durand@${invitation.customerDomain}`);
  field('directory role', 'Global Administrator (wids)');
  return { tenantId, token: reply.body.access_token };
}

async function listCustomerPartners(urls: DemoUrls, admin: CustomerAdmin): Promise<void> {
  step('The admin lists its partners (GET /api/customer/partners)');
  const reply = await call(`${urls.api}/api/customer/partners`, { token: admin.token });
  expectStatus(reply, 200, 'Listing the partners');
  for (const partner of reply.body.items) {
    field('partner', `${partner.partnerName} (MPN ${partner.mpnId}, ${partner.partnerTenantId})`);
    field(
      '  relationship',
      `${partner.relationship.status} since ${partner.relationship.activatedAt}`,
    );
    field('  DAP', `${partner.delegatedAdmin.state} since ${partner.delegatedAdmin.changedAt}`);
  }
}

/** The customer's admin removes (grant = false) or gives back (grant = true) the partner's DAP. */
async function setDelegatedAdmin(
  urls: DemoUrls,
  admin: CustomerAdmin,
  partner: Partner,
  grant: boolean,
): Promise<void> {
  const method = grant ? 'PUT' : 'DELETE';
  step(
    `The admin ${grant ? 'gives back' : 'removes'} the partner's delegated admin privileges ` +
      `(${method} …/partners/{partnerTenantId}/delegated-admin)`,
  );
  const reply = await call(
    `${urls.api}/api/customer/partners/${partner.tenantId}/delegated-admin`,
    { method, token: admin.token },
  );
  // Only Microsoft grants admin privileges: giving them back is a new GDAP request in Graph,
  // made through the partner's connection, which this demo's partner never made.
  if (grant && reply.status === 409 && reply.body?.code === 'MICROSOFT_NOT_CONNECTED') {
    field('status', `${reply.status} ${reply.body.code}`);
    field('meaning', 'the partner must connect to Microsoft before a GDAP request can be made');
    return;
  }
  expectStatus(reply, 200, grant ? 'Giving DAP back' : 'Removing DAP');
  field('status', reply.status);
  field('relationship', reply.body.relationship.status);
  field('DAP', `${reply.body.delegatedAdmin.state} since ${reply.body.delegatedAdmin.changedAt}`);
  field('in Microsoft', `${reply.body.microsoft.action} ${reply.body.microsoft.url ?? ''}`);
}

async function showPartnerViewOfCustomer(
  urls: DemoUrls,
  partner: Partner,
  invitation: Invitation,
): Promise<void> {
  step("The partner's view of that customer (GET /api/customers/{id})");
  const reply = await call(`${urls.api}/api/customers/${invitation.customerId}`, {
    token: partner.token,
  });
  expectStatus(reply, 200, 'Reading the customer');
  const customer = reply.body;
  field('company', customer.companyName);
  field('relationship', customer.relationship.status);
  field('DAP', `${customer.delegatedAdmin.state} since ${customer.delegatedAdmin.changedAt}`);
  field('support contact', customer.supportContact?.name ?? 'none');
}

async function showAuditLog(urls: DemoUrls, partner: Partner): Promise<void> {
  step("The partner's audit log, newest first (GET /api/audit-events)");
  const reply = await call(`${urls.api}/api/audit-events?limit=100`, { token: partner.token });
  expectStatus(reply, 200, 'Reading the audit log');
  const events = reply.body.items as { at: string; action: string; actor: string }[];
  const width = Math.max(...events.map((event) => event.action.length));
  for (const event of events) {
    console.log(`   ${event.at}  ${event.action.padEnd(width)}  ${event.actor}`);
  }
}

function verifiesWithStandardWebhooks(secret: string, delivery: ReceivedDelivery): boolean {
  try {
    new StandardWebhook(secret).verify(delivery.body, delivery.headers);
    return true;
  } catch {
    return false;
  }
}

async function showWebhookDeliveries(receiver: WebhookReceiver, webhook: Webhook): Promise<void> {
  step('The webhook deliveries the receiver got (verified with the standardwebhooks library)');
  const started = Date.now();
  const missing = () => {
    const received = new Set(receiver.deliveries.map((delivery) => delivery.eventType));
    return WEBHOOK_EVENTS.filter((event) => !received.has(event));
  };
  await poll(
    'the webhook deliveries',
    async () => (missing().length === 0 ? true : undefined),
    () => `still missing ${missing().join(', ')}`,
  );
  field(
    'all arrived',
    `${receiver.deliveries.length} deliveries within ${Date.now() - started} ms`,
  );
  let unverified = 0;
  const seen = new Set<string>();
  const width = Math.max(...receiver.deliveries.map((delivery) => delivery.eventType.length));
  for (const delivery of receiver.deliveries) {
    // With the Standard Webhooks library, as a partner's receiver would (timestamp within 5 min).
    const verified = verifiesWithStandardWebhooks(webhook.secret, delivery);
    unverified += verified ? 0 : 1;
    // Delivery is at least once: a repeated event id is the same event again.
    const repeat = seen.has(delivery.eventId) ? ' (again)' : '';
    seen.add(delivery.eventId);
    console.log(
      `   ${delivery.eventType.padEnd(width)}  signature ${verified ? 'verified' : 'INVALID'}  ` +
        `id ${delivery.eventId}${repeat}`,
    );
  }
  if (unverified > 0) {
    throw new DemoError(`${unverified} webhook deliveries do not carry a valid signature.`);
  }
}

async function runDemo(urls: DemoUrls, receiver: WebhookReceiver): Promise<void> {
  await checkHealth(urls);
  const partner = await signInPartner(urls);
  const mpnId = await savePartnerProfile(urls, partner);
  const webhook = await registerWebhook(urls, partner, receiver);
  const created = await createInvitation(urls, partner);
  await tryEditWithoutLink(urls, partner, created);
  const invitation = await editDraft(urls, partner, created);
  await sendInvitation(urls, partner, invitation);
  await waitForStatus(urls, partner, invitation, 'sent');
  await showCapturedEmail(urls, invitation);
  await openLink(invitation);
  const admin = await signInCustomerAdmin(urls, invitation);
  await acceptWithMca(invitation, admin);
  await waitForStatus(urls, partner, invitation, 'active');
  await showCustomer(urls, partner, invitation);
  await assignSupportContact(urls, partner, invitation, mpnId);
  await listCustomerPartners(urls, admin);
  await setDelegatedAdmin(urls, admin, partner, false);
  await showPartnerViewOfCustomer(urls, partner, invitation);
  await setDelegatedAdmin(urls, admin, partner, true);
  await showAuditLog(urls, partner);
  await showWebhookDeliveries(receiver, webhook);
}

async function main(): Promise<void> {
  const urls = demoUrls();
  const unreachable = await unreachableServers(urls);
  if (unreachable.length > 0) {
    console.error(
      `The local stack is not running: no answer from ${unreachable.join(', ')}.\n` +
        'Start it first with `npm start` in another terminal, then run `npm run demo` again.\n' +
        '(Stack on other ports? Set DEMO_API_URL, DEMO_ISSUER_URL and DEMO_MAIL_URL.)',
    );
    process.exitCode = 1;
    return;
  }
  console.log(`Reseller invitation demo against ${urls.api}`);
  // Started before the first step so it hears every event; closed whatever happens, or the
  // listening socket would keep the process alive.
  const receiver = await startWebhookReceiver();
  try {
    await runDemo(urls, receiver);
    console.log(
      "\nDone: the customer is on the partner's Customers list with DAP active again, " +
        'and every webhook delivery verified.',
    );
  } catch (error) {
    const message = error instanceof DemoError ? error.message : String(error);
    console.error(`\nThe demo stopped at step ${stepNumber}: ${message}`);
    process.exitCode = 1;
  } finally {
    await receiver.close();
  }
}

void main();
