import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
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
 * sources can return is documented. The document is read with the `yaml` package (which refuses
 * duplicate keys).
 */

const projectRoot = join(__dirname, '..', '..');

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

function loadOpenApi(): Record<string, Json> {
  return parseYaml(readFileSync(join(projectRoot, 'openapi.yaml'), 'utf8')) as Record<string, Json>;
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
