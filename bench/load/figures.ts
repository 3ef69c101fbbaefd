/**
 * Small helpers the load scripts (bench, soak, fuzz) share: run work with bounded
 * concurrency, and print latency figures. Figures, not pass/fail: the local stand-ins show
 * regressions in this code, not Azure's numbers.
 */

/** The value at percentile `p` (0–100) of ascending `sorted`; NaN when empty. */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** One line: count, p50, p95, max and, with `wallMs`, the rate. */
export function latencyLine(name: string, samples: readonly number[], wallMs?: number): string {
  const sorted = [...samples].sort((a, b) => a - b);
  return [
    name.padEnd(34),
    `n=${String(sorted.length).padStart(5)}`,
    `p50=${percentile(sorted, 50).toFixed(1).padStart(8)} ms`,
    `p95=${percentile(sorted, 95).toFixed(1).padStart(8)} ms`,
    `max=${(sorted.at(-1) ?? NaN).toFixed(1).padStart(8)} ms`,
    ...(wallMs === undefined
      ? []
      : [`${((sorted.length / wallMs) * 1000).toFixed(0).padStart(5)} /s`]),
  ].join('  ');
}

/** Runs `work(0..count-1)` with at most `concurrency` at once; results in index order. */
export async function inParallel<T>(
  count: number,
  concurrency: number,
  work: (i: number) => Promise<T>,
): Promise<T[]> {
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
