import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  getRegistrations,
  isHttpTrigger,
  resetRegistrations,
} from '../../local/functionsHost/functionsCore';
import { parseHttpHostSettings, readHostJson } from '../../local/functionsHost/hostJson';
import { loadFunctionApp } from '../../local/functionsHost/loadFunctions';
import { namesCode, problemCodesTheApiAnswers } from './support/problemCodes';

/**
 * Keeps openapi.yaml honest: its operations are exactly the app's HTTP registrations (loaded
 * through the real `@azure/functions`, as the host loads them), and every problem code the
 * sources can return is documented. No YAML dependency: the document is written in the block
 * subset of YAML that `parseYamlSubset` reads, and anything outside that subset fails loudly.
 */

const projectRoot = join(__dirname, '..', '..');

// ---- a YAML subset: block mappings and sequences, plain/quoted/block scalars, `[]` and `{}` ----

interface YamlLine {
  readonly number: number;
  readonly indent: number;
  /** The line without its indentation. */
  readonly text: string;
  /** Blank or a comment: skipped by the structure, kept inside block scalars. */
  readonly empty: boolean;
}

class YamlSubsetError extends Error {
  constructor(line: YamlLine | undefined, message: string) {
    super(line === undefined ? message : `openapi.yaml line ${line.number}: ${message}`);
    this.name = 'YamlSubsetError';
  }
}

function parseYamlSubset(source: string): unknown {
  const lines: YamlLine[] = source.split(/\r?\n/).map((raw, index) => {
    const text = raw.trimStart();
    const line = { number: index + 1, indent: raw.length - text.length, text, empty: false };
    if (raw.includes('\t')) {
      throw new YamlSubsetError(line, 'tab character');
    }
    return { ...line, empty: text === '' || text.startsWith('#') };
  });
  const reader = new YamlReader(lines);
  const first = reader.peek();
  const value = first === undefined ? null : reader.node(first.indent);
  const rest = reader.peek();
  if (rest !== undefined) {
    throw new YamlSubsetError(rest, 'unexpected content (bad indentation?)');
  }
  return value;
}

class YamlReader {
  private position = 0;

  /** Mutable only so that `- key: value` can be re-read as the first line of a mapping. */
  constructor(private readonly lines: YamlLine[]) {}

  /** The next line with content, skipping blank lines and comments. */
  peek(): YamlLine | undefined {
    while (this.position < this.lines.length && this.lines[this.position]!.empty) {
      this.position += 1;
    }
    return this.lines[this.position];
  }

  node(indent: number): unknown {
    const line = this.peek();
    if (line === undefined || line.indent !== indent) {
      throw new YamlSubsetError(line, `expected content at indentation ${indent}`);
    }
    return isSequenceItem(line.text) ? this.sequence(indent) : this.mapping(indent);
  }

  private mapping(indent: number): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    for (let line = this.peek(); line !== undefined && line.indent >= indent; line = this.peek()) {
      if (line.indent > indent || isSequenceItem(line.text)) {
        throw new YamlSubsetError(line, 'unexpected indentation or sequence item in a mapping');
      }
      const { key, rest } = splitKey(line);
      if (Object.hasOwn(result, key)) {
        throw new YamlSubsetError(line, `duplicate key "${key}"`);
      }
      this.position += 1;
      result[key] = this.valueAfterKey(line, indent, rest);
    }
    return result;
  }

  private valueAfterKey(line: YamlLine, indent: number, rest: string): unknown {
    if (/^[|>][-+]?$/.test(rest)) {
      return this.blockScalar(indent, rest);
    }
    if (rest !== '') {
      return inlineValue(line, rest);
    }
    const next = this.peek();
    if (next !== undefined && next.indent > indent) {
      return this.node(next.indent);
    }
    // YAML allows a sequence under a key at the key's own indentation.
    if (next !== undefined && next.indent === indent && isSequenceItem(next.text)) {
      return this.sequence(indent);
    }
    return null;
  }

  private sequence(indent: number): unknown[] {
    const result: unknown[] = [];
    for (let line = this.peek(); line !== undefined && line.indent === indent; line = this.peek()) {
      if (!isSequenceItem(line.text)) {
        break;
      }
      const content = line.text === '-' ? '' : line.text.slice(2).trimStart();
      if (content === '') {
        this.position += 1;
        const next = this.peek();
        result.push(next !== undefined && next.indent > indent ? this.node(next.indent) : null);
      } else if (startsMapping(content)) {
        // `- key: value` opens a mapping whose other keys sit under `key`.
        const itemIndent = line.indent + (line.text.length - content.length);
        this.lines[this.position] = { ...line, indent: itemIndent, text: content };
        result.push(this.mapping(itemIndent));
      } else {
        this.position += 1;
        result.push(inlineValue(line, content));
      }
    }
    return result;
  }

  /** `|` keeps line breaks, `>` folds them into spaces; `-` strips the final newline. */
  private blockScalar(parentIndent: number, header: string): string {
    const collected: YamlLine[] = [];
    while (this.position < this.lines.length) {
      const line = this.lines[this.position]!;
      if (line.text !== '' && line.indent <= parentIndent) {
        break;
      }
      collected.push(line);
      this.position += 1;
    }
    while (collected.length > 0 && collected[collected.length - 1]!.text === '') {
      collected.pop();
    }
    const contentIndent = Math.min(...collected.filter((l) => l.text !== '').map((l) => l.indent));
    const texts = collected.map((l) =>
      l.text === '' ? '' : ' '.repeat(l.indent - contentIndent) + l.text,
    );
    const body = header.startsWith('|') ? texts.join('\n') : foldLines(texts);
    if (header.endsWith('+')) {
      throw new YamlSubsetError(collected[0], 'keep chomping (+) is not supported');
    }
    return header.endsWith('-') ? body : `${body}\n`;
  }
}

function isSequenceItem(text: string): boolean {
  return text === '-' || text.startsWith('- ');
}

function foldLines(texts: readonly string[]): string {
  return texts.reduce((folded, text, index) => {
    if (index === 0) return text;
    if (text === '') return `${folded}\n`;
    return folded.endsWith('\n') ? `${folded}${text}` : `${folded} ${text}`;
  }, '');
}

function startsMapping(text: string): boolean {
  if (text.startsWith("'") || text.startsWith('"')) {
    return /^('(?:[^']|'')*'|"(?:[^"\\]|\\.)*")\s*:(\s|$)/.test(text);
  }
  return /^[^#[\]{}][^#]*?:(\s|$)/.test(text);
}

function splitKey(line: YamlLine): { key: string; rest: string } {
  const quoted = /^('(?:[^']|'')*'|"(?:[^"\\]|\\.)*")\s*:(?:\s+(.*))?$/.exec(line.text);
  if (quoted !== null) {
    return { key: String(inlineValue(line, quoted[1]!)), rest: (quoted[2] ?? '').trim() };
  }
  const plain = /^([^'"#[\]{}&*!|>%@`][^#]*?):(?:\s+(.*))?$/.exec(line.text);
  if (plain === null) {
    throw new YamlSubsetError(line, 'expected "key: value"');
  }
  return { key: plain[1]!.trim(), rest: (plain[2] ?? '').trim() };
}

function inlineValue(line: YamlLine, text: string): unknown {
  if (text.startsWith("'")) {
    const match = /^'((?:[^']|'')*)'$/.exec(text);
    if (match === null) throw new YamlSubsetError(line, 'unterminated or multi-line single quote');
    return match[1]!.replace(/''/g, "'");
  }
  if (text.startsWith('"')) {
    try {
      return JSON.parse(text) as string;
    } catch {
      throw new YamlSubsetError(line, 'double-quoted scalar outside the JSON subset');
    }
  }
  if (text === '[]') return [];
  if (text === '{}') return {};
  if (/^[[{&*!|>%@`]/.test(text)) {
    throw new YamlSubsetError(line, `unsupported YAML syntax: ${text}`);
  }
  const plain = text.replace(/\s+#.*$/, '');
  if (plain === 'true' || plain === 'false') return plain === 'true';
  if (plain === 'null' || plain === '~') return null;
  if (/^-?(0|[1-9]\d*)(\.\d+)?$/.test(plain)) return Number(plain);
  return plain;
}

// ---- reading the document and the app ----

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

function loadOpenApi(): Record<string, Json> {
  return parseYamlSubset(readFileSync(join(projectRoot, 'openapi.yaml'), 'utf8')) as Record<
    string,
    Json
  >;
}

interface Operation {
  readonly key: string;
  readonly operationId: string;
}

function documentedOperations(doc: Record<string, Json>): Operation[] {
  const paths = doc.paths as Record<string, Record<string, Json>>;
  return Object.entries(paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => HTTP_METHODS.includes(method))
      .map(([method, operation]) => ({
        key: `${method.toUpperCase()} ${path}`,
        operationId: String((operation as Record<string, Json>).operationId),
      })),
  );
}

/** Azure route templates allow `{id:int}` and `{id?}`; OpenAPI only has `{id}`. */
function toOpenApiPath(routePrefix: string, route: string): string {
  const template = route.replace(/\{([^}:?]+)(?::[^}]*)?\??\}/g, '{$1}');
  return `/${[routePrefix, template].filter((part) => part !== '').join('/')}`;
}

function registeredOperations(): Operation[] {
  resetRegistrations();
  loadFunctionApp(projectRoot, { useSource: true });
  const { routePrefix } = parseHttpHostSettings(readHostJson(projectRoot));
  return getRegistrations().flatMap((registration) => {
    const { trigger } = registration;
    if (!isHttpTrigger(trigger)) {
      return [];
    }
    if (trigger.methods === undefined || trigger.methods.length === 0) {
      throw new Error(`${registration.name} accepts every method; declare its methods`);
    }
    const path = toOpenApiPath(routePrefix, trigger.route ?? registration.name);
    return trigger.methods.map((method) => ({
      key: `${method.toUpperCase()} ${path}`,
      operationId: registration.name,
    }));
  });
}

/** Every string in the document, keys included (descriptions, enums, examples). */
function stringsOf(value: Json): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsOf);
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, inner]) => [key, ...stringsOf(inner)]);
  }
  return [];
}

function resolveRef(doc: Json, ref: string): Json | undefined {
  let current: Json | undefined = doc;
  for (const part of ref.replace(/^#\//, '').split('/')) {
    const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
    current =
      current !== null && typeof current === 'object' && !Array.isArray(current)
        ? current[key]
        : undefined;
  }
  return current;
}

function refsOf(value: Json): string[] {
  if (Array.isArray(value)) return value.flatMap(refsOf);
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, inner]) =>
      key === '$ref' && typeof inner === 'string' ? [inner] : refsOf(inner),
    );
  }
  return [];
}

// ---- the tests ----

describe('the YAML subset reader', () => {
  it('reads mappings, sequences, mappings in sequences, quoted and block scalars', () => {
    const yaml = [
      'a: 1',
      "b: 'it''s'",
      'c:',
      '  - x',
      '  - k: v',
      '    n: true',
      'd: |',
      '  line one',
      '',
      '  line two',
      'e: >-',
      '  folded',
      '  text',
      'f: []',
      "'200': null",
      'g: plain # a comment',
    ].join('\n');
    expect(parseYamlSubset(yaml)).toEqual({
      a: 1,
      b: "it's",
      c: ['x', { k: 'v', n: true }],
      d: 'line one\n\nline two\n',
      e: 'folded text',
      f: [],
      '200': null,
      g: 'plain',
    });
  });

  it('refuses what it does not understand instead of misreading it', () => {
    expect(() => parseYamlSubset('a: [1, 2]')).toThrow(/unsupported/);
    expect(() => parseYamlSubset('a: &anchor 1')).toThrow(/unsupported/);
    expect(() => parseYamlSubset('a: 1\na: 2')).toThrow(/duplicate/);
    expect(() => parseYamlSubset('a: b\n  c')).toThrow(/line 2/);
  });
});

describe('openapi.yaml', () => {
  const doc = loadOpenApi();

  it('is an OpenAPI 3.1 document', () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(Object.keys(doc.paths as object).length).toBeGreaterThan(0);
  });

  it('documents exactly the HTTP functions the app registers, named after them', () => {
    const registered = registeredOperations();
    expect(registered.length).toBeGreaterThan(0);
    const byKey = (ops: Operation[]) =>
      Object.fromEntries(ops.map((op) => [op.key, op.operationId]).sort());
    expect(byKey(documentedOperations(doc))).toEqual(byKey(registered));
  });

  it('declares every path parameter of every path', () => {
    const paths = doc.paths as Record<string, Record<string, Json>>;
    for (const [path, item] of Object.entries(paths)) {
      const inPath = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      const operations = Object.entries(item).filter(([key]) => HTTP_METHODS.includes(key));
      for (const [method, operation] of operations) {
        const parameters = [
          ...((item.parameters as Json[] | undefined) ?? []),
          ...(((operation as Record<string, Json>).parameters as Json[] | undefined) ?? []),
        ].map((p) => {
          const parameter = (p as Record<string, Json>).$ref
            ? resolveRef(doc, String((p as Record<string, Json>).$ref))
            : p;
          return parameter as Record<string, Json>;
        });
        const declared = parameters.filter((p) => p.in === 'path').map((p) => p.name);
        expect({ operation: `${method} ${path}`, params: declared.sort() }).toEqual({
          operation: `${method} ${path}`,
          params: inPath.sort(),
        });
      }
    }
  });

  it('has no dangling $ref', () => {
    const dangling = refsOf(doc).filter((ref) => resolveRef(doc, ref) === undefined);
    expect(dangling).toEqual([]);
  });

  it('names every problem code the sources can return', () => {
    const codes = problemCodesTheApiAnswers();

    const text = stringsOf(doc).join('\n');
    const missing = [...codes]
      .filter(([code]) => !namesCode(text, code))
      .map(([code, file]) => `${code} (${file})`);
    expect(missing).toEqual([]);
  });
});
