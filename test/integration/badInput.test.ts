import {
  customerBody,
  PROFILE_DE,
  startTestStack,
  type Partner,
  type TestStack,
} from './support/testStack';

let stack: TestStack;
let partner: Partner;
let invitationId: string;
let etag: string;

beforeAll(async () => {
  stack = await startTestStack();
  partner = await stack.newPartner();
  await partner.api('/api/partner', { method: 'PUT', json: PROFILE_DE });
  const created = await partner.api('/api/invitations', { method: 'POST', json: customerBody() });
  invitationId = created.body.id;
  etag = created.headers.get('etag')!;
}, 60_000);

afterAll(async () => {
  await stack?.close();
});

const valid = () => customerBody();

interface Case {
  name: string;
  path: () => string;
  method: string;
  body?: string;
  contentType?: string;
  headers?: () => Record<string, string>;
  status: number;
  code: string;
  field?: string;
}

const big = 'x'.repeat(70 * 1024);

const cases: Case[] = [
  {
    name: 'malformed JSON',
    path: () => '/api/invitations',
    method: 'POST',
    body: '{"customer": {',
    status: 400,
    code: 'MALFORMED_JSON',
    field: 'body',
  },
  {
    name: 'an empty body',
    path: () => '/api/invitations',
    method: 'POST',
    body: '',
    status: 400,
    code: 'BODY_REQUIRED',
  },
  {
    name: 'a JSON array instead of an object',
    path: () => '/api/invitations',
    method: 'POST',
    body: '[1,2]',
    status: 400,
    code: 'VALIDATION_FAILED',
  },
  {
    name: 'a wrong type',
    path: () => '/api/invitations',
    method: 'POST',
    body: JSON.stringify({ ...valid(), includeDelegatedAdmin: 'yes' }),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'includeDelegatedAdmin',
  },
  {
    name: 'a missing nested field',
    path: () => '/api/invitations',
    method: 'POST',
    body: JSON.stringify({ ...valid(), customer: { ...valid().customer, email: undefined } }),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'customer.email',
  },
  {
    name: 'an unknown field',
    path: () => '/api/invitations',
    method: 'POST',
    body: JSON.stringify({ ...valid(), partnerTenantId: 'someone-else' }),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'partnerTenantId',
  },
  {
    name: 'an unknown country',
    path: () => '/api/invitations',
    method: 'POST',
    body: JSON.stringify({ ...valid(), customer: { ...valid().customer, country: 'XX' } }),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'customer.country',
  },
  {
    name: 'a bad domain',
    path: () => '/api/invitations',
    method: 'POST',
    body: JSON.stringify({ ...valid(), customer: { ...valid().customer, domain: 'not a domain' } }),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'customer.domain',
  },
  {
    name: 'an unsupported locale',
    path: () => '/api/invitations',
    method: 'POST',
    body: JSON.stringify({ ...valid(), locale: 'xx-YY' }),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'locale',
  },
  {
    name: 'an oversize body',
    path: () => '/api/invitations',
    method: 'POST',
    body: JSON.stringify({ ...valid(), padding: big }),
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
  },
  {
    name: 'a non-JSON content type',
    path: () => '/api/invitations',
    method: 'POST',
    body: 'customer=1',
    contentType: 'application/x-www-form-urlencoded',
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
  },
  {
    name: 'a bad Idempotency-Key',
    path: () => '/api/invitations',
    method: 'POST',
    body: JSON.stringify(valid()),
    headers: () => ({ 'Idempotency-Key': 'x' }),
    status: 400,
    code: 'INVALID_IDEMPOTENCY_KEY',
  },
  {
    name: 'a profile with a bad cloud and MPN id',
    path: () => '/api/partner',
    method: 'PUT',
    body: JSON.stringify({ ...PROFILE_DE, cloud: 'mars', mpnId: 12 }),
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'cloud',
  },
  {
    name: 'an empty draft edit',
    path: () => `/api/invitations/${invitationId}/draft`,
    method: 'PATCH',
    body: '{}',
    headers: () => ({ 'If-Match': etag }),
    status: 400,
    code: 'VALIDATION_FAILED',
  },
  {
    name: 'an unknown query parameter',
    path: () => '/api/invitations?sort=asc',
    method: 'GET',
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'sort',
  },
  {
    name: 'a limit out of range',
    path: () => '/api/customers?limit=1000',
    method: 'GET',
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'limit',
  },
  {
    name: 'an unknown status filter',
    path: () => '/api/invitations?status=pending',
    method: 'GET',
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'status',
  },
];

describe('bad input gets a clear problem and changes nothing', () => {
  test.each(cases)('$name → $status $code', async (c) => {
    const before = await partner.api('/api/invitations');
    const response = await partner.api(c.path(), {
      method: c.method,
      ...(c.body === undefined ? {} : { body: c.body }),
      headers: {
        ...(c.body === undefined ? {} : { 'Content-Type': c.contentType ?? 'application/json' }),
        ...c.headers?.(),
      },
    });
    expect(response.status).toBe(c.status);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({
      status: c.status,
      code: c.code,
      type: expect.any(String),
    });
    expect(response.body.errors.length).toBeGreaterThan(0);
    if (c.field !== undefined) {
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(c.field);
    }
    const after = await partner.api('/api/invitations');
    expect(
      after.body.items.map((i: { id: string; updatedAt: string }) => [i.id, i.updatedAt]),
    ).toEqual(before.body.items.map((i: { id: string; updatedAt: string }) => [i.id, i.updatedAt]));
  });

  test('the acceptance trigger refuses a malformed MCA body without recording anything', async () => {
    const invited = customerBody();
    const created = await partner.api('/api/invitations', { method: 'POST', json: invited });
    const token = created.body.acceptUrl.split('/').pop();
    const admin = await stack.customerAdmin(invited.customer.domain);
    for (const body of ['{"acceptMca": tru', '{"acceptMca": false, "firstName": "A"}', '"text"']) {
      const response = await admin.api(`/api/accept/${token}`, {
        method: 'POST',
        body,
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      });
      expect(response.status).toBe(400);
      expect(response.body.code).toMatch(/^(MALFORMED_JSON|VALIDATION_FAILED)$/);
    }
    const xml = await admin.api(`/api/accept/${token}`, {
      method: 'POST',
      body: '<x/>',
      headers: { 'Content-Type': 'application/xml', Accept: 'application/json' },
    });
    expect(xml.status).toBe(415);
    const invitation = await partner.api(`/api/invitations/${created.body.id}`);
    expect(invitation.body.status).toBe('draft');
    const attestations = await stack.container.items
      .query({
        query: "SELECT * FROM c WHERE c.type = 'mcaAttestation' AND c.invitationId = @id",
        parameters: [{ name: '@id', value: created.body.id }],
      })
      .fetchAll();
    expect(attestations.resources).toHaveLength(0);
  });

  test('no route answers 500 to any of these mistakes', () => {
    expect(stack.logs.filter((line) => /Unhandled error/.test(line))).toEqual([]);
  });
});

describe('HEAD', () => {
  test('is answered as GET where the route takes GET, without the body', async () => {
    for (const path of ['/api/health', '/api/invitations', `/api/invitations/${invitationId}`]) {
      const get = await partner.api(path);
      const head = await partner.api(path, { method: 'HEAD' });
      expect({ path, status: head.status }).toEqual({ path, status: get.status });
      expect(head.headers.get('content-type')).toBe(get.headers.get('content-type'));
      expect(head.text).toBe('');
    }
  });

  test('is a 405 with Allow on a route without GET', async () => {
    const response = await partner.api(`/api/invitations/${invitationId}/send`, {
      method: 'HEAD',
    });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });
});

describe('order of checks on the acceptance trigger', () => {
  test('an unknown link is a 404 whatever the body', async () => {
    const response = await stack.api(`/api/accept/${'B'.repeat(43)}`, {
      method: 'POST',
      body: '<x/>',
      headers: { 'Content-Type': 'application/xml', Accept: 'application/json' },
    });
    expect(response.status).toBe(404);
    expect(response.body.code).toBe('LINK_NOT_FOUND');
  });
});
