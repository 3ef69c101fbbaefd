import { performance } from 'node:perf_hooks';
import { callApi } from './load/apiClient';
import { benchInvitationBatch, benchPartner } from './load/batchBench';
import { customerAdminToken } from './load/customerAdminToken';
import {
  cpuMsSince,
  measureCosmosFloor,
  measureRequestFloor,
  operationsLine,
  ratio,
} from './load/cosmosFloor';
import { inParallel, latencyLine, percentile } from './load/figures';
import { startLocalStack } from '../local/localStack';
import { findProjectRoot } from '../local/projectRoot';

/**
 * `npm run bench`: starts its own local stack on free ports and prints latency and throughput
 * figures for the hot paths — create invitation, open the link, accept, and the time from
 * acceptance until the customer is on the Customers list. Figures, not pass/fail: the local
 * Cosmos server and Azurite are stand-ins, so these show regressions in our code, not Azure's
 * numbers. BENCH_INVITATIONS and BENCH_CONCURRENCY size the run.
 *
 * First the raw local Cosmos floor (creates and point reads with the real client at the same
 * concurrency); every API figure is also printed as a ratio to it, with the Cosmos reads,
 * writes and queries each step cost per invitation, counted at the server. The load generator,
 * the functions and the Cosmos client share this process, so the CPU it spends per operation is
 * printed too, with that of an API request that does nothing (the HTTP hop alone): when this
 * process is the bottleneck, CPU per item is what sets the rate.
 *
 * Then an invitation batch of BENCH_BATCH_ROWS rows (CSV, `send=true`), against the same
 * floor (see `benchInvitationBatch`); 0 skips it.
 */
const INVITATIONS = Number(process.env.BENCH_INVITATIONS ?? 200);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const BATCH_ROWS = Number(process.env.BENCH_BATCH_ROWS ?? 2000);
/** Customers page loads measured (each is a query). */
const CUSTOMER_PAGE_LOADS = 200;
/** Raw operations of each kind the floor is measured with. */
const FLOOR_OPERATIONS = 2000;

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
    const floor = await measureCosmosFloor(stack, FLOOR_OPERATIONS, CONCURRENCY);
    console.log(
      `raw local Cosmos floor (${CONCURRENCY} concurrent): ` +
        `creates ${floor.create.perSecond.toFixed(0)}/s p50 ${floor.create.p50Ms.toFixed(1)} ms ` +
        `(CPU here ${floor.create.cpuMs.toFixed(2)} ms each), ` +
        `point reads ${floor.read.perSecond.toFixed(0)}/s p50 ${floor.read.p50Ms.toFixed(1)} ms ` +
        `(${floor.read.cpuMs.toFixed(2)} ms)`,
    );
    const hop = await measureRequestFloor(stack.functionsUrl, FLOOR_OPERATIONS, CONCURRENCY);
    console.log(
      `an API request with no work behind it (401): ${hop.perSecond.toFixed(0)}/s ` +
        `p50 ${hop.p50Ms.toFixed(1)} ms (CPU here ${hop.cpuMs.toFixed(2)} ms each, ` +
        `${ratio(hop.cpuMs, floor.create.cpuMs)} a raw create's)\n`,
    );
    const { tenantId, token } = await benchPartner(stack, 'Bench Partner');
    const samples: Sample[] = [];
    /**
     * Runs one step for every invitation and prints its latency, its rate and p50 as ratios to
     * the raw floor of `kind` (what the step mostly does to Cosmos), and its Cosmos operations
     * once the queues it fed have drained.
     */
    const phase = async <T>(
      name: string,
      kind: 'create' | 'read',
      work: (i: number) => Promise<T>,
      afterwards: { label?: string; count?: number; fairFloorCpuMs?: number } = {},
    ) => {
      const count = afterwards.count ?? INVITATIONS;
      await stack.waitForIdle(600_000);
      await stack.cosmos.resetOperationCounts();
      const cpu = process.cpuUsage();
      const started = performance.now();
      const results = await inParallel(count, CONCURRENCY, (i) =>
        timed(samples, name, () => work(i)),
      );
      const wallMs = performance.now() - started;
      const cpuMs = cpuMsSince(cpu) / count;
      const mine = samples.filter((s) => s.name === name).map((s) => s.ms);
      report(name, mine, wallMs);
      const sorted = [...mine].sort((a, b) => a - b);
      console.log(
        `${''.padEnd(36)}rate ${ratio((mine.length / wallMs) * 1000, floor[kind].perSecond)} ` +
          `and p50 ${ratio(percentile(sorted, 50), floor[kind].p50Ms)} the raw ${kind} floor; ` +
          `CPU here ${cpuMs.toFixed(2)} ms each (${ratio(cpuMs, floor[kind].cpuMs)} a raw ${kind}'s)`,
      );
      if (afterwards.fairFloorCpuMs !== undefined) {
        // The request's own CPU plus the one Cosmos create it cannot do without.
        console.log(
          `${''.padEnd(36)}CPU against the fair floor (empty API request + one raw create = ` +
            `${afterwards.fairFloorCpuMs.toFixed(2)} ms): ${ratio(cpuMs, afterwards.fairFloorCpuMs)}`,
        );
      }
      await stack.waitForIdle(1_800_000);
      console.log(
        `${''.padEnd(36)}${afterwards.label ?? ''}` +
          operationsLine(await stack.cosmos.operationCounts(), count),
      );
      return results;
    };

    console.log(`${INVITATIONS} invitations, ${CONCURRENCY} concurrent requests, local stack\n`);
    const invitations = await phase(
      'POST /api/invitations',
      'create',
      (i) =>
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
      { fairFloorCpuMs: hop.cpuMs + floor.create.cpuMs },
    );
    // Single sends that queue up: the emails go to SendGrid in as few requests as the workers'
    // groups allow (each request's delivery events are in before the next phase starts).
    const sentBefore = stack.sendgrid.messages().length;
    await phase(
      'POST /api/invitations/{id}/send',
      'create',
      (i) =>
        callApi(stack.functionsUrl, `/api/invitations/${String(invitations[i]!.id)}/send`, {
          method: 'POST',
          token,
        }),
      { label: 'with dispatch: ' },
    );
    await stack.sendgrid.events.settled();
    await stack.waitForIdle(600_000);
    const singles = stack.sendgrid.messages().slice(sentBefore);
    console.log(
      `${''.padEnd(36)}${singles.length} emails in ` +
        `${new Set(singles.map((m) => m.requestId)).size} SendGrid requests`,
    );
    const tokens = invitations.map((inv) => String(inv!.acceptUrl).split('/').pop()!);
    // Each customer's Global Administrator, with a token of the tenant owning its domain.
    const adminTokens = await Promise.all(
      invitations.map((inv) =>
        customerAdminToken(stack, String((inv!.customer as { domain: string }).domain)),
      ),
    );
    await phase('GET /api/accept/{token}', 'read', (i) =>
      callApi(stack.functionsUrl, `/api/accept/${tokens[i]}`),
    );
    const acceptedAt: number[] = [];
    const activationStarted = performance.now();
    await phase(
      'POST /api/accept/{token}',
      'create',
      async (i) => {
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
      },
      { label: 'with activation: ' },
    );
    const drained = performance.now() - Math.max(activationStarted, ...acceptedAt);
    // At thousands of customers the local Cosmos server's query (a scan of every document) can
    // outlast the client's 60 s timeout: counted and printed, so the run still ends.
    const pageFailures: string[] = [];
    const customersPage = (limit: number) =>
      callApi(stack.functionsUrl, `/api/customers?limit=${limit}`, { token }).catch(
        (error: unknown) => {
          pageFailures.push(String(error).split('\n')[0]!.slice(0, 160));
          return undefined;
        },
      );
    const list = await customersPage(100);
    console.log(
      `\nactivation queue drained ${drained.toFixed(0)} ms after the last acceptance; ` +
        `first Customers page holds ${list === undefined ? 'nothing (failed)' : (list.items as unknown[]).length} customers`,
    );
    // A sample of page loads is enough for its latency, however many customers there are.
    await phase('GET /api/customers (page)', 'read', () => customersPage(25), {
      count: Math.min(INVITATIONS, CUSTOMER_PAGE_LOADS),
    });
    if (pageFailures.length > 0) {
      console.log(`Customers page failed ${pageFailures.length} time(s), e.g. ${pageFailures[0]}`);
    }
    if (BATCH_ROWS > 0) {
      await benchInvitationBatch(stack, { rows: BATCH_ROWS, concurrency: CONCURRENCY, floor });
    }
  } finally {
    await stack.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
