import { DEFAULT_MCA_AGREEMENT_URL } from '../../../shared/config/appConfig';
import { buildMcaAgreementUrl } from '../../../shared/domain/mcaAgreementUrl';

describe('the link to the Microsoft Customer Agreement', () => {
  test.each([
    ['en-US', 'public', 'https://www.microsoft.com/en-us/licensing/docs/customeragreement'],
    ['de-DE', 'public', 'https://www.microsoft.com/de-de/licensing/docs/customeragreement'],
  ] as const)('the default in %s for %s', (locale, cloud, expected) => {
    expect(buildMcaAgreementUrl(DEFAULT_MCA_AGREEMENT_URL, { locale, cloud })).toBe(expected);
  });

  test('a pattern may name the cloud; a pattern without placeholders stays as it is', () => {
    expect(
      buildMcaAgreementUrl('https://agreements.example/{cloud}/{locale}.pdf', {
        locale: 'de-DE',
        cloud: 'usgov',
      }),
    ).toBe('https://agreements.example/usgov/de-de.pdf');
    expect(
      buildMcaAgreementUrl('https://agreements.example/mca', { locale: 'en-US', cloud: 'public' }),
    ).toBe('https://agreements.example/mca');
  });

  test.each([
    'http://www.microsoft.com/{locale}/mca',
    'javascript:alert(1)//{locale}',
    '/{locale}/mca',
  ])('refuses %s: the customer must be shown an https page', (pattern) => {
    expect(() => buildMcaAgreementUrl(pattern, { locale: 'en-US', cloud: 'public' })).toThrow(
      /https/,
    );
  });
});
