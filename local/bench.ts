import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { startLocalStack, type LocalStack } from './localStack';
import { findProjectRoot } from './projectRoot';
import { tenantIdForDomain } from './servers/devTokenIssuer';
import { GLOBAL_ADMINISTRATOR_ROLE_ID } from '../shared/domain/acceptanceEligibility';

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

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

function report(name: string, samples: number[], wallMs: number): void {
  const sorted = [...samples].sort((a, b) => a - b);
  const line = [
    name.padEnd(28),
    `n=${String(sorted.length).padStart(4)}`,
    `p50=${percentile(sorted, 50).toFixed(1).padStart(7)} ms`,
    `p95=${percentile(sorted, 95).toFixed(1).padStart(7)} ms`,
    `max=${(sorted.at(-1) ?? NaN).toFixed(1).padStart(7)} ms`,
    `${((sorted.length / wallMs) * 1000).toFixed(0).padStart(5)} /s`,
  ];
  console.log(line.join('  '));
}

async function timed<T>(samples: Sample[], name: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await work();
  samples.push({ name, ms: performance.now() - started });
  return result;
}

async function inParallel<T>(count: number, concurrency: number, work: (i: number) => Promise<T>) {
  const results: T[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        results[i] = await work(i);
      }
    }),
  );
  return results;
}

async function call(stack: LocalStack, path: string, init: RequestInit & { token?: string } = {}) {
  const headers = new Headers(init.headers);
  if (init.token) headers.set('Authorization', `Bearer ${init.token}`);
  if (init.body) headers.set('Content-Type', 'application/json');
  headers.set('Accept', 'application/json');
  const response = await fetch(`${stack.functionsUrl}${path}`, {
    ...init,
    headers,
    redirect: 'manual',
  });
  const text = await response.text();
  if (response.status >= 400) {
    throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${text}`);
  }
  return text === '' ? undefined : (JSON.parse(text) as Record<string, unknown>);
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
    await call(stack, '/api/partner', {
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
      call(stack, '/api/invitations', {
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
      invitations.map((inv) => {
        const domain = String((inv!.customer as { domain: string }).domain);
        return stack.mintToken(tenantIdForDomain(domain), [], {
          preferredUsername: `admin@${domain}`,
          directoryRoles: [GLOBAL_ADMINISTRATOR_ROLE_ID],
        });
      }),
    );
    await phase('GET /api/accept/{token}', (i) => call(stack, `/api/accept/${tokens[i]}`));
    const acceptedAt: number[] = [];
    await phase('POST /api/accept/{token}', async (i) => {
      await call(stack, `/api/accept/${tokens[i]}`, {
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
    const list = await call(stack, '/api/customers?limit=100', { token });
    console.log(
      `\nactivation queue drained ${drained.toFixed(0)} ms after the last acceptance; ` +
        `first Customers page holds ${(list!.items as unknown[]).length} customers`,
    );
    await phase('GET /api/customers (page)', () =>
      call(stack, '/api/customers?limit=25', { token }),
    );
  } finally {
    await stack.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
