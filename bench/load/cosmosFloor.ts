import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { CosmosClient } from '@azure/cosmos';
import { LOCAL_CONTAINER, LOCAL_DATABASE, type LocalStack } from '../../local/localStack';
import type { CosmosOperationCounts } from '../../local/servers/cosmosServer';
import { inParallel, percentile } from './figures';

/**
 * One kind of raw operation: per second at the bench's concurrency, its p50, and the CPU this
 * process spent per operation (the client's share; the server's runs in its own process).
 */
export interface FloorFigure {
  readonly perSecond: number;
  readonly p50Ms: number;
  readonly cpuMs: number;
}

/** What the local Cosmos server does with the real client and nothing of ours in between. */
export interface CosmosFloor {
  readonly create: FloorFigure;
  readonly read: FloorFigure;
}

/**
 * Raw creates, then point reads of the same small documents, straight into the stack's Cosmos
 * server with the real `@azure/cosmos` client, `concurrency` at a time: the floor each API
 * figure is divided by, measured in the same run on the same machine.
 */
export async function measureCosmosFloor(
  stack: LocalStack,
  count: number,
  concurrency: number,
): Promise<CosmosFloor> {
  const client = new CosmosClient({
    endpoint: stack.cosmos.endpoint,
    key: stack.cosmos.key,
    connectionPolicy: { enableEndpointDiscovery: false },
  });
  try {
    const container = client.database(LOCAL_DATABASE).container(LOCAL_CONTAINER);
    const pk = `bench:${randomUUID()}`;
    const create = await floorFigure(count, concurrency, (i) =>
      container.items.create({ id: `raw-${i}`, pk, type: 'benchRaw', n: i }),
    );
    const read = await floorFigure(count, concurrency, (i) =>
      container.item(`raw-${i}`, pk).read(),
    );
    return { create, read };
  } finally {
    client.dispose();
  }
}

/**
 * An API request the local functions host answers with no work behind it (a create without a
 * token: 401 before any read), sent the way the bench sends its calls: what the HTTP hop alone
 * costs, client and host both in this process.
 */
export async function measureRequestFloor(
  functionsUrl: string,
  count: number,
  concurrency: number,
): Promise<FloorFigure> {
  return floorFigure(count, concurrency, async () => {
    const response = await fetch(`${functionsUrl}/api/invitations`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: '{}',
    });
    await response.text();
    if (response.status !== 401) {
      throw new Error(`A create without a token answered ${response.status}, not 401`);
    }
  });
}

/** Runs `work` `count` times, `concurrency` at a time, and measures it. */
async function floorFigure(
  count: number,
  concurrency: number,
  work: (i: number) => Promise<unknown>,
): Promise<FloorFigure> {
  const samples: number[] = [];
  const cpu = process.cpuUsage();
  const started = performance.now();
  await inParallel(count, concurrency, async (i) => {
    const one = performance.now();
    await work(i);
    samples.push(performance.now() - one);
  });
  return {
    perSecond: (count / (performance.now() - started)) * 1000,
    p50Ms: percentile(
      samples.sort((a, b) => a - b),
      50,
    ),
    cpuMs: cpuMsSince(cpu) / count,
  };
}

/** Milliseconds of CPU (user and system) this process spent since `start`. */
export function cpuMsSince(start: NodeJS.CpuUsage): number {
  const spent = process.cpuUsage(start);
  return (spent.user + spent.system) / 1000;
}

/** `value` as a multiple of `floor`, e.g. `0.42×`. */
export function ratio(value: number, floor: number): string {
  return `${(value / floor).toFixed(2)}×`;
}

/**
 * Cosmos requests per item of a step: reads, writes (creates, replaces, upserts, deletes),
 * transactional batches (one round trip each, for several writes and reads), queries.
 */
export function operationsLine(counts: CosmosOperationCounts, items: number): string {
  const per = (n: number) => (n / items).toFixed(1);
  const writes = counts.create + counts.replace + counts.upsert + counts.delete;
  return (
    `Cosmos per item: ${per(counts.read)} reads, ${per(writes)} writes, ` +
    `${per(counts.batch)} batches, ${per(counts.query)} queries`
  );
}
