import { describe, expect, it } from 'vitest';
import { emailOutsideDomain } from './emailDomain';

describe('emailOutsideDomain', () => {
  it.each([
    ['admin@contoso.onmicrosoft.com', 'contoso.onmicrosoft.com', false],
    ['Admin@CONTOSO.onmicrosoft.com ', ' contoso.onmicrosoft.com', false],
    ['admin@eu.contoso.com', 'contoso.com', false],
    ['admin@gmail.com', 'contoso.onmicrosoft.com', true],
    ['admin@contoso.com', 'contoso.onmicrosoft.com', true],
    ['admin@notcontoso.com', 'contoso.com', true],
    // Not complete yet: nothing to say.
    ['admin@', 'contoso.com', false],
    ['admin@gmai', 'contoso.com', false],
    ['admin', 'contoso.com', false],
    ['admin@gmail.com', 'contoso', false],
    ['admin@gmail.com', '', false],
  ])('%s for %s: %s', (email, domain, outside) => {
    expect(emailOutsideDomain(email, domain)).toBe(outside);
  });
});
