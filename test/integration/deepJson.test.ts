import { MAX_JSON_DEPTH } from '../../shared/http/requestBody';
import {
  customerBody,
  startTestStack,
  tokenOf,
  type ApiInit,
  type ApiResponse,
  type Partner,
  type TestStack,
} from './support/testStack';

/**
 * Deeply nested JSON is refused with a 400 before anything walks it: at ~10,000 levels a
 * recursive walk (the request fingerprint of an Idempotency-Key, validation) overflowed the
 * stack and the route answered 500. One case per kind of route that reads JSON.
 */
let stack: TestStack;
let partner: Partner;
let invitation: { id: string; etag: string; acceptUrl: string; domain: string };

beforeAll(async () => {
  stack = await startTestStack();
  partner = await stack.partnerWithProfile();
  const body = customerBody();
  const created = await partner.api('/api/invitations', { method: 'POST', json: body });
  invitation = {
    id: created.body.id,
    etag: created.headers.get('etag')!,
    acceptUrl: created.body.acceptUrl,
    domain: body.customer.domain,
  };
}, 60_000);

afterAll(async () => {
  await stack?.close();
});

const nestedArrays = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const nestedObjects = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

function expectTooDeep(response: ApiResponse): void {
  expect(response.status).toBe(400);
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(response.body).toMatchObject({ status: 400, code: 'JSON_TOO_DEEP' });
  expect(response.body.errors).toEqual([expect.objectContaining({ field: 'body' })]);
}

const json = (body: string, headers: Record<string, string> = {}): ApiInit => ({
  body,
  headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...headers },
});

describe('nesting deeper than the limit is a 400 JSON_TOO_DEEP on every route that reads JSON', () => {
  test.each([10_000, 30_000])(
    'an invitation create with an Idempotency-Key and arrays %i deep',
    async (depth) => {
      const response = await partner.api('/api/invitations', {
        method: 'POST',
        ...json(nestedArrays(depth), { 'Idempotency-Key': `deep-${depth}-key` }),
      });
      expectTooDeep(response);
    },
  );

  test('partner profile, draft edit and webhook bodies (the partner API)', async () => {
    expectTooDeep(
      await partner.api('/api/partner', { method: 'PUT', ...json(nestedObjects(5_000)) }),
    );
    expectTooDeep(
      await partner.api(`/api/invitations/${invitation.id}/draft`, {
        method: 'PATCH',
        ...json(nestedObjects(MAX_JSON_DEPTH + 1), { 'If-Match': invitation.etag }),
      }),
    );
    expectTooDeep(
      await partner.api('/api/webhooks', { method: 'POST', ...json(nestedArrays(10_000)) }),
    );
  });

  test.each([
    ['arrays 10,000 deep', nestedArrays(10_000)],
    ['arrays 30,000 deep', nestedArrays(30_000)],
    ['a 2 MB nested body', nestedArrays(1024 * 1024)],
  ])('an invitation batch (JSON) of %s', async (_name, body) => {
    const response = await partner.api('/api/invitation-batches', {
      method: 'POST',
      ...json(body, { 'Idempotency-Key': `deep-batch-${body.length}` }),
    });
    expectTooDeep(response);
  });

  test('the acceptance and the decline of a signed-in customer admin', async () => {
    const admin = await stack.customerAdmin(invitation.domain);
    const token = tokenOf(invitation.acceptUrl);
    // These forms take at most a few KB, so the nesting is as deep as fits.
    expectTooDeep(
      await admin.api(`/api/accept/${token}`, { method: 'POST', ...json(nestedArrays(1_000)) }),
    );
    expectTooDeep(
      await admin.api(`/api/accept/${token}/decline`, {
        method: 'POST',
        ...json(nestedObjects(500)),
      }),
    );
    expect((await partner.api(`/api/invitations/${invitation.id}`)).body.status).toBe('draft');
  });

  test('a customer admin claiming a customer', async () => {
    const admin = await stack.customerAdmin(invitation.domain, { roles: ['CustomerAdmin'] });
    expectTooDeep(
      await admin.api('/api/customer/claim', { method: 'POST', ...json(nestedArrays(10_000)) }),
    );
  });

  test('signed SendGrid email events', async () => {
    const body = nestedArrays(10_000);
    const signed = stack.sendgrid.events.sign(body);
    expectTooDeep(
      await stack.api('/api/email-events', {
        method: 'POST',
        ...json(body, {
          'X-Twilio-Email-Event-Webhook-Signature': signed.signature,
          'X-Twilio-Email-Event-Webhook-Timestamp': signed.timestamp,
        }),
      }),
    );
  });

  test('nesting up to the limit is still read (a body exactly at the limit is only invalid)', async () => {
    const response = await partner.api('/api/invitations', {
      method: 'POST',
      ...json(nestedArrays(MAX_JSON_DEPTH)),
    });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
  });

  test('no route answered 500', () => {
    expect(stack.logs.filter((line) => /Unhandled error|RangeError/.test(line))).toEqual([]);
  });
});
