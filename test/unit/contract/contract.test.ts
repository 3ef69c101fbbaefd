import { randomUUID } from 'node:crypto';
import { contract, loadContract } from '../../integration/support/contract';

/**
 * The response validator the integration tests run every answer through: it must accept what
 * the document describes and refuse what it does not, or it would hide a drift.
 */

const id = randomUUID();
const webhook = {
  id,
  url: 'https://hooks.example/partner',
  events: ['relationship.accepted'],
  status: 'active',
  secrets: [{ createdAt: '2026-12-04T10:00:00.000Z' }],
  createdAt: '2026-12-04T10:00:00.000Z',
  updatedAt: '2026-12-04T10:00:00.000Z',
};
const secret = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;

const answer = (status: number, body: unknown, contentType = 'application/json') => ({
  method: 'GET',
  path: `/api/webhooks/${id}`,
  status,
  contentType,
  text: JSON.stringify(body),
});

describe('the openapi.yaml response validator', () => {
  it('accepts a documented answer', () => {
    expect(contract().problems(answer(200, webhook))).toEqual([]);
  });

  it('refuses a body that lacks a required field or has one the schema does not allow', () => {
    const { status: _status, ...withoutStatus } = webhook;
    expect(contract().problems(answer(200, withoutStatus)).join('\n')).toMatch(
      /must have required property 'status'/,
    );
    expect(
      contract()
        .problems(answer(200, { ...webhook, secret }))
        .join('\n'),
    ).toMatch(/must NOT have unevaluated properties/);
  });

  it('refuses an undocumented status and an undocumented content type', () => {
    expect(contract().problems(answer(418, webhook))).toEqual([
      expect.stringMatching(/GET \/api\/webhooks\/\{id\} 418: the status is not documented/),
    ]);
    expect(contract().problems(answer(200, webhook, 'text/html; charset=utf-8'))).toEqual([
      expect.stringMatching(/text\/html is not documented/),
    ]);
  });

  it('refuses an answer without a header the document requires, and a header off its schema', () => {
    const created = {
      method: 'POST',
      path: '/api/webhooks',
      status: 201,
      contentType: 'application/json',
      text: JSON.stringify({ ...webhook, secret }),
    };
    expect(
      contract().problems({
        ...created,
        headers: new Headers({ Location: `/api/webhooks/${id}` }),
      }),
    ).toEqual([]);
    expect(contract().problems({ ...created, headers: new Headers() })).toEqual([
      expect.stringMatching(/POST \/api\/webhooks 201: the required Location header is missing/),
    ]);
    const accepted = {
      method: 'POST',
      path: `/api/invitations/${id}/resend`,
      status: 429,
      contentType: 'application/problem+json',
      text: '',
    };
    expect(
      contract()
        .problems({ ...accepted, headers: new Headers({ 'Retry-After': 'soon' }) })
        .join('\n'),
    ).toMatch(/the Retry-After header \(soon\) data must be integer/);
  });

  it('throws from assert, which is what fails an integration test', () => {
    expect(() => contract().assert(answer(200, { ...webhook, events: 'all' }))).toThrow(
      /does not match openapi\.yaml[\s\S]*\/events must be array/,
    );
  });

  it('accepts a new webhook with its secret (201), which the allOf over a closed Webhook refused', () => {
    const created = {
      ...answer(201, { ...webhook, secret }),
      method: 'POST',
      path: '/api/webhooks',
    };
    expect(contract().problems(created)).toEqual([]);
    expect(
      contract().problems({ ...created, text: JSON.stringify({ ...webhook, secret, extra: 1 }) }),
    ).not.toEqual([]);

    // The defect as it was: allOf [Webhook (additionalProperties: false), {secret}].
    const closed = { type: 'object', additionalProperties: false, properties: { id: {} } };
    const before = loadContract({
      openapi: '3.1.0',
      paths: {
        '/api/webhooks': {
          post: {
            responses: {
              '201': {
                content: {
                  'application/json': {
                    schema: {
                      allOf: [
                        closed,
                        { type: 'object', required: ['secret'], properties: { secret: {} } },
                      ],
                    },
                  },
                },
              },
            },
          },
        },
      },
    });
    expect(
      before.problems({ ...created, text: JSON.stringify({ id, secret }) }).join('\n'),
    ).toMatch(/must NOT have additional properties/);
  });

  it('prefers a literal path segment to a template, as the router does', () => {
    const ok = { '200': { content: { 'text/csv': { schema: { type: 'string' } } } } };
    const json = { '200': { content: { 'application/json': { schema: { type: 'object' } } } } };
    const routes = loadContract({
      openapi: '3.1.0',
      paths: {
        '/api/things/{id}': { get: { responses: json } },
        '/api/things/export': { get: { responses: ok } },
      },
    });
    const csv = {
      method: 'GET',
      path: '/api/things/export?format=csv',
      status: 200,
      contentType: 'text/csv; charset=utf-8',
      text: 'id\n',
    };
    expect(routes.problems(csv)).toEqual([]);
    expect(routes.problems({ ...csv, path: `/api/things/${id}` })).toEqual([
      expect.stringMatching(/text\/csv is not documented/),
    ]);
  });
});
