import { createInvitationBody, draftEditBody } from '../../../shared/api/schemas';
import { decodePageToken, encodePageToken } from '../../../shared/api/views';
import { ProblemError } from '../../../shared/domain/problem';
import {
  jsonNestingDepth,
  MAX_JSON_DEPTH,
  parseJson,
  validate,
} from '../../../shared/http/requestBody';
import { etagFromIfMatch } from '../../../shared/http/responses';

const valid = {
  customer: {
    email: 'admin@fabrikam.example',
    companyName: 'Fabrikam',
    domain: 'fabrikam.onmicrosoft.com',
    country: 'fr',
  },
  includeDelegatedAdmin: true,
};

function problemOf(fn: () => unknown): ProblemError {
  try {
    fn();
  } catch (error) {
    return error as ProblemError;
  }
  throw new Error('expected a problem');
}

describe('validation maps every issue to a named field', () => {
  test('a valid body is normalised (country upper-cased, locale defaulted)', () => {
    const body = validate(createInvitationBody, valid);
    expect(body.customer.country).toBe('FR');
    expect(body.locale).toBe('en-US');
  });

  test.each([
    [{ ...valid, extra: 1 }, 'extra', 'UNKNOWN_FIELD'],
    [{ ...valid, customer: { ...valid.customer, nested: 1 } }, 'customer.nested', 'UNKNOWN_FIELD'],
    [{ ...valid, includeDelegatedAdmin: undefined }, 'includeDelegatedAdmin', 'REQUIRED'],
    [{ ...valid, includeDelegatedAdmin: 'true' }, 'includeDelegatedAdmin', 'WRONG_TYPE'],
    [
      { ...valid, customer: { ...valid.customer, email: 'nope' } },
      'customer.email',
      'INVALID_VALUE',
    ],
    [
      { ...valid, customer: { ...valid.customer, companyName: '  ' } },
      'customer.companyName',
      'INVALID_VALUE',
    ],
    [
      { ...valid, customer: { ...valid.customer, companyName: 'A\u0000B' } },
      'customer.companyName',
      'INVALID_VALUE',
    ],
    [null, 'body', 'WRONG_TYPE'],
  ])('%j → %s %s', (input, field, code) => {
    const problem = problemOf(() => validate(createInvitationBody, input));
    expect(problem.status).toBe(400);
    expect(problem.code).toBe('VALIDATION_FAILED');
    expect(problem.errors).toContainEqual(expect.objectContaining({ field, code }));
  });

  test('a draft edit needs at least one part', () => {
    expect(problemOf(() => validate(draftEditBody, {})).status).toBe(400);
    expect(validate(draftEditBody, { subject: 'Hi' })).toEqual({ subject: 'Hi' });
  });
});

describe('page tokens', () => {
  test('round-trip the store continuation and refuse tampering', () => {
    const continuation = '{"token":"+RID:abc#RT:1","range":{"min":"","max":"FF"}}';
    const token = encodePageToken(continuation)!;
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodePageToken(token)).toBe(continuation);
    expect(encodePageToken(undefined)).toBeUndefined();
    for (const bad of ['%%%', 'bm90IGpzb24', '{}']) {
      expect(problemOf(() => decodePageToken(bad)).code).toBe('INVALID_CONTINUATION_TOKEN');
    }
  });
});

describe('If-Match', () => {
  test.each([
    ['"abc"', 'abc'],
    ['W/"abc"', 'abc'],
    ['abc', 'abc'],
    ['  "abc" ', 'abc'],
    ['', undefined],
    [null, undefined],
  ])('%p → %p', (header, etag) => {
    expect(etagFromIfMatch(header)).toBe(etag);
  });
});

describe('JSON nesting is measured before parsing', () => {
  test.each([
    ['1', 0],
    ['{}', 1],
    ['[[],[[]]]', 3],
    ['{"a":{"b":[1,{"c":2}]}}', 4],
    ['"[[[[[["', 0],
    ['["\\"[[[", {"k": "}}}}"}]', 2],
    ['[[[', 3],
  ])('%s nests %i deep', (text, depth) => {
    expect(jsonNestingDepth(text)).toBe(depth);
  });

  test('deeper than the limit is a 400 JSON_TOO_DEEP; at the limit it parses', () => {
    const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
    expect(problemOf(() => parseJson(nested(MAX_JSON_DEPTH + 1)))).toMatchObject({
      status: 400,
      code: 'JSON_TOO_DEEP',
      errors: [expect.objectContaining({ field: 'body' })],
    });
    expect(() => parseJson(nested(MAX_JSON_DEPTH))).not.toThrow();
  });
});
