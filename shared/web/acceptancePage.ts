import type { Locale } from '../domain/cloud';
import { escapeHtml } from '../domain/escapeHtml';
import type { FieldError } from '../http/problem';

/**
 * The pages a customer's admin sees behind the invitation link. Every value that came from a
 * partner or a customer is escaped; the pages load nothing from elsewhere (see the CSP).
 */

interface PageText {
  title: string;
  intro: (partner: string, company: string) => string;
  dap: string;
  noDap: string;
  mcaHeading: string;
  mcaIntro: string;
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  agree: string;
  accept: string;
  acceptedHeading: string;
  acceptedBody: string;
  continue: string;
  expires: (date: string) => string;
  fixErrors: string;
}

const TEXT: Record<Locale, PageText> = {
  'en-US': {
    title: 'Reseller relationship request',
    intro: (partner, company) =>
      `<strong>${partner}</strong> asks to become the Microsoft Cloud Solution Provider reseller of <strong>${company}</strong>.`,
    dap: 'The request includes delegated administrative privileges for Microsoft Entra ID and Microsoft 365. You can remove them at any time.',
    noDap: 'The request does not include administrative privileges.',
    mcaHeading: 'Microsoft Customer Agreement',
    mcaIntro:
      'Before accepting, a person authorised to sign for your organisation must accept the Microsoft Customer Agreement.',
    firstName: 'First name',
    lastName: 'Last name',
    email: 'Email',
    phone: 'Phone (optional)',
    agree: 'I accept the Microsoft Customer Agreement on behalf of my organisation.',
    accept: 'Accept and continue',
    acceptedHeading: 'Request accepted',
    acceptedBody:
      'Continue in your admin portal to authorise the reseller relationship with a Global Administrator account.',
    continue: 'Continue to the admin portal',
    expires: (date) => `This invitation expires on ${date}.`,
    fixErrors: 'Please correct the following:',
  },
  'de-DE': {
    title: 'Anfrage für eine Handelspartnerbeziehung',
    intro: (partner, company) =>
      `<strong>${partner}</strong> möchte Microsoft Cloud Solution Provider-Handelspartner von <strong>${company}</strong> werden.`,
    dap: 'Die Anfrage umfasst delegierte Administratorrechte für Microsoft Entra ID und Microsoft 365. Sie können diese jederzeit entziehen.',
    noDap: 'Die Anfrage umfasst keine Administratorrechte.',
    mcaHeading: 'Microsoft-Kundenvereinbarung',
    mcaIntro:
      'Vor der Annahme muss eine zeichnungsberechtigte Person Ihrer Organisation die Microsoft-Kundenvereinbarung akzeptieren.',
    firstName: 'Vorname',
    lastName: 'Nachname',
    email: 'E-Mail',
    phone: 'Telefon (optional)',
    agree: 'Ich akzeptiere die Microsoft-Kundenvereinbarung im Namen meiner Organisation.',
    accept: 'Annehmen und fortfahren',
    acceptedHeading: 'Anfrage angenommen',
    acceptedBody:
      'Fahren Sie im Admin-Portal fort und bestätigen Sie die Handelspartnerbeziehung mit einem globalen Administratorkonto.',
    continue: 'Weiter zum Admin-Portal',
    expires: (date) => `Diese Einladung läuft am ${date} ab.`,
    fixErrors: 'Bitte korrigieren Sie Folgendes:',
  },
};

export interface AcceptancePageModel {
  readonly locale: Locale;
  readonly partnerName: string;
  readonly companyName: string;
  readonly includeDelegatedAdmin: boolean;
  readonly expiresAt: string;
  readonly mcaRequired: boolean;
  readonly formAction: string;
  readonly values?: Readonly<Record<string, string>>;
  readonly errors?: readonly FieldError[];
}

function layout(locale: Locale, title: string, body: string): string {
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5}label{display:block;margin:.5rem 0}input[type=text],input[type=email],input[type=tel]{width:100%;padding:.4rem}button,a.button{margin-top:1rem;padding:.6rem 1.2rem;background:#0f6cbd;color:#fff;border:0;border-radius:4px;text-decoration:none;display:inline-block}.errors{color:#a4262c}</style>
</head>
<body>
${body}
</body>
</html>`;
}

function formatDate(locale: Locale, iso: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(iso),
  );
}

/** The page behind a valid link: the request, the MCA form when needed, and the accept button. */
export function renderAcceptancePage(model: AcceptancePageModel): string {
  const t = TEXT[model.locale];
  const value = (name: string) => escapeHtml(model.values?.[name] ?? '');
  const errors =
    model.errors && model.errors.length > 0
      ? `<div class="errors" role="alert"><p>${t.fixErrors}</p><ul>${model.errors
          .map((e) => `<li>${escapeHtml(e.field)}: ${escapeHtml(e.message)}</li>`)
          .join('')}</ul></div>`
      : '';
  const mca = model.mcaRequired
    ? `<h2>${t.mcaHeading}</h2>
<p>${t.mcaIntro}</p>
<label>${t.firstName}<input type="text" name="firstName" required maxlength="100" autocomplete="given-name" value="${value('firstName')}"></label>
<label>${t.lastName}<input type="text" name="lastName" required maxlength="100" autocomplete="family-name" value="${value('lastName')}"></label>
<label>${t.email}<input type="email" name="email" required maxlength="254" autocomplete="email" value="${value('email')}"></label>
<label>${t.phone}<input type="tel" name="phoneNumber" maxlength="30" autocomplete="tel" value="${value('phoneNumber')}"></label>
<label><input type="checkbox" name="acceptMca" value="true" required> ${t.agree}</label>`
    : '';
  return layout(
    model.locale,
    t.title,
    `<h1>${t.title}</h1>
<p>${t.intro(escapeHtml(model.partnerName), escapeHtml(model.companyName))}</p>
<p>${model.includeDelegatedAdmin ? t.dap : t.noDap}</p>
<p>${t.expires(escapeHtml(formatDate(model.locale, model.expiresAt)))}</p>
${errors}
<form method="post" action="${escapeHtml(model.formAction)}">
${mca}
<button type="submit">${t.accept}</button>
</form>`,
  );
}

/** After acceptance (or on a later visit): where to go next. */
export function renderAcceptedPage(locale: Locale, portalUrl: string): string {
  const t = TEXT[locale];
  return layout(
    locale,
    t.acceptedHeading,
    `<h1>${t.acceptedHeading}</h1>
<p>${t.acceptedBody}</p>
<p><a class="button" href="${escapeHtml(portalUrl)}">${t.continue}</a></p>`,
  );
}

/** A link that does not (or no longer) work; says what happened and changes nothing. */
export function renderLinkErrorPage(title: string, detail: string): string {
  return layout('en-US', title, `<h1>${escapeHtml(title)}</h1>\n<p>${escapeHtml(detail)}</p>`);
}

/** Headers for every acceptance page: no caching, no referrer (the URL holds the token). */
export const PAGE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Type': 'text/html; charset=utf-8',
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy':
    "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'",
};
