import { spawnSync } from 'node:child_process';
import { join, relative } from 'node:path';
import { REPO_ROOT } from './brokenCopy';

/** The restored Bicep CLI, or why there is none here (no .NET SDK, not restored yet). */
export type BicepCli = { readonly path: string } | { readonly missing: string };

/** One diagnostic line of `bicep build` or `bicep lint`. */
export interface BicepDiagnostic {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly level: 'Error' | 'Warning' | 'Info';
  /** A compiler code (`BCP089`) or a linter rule (`no-hardcoded-env-urls`). */
  readonly code: string;
  readonly message: string;
}

export interface BicepRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly diagnostics: readonly BicepDiagnostic[];
  /** Output on stderr that is not a diagnostic (a crash, a usage error). */
  readonly otherOutput: readonly string[];
}

/** Asks tools/bicep.mjs, which pins the version and knows where NuGet put the binary. */
export function locateBicepCli(): BicepCli {
  const result = spawnSync(process.execPath, [join(REPO_ROOT, 'tools', 'bicep.mjs'), 'path'], {
    encoding: 'utf8',
  });
  return result.status === 0
    ? { path: result.stdout.trim() }
    : { missing: result.stderr.trim() || `tools/bicep.mjs path exited ${result.status}` };
}

const DIAGNOSTIC = /^(.*)\((\d+),(\d+)\) : (Error|Warning|Info) ([\w-]+): (.*)$/;

/**
 * Runs the CLI in `cwd` (module registries are never contacted: `--no-restore`) and reads its
 * diagnostics, with file names relative to `cwd`.
 */
export function runBicep(cli: string, args: readonly string[], cwd: string): BicepRun {
  const result = spawnSync(cli, [...args, '--no-restore'], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  const diagnostics: BicepDiagnostic[] = [];
  const otherOutput: string[] = [];
  for (const line of result.stderr.split('\n').filter((text) => text.trim() !== '')) {
    const match = DIAGNOSTIC.exec(line);
    if (!match) {
      otherOutput.push(line);
      continue;
    }
    diagnostics.push({
      file: relative(cwd, match[1]!),
      line: Number(match[2]),
      column: Number(match[3]),
      level: match[4] as BicepDiagnostic['level'],
      code: match[5]!,
      message: match[6]!,
    });
  }
  return { status: result.status, stdout: result.stdout, diagnostics, otherOutput };
}

/** `app/api.bicep:12:5 Warning BCP036 …`, to read in a failed expectation. */
export function describeDiagnostic(diagnostic: BicepDiagnostic): string {
  const { file, line, column, level, code, message } = diagnostic;
  return `${file}:${line}:${column} ${level} ${code} ${message}`;
}
