import { randomUUID } from 'node:crypto';
import https from 'node:https';
import { appServices } from '../../shared/app/appServices';
import { QUEUES, type QueueName } from '../../shared/queue/messageQueue';
import { activateRelationship } from '../../shared/services/activation';
import type { Dependencies } from '../../shared/services/dependencies';
import {
  checkResellerConfirmation,
  resellerRelationshipEvent,
  type ResellerCheckMessage,
} from '../../shared/services/resellerConfirmation';
import {
  customerBody,
  MCA_SIGNER,
  startTestStack,
  type Partner,
  type TestStack,
} from './support/testStack';

/*
 * A customer who accepted on our page is `awaitingCustomer` until Microsoft holds the reseller
 * relationship: a ResellerPartner contract in the partner tenant (Graph GET /contracts, here the
 * Microsoft stand-in), learned by re-checks on the reseller-checks queue or prompted by Partner
 * Center's reseller-relationship-accepted-by-customer event.
 */

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
}, 60_000);

afterAll(async () => {
  await stack?.close();
});

const DAY_MS = 24 * 3600_000;

interface ActiveCustomer {
  readonly partner: Partner;
  readonly customerId: string;
  readonly invitationId: string;
  readonly domain: string;
  readonly tenantId: string;
  /** Where our acceptance sent the customer: the admin center's reseller invitation. */
  readonly portalUrl: string;
}

let customers = 0;

async function activeCustomer(partner?: Partner): Promise<ActiveCustomer> {
  const owner = partner ?? (await stack.partnerWithProfile());
  customers += 1;
  const body = customerBody({
    customer: {
      ...customerBody().customer,
      domain: `reseller-${customers}-${Date.now()}.onmicrosoft.com`,
      companyName: `Contoso ${customers}`,
    },
  });
  const created = await owner.api('/api/invitations', { method: 'POST', json: body });
  expect(created.status).toBe(201);
  const admin = await stack.customerAdmin(body.customer.domain as string);
  const accepted = await admin.accept(created.body.acceptUrl, MCA_SIGNER);
  expect(accepted.status).toBe(303);
  await stack.waitForIdle(15_000);
  return {
    partner: owner,
    customerId: created.body.customerId,
    invitationId: created.body.id,
    domain: body.customer.domain as string,
    tenantId: admin.tenantId,
    portalUrl: accepted.headers.get('location')!,
  };
}

/** The app's services, but queue sends are recorded (delayed messages cannot be peeked). */
function recordingSends(): {
  deps: Dependencies;
  sent: Array<{ queue: QueueName; message: object; delaySeconds?: number }>;
} {
  const services = appServices();
  const sent: Array<{ queue: QueueName; message: object; delaySeconds?: number }> = [];
  return {
    sent,
    deps: {
      ...services,
      queue: {
        ping: () => services.queue.ping(),
        send: async (queue, message, options) => {
          sent.push({
            queue,
            message,
            ...(options?.delaySeconds === undefined ? {} : { delaySeconds: options.delaySeconds }),
          });
        },
      },
    },
  };
}

async function confirmationOf(customer: ActiveCustomer) {
  const got = await customer.partner.api(`/api/customers/${customer.customerId}`);
  expect(got.status).toBe(200);
  return got.body.relationship.confirmation;
}

/** The customer's administrator accepts on the stand-in admin center's reseller page. */
function acceptInAdminCenter(
  portalUrl: string,
  admin: string,
): Promise<{ status: number; body: string }> {
  const url = new URL(portalUrl);
  url.hash = '';
  const form = new URLSearchParams({ admin, agree: 'yes' }).toString();
  return new Promise((resolve, reject) => {
    const request = https.request(
      url,
      {
        method: 'POST',
        ca: stack.microsoft.caCertificatePem,
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          'Content-Length': Buffer.byteLength(form),
        },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    request.on('error', reject);
    request.end(form);
  });
}

/** The partner's relationship document as stored. */
async function relationshipOf(customer: ActiveCustomer) {
  const { resource } = await stack.container
    .item(`relationship:${customer.customerId}`, `partner:${customer.partner.tenantId}`)
    .read();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return resource as any;
}

async function waitForValue<T>(probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function firstCheck(customer: ActiveCustomer, since: string): ResellerCheckMessage {
  return {
    partnerTenantId: customer.partner.tenantId,
    customerId: customer.customerId,
    since,
    attempt: 1,
  };
}

test('an accepted customer awaits confirmation, and activation queues the first check with Microsoft', async () => {
  const customer = await activeCustomer();
  const confirmation = await confirmationOf(customer);
  expect(confirmation).toMatchObject({
    state: 'awaitingCustomer',
    confirmedAt: null,
    confirmedBy: null,
  });

  const { deps, sent } = recordingSends();
  // A redelivered activation queues the check again (the host may have stopped before it did).
  expect(
    await activateRelationship(deps, {
      partnerTenantId: customer.partner.tenantId,
      invitationId: customer.invitationId,
    }),
  ).toBe('already-active');
  const queued = sent.filter((s) => s.queue === QUEUES.resellerChecks);
  expect(queued).toEqual([
    {
      queue: QUEUES.resellerChecks,
      message: firstCheck(customer, confirmation.since),
      delaySeconds: expect.any(Number),
    },
  ]);
  // Due when the check on record is: a minute after activation.
  expect(queued[0]!.delaySeconds).toBeGreaterThanOrEqual(0);
  expect(queued[0]!.delaySeconds).toBeLessThanOrEqual(60);
});

test('a duplicate of the check on record (a redelivered activation queues one) is superseded: one chain, one next check', async () => {
  const customer = await activeCustomer();
  const { since } = await confirmationOf(customer);
  const { deps, sent } = recordingSends();
  const outcomes = await Promise.all([
    checkResellerConfirmation(deps, firstCheck(customer, since)),
    checkResellerConfirmation(deps, firstCheck(customer, since)),
  ]);
  expect(outcomes.sort()).toEqual(['rescheduled', 'superseded']);
  expect(await checkResellerConfirmation(deps, firstCheck(customer, since))).toBe('superseded');
  expect(sent).toEqual([
    {
      queue: QUEUES.resellerChecks,
      message: { ...firstCheck(customer, since), attempt: 2 },
      delaySeconds: 300,
    },
  ]);
  const stored = await relationshipOf(customer);
  expect(stored.reseller).toMatchObject({ checkAttempt: 2, lastCheck: 'noContract' });

  // A redelivered activation now queues the check on record (attempt 2), not a new chain.
  sent.length = 0;
  await activateRelationship(deps, {
    partnerTenantId: customer.partner.tenantId,
    invitationId: customer.invitationId,
  });
  expect(sent.filter((s) => s.queue === QUEUES.resellerChecks).map((s) => s.message)).toEqual([
    { ...firstCheck(customer, since), attempt: 2 },
  ]);
});

test('a check whose message was lost is queued again by the resumeStuckWork timer, once', async () => {
  const customer = await activeCustomer();
  const stored = await relationshipOf(customer);
  const overdue = new Date(Date.now() - 3600_000).toISOString();
  await stack.container
    .item(stored.id, stored.pk)
    .replace({ ...stored, reseller: { ...stored.reseller, nextCheckAt: overdue } });

  await stack.runTimer('resumeStuckWork');
  const checked = await waitForValue(async () => {
    const current = await relationshipOf(customer);
    return current.reseller.checkAttempt === 2 ? current : undefined;
  });
  expect(checked.reseller).toMatchObject({
    state: 'awaitingCustomer',
    lastCheck: 'noContract',
    checkedAt: expect.any(String),
  });
  expect(Date.parse(checked.reseller.nextCheckAt)).toBeGreaterThan(Date.now());

  // Nothing is overdue now: a second run queues nothing, and the chain stays at attempt 2.
  await stack.runTimer('resumeStuckWork');
  await stack.waitForIdle(15_000);
  expect((await relationshipOf(customer)).reseller).toMatchObject({
    checkAttempt: 2,
    nextCheckAt: checked.reseller.nextCheckAt,
  });
});

test('a check without a contract queues the next one later; after the customer accepts in the admin center, the check confirms it', async () => {
  const customer = await activeCustomer();
  const { since } = await confirmationOf(customer);
  const { deps, sent } = recordingSends();

  expect(await checkResellerConfirmation(deps, firstCheck(customer, since))).toBe('rescheduled');
  expect(sent).toEqual([
    {
      queue: QUEUES.resellerChecks,
      message: { ...firstCheck(customer, since), attempt: 2 },
      delaySeconds: 300,
    },
  ]);
  expect(await confirmationOf(customer)).toMatchObject({
    state: 'awaitingCustomer',
    checkedAt: expect.any(String),
  });

  // Our acceptance sent the customer to the admin center's reseller invitation (the stand-in's).
  expect(customer.portalUrl).toContain(
    `${stack.microsoft.url}/Adminportal/Home?invType=ResellerRelationship&partnerId=${customer.partner.tenantId}`,
  );
  const accepted = await acceptInAdminCenter(customer.portalUrl, `admin@${customer.domain}`);
  expect(accepted.status).toBe(200);
  expect(stack.microsoft.state.contractsOf(customer.partner.tenantId)).toContainEqual(
    expect.objectContaining({
      contractType: 'ResellerPartner',
      customerId: customer.tenantId.toLowerCase(),
    }),
  );

  expect(
    await checkResellerConfirmation(deps, { ...firstCheck(customer, since), attempt: 2 }),
  ).toBe('confirmed');
  const confirmed = await confirmationOf(customer);
  expect(confirmed).toMatchObject({ state: 'confirmed', confirmedBy: 'graphCheck', since });
  expect(Date.parse(confirmed.confirmedAt)).not.toBeNaN();
  expect(sent).toHaveLength(1);

  // A redelivered check changes nothing and records no second event.
  expect(
    await checkResellerConfirmation(deps, { ...firstCheck(customer, since), attempt: 2 }),
  ).toBe('not-awaiting');
  const audit = await customer.partner.api('/api/audit-events');
  const events = audit.body.items.filter(
    (e: { action: string; subject: { id: string } }) =>
      e.action === 'relationship.confirmed' && e.subject.id === customer.customerId,
  );
  expect(events).toHaveLength(1);
  expect(events[0].actor).toBe('microsoft:graph');
  expect(events[0].after.confirmation).toMatchObject({
    state: 'confirmed',
    confirmedBy: 'graphCheck',
  });
});

test("Graph's contracts come in pages: the check follows @odata.nextLink to the reseller contract", async () => {
  const customer = await activeCustomer();
  const { since } = await confirmationOf(customer);
  const partnerKey = customer.partner.tenantId.toLowerCase();
  // Two other contracts with the same customer come first; the reseller one is on page 3.
  const contract = (contractType: 'SyndicationPartner' | 'BreadthPartner' | 'ResellerPartner') => ({
    id: randomUUID(),
    contractType,
    customerId: customer.tenantId.toLowerCase(),
    defaultDomainName: customer.domain,
    displayName: 'x',
  });
  stack.microsoft.state.contracts.set(partnerKey, [
    contract('SyndicationPartner'),
    contract('BreadthPartner'),
    contract('ResellerPartner'),
  ]);
  stack.microsoft.state.contractsPageSize = 1;
  try {
    const { deps } = recordingSends();
    expect(await checkResellerConfirmation(deps, firstCheck(customer, since))).toBe('confirmed');
  } finally {
    stack.microsoft.state.contractsPageSize = 100;
  }
});

test('the Customers list filters by confirmation', async () => {
  const partner = await stack.partnerWithProfile();
  const waiting = await activeCustomer(partner);
  const done = await activeCustomer(partner);
  stack.microsoft.state.addResellerContract(partner.tenantId, {
    customerId: done.tenantId,
    defaultDomainName: done.domain,
    displayName: 'done',
  });
  const { since } = await confirmationOf(done);
  expect(await checkResellerConfirmation(recordingSends().deps, firstCheck(done, since))).toBe(
    'confirmed',
  );

  const awaiting = await partner.api('/api/customers?confirmation=awaitingCustomer');
  expect(awaiting.status).toBe(200);
  expect(awaiting.body.items.map((c: { id: string }) => c.id)).toEqual([waiting.customerId]);
  const confirmed = await partner.api('/api/customers?confirmation=confirmed');
  expect(confirmed.body.items.map((c: { id: string }) => c.id)).toEqual([done.customerId]);
  const bad = await partner.api('/api/customers?confirmation=maybe');
  expect(bad.status).toBe(400);
  expect(bad.body.errors[0].field).toBe('confirmation');
});

test("Partner Center's event prompts a read of Graph: confirmed by the event only when Microsoft holds the contract", async () => {
  const customer = await activeCustomer();
  // The event alone is not taken as state: no contract yet, nothing changes.
  await resellerRelationshipEvent(appServices(), customer.partner.tenantId, customer.tenantId);
  expect((await confirmationOf(customer)).state).toBe('awaitingCustomer');

  stack.microsoft.state.addResellerContract(customer.partner.tenantId, {
    customerId: customer.tenantId,
    defaultDomainName: customer.domain,
    displayName: 'x',
  });
  await resellerRelationshipEvent(
    appServices(),
    customer.partner.tenantId,
    customer.tenantId.toUpperCase(),
  );
  expect(await confirmationOf(customer)).toMatchObject({
    state: 'confirmed',
    confirmedBy: 'partnerCenterEvent',
  });
});

test('after the round of checks the relationship is notConfirmed; the partner checks again and it is confirmed', async () => {
  const customer = await activeCustomer();
  const { since } = await confirmationOf(customer);
  const { deps, sent } = recordingSends();
  const later: Dependencies = { ...deps, now: () => new Date(Date.parse(since) + 15 * DAY_MS) };
  expect(await checkResellerConfirmation(later, firstCheck(customer, since))).toBe('gave-up');
  expect(sent).toEqual([]);
  expect(await confirmationOf(customer)).toMatchObject({
    state: 'notConfirmed',
    gaveUpAt: expect.any(String),
  });

  const listed = await customer.partner.api('/api/customers?confirmation=notConfirmed');
  expect(listed.body.items.map((c: { id: string }) => c.id)).toContain(customer.customerId);

  const again = await customer.partner.api(
    `/api/customers/${customer.customerId}/reseller-confirmation/check`,
    { method: 'POST' },
  );
  expect(again.status).toBe(200);
  expect(again.body.relationship.confirmation.state).toBe('awaitingCustomer');
  expect(again.body.relationship.confirmation.since).not.toBe(since);

  stack.microsoft.state.addResellerContract(customer.partner.tenantId, {
    customerId: customer.tenantId,
    defaultDomainName: customer.domain,
    displayName: 'x',
  });
  const confirmed = await customer.partner.api(
    `/api/customers/${customer.customerId}/reseller-confirmation/check`,
    { method: 'POST' },
  );
  expect(confirmed.status).toBe(200);
  expect(confirmed.body.relationship.confirmation).toMatchObject({
    state: 'confirmed',
    confirmedBy: 'graphCheck',
  });
});

test("Graph throttling: the queued check tries again later, the partner's check is a 503 with Retry-After", async () => {
  const customer = await activeCustomer();
  const { since } = await confirmationOf(customer);
  stack.microsoft.state.faults.push({
    method: 'GET',
    path: '/contracts',
    status: 429,
    code: 'TooManyRequests',
    message: 'slow down',
    retryAfterSeconds: 30,
    count: 2,
  });
  const { deps, sent } = recordingSends();
  expect(await checkResellerConfirmation(deps, firstCheck(customer, since))).toBe('rescheduled');
  expect(sent).toHaveLength(1);
  const checked = await customer.partner.api(
    `/api/customers/${customer.customerId}/reseller-confirmation/check`,
    { method: 'POST' },
  );
  expect(checked.status).toBe(503);
  expect(checked.body.code).toBe('MICROSOFT_UNAVAILABLE');
  expect(checked.headers.get('retry-after')).toBe('30');
  expect(await confirmationOf(customer)).toMatchObject({ state: 'awaitingCustomer' });
});

test("another partner's customer is not found for the check", async () => {
  const customer = await activeCustomer();
  const other = await stack.partnerWithProfile();
  const checked = await other.api(
    `/api/customers/${customer.customerId}/reseller-confirmation/check`,
    { method: 'POST' },
  );
  expect(checked.status).toBe(404);
});
