import { randomUUID } from 'node:crypto';
import {
  MCA_SIGNER,
  PROFILE_DE,
  startTestStack,
  type Partner,
  type TestStack,
} from './support/testStack';
import { partnerDocuments, queueMessage as putMessage } from './support/storeAccess';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
}, 60_000);

afterAll(async () => {
  await stack?.close();
});

const HEADER = 'email,companyName,domain,country,includeDelegatedAdmin,locale';

interface Row {
  email: string;
  companyName: string;
  domain: string;
  country: string;
  includeDelegatedAdmin: string;
  locale: string;
}

function goodRow(n: number, tag: string): Row {
  return {
    email: `admin@c${n}-${tag}.example`,
    companyName: `Customer ${n} GmbH`,
    domain: `c${n}-${tag}.onmicrosoft.com`,
    country: n % 2 === 0 ? 'DE' : 'FR',
    includeDelegatedAdmin: n % 3 === 0 ? 'false' : 'true',
    locale: n % 2 === 0 ? 'de-DE' : 'en-US',
  };
}

function toCsv(rows: readonly Row[], delimiter = ','): string {
  const lines = rows.map((r) =>
    [r.email, r.companyName, r.domain, r.country, r.includeDelegatedAdmin, r.locale].join(
      delimiter,
    ),
  );
  return [HEADER.replace(/,/g, delimiter), ...lines].join('\r\n') + '\r\n';
}

function postCsv(partner: Partner, csv: string, query = '', headers: Record<string, string> = {}) {
  return partner.api(`/api/invitation-batches${query}`, {
    method: 'POST',
    body: csv,
    headers: { 'Content-Type': 'text/csv', ...headers },
  });
}

async function finished(partner: Partner, batchId: string) {
  // Generous: a safety margin for loaded CI machines, not a speed target (that is the bench's).
  await stack.waitForIdle(100_000);
  const batch = await partner.api(`/api/invitation-batches/${batchId}`);
  expect(batch.status).toBe(200);
  return batch.body;
}

async function allRows(partner: Partner, batchId: string, query = '') {
  const rows: { line: number; status: string; code?: string; field?: string }[] = [];
  let token: string | undefined;
  do {
    const page = await partner.api(
      `/api/invitation-batches/${batchId}/rows?limit=100${query}${
        token === undefined ? '' : `&continuationToken=${encodeURIComponent(token)}`
      }`,
    );
    expect(page.status).toBe(200);
    rows.push(...page.body.items);
    token = page.body.continuationToken;
  } while (token !== undefined);
  return rows;
}

/** The row as a single `POST /api/invitations`. */
function createSingle(partner: Partner, row: Row, includeDelegatedAdmin: boolean) {
  return partner.api('/api/invitations', {
    method: 'POST',
    json: {
      customer: {
        email: row.email,
        companyName: row.companyName,
        domain: row.domain,
        country: row.country,
      },
      includeDelegatedAdmin,
    },
  });
}

const documentsOf = (partner: Partner, type: string) => partnerDocuments(stack, partner, type);
const queueMessage = (queue: string, message: object) => putMessage(stack, queue, message);

describe('a batch of 1,000 rows with 10 bad ones', () => {
  let partner: Partner;
  let batchId: string;
  const tag = randomUUID().slice(0, 8);
  const rows = Array.from({ length: 1000 }, (_, i) => goodRow(i, tag));
  // Lines are rows + 2 (the header is line 1).
  const bad: Record<number, [Partial<Row>, string, string]> = {
    5: [{ email: 'not-an-email' }, 'INVALID_VALUE', 'email'],
    60: [{ country: 'US' }, 'CUSTOMER_OUTSIDE_REGION', 'country'],
    120: [{ country: 'ZZ' }, 'INVALID_VALUE', 'country'],
    199: [{ domain: rows[3]!.domain }, 'DUPLICATE_DOMAIN_IN_BATCH', 'domain'],
    250: [{ includeDelegatedAdmin: 'vielleicht' }, 'WRONG_TYPE', 'includeDelegatedAdmin'],
    404: [{ locale: 'xx-XX' }, 'INVALID_VALUE', 'locale'],
    500: [{ domain: 'no domain' }, 'INVALID_VALUE', 'domain'],
    640: [{ companyName: '' }, 'REQUIRED', 'companyName'],
    777: [{ email: '' }, 'REQUIRED', 'email'],
    998: [{ country: 'CA' }, 'CUSTOMER_OUTSIDE_REGION', 'country'],
  };
  for (const [index, [change]] of Object.entries(bad)) {
    rows[Number(index)] = { ...rows[Number(index)]!, ...change };
  }

  beforeAll(async () => {
    partner = await stack.partnerWithProfile();
    const started = Date.now();
    const posted = await postCsv(partner, toCsv(rows));
    expect(posted.status).toBe(202);
    expect(posted.body.status).toBe('validating');
    expect(posted.headers.get('location')).toBe(`/api/invitation-batches/${posted.body.id}`);
    batchId = posted.body.id;
    const batch = await finished(partner, batchId);
    // Measured, not asserted: speed is the bench's business.
    process.stdout.write(`1,000-row batch done in ${Date.now() - started} ms\n`);
    expect(batch.status).toBe('completed_with_errors');
  }, 110_000);

  test('creates 990 invitations and lists the 10 errors with their lines and codes', async () => {
    const batch = await partner.api(`/api/invitation-batches/${batchId}`);
    expect(batch.body.counts).toEqual({ total: 1000, created: 990, failed: 10, pending: 0 });
    expect(batch.body.progress).toEqual({ processedRows: 1000, totalRows: 1000, percent: 100 });
    expect(await documentsOf(partner, 'invitation')).toHaveLength(990);

    const failed = await allRows(partner, batchId, '&status=failed');
    expect(failed.map((r) => [r.line, r.code, r.field])).toEqual(
      Object.entries(bad).map(([index, [, code, field]]) => [Number(index) + 2, code, field]),
    );
    const all = await allRows(partner, batchId);
    expect(all.map((r) => r.line)).toEqual(rows.map((_, i) => i + 2));
    const created = all.filter((r) => r.status === 'created') as unknown as {
      invitationId: string;
    }[];
    expect(new Set(created.map((r) => r.invitationId)).size).toBe(990);
  });

  test('a redelivered fan-out message creates nothing twice', async () => {
    const before = await documentsOf(partner, 'invitation');
    const batchBefore = await partner.api(`/api/invitation-batches/${batchId}`);
    // As if the first delivery of chunk 2 had crashed after creating its invitations but
    // before recording them: the chunk is open again and its message comes back.
    const [chunk] = (await documentsOf(partner, 'invitationBatchChunk')).filter(
      (c: { index: number }) => c.index === 2,
    );
    await stack.container.items.upsert({
      ...chunk,
      state: 'open',
      rows: chunk.rows.map((r: { line: number; values: object; status: string }) => ({
        line: r.line,
        values: r.values,
        status: r.status === 'failed' ? 'failed' : 'pending',
      })),
    });
    await queueMessage('invitation-batch', {
      partnerTenantId: partner.tenantId,
      batchId,
      chunk: 2,
    });
    await queueMessage('invitation-batch', {
      partnerTenantId: partner.tenantId,
      batchId,
      chunk: 7,
    });
    await queueMessage('invitation-batch', { partnerTenantId: partner.tenantId, batchId });
    await stack.waitForIdle(30_000);

    const after = await documentsOf(partner, 'invitation');
    expect(after).toHaveLength(990);
    expect(new Set(after.map((d: { id: string }) => d.id))).toEqual(
      new Set(before.map((d: { id: string }) => d.id)),
    );
    const batchAfter = await partner.api(`/api/invitation-batches/${batchId}`);
    expect(batchAfter.body.counts).toEqual(batchBefore.body.counts);
    const rowsOfChunk2 = (await allRows(partner, batchId)).slice(200, 300);
    expect(rowsOfChunk2.filter((r) => r.status === 'pending')).toEqual([]);
    const events = await documentsOf(partner, 'auditEvent');
    const completions = events.filter(
      (e: { action: string }) => e.action === 'invitationBatch.completed',
    );
    expect(completions).toHaveLength(1);
    expect(
      events.filter((e: { action: string }) => e.action === 'invitation.created'),
    ).toHaveLength(990);
  });

  test('downloads the rows as CSV, with the failed rows ready to fix and upload again', async () => {
    const download = await partner.api(
      `/api/invitation-batches/${batchId}/rows?format=csv&status=failed`,
    );
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toMatch(/^text\/csv/);
    // fetch's text() drops the BOM the download starts with (the unit test of the view sees it).
    expect(download.text.startsWith('line,status,invitationId,code,field,message,email')).toBe(
      true,
    );
    const lines = download.text.trim().split('\r\n');
    expect(lines).toHaveLength(11);
    expect(lines[1]).toMatch(/^7,failed,,INVALID_VALUE,email,/);

    // Fix two of them in the download and post it again: those two are created; the row that
    // failed as a duplicate within the first batch still is one, of line 5's pending invitation.
    const fixed = download.text
      .replace('not-an-email', `fixed@c5-${tag}.example`)
      .replace(/,CA,/, ',AT,');
    const repost = await postCsv(partner, fixed);
    expect(repost.status).toBe(202);
    const retried = await finished(partner, repost.body.id);
    expect(retried.counts).toEqual({ total: 10, created: 2, failed: 8, pending: 0 });
    expect((await allRows(partner, repost.body.id)).map((r) => r.code)).toContain(
      'INVITATION_ALREADY_PENDING',
    );
    expect(await documentsOf(partner, 'invitation')).toHaveLength(992);
  });
});

describe('uploads', () => {
  test('a German Excel file (UTF-8 BOM, semicolons, WAHR/FALSCH) parses and creates', async () => {
    const partner = await stack.partnerWithProfile();
    const tag = randomUUID().slice(0, 8);
    const csv =
      '\uFEFFemail;companyName;domain;country;includeDelegatedAdmin;locale\r\n' +
      `anna@mueller-${tag}.example;"Müller; Söhne GmbH";mueller-${tag}.onmicrosoft.com;AT;WAHR;de-DE\r\n` +
      `jan@b-${tag}.example;Bäckerei Groß KG;b-${tag}.onmicrosoft.com;DE;FALSCH;\r\n` +
      ';;;;;\r\n';
    const posted = await partner.api('/api/invitation-batches', {
      method: 'POST',
      body: csv,
      headers: { 'Content-Type': 'text/csv; charset=utf-8' },
    });
    expect(posted.status).toBe(202);
    const batch = await finished(partner, posted.body.id);
    expect(batch.status).toBe('completed');
    expect(batch.counts).toEqual({ total: 2, created: 2, failed: 0, pending: 0 });
    const invitations = await documentsOf(partner, 'invitation');
    expect(
      invitations.map((i: { customer: { companyName: string } }) => i.customer.companyName).sort(),
    ).toEqual(['Bäckerei Groß KG', 'Müller; Söhne GmbH']);
    const dap = invitations.find(
      (i: { customer: { country: string } }) => i.customer.country === 'AT',
    );
    expect(dap.includeDelegatedAdmin).toBe(true);
    expect(dap.locale).toBe('de-DE');
  });

  test('a JSON array works like a CSV file, and send=true queues each email once', async () => {
    const partner = await stack.partnerWithProfile();
    const tag = randomUUID().slice(0, 8);
    const rows = [0, 1, 2].map((n) => ({
      ...goodRow(n, tag),
      includeDelegatedAdmin: n !== 0,
    }));
    const posted = await partner.api('/api/invitation-batches?send=true', {
      method: 'POST',
      json: rows,
    });
    expect(posted.status).toBe(202);
    expect(posted.body.send).toBe(true);
    const batch = await finished(partner, posted.body.id);
    expect(batch.counts.created).toBe(3);
    const sent = stack.sendgrid.messages().filter((m) => m.to.some((to) => to.includes(tag)));
    expect(sent).toHaveLength(3);
    const invitations = await documentsOf(partner, 'invitation');
    expect(invitations.map((i: { status: string }) => i.status)).toEqual(['sent', 'sent', 'sent']);
  });

  test('the same Idempotency-Key gives the same batch; another body under it is refused', async () => {
    const partner = await stack.partnerWithProfile();
    const csv = toCsv([goodRow(1, randomUUID().slice(0, 8))]);
    const key = `batch-${randomUUID()}`;
    const [first, second] = await Promise.all([
      postCsv(partner, csv, '', { 'Idempotency-Key': key }),
      postCsv(partner, csv, '', { 'Idempotency-Key': key }),
    ]);
    expect([first.status, second.status]).toEqual([202, 202]);
    expect(second.body.id).toBe(first.body.id);
    await stack.waitForIdle(15_000);
    const third = await postCsv(partner, csv, '', { 'Idempotency-Key': key });
    expect(third.headers.get('idempotent-replayed')).toBe('true');
    expect(third.body.status).toBe('completed');
    expect(await documentsOf(partner, 'invitation')).toHaveLength(1);
    const other = await postCsv(partner, toCsv([goodRow(2, 'other')]), '', {
      'Idempotency-Key': key,
    });
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  test('a row for a domain with a pending invitation (single or from a batch) is refused; an ended one is not', async () => {
    const partner = await stack.partnerWithProfile();
    const tag = randomUUID().slice(0, 8);
    const [single, revoked, earlier, fresh] = [1, 2, 3, 4].map((n) => goodRow(n, tag));
    const create = (row: Row) => createSingle(partner, row, false);
    expect((await create(single!)).status).toBe(201);
    const toRevoke = await create(revoked!);
    const revoke = await partner.api(`/api/invitations/${toRevoke.body.id}/revoke`, {
      method: 'POST',
    });
    expect(revoke.status).toBe(200);
    const first = await postCsv(partner, toCsv([earlier!]));
    expect((await finished(partner, first.body.id)).counts.created).toBe(1);

    const second = await postCsv(partner, toCsv([single!, revoked!, earlier!, fresh!]));
    await finished(partner, second.body.id);
    const rows = await allRows(partner, second.body.id);
    expect(rows.map((r) => [r.line, r.status, r.code, r.field])).toEqual([
      [2, 'failed', 'INVITATION_ALREADY_PENDING', 'domain'],
      [3, 'created', undefined, undefined],
      [4, 'failed', 'INVITATION_ALREADY_PENDING', 'domain'],
      [5, 'created', undefined, undefined],
    ]);
    // A single request is the partner's own choice (e.g. a new invitation to fix an address).
    expect((await create(single!)).status).toBe(201);
    // single, revoked, earlier, the two the second batch created, and the single one again.
    expect(await documentsOf(partner, 'invitation')).toHaveLength(6);
  });

  test('two batches with the same rows at once invite each domain once', async () => {
    const partner = await stack.partnerWithProfile();
    const tag = randomUUID().slice(0, 8);
    const csv = toCsv(Array.from({ length: 150 }, (_, i) => goodRow(i, tag)));
    const posted = await Promise.all([postCsv(partner, csv), postCsv(partner, csv)]);
    expect(posted.map((p) => p.status)).toEqual([202, 202]);
    const counts = await Promise.all(
      posted.map(async (p) => (await finished(partner, p.body.id)).counts),
    );
    expect(counts[0].created + counts[1].created).toBe(150);
    expect(counts[0].failed + counts[1].failed).toBe(150);
    const refused = (
      await Promise.all(posted.map((p) => allRows(partner, p.body.id, '&status=failed')))
    ).flat();
    expect(new Set(refused.map((r) => r.code))).toEqual(new Set(['INVITATION_ALREADY_PENDING']));
    expect(await documentsOf(partner, 'invitation')).toHaveLength(150);
  });

  test('a customer who is already active with what the row asks is refused', async () => {
    const partner = await stack.partnerWithProfile();
    const tag = randomUUID().slice(0, 8);
    const row = goodRow(1, tag); // DAP requested
    const single = await createSingle(partner, row, true);
    const admin = await stack.customerAdmin(row.domain);
    expect((await admin.accept(single.body.acceptUrl, MCA_SIGNER)).status).toBe(303);
    await stack.waitForIdle(15_000);

    const posted = await postCsv(partner, toCsv([row, goodRow(2, tag)]));
    await finished(partner, posted.body.id);
    const rows = await allRows(partner, posted.body.id);
    expect(rows.map((r) => [r.line, r.status, r.code])).toEqual([
      [2, 'failed', 'CUSTOMER_ALREADY_ACTIVE'],
      [3, 'created', undefined],
    ]);
  });
});

describe('bad input, and who sees a batch', () => {
  let partner: Partner;

  beforeAll(async () => {
    partner = await stack.partnerWithProfile();
  });

  const row = 'a@a.example,A,a.onmicrosoft.com,DE,true,en-US\n';
  const cases: [string, string, string, number, string, string][] = [
    ['not CSV (binary)', 'text/csv', '\u0000\u0001PNG', 400, 'CSV_NOT_TEXT', 'body'],
    [
      'wrong headers',
      'text/csv',
      'mail,companyName,domain,country,includeDelegatedAdmin\nx,y,z,DE,1\n',
      400,
      'CSV_HEADER_INVALID',
      'email',
    ],
    [
      'over 10,000 rows',
      'text/csv',
      `${HEADER}\n${row.repeat(10_001)}`,
      400,
      'BATCH_TOO_MANY_ROWS',
      'body',
    ],
    [
      'over the size limit',
      'text/csv',
      `${HEADER}\n${'x'.repeat(4 * 1024 * 1024)}\n`,
      413,
      'PAYLOAD_TOO_LARGE',
      'body',
    ],
    [
      'an unknown media type',
      'text/plain',
      `${HEADER}\n${row}`,
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      'content-type',
    ],
    [
      'JSON that is not an array',
      'application/json',
      '{"rows":[]}',
      400,
      'BATCH_NOT_AN_ARRAY',
      'body',
    ],
  ];

  test.each(cases)(
    '%s is refused and creates nothing',
    async (_, type, body, status, code, field) => {
      const response = await partner.api('/api/invitation-batches', {
        method: 'POST',
        body,
        headers: { 'Content-Type': type },
      });
      expect(response.status).toBe(status);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(response.body.code).toBe(code);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      const list = await partner.api('/api/invitation-batches');
      expect(list.body.items).toEqual([]);
    },
  );

  test('another partner gets 404; a partner without a role 403; without a profile 409', async () => {
    const posted = await postCsv(partner, `${HEADER}\n${row}`);
    expect(posted.status).toBe(202);
    const other = await stack.partnerWithProfile();
    for (const path of ['', '/rows', '/rows?format=csv']) {
      const response = await other.api(`/api/invitation-batches/${posted.body.id}${path}`);
      expect(response.status).toBe(404);
    }
    expect((await other.api('/api/invitation-batches')).body.items).toEqual([]);
    const mine = await partner.api('/api/invitation-batches');
    expect(mine.body.items.map((b: { id: string }) => b.id)).toContain(posted.body.id);

    const noRole = await stack.newPartner([]);
    expect((await noRole.api('/api/invitation-batches')).status).toBe(403);
    const noProfile = await stack.newPartner();
    const refused = await postCsv(noProfile, `${HEADER}\n${row}`);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('PARTNER_PROFILE_REQUIRED');
    await stack.waitForIdle(15_000);
  });

  test('a partner in the US Government cloud gets DAP rows refused, row by row', async () => {
    const us = await stack.partnerWithProfile({ ...PROFILE_DE, country: 'US', cloud: 'usgov' });
    const tag = randomUUID().slice(0, 8);
    const csv = toCsv([
      { ...goodRow(1, tag), country: 'US', includeDelegatedAdmin: 'true' },
      { ...goodRow(2, tag), country: 'US', includeDelegatedAdmin: 'false' },
    ]);
    const posted = await postCsv(us, csv);
    await finished(us, posted.body.id);
    const rows = await allRows(us, posted.body.id);
    expect(rows.map((r) => [r.status, r.code, r.field])).toEqual([
      ['failed', 'DAP_NOT_AVAILABLE_IN_CLOUD', 'includeDelegatedAdmin'],
      ['created', undefined, undefined],
    ]);
  });
});
