import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { callApi } from './load/apiClient';
import { customerAdminToken } from './load/customerAdminToken';
import { inParallel, latencyLine } from './load/figures';
import { startLocalStack } from './localStack';
import { findProjectRoot } from './projectRoot';

/**
 * `npm run bench`: starts its own local stack on free ports and prints latency and throughput
 * figures for the hot paths — create invitation, open the link, accept, and the time from
 * acceptance until the customer is on the Customers list. Figures, not pass/fail: the local
 * Cosmos server and Azurite are stand-ins, so these show regressions in our code, not Azure's
 * numbers. BENCH_INVITATIONS and BENCH_CONCURRENCY size the run.
 */
const INVITATIONS = Number(process.env.BENCH_INVITATIONS ?? 200);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);

interface Sample {
  readonly name: string;
  readonly ms: number;
}

function report(name: string, samples: number[], wallMs: number): void {
  console.log(latencyLine(name, samples, wallMs));
}

async function timed<T>(samples: Sample[], name: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await work();
  samples.push({ name, ms: performance.now() - started });
  return result;
}

async function main(): Promise<void> {
  const stack = await startLocalStack({
    projectRoot: findProjectRoot(__dirname),
    log: (level, message) => {
      if (level === 'error' || level === 'critical') console.error(message);
    },
    queueSettings: { maxPollingIntervalMs: 100 },
  });
  try {
    const tenantId = randomUUID();
    const token = await stack.mintToken(tenantId, ['AdminAgent']);
    await callApi(stack.functionsUrl, '/api/partner', {
      method: 'PUT',
      token,
      body: JSON.stringify({
        displayName: 'Bench Partner',
        country: 'DE',
        cloud: 'public',
        mpnId: '1234567',
      }),
    });
    const samples: Sample[] = [];
    const phase = async <T>(name: string, work: (i: number) => Promise<T>) => {
      const started = performance.now();
      const results = await inParallel(INVITATIONS, CONCURRENCY, (i) =>
        timed(samples, name, () => work(i)),
      );
      report(
        name,
        samples.filter((s) => s.name === name).map((s) => s.ms),
        performance.now() - started,
      );
      return results;
    };

    console.log(`${INVITATIONS} invitations, ${CONCURRENCY} concurrent requests, local stack\n`);
    const invitations = await phase('POST /api/invitations', (i) =>
      callApi(stack.functionsUrl, '/api/invitations', {
        method: 'POST',
        token,
        body: JSON.stringify({
          customer: {
            email: `admin@bench-${i}.example`,
            companyName: `Bench ${i}`,
            domain: `bench-${i}-${tenantId.slice(0, 8)}.onmicrosoft.com`,
            country: 'FR',
          },
          includeDelegatedAdmin: true,
        }),
      }),
    );
    const tokens = invitations.map((inv) => String(inv!.acceptUrl).split('/').pop()!);
    // Each customer's Global Administrator, with a token of the tenant owning its domain.
    const adminTokens = await Promise.all(
      invitations.map((inv) =>
        customerAdminToken(stack, String((inv!.customer as { domain: string }).domain)),
      ),
    );
    await phase('GET /api/accept/{token}', (i) =>
      callApi(stack.functionsUrl, `/api/accept/${tokens[i]}`),
    );
    const acceptedAt: number[] = [];
    await phase('POST /api/accept/{token}', async (i) => {
      await callApi(stack.functionsUrl, `/api/accept/${tokens[i]}`, {
        method: 'POST',
        token: adminTokens[i]!,
        body: JSON.stringify({
          acceptMca: true,
          firstName: 'Bench',
          lastName: 'User',
          email: `signer@bench-${i}.example`,
        }),
      });
      acceptedAt[i] = performance.now();
    });
    const started = performance.now();
    await stack.waitForIdle(120_000);
    const drained = performance.now() - started;
    const list = await callApi(stack.functionsUrl, '/api/customers?limit=100', { token });
    console.log(
      `\nactivation queue drained ${drained.toFixed(0)} ms after the last acceptance; ` +
        `first Customers page holds ${(list!.items as unknown[]).length} customers`,
    );
    await phase('GET /api/customers (page)', () =>
      callApi(stack.functionsUrl, '/api/customers?limit=25', { token }),
    );
  } finally {
    await stack.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
