import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { EmulatorEndpoints } from './localStack';

/**
 * Where a running local stack says it listens, so the other local tools find it on whatever
 * ports it was given: `npm run host` (a functions host apart from the emulators), and the
 * tools that talk to the stack. Git-ignored, under `.local/`; `LOCAL_STACK_FILE` moves it
 * (tests use their own).
 */
export interface StackFile {
  readonly pid: number;
  readonly startedAt: string;
  readonly endpoints: EmulatorEndpoints;
  /** The functions host, when one runs (`npm start`, `npm run host`). */
  readonly functionsUrl?: string;
}

export function stackFilePath(projectRoot: string): string {
  return process.env.LOCAL_STACK_FILE ?? path.join(projectRoot, '.local', 'stack.json');
}

/** Written whole or not at all (rename), so a reader never sees half a file. */
export function writeStackFile(file: string, contents: StackFile): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(contents, null, 2)}\n`);
  renameSync(temporary, file);
}

/** The stack file, or a message saying how to start what it describes. */
export function readStackFile(file: string): StackFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new Error(
      `No running local stack found (${file} is missing). Start the emulators first: npm run emulators`,
    );
  }
  const parsed = JSON.parse(text) as Partial<StackFile>;
  if (
    parsed.endpoints === undefined ||
    typeof parsed.endpoints.queueConnectionString !== 'string'
  ) {
    throw new Error(`${file} does not describe a local stack; restart it with npm run emulators`);
  }
  return parsed as StackFile;
}
