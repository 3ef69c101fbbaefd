import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { parse as parseYaml } from 'yaml';

/**
 * The API's answers checked against openapi.yaml: the operation is found by method and path
 * (literal segments before templated ones, as a router does), the status must be documented
 * for it, the content type must be one the status documents, and a JSON body must validate
 * against that content's schema with Ajv in the document's dialect (JSON Schema 2020-12, which
 * OpenAPI 3.1 uses). Integration tests call it for every response they receive, so a drift
 * between the code and the document fails the test that saw it.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const DOCUMENT_ID = 'openapi.yaml';

export interface ContractResponse {
  readonly method: string;
  /** The request's path, with or without a query string. */
  readonly path: string;
  readonly status: number;
  /** The response's Content-Type header, if any. */
  readonly contentType: string | null;
  /** The response body as text ('' when there was none). */
  readonly text: string;
  /**
   * The response's headers, when the caller has them: a header the document declares
   * `required: true` must be there, and a documented header that is there must match its schema.
   */
  readonly headers?: { get(name: string): string | null };
}

interface OperationMatch {
  readonly key: string;
  readonly pointer: string;
  readonly operation: JsonObject;
  readonly literalSegments: number;
}

export interface Contract {
  /**
   * What is wrong with a response according to the document (empty when it conforms, or when
   * no documented operation matches the request: that an app route is documented at all is
   * test/unit/openapi.test.ts's job).
   */
  problems(response: ContractResponse): string[];
  /** Throws with every problem when the response does not conform. */
  assert(response: ContractResponse): void;
}

const escapePointer = (segment: string) => segment.replace(/~/g, '~0').replace(/\//g, '~1');

function compileRoutes(document: JsonObject) {
  const paths = document.paths as Record<string, JsonObject>;
  return Object.entries(paths).flatMap(([template, item]) => {
    const segments = template.split('/');
    const pattern = new RegExp(
      `^${segments
        .map((segment) =>
          /^\{[^}]+\}$/.test(segment) ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
        )
        .join('/')}$`,
    );
    const literalSegments = segments.filter((segment) => !segment.startsWith('{')).length;
    return Object.entries(item)
      .filter(([method]) => HTTP_METHODS.includes(method))
      .map(([method, operation]) => ({
        method,
        pattern,
        match: {
          key: `${method.toUpperCase()} ${template}`,
          pointer: `#/paths/${escapePointer(template)}/${method}`,
          operation: operation as JsonObject,
          literalSegments,
        } satisfies OperationMatch,
      }));
  });
}

/** Loads a contract from an OpenAPI 3.1 document (by default the repository's openapi.yaml). */
export function loadContract(
  document: JsonObject = parseYaml(
    readFileSync(join(__dirname, '..', '..', '..', 'openapi.yaml'), 'utf8'),
  ) as JsonObject,
): Contract {
  // strict: OpenAPI's own annotations (example, discriminator, ...) are not JSON Schema keywords.
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  addFormats(ajv);
  ajv.addSchema(document as object, DOCUMENT_ID);
  const routes = compileRoutes(document);

  const resolve = (value: Json): JsonObject => {
    let current = value as JsonObject;
    for (let hops = 0; typeof current.$ref === 'string' && hops < 10; hops += 1) {
      const ref = current.$ref;
      current = ref
        .replace(/^#\//, '')
        .split('/')
        .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
        .reduce<Json>((node, part) => (node as JsonObject)[part]!, document) as JsonObject;
    }
    return current;
  };

  const find = (method: string, path: string): OperationMatch | undefined =>
    routes
      .filter((route) => route.method === method.toLowerCase() && route.pattern.test(path))
      .map((route) => route.match)
      .sort((a, b) => b.literalSegments - a.literalSegments)[0];

  // Header schemas are small and inline (a type, a format, a const): compiled once each.
  const headerValidators = new WeakMap<object, ValidateFunction>();
  const checkHeaders = (
    where: string,
    declared: JsonObject,
    headers: { get(name: string): string | null },
  ): string[] =>
    Object.entries(declared).flatMap(([name, declaration]) => {
      const header = resolve(declaration);
      const value = headers.get(name);
      if (value === null) {
        return header.required === true ? [`${where}: the required ${name} header is missing`] : [];
      }
      const schema = header.schema as JsonObject | undefined;
      if (schema === undefined) return [];
      // Header values are text: an integer header (Retry-After) is checked as its number.
      const resolved = resolve(schema);
      const typed = resolved.type === 'integer' && /^-?\d+$/.test(value) ? Number(value) : value;
      let validate = headerValidators.get(resolved);
      if (validate === undefined) {
        validate = ajv.compile(resolved as object);
        headerValidators.set(resolved, validate);
      }
      return validate(typed)
        ? []
        : [`${where}: the ${name} header (${value}) ${ajv.errorsText(validate.errors)}`];
    });

  const problems = (response: ContractResponse): string[] => {
    const path = response.path.split('?')[0]!;
    const match = find(response.method, path);
    if (match === undefined) return [];
    const where = `${match.key} ${response.status}`;
    const responses = (match.operation.responses ?? {}) as JsonObject;
    const statusKey = [String(response.status), `${String(response.status)[0]}XX`, 'default'].find(
      (key) => key in responses,
    );
    if (statusKey === undefined) {
      return [
        `${where}: the status is not documented (documented: ${Object.keys(responses).join(', ')})`,
      ];
    }
    // The pointer goes through the operation unless the response is a shared component.
    const declared = responses[statusKey]!;
    const responseObject = resolve(declared);
    const responsePointer =
      typeof (declared as JsonObject).$ref === 'string'
        ? String((declared as JsonObject).$ref)
        : `${match.pointer}/responses/${statusKey}`;
    const headerProblems =
      response.headers === undefined
        ? []
        : checkHeaders(where, (responseObject.headers ?? {}) as JsonObject, response.headers);
    if (headerProblems.length > 0) return headerProblems;
    const content = responseObject.content as JsonObject | undefined;
    const mediaType = response.contentType?.split(';')[0]!.trim().toLowerCase();
    if (content === undefined) {
      return response.text === ''
        ? []
        : [
            `${where}: answered a body (${mediaType ?? 'no content type'}) where the document has none`,
          ];
    }
    if (response.text === '' && response.method.toUpperCase() === 'HEAD') return [];
    if (mediaType === undefined) {
      return [
        `${where}: answered no content type (documented: ${Object.keys(content).join(', ')})`,
      ];
    }
    const contentKey = Object.keys(content).find(
      (key) => key.toLowerCase() === mediaType || key === '*/*',
    );
    if (contentKey === undefined) {
      return [
        `${where}: ${mediaType} is not documented (documented: ${Object.keys(content).join(', ')})`,
      ];
    }
    if (!/(^application\/json$|\+json$)/.test(mediaType)) return [];
    const media = content[contentKey] as JsonObject;
    if (media.schema === undefined) return [];
    let body: unknown;
    try {
      body = JSON.parse(response.text);
    } catch {
      return [`${where}: the ${mediaType} body is not JSON`];
    }
    const ref = `${DOCUMENT_ID}${responsePointer}/content/${escapePointer(contentKey)}/schema`;
    const validate = ajv.getSchema(ref);
    if (validate === undefined) return [`${where}: no schema at ${ref}`];
    if (validate(body)) return [];
    return (validate.errors ?? []).map(
      (error: ErrorObject) =>
        `${where} ${mediaType}: ${error.instancePath || '(body)'} ${error.message ?? ''} ${JSON.stringify(error.params)}`,
    );
  };

  return {
    problems,
    assert(response) {
      const found = problems(response);
      if (found.length > 0) {
        throw new Error(
          `The response does not match openapi.yaml:\n  ${found.join('\n  ')}\nbody: ${response.text.slice(0, 2000)}`,
        );
      }
    },
  };
}

let shared: Contract | undefined;

/** The repository's contract, loaded once per test file. */
export function contract(): Contract {
  shared ??= loadContract();
  return shared;
}
