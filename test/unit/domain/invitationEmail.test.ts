import { LOCALES, type Locale } from '../../../shared/domain/cloud';
import { escapeHtml } from '../../../shared/domain/escapeHtml';
import { missingLinkFields } from '../../../shared/domain/draftLink';
import {
  draftInvitationEmail,
  type InvitationEmailInput,
} from '../../../shared/domain/invitationEmail';

const ACCEPT_URL = 'https://invite.example/api/accept/k3Y_tok-en?lang=de&src=mail';

function input(overrides: Partial<InvitationEmailInput> = {}): InvitationEmailInput {
  return {
    locale: 'en-US',
    partnerName: 'Fabrikam Cloud Services',
    customerCompanyName: 'Contoso Ltd',
    acceptUrl: ACCEPT_URL,
    includeDelegatedAdmin: false,
    expiresAt: new Date('2027-02-22T12:00:00Z'),
    ...overrides,
  };
}

/** Words that only the delegated-admin paragraph uses, per locale. */
const DAP_MARKERS: Record<Locale, RegExp> = {
  'en-US': /delegated administrative privileges for Microsoft Entra ID/,
  'de-DE': /delegierte Administratorrechte für Microsoft Entra ID/,
};
const DAP_REMOVABLE: Record<Locale, RegExp> = {
  'en-US': /remove these privileges at any time/,
  'de-DE': /jederzeit wieder entfernen/,
};

describe('draftInvitationEmail', () => {
  describe.each(LOCALES)('in %s', (locale) => {
    const draft = draftInvitationEmail(input({ locale }));

    test('names partner and customer in subject, text and HTML', () => {
      for (const part of [draft.subject, draft.text, draft.html]) {
        expect(part).toContain('Fabrikam Cloud Services');
        expect(part).toContain('Contoso Ltd');
      }
    });

    test('puts the link on a line of its own in the text', () => {
      expect(draft.text.split('\n')).toContain(ACCEPT_URL);
    });

    test('puts the link in the HTML as an anchor and as visible text', () => {
      const escaped = escapeHtml(ACCEPT_URL);
      expect(draft.html).toContain(`<a href="${escaped}">`);
      expect(draft.html).toContain(`<br>${escaped}</p>`);
      expect(draft.html).not.toContain(ACCEPT_URL); // the raw `&` is always escaped
    });

    test('passes its own link check', () => {
      expect(missingLinkFields(draft, ACCEPT_URL)).toEqual([]);
    });

    test('declares its language and charset in the HTML', () => {
      expect(draft.html).toContain(`<html lang="${locale}">`);
      expect(draft.html).toContain('<meta charset="utf-8">');
    });

    test('says a Global Administrator accepts, maybe after the Customer Agreement', () => {
      expect(draft.text).toMatch(/Global(er)? Administrator/);
      expect(draft.text).toContain('Microsoft Customer Agreement');
    });
  });

  test.each([
    ['en-US', true, true],
    ['en-US', false, false],
    ['de-DE', true, true],
    ['de-DE', false, false],
  ] as const)(
    '%s with DAP %p mentions delegated admin: %p',
    (locale, includeDelegatedAdmin, mentioned) => {
      const draft = draftInvitationEmail(input({ locale, includeDelegatedAdmin }));
      for (const part of [draft.text, draft.html]) {
        expect(DAP_MARKERS[locale].test(part)).toBe(mentioned);
        expect(DAP_REMOVABLE[locale].test(part)).toBe(mentioned);
      }
    },
  );

  test.each([
    ['en-US', '2027-02-22T12:00:00Z', 'February 22, 2027'],
    ['de-DE', '2027-02-22T12:00:00Z', '22. Februar 2027'],
    ['en-US', '2027-02-22T23:59:59Z', 'February 22, 2027'],
    ['de-DE', '2027-02-22T00:00:00Z', '22. Februar 2027'],
    ['de-DE', '2027-03-01T00:30:00Z', '1. März 2027'],
    ['en-US', '2026-12-31T23:30:00Z', 'December 31, 2026'],
  ] as const)('%s shows the expiry %s as %p (UTC date)', (locale, iso, formatted) => {
    const draft = draftInvitationEmail(input({ locale, expiresAt: new Date(iso) }));
    expect(draft.text).toContain(formatted);
    expect(draft.html).toContain(escapeHtml(formatted));
  });

  describe.each(LOCALES)('with hostile names in %s', (locale) => {
    const partnerName = '<script>alert("x")</script> & Co';
    const customerCompanyName = `O'Brien <b>"Holdings"</b>`;
    const draft = draftInvitationEmail(input({ locale, partnerName, customerCompanyName }));

    test('the HTML never contains them unescaped', () => {
      expect(draft.html).not.toContain('<script');
      expect(draft.html).not.toContain(partnerName);
      expect(draft.html).not.toContain(customerCompanyName);
      expect(draft.html).not.toContain('<b>');
      expect(draft.html).toContain(escapeHtml(partnerName));
      expect(draft.html).toContain(escapeHtml(customerCompanyName));
    });

    test('the text and subject carry them verbatim', () => {
      expect(draft.text).toContain(partnerName);
      expect(draft.text).toContain(customerCompanyName);
      expect(draft.subject).toContain(partnerName);
      expect(draft.subject).toContain(customerCompanyName);
    });

    test('every tag in the HTML is one the template wrote', () => {
      const tags = new Set([...draft.html.matchAll(/<\/?([a-zA-Z!]+)/g)].map((m) => m[1]));
      expect([...tags].sort()).toEqual(
        ['!DOCTYPE', 'a', 'body', 'br', 'head', 'html', 'meta', 'p', 'strong', 'title'].sort(),
      );
    });
  });

  test('an accept URL with a quote cannot break out of the href', () => {
    const acceptUrl = 'https://invite.example/accept/t?x="onmouseover=alert(1)';
    const draft = draftInvitationEmail(input({ acceptUrl }));
    expect(draft.html).toContain(`href="${escapeHtml(acceptUrl)}"`);
    expect(draft.html).not.toContain('"onmouseover');
    expect(draft.text).toContain(acceptUrl);
  });

  test('a line break in a name does not split the subject', () => {
    const draft = draftInvitationEmail(input({ partnerName: 'Fabrikam\r\nBcc: x@evil.example' }));
    expect(draft.subject).not.toMatch(/[\r\n]/);
    expect(draft.subject).toContain('Fabrikam Bcc: x@evil.example');
  });

  test.each([
    ['a javascript: URL', 'javascript:alert(1)'],
    ['a relative URL', '/api/accept/abc'],
    ['a mailto URL', 'mailto:someone@example.com'],
    ['empty', ''],
  ])('refuses %s as the accept link', (_name, acceptUrl) => {
    expect(() => draftInvitationEmail(input({ acceptUrl }))).toThrow(/acceptUrl/);
  });

  test('accepts a plain http link for local development', () => {
    const acceptUrl = 'http://127.0.0.1:7071/api/accept/abc';
    expect(draftInvitationEmail(input({ acceptUrl })).text).toContain(acceptUrl);
  });

  test('the two locales are really different texts', () => {
    const en = draftInvitationEmail(input({ locale: 'en-US' }));
    const de = draftInvitationEmail(input({ locale: 'de-DE' }));
    expect(de.subject).not.toBe(en.subject);
    expect(de.text).toMatch(/Guten Tag/);
    expect(en.text).toMatch(/Hello/);
  });
});
