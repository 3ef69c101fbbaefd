import { STRICT_TRANSPORT_SECURITY } from '../../shared/http/strictTransportSecurity';
import { customerBody, startTestStack, tokenOf, type TestStack } from './support/testStack';

/**
 * Headers every answer carries whichever function gave it. The local stack speaks plain http;
 * in Azure TLS ends at the front end, which says so in `X-Forwarded-Proto`, as these requests do.
 */
let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
}, 60_000);

afterAll(async () => {
  await stack?.close();
});

const overHttps = { 'X-Forwarded-Proto': 'https' };

describe('Strict-Transport-Security', () => {
  test('is on every kind of answer given over HTTPS: API, page, redirect, problem, health', async () => {
    const partner = await stack.partnerWithProfile();
    const created = await partner.api('/api/invitations', {
      method: 'POST',
      json: customerBody(),
      headers: overHttps,
    });
    expect(created.status).toBe(201);
    const token = tokenOf(created.body.acceptUrl);
    const answers = {
      created,
      page: await stack.api(`/api/accept/${token}`, { headers: overHttps }),
      redirect: await stack.api(`/api/accept/${token}/signin`, { headers: overHttps }),
      unauthenticated: await stack.api('/api/invitations', { headers: overHttps }),
      unknownLink: await stack.api('/api/accept/not-a-token', { headers: overHttps }),
      health: await stack.api('/api/health', { headers: overHttps }),
    };
    expect(Object.fromEntries(Object.entries(answers).map(([k, r]) => [k, r.status]))).toEqual({
      created: 201,
      page: 200,
      redirect: 302,
      unauthenticated: 401,
      unknownLink: 404,
      health: 200,
    });
    for (const answer of Object.values(answers)) {
      expect(answer.headers.get('strict-transport-security')).toBe(STRICT_TRANSPORT_SECURITY);
    }
    // The headers the handlers set are all still there.
    expect(answers.page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(answers.created.headers.get('location')).toMatch(/\/api\/invitations\//);
    expect(answers.redirect.headers.get('set-cookie')).toMatch(/HttpOnly/i);
  });

  test('is not sent over plain http, where browsers ignore it (RFC 6797)', async () => {
    const health = await stack.api('/api/health');
    expect(health.status).toBe(200);
    expect(health.headers.get('strict-transport-security')).toBeNull();
  });
});
