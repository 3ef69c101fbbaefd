import {
  renderAcceptancePage,
  renderAcceptedPage,
  renderLinkErrorPage,
} from '../../../shared/web/acceptancePage';

const hostile = `"><script>alert('x')</script>`;

describe('acceptance pages', () => {
  test('escape everything a partner or customer typed, in text and attributes', () => {
    const html = renderAcceptancePage({
      locale: 'en-US',
      partnerName: hostile,
      companyName: hostile,
      includeDelegatedAdmin: true,
      expiresAt: '2027-02-22T00:00:00.000Z',
      mcaRequired: true,
      formAction: '/api/accept/abc',
      values: { firstName: hostile },
      errors: [{ field: 'email', code: 'INVALID_VALUE', message: hostile }],
    });
    expect(html).not.toContain('<script>');
    expect(html).toContain('&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;');
    expect(html).toContain('February 22, 2027');
    expect(html).toContain('name="acceptMca"');
  });

  test('show no MCA form when the customer already accepted it, in German when asked', () => {
    const html = renderAcceptancePage({
      locale: 'de-DE',
      partnerName: 'Contoso',
      companyName: 'Fabrikam',
      includeDelegatedAdmin: false,
      expiresAt: '2027-02-22T00:00:00.000Z',
      mcaRequired: false,
      formAction: '/api/accept/abc',
    });
    expect(html).not.toContain('name="firstName"');
    expect(html).toContain('22. Februar 2027');
    expect(html).toContain('keine Administratorrechte');
  });

  test('the accepted page links to the portal; the error page escapes its text', () => {
    expect(renderAcceptedPage('en-US', 'https://admin.microsoft.com/a?b=1&c=2')).toContain(
      'href="https://admin.microsoft.com/a?b=1&amp;c=2"',
    );
    expect(renderLinkErrorPage('Gone', hostile)).not.toContain('<script>');
  });
});
