import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { CosmosClient } from '@azure/cosmos';
import { LOCAL_CONTAINER, LOCAL_DATABASE, type LocalStack } from '../localStack';
import { callApi } from './apiClient';
import { inParallel } from './figures';

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

/**
 * Raw creates of small documents per second, straight into the stack's Cosmos server with the
 * real client, `concurrency` at a time: the floor a batch row (several writes each) is measured
 * against.
 */
async function rawCreateRate(stack: LocalStack, count: number, concurrency: number) {
  const client = new CosmosClient({
    endpoint: stack.cosmos.endpoint,
    key: stack.cosmos.key,
    connectionPolicy: { enableEndpointDiscovery: false },
  });
  try {
    const container = client.database(LOCAL_DATABASE).container(LOCAL_CONTAINER);
    const pk = `bench:${randomUUID()}`;
    const started = performance.now();
    await inParallel(count, concurrency, (i) =>
      container.items.create({ id: `raw-${i}`, pk, type: 'benchRaw', n: i }),
    );
    return (count / (performance.now() - started)) * 1000;
  } finally {
    client.dispose();
  }
}

/**
 * Posts an invitation batch of `rows` rows as CSV with `send=true` and prints how long it took
 * until every row was created and until every email was sent, as rows per second and as a
 * ratio to the raw create floor measured just before.
 */
export async function benchInvitationBatch(
  stack: LocalStack,
  options: { rows: number; concurrency: number },
): Promise<void> {
  const { rows, concurrency } = options;
  const floor = await rawCreateRate(stack, Math.min(rows, 5000), concurrency);
  const { tenantId, token } = await benchPartner(stack, 'Batch Partner');
  const lines = ['email,companyName,domain,country,includeDelegatedAdmin,locale'];
  for (let i = 0; i < rows; i++) {
    lines.push(
      `admin@b${i}.example,Batch ${i} GmbH,b${i}-${tenantId.slice(0, 8)}.example,DE,true,de-DE`,
    );
  }
  const sentBefore = stack.sendgrid.messages().length;
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
  while (status !== 'completed' && status !== 'completed_with_errors') {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const view = await callApi(stack.functionsUrl, `/api/invitation-batches/${batch.id}`, {
      token,
    });
    status = String(view!.status);
    counts = view!.counts;
  }
  const created = performance.now() - started;
  await stack.waitForIdle(1_800_000);
  const sent = performance.now() - started;
  const emails = stack.sendgrid.messages().length - sentBefore;
  const rate = (rows / created) * 1000;
  console.log(
    `\ninvitation batch, ${rows} rows (CSV, send=true): 202 after ${accepted.toFixed(0)} ms; ` +
      `${status} after ${created.toFixed(0)} ms (${JSON.stringify(counts)}); ` +
      `${emails} emails sent after ${sent.toFixed(0)} ms`,
  );
  console.log(
    `  ${rate.toFixed(0)} rows/s created, ${((rows / sent) * 1000).toFixed(0)} rows/s created and sent; ` +
      `raw Cosmos create floor ${floor.toFixed(0)} docs/s (${concurrency} concurrent); ` +
      `ratio ${(rate / floor).toFixed(3)}`,
  );
}
