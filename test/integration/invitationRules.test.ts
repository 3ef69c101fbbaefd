import { randomUUID } from 'node:crypto';
import { newAcceptToken } from '../../shared/domain/identifiers';
import {
  customerBody,
  MCA_SIGNER,
  PROFILE_DE,
  startTestStack,
  tokenOf,
  type TestStack,
} from './support/testStack';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
}, 60_000);

afterAll(async () => {
  await stack?.close();
});

const json = { Accept: 'application/json' };

describe('partner profile', () => {
  test('is created, read back and replaced; only an Admin agent may change it', async () => {
    const partner = await stack.newPartner();
    expect((await partner.api('/api/partner')).body.code).toBe('PARTNER_PROFILE_NOT_FOUND');
    const created = await partner.api('/api/partner', { method: 'PUT', json: PROFILE_DE });
    expect(created.status).toBe(201);
    const replaced = await partner.api('/api/partner', {
      method: 'PUT',
      json: { ...PROFILE_DE, country: 'at' },
    });
    expect(replaced.status).toBe(200);
    expect(replaced.body.country).toBe('AT');
    expect((await partner.api('/api/partner')).body).toMatchObject({
      partnerTenantId: partner.tenantId,
      country: 'AT',
      cloud: 'public',
    });

    const salesToken = await stack.mintToken(partner.tenantId, ['SalesAgent']);
    const bySales = await stack.api('/api/partner', {
      method: 'PUT',
      json: PROFILE_DE,
      token: salesToken,
    });
    expect(bySales.status).toBe(403);
    expect(bySales.body.code).toBe('ROLE_REQUIRED');
    expect((await stack.api('/api/partner', { token: salesToken })).status).toBe(200);
  });

  test('an invitation needs a profile first', async () => {
    const partner = await stack.newPartner();
    const created = await partner.api('/api/invitations', { method: 'POST', json: customerBody() });
    expect(created.status).toBe(409);
    expect(created.body.code).toBe('PARTNER_PROFILE_REQUIRED');
  });
});

describe('rules on creating an invitation', () => {
  test.each([
    ['germany', 'DE'],
    ['usgov', 'US'],
  ])(
    'DAP is refused for a %s partner, with a clear 422 naming the field',
    async (cloud, country) => {
      const partner = await stack.partnerWithProfile({ ...PROFILE_DE, cloud, country });
      const body = customerBody();
      body.customer.country = country;
      const refused = await partner.api('/api/invitations', { method: 'POST', json: body });
      expect(refused.status).toBe(422);
      expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(refused.body).toMatchObject({
        status: 422,
        code: 'DAP_NOT_AVAILABLE_IN_CLOUD',
        errors: [{ field: 'includeDelegatedAdmin', code: 'DAP_NOT_AVAILABLE_IN_CLOUD' }],
      });
      const withoutDap = await partner.api('/api/invitations', {
        method: 'POST',
        json: { ...body, includeDelegatedAdmin: false },
      });
      expect(withoutDap.status).toBe(201);
    },
  );

  test('the Germany cloud redirects to the Office admin portal of that cloud', async () => {
    const partner = await stack.partnerWithProfile({ ...PROFILE_DE, cloud: 'germany' });
    const body = customerBody({ includeDelegatedAdmin: false });
    body.customer.country = 'DE';
    const created = await partner.api('/api/invitations', { method: 'POST', json: body });
    const admin = await stack.customerAdmin(body.customer.domain);
    const accepted = await admin.accept(created.body.acceptUrl, MCA_SIGNER);
    expect(accepted.headers.get('location')).toBe(
      `https://portal.office.de/partner/partnersignup.aspx?type=ResellerRelationship&id=${partner.tenantId}&csp=1&msppid=0`,
    );
  });

  test('a customer outside the partner country and CSP region is refused', async () => {
    const partner = await stack.partnerWithProfile();
    const body = customerBody();
    body.customer.country = 'US';
    const refused = await partner.api('/api/invitations', { method: 'POST', json: body });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('CUSTOMER_OUTSIDE_REGION');
    expect(refused.body.errors[0].field).toBe('customer.country');
  });

  test('Idempotency-Key: a retry returns the first invitation; another body under the key is refused', async () => {
    const partner = await stack.partnerWithProfile();
    const key = `create-${randomUUID()}`;
    const body = customerBody();
    const first = await partner.api('/api/invitations', {
      method: 'POST',
      json: body,
      headers: { 'Idempotency-Key': key },
    });
    const retry = await partner.api('/api/invitations', {
      method: 'POST',
      json: body,
      headers: { 'Idempotency-Key': key },
    });
    expect(first.status).toBe(201);
    expect(retry.status).toBe(200);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body.id).toBe(first.body.id);
    expect(retry.body.acceptUrl).toBe(first.body.acceptUrl);
    const reused = await partner.api('/api/invitations', {
      method: 'POST',
      json: customerBody(),
      headers: { 'Idempotency-Key': key },
    });
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const list = await partner.api('/api/invitations');
    expect(list.body.items).toHaveLength(1);
  });
});

describe('the draft', () => {
  test('an edit that keeps the link is saved; one that drops it is refused with LINK_REQUIRED', async () => {
    const partner = await stack.partnerWithProfile();
    const created = await partner.api('/api/invitations', { method: 'POST', json: customerBody() });
    const url = created.body.acceptUrl;
    const etag = created.headers.get('etag')!;

    const dropped = await partner.api(`/api/invitations/${created.body.id}/draft`, {
      method: 'PATCH',
      json: { text: 'Hello, please get in touch.' },
      headers: { 'If-Match': etag },
    });
    expect(dropped.status).toBe(422);
    expect(dropped.body.code).toBe('LINK_REQUIRED');
    expect(dropped.body.errors.map((e: { field: string }) => e.field)).toEqual(['text']);

    const kept = await partner.api(`/api/invitations/${created.body.id}/draft`, {
      method: 'PATCH',
      json: {
        subject: 'Let us work together',
        text: `Dear admin,\n\nplease accept here: ${url}\n`,
        html: `<p>Dear admin,</p><p><a href="${url}">Accept</a></p>`,
      },
      headers: { 'If-Match': etag },
    });
    expect(kept.status).toBe(200);
    expect(kept.body.draft.subject).toBe('Let us work together');
    expect(kept.body.mailtoUrl).toContain('subject=Let%20us%20work%20together');

    const stale = await partner.api(`/api/invitations/${created.body.id}/draft`, {
      method: 'PATCH',
      json: { subject: 'Another' },
      headers: { 'If-Match': etag },
    });
    expect(stale.status).toBe(412);
    expect(stale.body.code).toBe('PRECONDITION_FAILED');

    const missing = await partner.api(`/api/invitations/${created.body.id}/draft`, {
      method: 'PATCH',
      json: { subject: 'Another' },
    });
    expect(missing.status).toBe(428);

    const current = await partner.api(`/api/invitations/${created.body.id}`);
    expect(current.body.draft.subject).toBe('Let us work together');
    // The saved edit is in the audit log, with the version it edited; the refused ones are not.
    const audit = await partner.api('/api/audit-events');
    const edits = audit.body.items.filter(
      (e: { action: string }) => e.action === 'invitation.draftEdited',
    );
    expect(edits).toEqual([
      expect.objectContaining({
        subject: { kind: 'invitation', id: created.body.id },
        before: { etag: etag.replaceAll('"', '') },
        after: { status: 'draft', fields: ['subject', 'text', 'html'] },
      }),
    ]);
  });

  test('edited HTML is stored and sent sanitized: no script, handler or javascript: link', async () => {
    const partner = await stack.partnerWithProfile();
    const body = customerBody();
    const created = await partner.api('/api/invitations', { method: 'POST', json: body });
    const url = created.body.acceptUrl;
    const edited = await partner.api(`/api/invitations/${created.body.id}/draft`, {
      method: 'PATCH',
      json: {
        html:
          `<p onmouseover="steal()">Dear admin,</p><script>steal()</script>` +
          `<p><a href="${url}" onclick="steal()">Accept</a> or ` +
          `<a href="javascript:steal()">not this</a></p><img src="x" onerror="steal()">`,
      },
      headers: { 'If-Match': created.headers.get('etag')! },
    });
    expect(edited.status).toBe(200);
    const expected = `<p>Dear admin,</p><p><a href="${url}">Accept</a> or <a>not this</a></p>`;
    expect(edited.body.draft.html).toBe(expected);

    await partner.api(`/api/invitations/${created.body.id}/send`, { method: 'POST' });
    await stack.waitForIdle(15_000);
    const [mail] = stack.sendgrid.messages().filter((m) => m.to.includes(body.customer.email));
    expect(mail?.html).toBe(expected);
  });

  test('a link that only survives in markup the sanitizer drops is refused with LINK_REQUIRED', async () => {
    const partner = await stack.partnerWithProfile();
    const created = await partner.api('/api/invitations', { method: 'POST', json: customerBody() });
    const edited = await partner.api(`/api/invitations/${created.body.id}/draft`, {
      method: 'PATCH',
      json: { html: `<noscript><a href="${created.body.acceptUrl}">Accept</a></noscript>` },
      headers: { 'If-Match': created.headers.get('etag')! },
    });
    expect(edited.status).toBe(422);
    expect(edited.body.errors).toEqual([expect.objectContaining({ field: 'html' })]);
  });
});

describe('the state machine through the API', () => {
  test('a revoked invitation cannot be sent, and its link answers 410 and changes nothing', async () => {
    const partner = await stack.partnerWithProfile();
    const created = await partner.api('/api/invitations', { method: 'POST', json: customerBody() });
    const revoked = await partner.api(`/api/invitations/${created.body.id}/revoke`, {
      method: 'POST',
    });
    expect(revoked.status).toBe(200);
    expect(revoked.body.status).toBe('revoked');
    const send = await partner.api(`/api/invitations/${created.body.id}/send`, { method: 'POST' });
    expect(send.status).toBe(409);
    expect(send.body.code).toBe('INVITATION_REVOKED');

    const token = tokenOf(created.body.acceptUrl);
    const page = await stack.api(`/api/accept/${token}`);
    expect(page.status).toBe(410);
    expect(page.text).toContain('withdrawn');
    const german = await partner.api('/api/invitations', {
      method: 'POST',
      json: customerBody({ locale: 'de-DE' }),
    });
    await partner.api(`/api/invitations/${german.body.id}/revoke`, { method: 'POST' });
    const germanPage = await stack.api(`/api/accept/${tokenOf(german.body.acceptUrl)}`);
    expect(germanPage.status).toBe(410);
    expect(germanPage.text).toContain('<html lang="de-DE">');
    expect(germanPage.text).toContain('Einladung zurückgezogen');
    const admin = await stack.customerAdmin(created.body.customer.domain);
    const accept = await admin.accept(created.body.acceptUrl, MCA_SIGNER);
    expect(accept.status).toBe(410);
    expect(accept.body.code).toBe('LINK_REVOKED');
    const after = await partner.api(`/api/invitations/${created.body.id}`);
    expect(after.body.status).toBe('revoked');
  });

  test('an expired link answers 410 from the moment of expiry, with no timer involved', async () => {
    const partner = await stack.partnerWithProfile();
    const created = await partner.api('/api/invitations', { method: 'POST', json: customerBody() });
    const pk = `partner:${partner.tenantId}`;
    const { resource } = await stack.container.item(created.body.id, pk).read();
    await stack.container
      .item(created.body.id, pk)
      .replace({ ...resource, expiresAt: new Date(Date.now() - 1000).toISOString() });

    const admin = await stack.customerAdmin(created.body.customer.domain);
    const accept = await admin.accept(created.body.acceptUrl, MCA_SIGNER);
    expect(accept.status).toBe(410);
    expect(accept.body.code).toBe('LINK_EXPIRED');
    const seen = await partner.api(`/api/invitations/${created.body.id}`);
    expect(seen.body.status).toBe('expired');
    const filtered = await partner.api('/api/invitations?status=expired');
    expect(filtered.body.items.map((i: { id: string }) => i.id)).toEqual([created.body.id]);
    expect((await partner.api('/api/invitations?status=draft')).body.items).toHaveLength(0);
  });

  test('a link opens only with its own secret: a forged or unknown one is a 404', async () => {
    const partner = await stack.partnerWithProfile();
    const created = await partner.api('/api/invitations', {
      method: 'POST',
      json: customerBody(),
    });
    const token = new URL(created.body.acceptUrl).pathname.split('/').at(-1)!;
    expect((await stack.api(`/api/accept/${token}`, { headers: json })).status).toBe(200);
    // The right partner and invitation with another secret; a well-formed link to nothing.
    const forged = `${token.slice(0, 44)}${'A'.repeat(43)}`;
    const missing = newAcceptToken({
      partnerTenantId: partner.tenantId,
      invitationId: randomUUID(),
    });
    for (const other of [forged, missing]) {
      const response = await stack.api(`/api/accept/${other}`, { headers: json });
      expect(response.status).toBe(404);
      expect(response.body.code).toBe('LINK_NOT_FOUND');
    }
  });

  test('unknown and malformed links are 404 pages', async () => {
    const unknown = await stack.api(`/api/accept/${'A'.repeat(43)}`, { headers: json });
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('LINK_NOT_FOUND');
    const malformed = await stack.api('/api/accept/not-a-token');
    expect(malformed.status).toBe(404);
    expect(malformed.headers.get('content-type')).toMatch(/^text\/html/);
    expect(malformed.text).toContain('<html lang="en-US">');
    // An unknown link has no invitation to take a language from: the browser's is used.
    const inGerman = await stack.api('/api/accept/not-a-token', {
      headers: { 'Accept-Language': 'de-CH, de;q=0.9, en;q=0.5' },
    });
    expect(inGerman.text).toContain('<html lang="de-DE">');
    expect(inGerman.text).toContain('Einladung nicht gefunden');
  });
});

describe('listing and isolation', () => {
  test('the list is newest first, paged with an opaque continuation token, filtered by status', async () => {
    const partner = await stack.partnerWithProfile();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const created = await partner.api('/api/invitations', {
        method: 'POST',
        json: customerBody(),
      });
      ids.push(created.body.id);
    }
    await partner.api(`/api/invitations/${ids[1]}/revoke`, { method: 'POST' });

    const first = await partner.api('/api/invitations?limit=2');
    expect(first.body.items.map((i: { id: string }) => i.id)).toEqual([ids[4], ids[3]]);
    expect(first.body.items[0].draft).toBeUndefined();
    const token = first.body.continuationToken;
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    const second = await partner.api(`/api/invitations?limit=2&continuationToken=${token}`);
    expect(second.body.items.map((i: { id: string }) => i.id)).toEqual([ids[2], ids[1]]);
    const third = await partner.api(
      `/api/invitations?limit=2&continuationToken=${second.body.continuationToken}`,
    );
    expect(third.body.items.map((i: { id: string }) => i.id)).toEqual([ids[0]]);
    expect(third.body.continuationToken).toBeUndefined();

    const revoked = await partner.api('/api/invitations?status=revoked');
    expect(revoked.body.items.map((i: { id: string }) => i.id)).toEqual([ids[1]]);

    const bad = await partner.api('/api/invitations?continuationToken=%7Bnot-json');
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('INVALID_CONTINUATION_TOKEN');
  });

  test("another partner's invitation is a 404 on every route, and its list stays empty", async () => {
    const owner = await stack.partnerWithProfile();
    const other = await stack.partnerWithProfile();
    const created = await owner.api('/api/invitations', { method: 'POST', json: customerBody() });
    const id = created.body.id;
    const attempts = await Promise.all([
      other.api(`/api/invitations/${id}`),
      other.api(`/api/invitations/${id}/send`, { method: 'POST' }),
      other.api(`/api/invitations/${id}/revoke`, { method: 'POST' }),
      other.api(`/api/invitations/${id}/draft`, {
        method: 'PATCH',
        json: { subject: 'x' },
        headers: { 'If-Match': created.headers.get('etag')! },
      }),
    ]);
    expect(attempts.map((a) => a.status)).toEqual([404, 404, 404, 404]);
    expect((await other.api('/api/invitations')).body.items).toEqual([]);
    expect((await owner.api(`/api/invitations/${id}`)).body.status).toBe('draft');
  });
});

describe('tokens', () => {
  test('no token, garbage, another key, another audience or issuer, an expired token: 401; no role: 403', async () => {
    expect((await stack.api('/api/invitations')).status).toBe(401);
    const garbage = await stack.api('/api/invitations', { token: 'a.b.c' });
    expect(garbage.status).toBe(401);
    expect(garbage.headers.get('www-authenticate')).toMatch(/^Bearer/);

    const { mintDevToken } = await import('../../local/servers/devTokenIssuer');
    const { loadOrCreateDevSigningKey } = await import('../../local/devSigningKey');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const foreignKey = await loadOrCreateDevSigningKey(
      join(tmpdir(), `foreign-${randomUUID()}.json`),
    );
    const tenantId = randomUUID();
    const foreign = await mintDevToken(foreignKey, {
      issuerBaseUrl: stack.issuerUrl,
      tenantId,
      audience: stack.settings.AUTH_AUDIENCE!,
      roles: ['AdminAgent'],
    });
    expect((await stack.api('/api/invitations', { token: foreign })).status).toBe(401);
    const trustedKey = await loadOrCreateDevSigningKey(
      join(__dirname, '..', '..', '.local', 'test-signing-key.json'),
    );
    const wrongAudience = await mintDevToken(trustedKey, {
      issuerBaseUrl: stack.issuerUrl,
      tenantId,
      audience: 'api://someone-else',
      roles: ['AdminAgent'],
    });
    expect((await stack.api('/api/invitations', { token: wrongAudience })).status).toBe(401);
    const wrongIssuer = await mintDevToken(trustedKey, {
      issuerBaseUrl: 'https://login.example.com',
      tenantId,
      audience: stack.settings.AUTH_AUDIENCE!,
      roles: ['AdminAgent'],
    });
    expect((await stack.api('/api/invitations', { token: wrongIssuer })).status).toBe(401);
    const { SignJWT } = await import('jose');
    const past = Math.floor(Date.now() / 1000) - 3600;
    const expired = await new SignJWT({ tid: tenantId, oid: randomUUID(), roles: ['AdminAgent'] })
      .setProtectedHeader({ alg: 'RS256', kid: trustedKey.kid })
      .setIssuer(`${stack.issuerUrl}/${tenantId}/v2.0`)
      .setAudience(stack.settings.AUTH_AUDIENCE!)
      .setIssuedAt(past - 600)
      .setExpirationTime(past)
      .sign(trustedKey.privateKey);
    const expiredAnswer = await stack.api('/api/invitations', { token: expired });
    expect(expiredAnswer.status).toBe(401);
    expect(expiredAnswer.body.detail).toMatch(/exp/);
    const noRole = await stack.mintToken(tenantId, ['Reader']);
    const forbidden = await stack.api('/api/invitations', { token: noRole });
    expect(forbidden.status).toBe(403);
  });
});
