// Prints the lines of non-test code per top-level part of the repository and local/'s share of
// them (issue 25 asks for local/ ≤ 25 %, so the stand-ins stay a bounded part of the project).
//
// Definition: files tracked by git (`git ls-files`) ending in .ts, .tsx, .js, .cjs or .mjs; not
// under test/, not named *.test.* or *.spec.*, and not the generated shared/api/openapiTypes.ts.
// A line is every line of the file (blank and comment lines included), so the count is what a
// reader has to page through. A file belongs to the first part whose prefix it starts with; a
// file at the repository root is "root config"; anything else is reported as "other".
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import console from 'node:console';
import { URL, fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const parts = ['shared/', 'functions/', 'local/', 'bench/', 'console/src/', 'tools/'];
const code = /\.(ts|tsx|js|cjs|mjs)$/;
const testFile = /(^|\/)test\/|\.(test|spec)\.[^/]+$/;
const generated = new Set(['shared/api/openapiTypes.ts']);

const files = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' })
  .split('\0')
  .filter((file) => code.test(file) && !testFile.test(file) && !generated.has(file));

const lines = new Map([...parts, 'root config', 'other'].map((part) => [part, 0]));
for (const file of files) {
  const text = readFileSync(new URL(`../${file}`, import.meta.url), 'utf8');
  const count = text.length === 0 ? 0 : text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
  const part =
    parts.find((prefix) => file.startsWith(prefix)) ??
    (file.includes('/') ? 'other' : 'root config');
  lines.set(part, lines.get(part) + count);
}

const total = [...lines.values()].reduce((sum, count) => sum + count, 0);
const percent = (count) => `${((100 * count) / total).toFixed(1)} %`;
for (const [part, count] of lines) {
  if (part === 'other' && count === 0) continue;
  console.log(`${part.padEnd(12)} ${String(count).padStart(7)}  ${percent(count).padStart(7)}`);
}
console.log(`${'total'.padEnd(12)} ${String(total).padStart(7)}`);
console.log(`local/ share of non-test code: ${percent(lines.get('local/'))} (goal: ≤ 25 %)`);
