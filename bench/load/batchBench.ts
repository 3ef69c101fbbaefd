import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { LocalStack } from '../../local/localStack';
import { callApi } from './apiClient';
import { operationsLine, ratio, type CosmosFloor } from './cosmosFloor';

/** A new partner tenant with a profile in Germany, and an AdminAgent token for it. */
export async function benchPartner(stack: LocalStack, displayName: string) {
  const tenantId = randomUUID();
  const token = await stack.mintToken(tenantId, ['AdminAgent']);
  await callApi(stack.functionsUrl, '/api/partner', {
    method: 'PUT',
    token,
    body: JSON.stringify({ displayName, country: 'DE', cloud: 'public', mpnId: '1234567' }),
  });
  return { tenantId, token };
}

/** How often the batch's progress is printed while it runs, so a stall shows as one. */
const PROGRESS_EVERY_MS = 3_000;

/**
 * Posts an invitation batch of `rows` rows as CSV with `send=true` and prints how long it took
 * until every row was created and until every email was sent, as rows per second and as a
 * ratio to the raw create floor measured in the same run, with its Cosmos operations per row.
 */
export async function benchInvitationBatch(
  stack: LocalStack,
  options: { rows: number; concurrency: number; floor: CosmosFloor },
): Promise<void> {
  const { rows, concurrency, floor } = options;
  const { tenantId, token } = await benchPartner(stack, 'Batch Partner');
  const lines = ['email,companyName,domain,country,includeDelegatedAdmin,locale'];
  for (let i = 0; i < rows; i++) {
    lines.push(
      `admin@b${i}.example,Batch ${i} GmbH,b${i}-${tenantId.slice(0, 8)}.example,DE,true,de-DE`,
    );
  }
  const sentBefore = stack.sendgrid.messages().length;
  await stack.waitForIdle(600_000);
  await stack.cosmos.resetOperationCounts();
  const started = performance.now();
  const response = await fetch(`${stack.functionsUrl}/api/invitation-batches?send=true`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'text/csv' },
    body: lines.join('\r\n'),
  });
  const accepted = performance.now() - started;
  const batch = (await response.json()) as { id: string };
  if (response.status !== 202) {
    throw new Error(`POST /api/invitation-batches: ${response.status} ${JSON.stringify(batch)}`);
  }
  let status = '';
  let counts: unknown;
  let printedAt = performance.now();
  while (status !== 'completed' && status !== 'completed_with_errors') {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const view = await callApi(stack.functionsUrl, `/api/invitation-batches/${batch.id}`, {
      token,
    });
    status = String(view!.status);
    counts = view!.counts;
    if (performance.now() - printedAt > PROGRESS_EVERY_MS) {
      printedAt = performance.now();
      const seconds = ((printedAt - started) / 1000).toFixed(0);
      console.log(`  … ${seconds} s: ${status} ${JSON.stringify(counts)}`);
    }
  }
  const created = performance.now() - started;
  for (;;) {
    try {
      await stack.waitForIdle(PROGRESS_EVERY_MS);
      break;
    } catch {
      const seconds = ((performance.now() - started) / 1000).toFixed(0);
      const emails = stack.sendgrid.messages().length - sentBefore;
      console.log(`  … ${seconds} s: ${emails} emails sent`);
    }
  }
  const sent = performance.now() - started;
  const operations = await stack.cosmos.operationCounts();
  const captured = stack.sendgrid.messages().slice(sentBefore);
  const emails = captured.length;
  const requests = new Set(captured.map((m) => m.requestId)).size;
  const afterCreated = (sent - created) / 1000;
  const rate = (rows / created) * 1000;
  console.log(
    `\ninvitation batch, ${rows} rows (CSV, send=true): 202 after ${accepted.toFixed(0)} ms; ` +
      `${status} after ${created.toFixed(0)} ms (${JSON.stringify(counts)}); ` +
      `${emails} emails sent after ${sent.toFixed(0)} ms`,
  );
  console.log(
    `  ${rate.toFixed(0)} rows/s created, ${((rows / sent) * 1000).toFixed(0)} rows/s created and sent; ` +
      `raw Cosmos create floor ${floor.create.perSecond.toFixed(0)} docs/s (${concurrency} concurrent); ` +
      `ratio ${ratio(rate, floor.create.perSecond)} created, ` +
      `${ratio((rows / sent) * 1000, floor.create.perSecond)} created and sent`,
  );
  console.log(
    `  emails: ${emails} in ${requests} SendGrid requests; all handed over ` +
      `${afterCreated.toFixed(1)} s after the batch completed ` +
      `(${(emails / Math.max(afterCreated, 0.001)).toFixed(0)} emails/s after it)`,
  );
  console.log(`  ${operationsLine(operations, rows)} (created and sent)`);
}
