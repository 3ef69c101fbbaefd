import type { HttpRequest } from '@azure/functions';
import type { z } from 'zod';
import { fieldProblem, ProblemError, type FieldError } from '../domain/problem';

/** Default body limit: invitations and profiles are small; drafts get a larger one. */
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

/**
 * Reads the raw body once, refusing oversize bodies before and after reading: the
 * Content-Length header can be absent or wrong, so the actual byte count decides.
 */
export async function readBodyBytes(request: HttpRequest, maxBytes: number): Promise<Buffer> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (Number.isFinite(declared) && declared > maxBytes) {
    throw payloadTooLarge(maxBytes);
  }
  const bytes = Buffer.from(await request.arrayBuffer());
  if (bytes.length > maxBytes) {
    throw payloadTooLarge(maxBytes);
  }
  return bytes;
}

function payloadTooLarge(maxBytes: number): ProblemError {
  return fieldProblem(
    413,
    'PAYLOAD_TOO_LARGE',
    'body',
    `The request body exceeds ${maxBytes} bytes.`,
    'Payload too large',
  );
}

/** The media type without parameters, lower-cased; '' when absent. */
export function mediaTypeOf(request: HttpRequest): string {
  return (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
}

function isJsonMediaType(mediaType: string): boolean {
  return mediaType === 'application/json' || mediaType.endsWith('+json');
}

/**
 * Parses and validates a JSON body against a strict schema: malformed JSON, wrong types and
 * unknown fields all become a 400 naming each offending field, never an exception.
 */
export async function readJsonBody<S extends z.ZodType>(
  request: HttpRequest,
  schema: S,
  maxBytes = DEFAULT_MAX_BODY_BYTES,
): Promise<z.output<S>> {
  const mediaType = mediaTypeOf(request);
  if (!isJsonMediaType(mediaType)) {
    throw fieldProblem(
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      'content-type',
      'Send the body as application/json.',
      'Unsupported media type',
    );
  }
  const bytes = await readBodyBytes(request, maxBytes);
  const value = parseJson(bytes.toString('utf8'));
  return validate(schema, value);
}

/**
 * How deeply arrays and objects may nest in a JSON body. Every body this API takes is at most a
 * few levels deep; the limit keeps anything that walks a parsed body recursively (validation,
 * request fingerprints) far from the stack's limit, which ~10,000 levels reach.
 */
export const MAX_JSON_DEPTH = 32;

/**
 * The deepest nesting of arrays and objects in JSON text, counted without parsing it, so it can
 * be checked before anything walks the value. Brackets inside strings do not count.
 */
export function jsonNestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (inString) {
      if (char === 0x5c /* \ */) {
        i++;
      } else if (char === 0x22 /* " */) {
        inString = false;
      }
    } else if (char === 0x22) {
      inString = true;
    } else if (char === 0x5b /* [ */ || char === 0x7b /* { */) {
      depth++;
      deepest = Math.max(deepest, depth);
    } else if (char === 0x5d /* ] */ || char === 0x7d /* } */) {
      depth--;
    }
  }
  return deepest;
}

/**
 * Parses JSON text, turning a syntax error into a 400 that says where it broke, and refusing
 * nesting deeper than MAX_JSON_DEPTH before parsing.
 */
export function parseJson(text: string): unknown {
  if (text.trim() === '') {
    throw fieldProblem(400, 'BODY_REQUIRED', 'body', 'A JSON body is required.');
  }
  if (jsonNestingDepth(text) > MAX_JSON_DEPTH) {
    throw fieldProblem(
      400,
      'JSON_TOO_DEEP',
      'body',
      `Arrays and objects in the body nest more than ${MAX_JSON_DEPTH} levels deep.`,
    );
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw fieldProblem(
      400,
      'MALFORMED_JSON',
      'body',
      `The body is not valid JSON: ${(error as Error).message}`,
    );
  }
}

/** Validates any input (body, query, form) against a schema, mapping issues to field errors. */
export function validate<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) {
    return result.data;
  }
  const errors = result.error.issues.flatMap((issue) => toFieldErrors(issue, value));
  throw new ProblemError({
    status: 400,
    code: 'VALIDATION_FAILED',
    title: 'The request is not valid',
    detail: errors.map((e) => `${e.field}: ${e.message}`).join('; '),
    errors,
  });
}

function toFieldErrors(issue: z.core.$ZodIssue, input: unknown): FieldError[] {
  const base = issue.path.map(String);
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({
      field: [...base, key].join('.') || 'body',
      code: 'UNKNOWN_FIELD',
      message: `Unknown field "${key}".`,
    }));
  }
  const field = base.join('.') || 'body';
  if (issue.code === 'invalid_type' && valueAt(input, issue.path) === undefined) {
    return [{ field, code: 'REQUIRED', message: 'This field is required.' }];
  }
  const code = issue.code === 'invalid_type' ? 'WRONG_TYPE' : 'INVALID_VALUE';
  return [{ field, code, message: issue.message }];
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = input;
  for (const key of path) {
    if (current === null || typeof current !== 'object') {
      return undefined;
    }
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}
