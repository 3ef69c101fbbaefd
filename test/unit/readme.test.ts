import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { namesCode, problemCodesTheApiAnswers } from './support/problemCodes';

/** Keeps the README's list of problem codes whole: a newcomer reads it before openapi.yaml. */

const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');

describe('README.md', () => {
  it('names every problem code the sources can return', () => {
    const missing = [...problemCodesTheApiAnswers()]
      .filter(([code]) => !namesCode(readme, code))
      .map(([code, file]) => `${code} (${file})`);
    expect(missing).toEqual([]);
  });
});
