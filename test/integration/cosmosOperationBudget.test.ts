import type { CosmosOperationCounts } from '../../local/servers/cosmosServer';
import { customerBody, MCA_SIGNER, startTestStack, type TestStack } from './support/testStack';

/**
 * The Cosmos requests each step of one invitation's life costs, counted at the local Cosmos
 * server (so every code path is seen). The counts are deterministic for one invitation at a
 * time, so they are pinned: a change that adds a read or a query to a hot path fails here and
 * must say why. `npm run bench` prints the same figures.
 */
let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
}, 60_000);

afterAll(async () => {
  await stack?.close();
});

/** The document operations of `work`, after the queues that it fed have drained. */
async function operationsOf(work: () => Promise<unknown>): Promise<Partial<CosmosOperationCounts>> {
  await stack.waitForIdle(15_000);
  await stack.cosmos.resetOperationCounts();
  await work();
  await stack.waitForIdle(15_000);
  const { metadata: _metadata, ...documents } = await stack.cosmos.operationCounts();
  return Object.fromEntries(Object.entries(documents).filter(([, n]) => n > 0));
}

async function oneInvitationsLife() {
  const eventsUrl = stack.sendgrid.events.url()!;
  const partner = await stack.partnerWithProfile();
  const body = customerBody();
  const admin = await stack.customerAdmin(body.customer.domain);
  let created: { body: { id: string; acceptUrl: string } } | undefined;
  const steps = {
    create: await operationsOf(async () => {
      created = await partner.api('/api/invitations', { method: 'POST', json: body });
    }),
    // SendGrid's events are counted apart: locally they arrive ~50 ms after the send and can
    // race the dispatch's own status write (a lost ETag race costs one more read and replace).
    'send and dispatch': await operationsOf(async () => {
      stack.sendgrid.events.setUrl(undefined);
      await partner.api(`/api/invitations/${created!.body.id}/send`, { method: 'POST' });
    }),
    'delivery events': await operationsOf(async () => {
      stack.sendgrid.events.setUrl(eventsUrl);
      stack.sendgrid.events.emitFor(stack.sendgrid.messages().at(-1)!);
      await stack.sendgrid.events.settled();
    }),
    'open the link': await operationsOf(() =>
      stack.api(new URL(created!.body.acceptUrl).pathname, {
        headers: { Accept: 'application/json' },
      }),
    ),
    'accept and activate': await operationsOf(() =>
      admin.accept(created!.body.acceptUrl, MCA_SIGNER),
    ),
  };
  const total = Object.values(steps)
    .flatMap((counts) => Object.values(counts))
    .reduce((sum, n) => sum + n, 0);
  return { steps, total };
}

test('one invitation costs the pinned number of Cosmos operations per step', async () => {
  await oneInvitationsLife(); // warms the client's metadata caches
  const { steps, total } = await oneInvitationsLife();
  process.stdout.write(`Cosmos operations per step: ${JSON.stringify(steps)} (total ${total})\n`);
  expect(steps).toEqual(BUDGET);
});

/** An active customer of `partner` named `companyName` on `domain`. */
async function activeCustomer(
  partner: Awaited<ReturnType<TestStack['partnerWithProfile']>>,
  companyName: string,
  domain: string,
) {
  const body = customerBody();
  const customer = { ...body.customer, companyName, domain, email: `admin@${domain}` };
  const created = await partner.api('/api/invitations', {
    method: 'POST',
    json: { ...body, customer },
  });
  await partner.api(`/api/invitations/${created.body.id}/send`, { method: 'POST' });
  const admin = await stack.customerAdmin(domain);
  await admin.accept(created.body.acceptUrl, MCA_SIGNER);
  await stack.waitForIdle(15_000);
}

test('a Customers search finds every customer whose company name or domain starts with it, any case, for one query per page', async () => {
  const partner = await stack.partnerWithProfile();
  const n = Math.random().toString(36).slice(2, 8);
  await activeCustomer(partner, `Contoso ${n} Ltd`, `contoso-${n}.onmicrosoft.com`);
  await activeCustomer(partner, `Northwind ${n}`, `nw-${n}.onmicrosoft.com`);
  await activeCustomer(partner, `Über Contoso ${n}`, `ueber-${n}.onmicrosoft.com`);
  const stranger = await stack.partnerWithProfile();
  await activeCustomer(stranger, `Contoso ${n} Other`, `contoso-other-${n}.onmicrosoft.com`);
  const names = (response: { body: { items: Array<{ companyName: string }> } }) =>
    response.body.items.map((c) => c.companyName).sort();

  // A prefix, not a substring: "Über Contoso" does not start with "contoso".
  expect(
    names(await partner.api(`/api/customers?search=${encodeURIComponent(` CONTOSO ${n} `)}`)),
  ).toEqual([`Contoso ${n} Ltd`]);
  expect(names(await partner.api(`/api/customers?search=NW-${n}.ONMICRO`))).toEqual([
    `Northwind ${n}`,
  ]);
  expect(names(await partner.api(`/api/customers?search=${encodeURIComponent('über')}`))).toEqual([
    `Über Contoso ${n}`,
  ]);
  expect(names(await partner.api('/api/customers?search=zzz-none'))).toEqual([]);
  const tooLong = await partner.api(`/api/customers?search=${'a'.repeat(101)}`);
  expect(tooLong.status).toBe(400);
  expect(tooLong.body.errors).toEqual([expect.objectContaining({ field: 'search' })]);

  const searchPage = await operationsOf(() => partner.api(`/api/customers?search=contoso`));
  const plainPage = await operationsOf(() => partner.api('/api/customers'));
  process.stdout.write(
    `Cosmos operations per Customers page: search ${JSON.stringify(searchPage)}, plain ${JSON.stringify(plainPage)}\n`,
  );
  // One query in the partner's partition (the client's query plan request is answered from the
  // query text and is counted as the second): as much as the unfiltered page, no read per row.
  expect(searchPage).toEqual(SEARCH_PAGE_BUDGET);
  expect(plainPage).toEqual(SEARCH_PAGE_BUDGET);
});

const SEARCH_PAGE_BUDGET = { query: 2 };

// Measured on this code; lower them as hot paths lose reads and queries. The performance
// issue's goal: at most 14 requests for create + open + accept + activation, none a query. Here
// 12 (it was 34, then 23). A transactional batch is one request, whatever it carries.
const BUDGET = {
  // The partner profile; one batch: the invitation and its audit event.
  create: { read: 1, batch: 1 },
  // The dispatch ends in one batch: the invitation `sent` against the ETag its claim wrote (not
  // read again), its event and a read of the webhook index (no fan-out queued without a
  // subscriber). It was 8 requests, with a read before that write and the event on its own.
  'send and dispatch': { read: 2, create: 1, replace: 2, batch: 1 },
  // SendGrid's `processed` and `delivered`, one batch each: a point read and a conditional replace.
  'delivery events': { read: 2, replace: 2 },
  // The invitation the link names (no link document), the customer record (is the MCA signed?).
  'open the link': { read: 2 },
  // Accept: the invitation, the customer, the tenant's binding; one batch: the invitation
  // `accepted`, its event and a read of the partner's webhook index (no webhook subscribes, so
  // no fan-out is queued). Activation: the invitation; one batch in the customer's partition
  // (the customer record with the MCA and tenant, the MCA attestation, the partner in the
  // customer's list); the tenant binding; one batch in the partner's (the relationship, the
  // invitation `active`, its event, the webhook index).
  'accept and activate': { read: 4, create: 1, batch: 3 },
};
