import { describe, expect, it } from 'vitest';
import { ApiProblem, toApiProblem } from '../api/apiProblem';
import { de } from './de';
import { en } from './en';
import { format, initialLocale } from './i18n';
import { fieldErrorText, problemText } from './problemText';

const problem = (code: string, errors: ApiProblem['errors'] = []) =>
  new ApiProblem(422, code, 'English title from the API', errors, undefined);

describe('problemText', () => {
  it('localizes by code and never shows the API title', () => {
    expect(problemText(de, problem('CUSTOMER_OUTSIDE_REGION'))).toBe(
      'Der Kunde liegt außerhalb Ihrer CSP-Region.',
    );
    expect(problemText(en, problem('SOMETHING_NEW'))).toBe(
      'Something went wrong (SOMETHING_NEW). Try again.',
    );
  });
});

describe('fieldErrorText', () => {
  it('puts the message next to the field errors[] names, with the field hint for invalid values', () => {
    const p = problem('VALIDATION_FAILED', [
      { field: 'customer.domain', code: 'INVALID_VALUE', message: 'must be a domain name' },
      { field: 'customer.country', code: 'CUSTOMER_OUTSIDE_REGION', message: 'outside' },
    ]);
    expect(fieldErrorText(de, p, 'customer.domain')).toBe(
      'Geben Sie eine Domäne wie contoso.onmicrosoft.com ein.',
    );
    expect(fieldErrorText(en, p, 'customer.country')).toBe(
      'This country is outside your CSP region.',
    );
    expect(fieldErrorText(en, p, 'customer.email')).toBeUndefined();
  });

  it('says what to enter for an empty or bad first-run field and webhook URL, never a bare "not valid"', () => {
    const p = problem('VALIDATION_FAILED', [
      { field: 'displayName', code: 'REQUIRED', message: 'required' },
      { field: 'country', code: 'INVALID_VALUE', message: 'must be a country code' },
      { field: 'url', code: 'WEBHOOK_URL_NOT_ALLOWED', message: 'not https' },
    ]);
    for (const t of [en, de]) {
      expect(fieldErrorText(t, p, 'displayName')).toBe(t.fieldHints.displayName);
      expect(fieldErrorText(t, p, 'country')).toBe(t.fieldHints.country);
      expect(fieldErrorText(t, p, 'url')).toBe(t.fieldErrors.WEBHOOK_URL_NOT_ALLOWED);
      for (const field of ['displayName', 'country', 'url']) {
        expect(fieldErrorText(t, p, field)).not.toBe(t.fieldErrors.INVALID_VALUE);
      }
    }
  });
});

describe('toApiProblem', () => {
  it('reads code, errors and Retry-After from problem+json', async () => {
    const response = new Response(
      JSON.stringify({ code: 'RESEND_RATE_LIMITED', title: 'Resent too recently', errors: [] }),
      { status: 429, headers: { 'Retry-After': '540' } },
    );
    const p = await toApiProblem(response);
    expect([p.status, p.code, p.retryAfterSeconds]).toEqual([429, 'RESEND_RATE_LIMITED', 540]);
  });

  it('gives a non-JSON failure a code from its status', async () => {
    const p = await toApiProblem(new Response('<html>Bad gateway</html>', { status: 502 }));
    expect(p.code).toBe('HTTP_502');
  });
});

describe('locale and messages', () => {
  it('follows the browser unless the user chose', () => {
    expect(initialLocale(null, ['de-AT', 'en'])).toBe('de-DE');
    expect(initialLocale(null, ['fr-FR'])).toBe('en-US');
    expect(initialLocale('en-US', ['de-DE'])).toBe('en-US');
  });

  it('has a German text for every English one, with the same placeholders', () => {
    const walk = (a: unknown, b: unknown, path: string): string[] => {
      if (typeof a === 'string') {
        const holes = (s: unknown) =>
          String(s)
            .match(/\{\w+\}/g)
            ?.sort()
            .join() ?? '';
        return typeof b === 'string' && holes(a) === holes(b) ? [] : [path];
      }
      return Object.keys(a as object).flatMap((key) =>
        walk((a as never)[key], (b as never)?.[key], `${path}.${key}`),
      );
    };
    expect(walk(en, de, 'de')).toEqual([]);
    expect(format('{a} and {b}', { a: 1 })).toBe('1 and {b}');
  });
});
