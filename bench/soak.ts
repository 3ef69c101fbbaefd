import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { setCoreLogHandler } from '../local/functionsHost';
import { callApi } from './load/apiClient';
import { customerAdminToken } from './load/customerAdminToken';
import { inParallel, latencyLine, percentile } from './load/figures';
import { startLocalStack, type LocalStack } from '../local/localStack';
import { findProjectRoot } from '../local/projectRoot';

/**
 * `npm run soak`: shows how the local stack holds up as data grows. On its own stack (free
 * loopback ports) it measures one acceptance cycle — SOAK_INVITATIONS (60) invitations created
 * and accepted — while sampling GET /api/health, then sends SOAK_REQUESTS (10,000) mixed
 * partner requests, then measures the same cycle again, and prints both: health latency,
 * acceptance → active latency, and the CPU seconds the process (the whole stack runs in it)
 * spent on the cycle. Figures, not pass/fail. Stops by itself; SOAK_MAX_SECONDS (1,200) cuts
 * the mixed phase short.
 */
const INVITATIONS = Number(process.env.SOAK_INVITATIONS ?? 60);
const REQUESTS = Number(process.env.SOAK_REQUESTS ?? 10_000);
const CONCURRENCY = Number(process.env.SOAK_CONCURRENCY ?? 8);
const MAX_SECONDS = Number(process.env.SOAK_MAX_SECONDS ?? 1_200);

const PROFILE = { displayName: 'Soak Partner', country: 'DE', cloud: 'public', mpnId: '1234567' };
const SIGNER = { acceptMca: true, firstName: 'Soak', lastName: 'Signer', email: 's@soak.example' };

interface CycleFigures {
  readonly health: number[];
  readonly acceptToActive: number[];
  readonly cpuSeconds: number;
  readonly wallSeconds: number;
  readonly notActive: number;
}

interface Partner {
  readonly token: string;
  call(path: string, init?: RequestInit): Promise<Record<string, unknown> | undefined>;
}

async function newPartner(stack: LocalStack): Promise<Partner> {
  const token = await stack.mintToken(randomUUID(), ['AdminAgent', 'SalesAgent']);
  const partner: Partner = {
    token,
    call: (path, init = {}) => callApi(stack.functionsUrl, path, { ...init, token }),
  };
  await partner.call('/api/partner', { method: 'PUT', body: JSON.stringify(PROFILE) });
  return partner;
}

function invitationBody(n: number | string, domain = `soak-${n}.onmicrosoft.com`) {
  return JSON.stringify({
    customer: {
      email: `admin@${domain}`,
      companyName: `Soak ${n}`,
      domain,
      country: 'FR',
    },
    includeDelegatedAdmin: true,
  });
}

/**
 * One partner invites and its customers accept, four at a time; meanwhile one loop reads
 * GET /api/health and another lists the partner's active invitations, noting when each
 * acceptance became active.
 */
async function acceptanceCycle(stack: LocalStack): Promise<CycleFigures> {
  const partner = await newPartner(stack);
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const health: number[] = [];
  const acceptedAt = new Map<string, number>();
  const activeAfter = new Map<string, number>();
  let running = true;
  const healthLoop = (async () => {
    while (running) {
      const t = performance.now();
      await fetch(`${stack.functionsUrl}/api/health`).then((r) => r.arrayBuffer());
      health.push(performance.now() - t);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  })();
  const activeLoop = (async () => {
    while (running) {
      const page = await partner.call('/api/invitations?status=active&limit=100');
      const now = performance.now();
      for (const { id } of (page?.items ?? []) as { id: string }[]) {
        const at = acceptedAt.get(id);
        if (at !== undefined && !activeAfter.has(id)) activeAfter.set(id, now - at);
      }
      if (activeAfter.size === INVITATIONS) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  })();
  await inParallel(INVITATIONS, 4, async (i) => {
    const domain = `soak-${randomUUID().slice(0, 8)}.onmicrosoft.com`;
    const invitation = await partner.call('/api/invitations', {
      method: 'POST',
      body: invitationBody(`cycle-${i}`, domain),
    });
    const token = String(invitation!.acceptUrl).split('/').pop()!;
    await callApi(stack.functionsUrl, `/api/accept/${token}`, {
      method: 'POST',
      token: await customerAdminToken(stack, domain),
      body: JSON.stringify(SIGNER),
    });
    acceptedAt.set(String(invitation!.id), performance.now());
  });
  const deadline = performance.now() + 120_000;
  while (activeAfter.size < INVITATIONS && performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  running = false;
  await Promise.all([healthLoop, activeLoop]);
  const cpu = process.cpuUsage(cpuBefore);
  return {
    health,
    acceptToActive: [...activeAfter.values()],
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    wallSeconds: (performance.now() - started) / 1000,
    notActive: INVITATIONS - activeAfter.size,
  };
}

/** Partner traffic of many kinds, so every document type grows as in use. */
async function mixedTraffic(
  stack: LocalStack,
): Promise<{ samples: Map<string, number[]>; failures: Map<string, number> }> {
  const partners = await Promise.all([1, 2, 3, 4].map(() => newPartner(stack)));
  const invitationIds: string[][] = partners.map(() => []);
  const samples = new Map<string, number[]>();
  const failures = new Map<string, number>();
  const deadline = performance.now() + MAX_SECONDS * 1000;
  const kinds: Array<[string, number, (p: Partner, ids: string[], i: number) => Promise<unknown>]> =
    [
      [
        'POST /api/invitations',
        30,
        async (p, ids, i) => {
          const created = await p.call('/api/invitations', {
            method: 'POST',
            body: invitationBody(i),
          });
          ids.push(String(created!.id));
        },
      ],
      ['GET /api/invitations', 20, (p) => p.call('/api/invitations?limit=25')],
      ['GET /api/invitations/{id}', 15, (p, ids) => p.call(`/api/invitations/${ids.at(-1)}`)],
      [
        'POST /api/invitations/{id}/send',
        10,
        (p, ids) => p.call(`/api/invitations/${ids.at(-1)}/send`, { method: 'POST' }),
      ],
      ['GET /api/customers', 10, (p) => p.call('/api/customers?limit=25')],
      ['GET /api/audit-events', 5, (p) => p.call('/api/audit-events?limit=25')],
      ['GET /api/health', 10, () => callApi(stack.functionsUrl, '/api/health')],
    ];
  const total = kinds.reduce((sum, [, weight]) => sum + weight, 0);
  await inParallel(REQUESTS, CONCURRENCY, async (i) => {
    if (performance.now() > deadline) return;
    const partnerIndex = i % partners.length;
    const ids = invitationIds[partnerIndex]!;
    let roll = (i * 7919) % total;
    const [name, , work] =
      ids.length === 0 ? kinds[0]! : kinds.find(([, weight]) => (roll -= weight) < 0)!;
    const t = performance.now();
    try {
      await work(partners[partnerIndex]!, ids, i);
    } catch (error) {
      // Counted and shown, not fatal: the point is to see how the stack holds up.
      failures.set(name, (failures.get(name) ?? 0) + 1);
      if (failures.get(name) === 1) console.log(`  first failure of ${name}: ${String(error)}`);
    }
    const kindSamples = samples.get(name) ?? [];
    kindSamples.push(performance.now() - t);
    samples.set(name, kindSamples);
  });
  return { samples, failures };
}

function printCycle(label: string, figures: CycleFigures): void {
  const sorted = [...figures.acceptToActive].sort((a, b) => a - b);
  console.log(`\n${label}`);
  console.log(latencyLine('  GET /api/health (every 250 ms)', figures.health));
  console.log(latencyLine('  acceptance -> active', figures.acceptToActive));
  console.log(
    `  ${INVITATIONS} acceptances: ${figures.wallSeconds.toFixed(1)} s wall, ` +
      `${figures.cpuSeconds.toFixed(1)} CPU-seconds, ${figures.notActive} not active after 120 s` +
      ` (active p50 ${(percentile(sorted, 50) / 1000).toFixed(2)} s)`,
  );
}

async function main(): Promise<void> {
  setCoreLogHandler(() => undefined);
  const stack = await startLocalStack({
    projectRoot: findProjectRoot(__dirname),
    log: (level, message) => {
      if (level === 'error' || level === 'critical') console.error(message.split('\n')[0]);
    },
    queueSettings: { maxPollingIntervalMs: 200 },
  });
  try {
    console.log(
      `soak: ${INVITATIONS}-invitation acceptance cycle, ${REQUESTS} mixed requests ` +
        `(${CONCURRENCY} at a time), the cycle again`,
    );
    printCycle('fresh stack', await acceptanceCycle(stack));
    const started = performance.now();
    const { samples, failures } = await mixedTraffic(stack);
    const wall = performance.now() - started;
    console.log(`\nmixed traffic: ${(wall / 1000).toFixed(1)} s`);
    for (const [name, values] of samples) {
      const failed = failures.get(name);
      console.log(latencyLine(`  ${name}`, values, wall) + (failed ? `  ${failed} failed` : ''));
    }
    printCycle(`after ${REQUESTS} mixed requests`, await acceptanceCycle(stack));
  } finally {
    await stack.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
