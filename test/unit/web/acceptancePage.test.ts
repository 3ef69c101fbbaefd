import {
  formatExpiry,
  pageHeaders,
  renderAcceptancePage,
  renderAcceptedPage,
  renderLinkErrorPage,
  renderSignInProblemPage,
  type AcceptancePageModel,
} from '../../../shared/web/acceptancePage';

const base: AcceptancePageModel = {
  locale: 'en-US',
  partnerName: 'Contoso <Partner>',
  companyName: 'Fabrikam & "Sons"',
  domain: 'fabrikam.com',
  includeDelegatedAdmin: true,
  expiresAt: '2027-03-01T14:05:00.000Z',
  mcaRequired: true,
  agreementUrl: 'https://www.microsoft.com/en-us/licensing/docs/customeragreement',
  path: '/api/accept/tok',
  signIn: {
    kind: 'signed-in',
    username: 'ada@fabrikam.com',
    tenantId: '6f1c2d3e-0000-4000-8000-000000000001',
    eligibility: { kind: 'eligible' },
    csrf: 'csrf-token-value',
  },
};

describe('the acceptance page', () => {
  test('escapes everything a partner, customer or sign-in supplied, in text and attributes', () => {
    const html = renderAcceptancePage({
      ...base,
      partnerName: '<script>alert(1)</script>',
      signIn: { ...(base.signIn as object), username: '"><img src=x onerror=alert(1)>' } as never,
      values: { firstName: '"><script>x</script>' },
    });
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('"><script>x</script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('Fabrikam &amp; &quot;Sons&quot;');
  });

  test('signed out: the request and a sign-in button, and no form that could accept', () => {
    const html = renderAcceptancePage({ ...base, signIn: { kind: 'signed-out' } });
    expect(html).toContain('href="/api/accept/tok/signin"');
    expect(html).toContain('Sign in with Microsoft');
    expect(html).toContain('Global Administrator');
    expect(html).toContain('<strong>fabrikam.com</strong>');
    expect(html).not.toContain('method="post" action="/api/accept/tok"');
    expect(html).not.toContain('name="firstName"');
  });

  test('signed in as an eligible admin: the MCA form with its anti-forgery token and the agreement link', () => {
    const html = renderAcceptancePage({
      ...base,
      values: { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@fabrikam.com' },
    });
    expect(html).toContain('Signed in as <strong>ada@fabrikam.com</strong>');
    expect(html).toContain('6f1c2d3e-0000-4000-8000-000000000001');
    expect(html).toContain('<input type="hidden" name="csrf" value="csrf-token-value">');
    expect(html).toContain('method="post" action="/api/accept/tok"');
    expect(html).toContain('action="/api/accept/tok/signout"');
    expect(html).toContain('value="Ada"');
    expect(html).toContain(`href="${base.agreementUrl}" target="_blank" rel="noopener noreferrer"`);
    // Required fields are marked for sight and for assistive technology.
    expect(html).toMatch(/<input id="firstName"[^>]* required aria-required="true"/);
    expect(html).toMatch(/<input id="phoneNumber"(?![^>]*required)[^>]*>/);
  });

  test.each([
    ['DOMAIN_MISMATCH', 'is not an account of fabrikam.com'],
    ['NOT_GLOBAL_ADMIN', 'is not a Global Administrator'],
    [
      'TENANT_MISMATCH',
      'is signed in to another Microsoft Entra organization than the one that owns fabrikam.com',
    ],
  ] as const)(
    'signed in but refused (%s): says who is signed in and who must sign in',
    (reason, says) => {
      const html = renderAcceptancePage({
        ...base,
        signIn: { ...(base.signIn as object), eligibility: { kind: 'refused', reason } } as never,
      });
      expect(html).toContain(says);
      expect(html).toContain('<strong>ada@fabrikam.com</strong>');
      expect(html).toContain('href="/api/accept/tok/signin"');
      expect(html).not.toContain('name="firstName"');
    },
  );

  test('in German, signed in to another organization than the domain owner: says so, with the sign-out form and its token', () => {
    const html = renderAcceptancePage({
      ...base,
      locale: 'de-DE',
      signIn: {
        ...(base.signIn as object),
        eligibility: { kind: 'refused', reason: 'TENANT_MISMATCH' },
      } as never,
    });
    expect(html).toContain(
      'ist bei einer anderen Microsoft Entra-Organisation angemeldet als der, die fabrikam.com besitzt',
    );
    expect(html).toContain(
      'action="/api/accept/tok/signout"><input type="hidden" name="csrf" value="csrf-token-value">',
    );
  });

  test('errors are localized, next to their field, tied to it with aria attributes, and keep the checkbox', () => {
    const html = renderAcceptancePage({
      ...base,
      locale: 'de-DE',
      values: { firstName: '', email: 'not-an-email', acceptMca: 'true' },
      errors: [
        { field: 'firstName', code: 'VALIDATION_FAILED', message: 'must not be empty' },
        { field: 'email', code: 'VALIDATION_FAILED', message: 'Invalid email address' },
      ],
    });
    expect(html).toMatch(
      /<input id="email"[^>]*aria-invalid="true" aria-describedby="email-error"/,
    );
    expect(html).toContain(
      '<p id="email-error" class="field-error">Geben Sie eine gültige E-Mail-Adresse ein',
    );
    expect(html).toContain('<p id="firstName-error" class="field-error">Geben Sie den Vornamen');
    expect(html).toContain('<a href="#email">');
    // Never the raw field keys or the validator's English.
    expect(html).not.toContain('Invalid email address');
    expect(html).not.toContain('email:');
    expect(html).toMatch(/<input id="acceptMca"[^>]* checked/);
    expect(html).toMatch(/<input id="lastName"(?![^>]*aria-invalid)[^>]*>/);
  });

  test('an unticked agreement is an error on the checkbox', () => {
    const html = renderAcceptancePage({
      ...base,
      errors: [{ field: 'mca', code: 'MCA_ACCEPTANCE_REQUIRED', message: 'Accept the agreement.' }],
    });
    expect(html).toMatch(
      /<input id="acceptMca"[^>]*aria-invalid="true" aria-describedby="acceptMca-error"/,
    );
    expect(html).not.toMatch(/<input id="acceptMca"[^>]* checked/);
  });

  test('the MCA is not asked again when the customer accepted it', () => {
    const html = renderAcceptancePage({ ...base, mcaRequired: false, locale: 'de-DE' });
    expect(html).toContain('bereits akzeptiert');
    expect(html).not.toContain('name="firstName"');
    expect(html).toContain('Annehmen und fortfahren');
    expect(html).toContain('<html lang="de-DE">');
  });

  test('the expiry shows date, time and time zone in the page language', () => {
    // ICU versions differ in the joining word and spaces; the parts must all be there.
    expect(formatExpiry('en-US', base.expiresAt)).toMatch(/^March 1, 2027\D+2:05\sPM UTC$/);
    expect(formatExpiry('de-DE', base.expiresAt)).toMatch(/^1\. März 2027\D+14:05 UTC$/);
  });

  test('a notice explains a page-level problem in the page language', () => {
    const html = renderAcceptancePage({ ...base, locale: 'de-DE', notice: 'CSRF_TOKEN_INVALID' });
    expect(html).toContain('Dieses Formular war veraltet');
  });
});

describe('the other customer pages', () => {
  test('the accepted page links to the portal', () => {
    const html = renderAcceptedPage('en-US', 'https://admin.microsoft.com/x?a=1&b=2');
    expect(html).toContain('href="https://admin.microsoft.com/x?a=1&amp;b=2"');
  });

  test.each([
    ['en-US', 'LINK_EXPIRED', 'Invitation expired'],
    ['de-DE', 'LINK_EXPIRED', 'Einladung abgelaufen'],
    ['de-DE', 'LINK_REVOKED', 'Einladung zurückgezogen'],
    ['de-DE', 'LINK_NOT_FOUND', 'Einladung nicht gefunden'],
    ['en-US', 'SOMETHING_ELSE', 'Invitation not found'],
  ] as const)('a dead link in %s (%s) says "%s"', (locale, code, title) => {
    const html = renderLinkErrorPage(locale, code);
    expect(html).toContain(`<h1>${title}</h1>`);
    expect(html).toContain(`<html lang="${locale}">`);
  });

  test('a sign-in problem names the domain and leads back to the invitation', () => {
    const html = renderSignInProblemPage('en-US', 'CUSTOMER_TENANT_NOT_FOUND', {
      domain: 'fabrikam.invalid',
      partnerName: 'Contoso <GmbH>',
      backPath: '/api/accept/tok',
    });
    expect(html).toContain('No Microsoft Entra organization uses the domain fabrikam.invalid');
    expect(html).toContain('Contoso &lt;GmbH&gt;');
    expect(html).toContain('href="/api/accept/tok"');
  });

  test('forms may post only to the app and to the portal the acceptance redirects to', () => {
    expect(pageHeaders()['Content-Security-Policy']).toContain("form-action 'self'");
    const csp = pageHeaders('https://admin.microsoft.com')['Content-Security-Policy'];
    expect(csp).toMatch(/form-action 'self' https:\/\/admin\.microsoft\.com$/);
    expect(csp).toContain("default-src 'none'");
    expect(pageHeaders()['Referrer-Policy']).toBe('no-referrer');
  });
});

describe('the roles asked for', () => {
  const GDAP = {
    roles: ['fe930be7-5e62-47db-91af-98c3a49a38b1', '<b>not-a-role</b>'],
    duration: 'P90D',
    endsAt: '2027-06-01T08:30:00.000Z',
    autoExtend: false,
  };

  test('each role by name and what it allows, the days, the end in UTC and no auto-extension', () => {
    const html = renderAcceptancePage({ ...base, delegatedAdmin: GDAP });
    expect(html).toContain(
      '<li><strong>User Administrator</strong>: Create and manage users and groups, reset passwords of non-administrators.</li>',
    );
    // An id the catalogue does not know is shown as it is, escaped.
    expect(html).toContain('<li>&lt;b&gt;not-a-role&lt;/b&gt;</li>');
    expect(html).toContain(
      `For 90 days from your approval, until ${formatExpiry('en-US', GDAP.endsAt)}.`,
    );
    expect(html).toContain('Not extended automatically');
    expect(html).toContain('Contoso &lt;Partner&gt; asks for these Microsoft Entra roles');
  });

  test('in German, with auto-extension', () => {
    const html = renderAcceptancePage({
      ...base,
      locale: 'de-DE',
      delegatedAdmin: { ...GDAP, autoExtend: true },
    });
    expect(html).toContain('<strong>Benutzeradministrator</strong>');
    expect(html).toContain('Für 90 Tage ab Ihrer Zustimmung');
    expect(html).toContain('automatisch um 180 Tage verlängert');
  });

  test('classic DAP: the classic roles without an end date', () => {
    const html = renderAcceptancePage({
      ...base,
      delegatedAdmin: {
        roles: ['62e90394-69f5-4237-9190-012177145e10', '729827e3-9c14-49f7-bb1b-9608f156bbb8'],
        duration: null,
        endsAt: null,
        autoExtend: false,
      },
    });
    expect(html).toContain('<strong>Global Administrator</strong>');
    expect(html).toContain('<strong>Helpdesk Administrator</strong>');
    expect(html).toContain('Without an end date');
    expect(html).not.toContain('Extended automatically');
  });

  test('no admin privileges: one sentence saying so', () => {
    const html = renderAcceptancePage({
      ...base,
      includeDelegatedAdmin: false,
      delegatedAdmin: null,
    });
    expect(html).toContain('The request does not include administrative privileges.');
    expect(html).not.toContain('roles-heading');
  });
});
