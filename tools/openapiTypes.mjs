// Writes shared/api/openapiTypes.ts from openapi.yaml (openapi-typescript), or with --check
// fails when the checked-in file is not what the document generates (npm test runs the check).
import { readFileSync, writeFileSync } from 'node:fs';
import console from 'node:console';
import process from 'node:process';
import { URL } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';

const source = new URL('../openapi.yaml', import.meta.url);
const target = new URL('../shared/api/openapiTypes.ts', import.meta.url);
const header =
  '// Generated from openapi.yaml by tools/openapiTypes.mjs (npm run openapi:types); do not edit.\n\n';
const generated =
  header + astToString(await openapiTS(source, { immutable: true, emptyObjectsUnknown: true }));

if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    // missing: reported below
  }
  if (current !== generated) {
    console.error(
      'shared/api/openapiTypes.ts is not what openapi.yaml generates: run `npm run openapi:types` and commit it.',
    );
    process.exit(1);
  }
} else {
  writeFileSync(target, generated);
}
