import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { percentile } from './load/figures';
import { findProjectRoot } from './projectRoot';

/**
 * `npm run bench:coldstart`: what a new Functions worker pays before its first request — loading
 * every module of the deployed artifact (`package.json` `main`: dist/functions/*.js) — against a
 * bare `node -e 0`, measured alternately in the same run so machine load affects both alike.
 * Prints the medians and their ratio. COLDSTART_RUNS sets the number of pairs (default 10).
 */
const RUNS = Number(process.env.COLDSTART_RUNS ?? 10);

function wallMs(args: readonly string[], cwd: string): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, args, { cwd, stdio: 'ignore' });
  const elapsed = performance.now() - started;
  if (result.status !== 0) {
    throw new Error(`node ${args.join(' ')} exited with ${result.status}`);
  }
  return elapsed;
}

function main(): void {
  const root = findProjectRoot(__dirname);
  const dir = path.join(root, 'dist', 'functions');
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.js'))
    .map((name) => path.join(dir, name));
  const loadAll = `for (const f of ${JSON.stringify(files)}) require(f);`;
  const bare: number[] = [];
  const app: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    bare.push(wallMs(['-e', '0'], root));
    app.push(wallMs(['-e', loadAll], root));
  }
  const median = (samples: number[]) =>
    percentile(
      [...samples].sort((a, b) => a - b),
      50,
    );
  const ratio = median(app) / median(bare);
  console.log(
    `cold start, median of ${RUNS} alternating runs: ${files.length} function modules ` +
      `${median(app).toFixed(0)} ms, node -e 0 ${median(bare).toFixed(0)} ms; ratio ${ratio.toFixed(2)}×`,
  );
}

main();
