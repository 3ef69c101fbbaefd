import type { Locale } from './cloud';
import { escapeHtml } from './escapeHtml';
import { longUtcDate } from './longDate';

export interface InvitationEmailInput {
  locale: Locale;
  partnerName: string;
  customerCompanyName: string;
  acceptUrl: string;
  includeDelegatedAdmin: boolean;
  expiresAt: Date;
}

export interface EmailDraft {
  subject: string;
  text: string;
  html: string;
}

/**
 * The wording of one locale. Each entry receives already prepared values: for the text version
 * they are the raw values, for the HTML version they are escaped, so a phrase never has to know
 * which one it is building.
 */
interface InvitationCopy {
  subject(partner: string, company: string): string;
  greeting: string;
  request(partner: string, company: string): string;
  delegatedAdmin(partner: string): string;
  noDelegatedAdmin: string;
  howToAccept: string;
  linkLabel: string;
  linkFallback: string;
  expiry(date: string): string;
  notExpected: string;
  closing: string;
}

const COPY: Readonly<Record<Locale, InvitationCopy>> = {
  'en-US': {
    subject: (partner, company) => `${partner} requests a reseller relationship with ${company}`,
    greeting: 'Hello,',
    request: (partner, company) =>
      `${partner} would like to become the reseller for ${company} in the Microsoft Cloud ` +
      `Solution Provider (CSP) program. As your CSP partner, ${partner} can sell you Microsoft ` +
      'cloud subscriptions, bill you for them and support you in using them.',
    delegatedAdmin: (partner) =>
      `${partner} also asks for delegated administrative privileges for Microsoft Entra ID and ` +
      `Microsoft 365 (Office 365), so that ${partner} can manage these services on your ` +
      "organization's behalf. You can remove these privileges at any time.",
    noDelegatedAdmin:
      'This request does not give the partner administrative privileges in your organization.',
    howToAccept:
      'To accept, open the link below and sign in as a Global Administrator of your ' +
      'organization. You may be asked to accept the Microsoft Customer Agreement first.',
    linkLabel: 'Review and accept the request',
    linkFallback: 'If the link does not open, copy this address into your browser:',
    expiry: (date) => `This link expires on ${date}.`,
    notExpected:
      'If you did not expect this request, you can ignore this email: nothing changes until a ' +
      'Global Administrator accepts it.',
    closing: 'Kind regards,',
  },
  'de-DE': {
    subject: (partner, company) => `${partner} bittet um eine Reseller-Beziehung mit ${company}`,
    greeting: 'Guten Tag,',
    request: (partner, company) =>
      `${partner} möchte für ${company} als Reseller im Cloud Solution Provider-Programm ` +
      `(CSP) von Microsoft tätig werden. Als Ihr CSP-Partner kann ${partner} Ihnen ` +
      'Microsoft-Cloud-Abonnements verkaufen, sie Ihnen in Rechnung stellen und Sie bei deren ' +
      'Nutzung unterstützen.',
    delegatedAdmin: (partner) =>
      `Außerdem bittet ${partner} um delegierte Administratorrechte für Microsoft Entra ID und ` +
      `Microsoft 365 (Office 365), damit ${partner} diese Dienste im Auftrag Ihrer Organisation ` +
      'verwalten kann. Sie können diese Rechte jederzeit wieder entfernen.',
    noDelegatedAdmin:
      'Mit dieser Anfrage erhält der Partner keine Administratorrechte in Ihrer Organisation.',
    howToAccept:
      'Um die Anfrage anzunehmen, öffnen Sie den folgenden Link und melden Sie sich als ' +
      'Globaler Administrator Ihrer Organisation an. Möglicherweise werden Sie zuvor gebeten, ' +
      'die Microsoft-Kundenvereinbarung (Microsoft Customer Agreement) anzunehmen.',
    linkLabel: 'Anfrage prüfen und annehmen',
    linkFallback: 'Falls sich der Link nicht öffnet, kopieren Sie diese Adresse in Ihren Browser:',
    expiry: (date) => `Dieser Link läuft am ${date} ab.`,
    notExpected:
      'Falls Sie diese Anfrage nicht erwartet haben, können Sie diese E-Mail ignorieren: Es ' +
      'ändert sich nichts, solange kein Globaler Administrator sie annimmt.',
    closing: 'Mit freundlichen Grüßen',
  },
};

/**
 * Drafts the invitation a partner sends to a prospective customer, in the customer's language.
 * The link is what ties the customer to this partner, so it appears in the text on a line of its
 * own (mail apps link it reliably there) and in the HTML as a real anchor plus visible text for
 * copying. Partner and company names are typed by users and are escaped in the HTML; the expiry
 * date is the UTC calendar date so it does not move with the server's time zone.
 */
export function draftInvitationEmail(input: InvitationEmailInput): EmailDraft {
  assertWebUrl(input.acceptUrl);
  const copy = COPY[input.locale];
  const expiryDate = longUtcDate(input.locale, input.expiresAt);
  return {
    subject: singleLine(copy.subject(input.partnerName, input.customerCompanyName)),
    text: draftText(copy, input, expiryDate),
    html: draftHtml(copy, input, expiryDate),
  };
}

function draftText(copy: InvitationCopy, input: InvitationEmailInput, expiryDate: string): string {
  const partner = input.partnerName;
  const paragraphs = [
    copy.greeting,
    copy.request(partner, input.customerCompanyName),
    input.includeDelegatedAdmin ? copy.delegatedAdmin(partner) : copy.noDelegatedAdmin,
    copy.howToAccept,
    input.acceptUrl,
    `${copy.expiry(expiryDate)} ${copy.notExpected}`,
    `${copy.closing}\n${partner}`,
  ];
  return `${paragraphs.join('\n\n')}\n`;
}

function draftHtml(copy: InvitationCopy, input: InvitationEmailInput, expiryDate: string): string {
  const partner = escapeHtml(input.partnerName);
  const company = escapeHtml(input.customerCompanyName);
  const url = escapeHtml(input.acceptUrl);
  const paragraph = (content: string): string => `<p>${content}</p>`;
  const body = [
    paragraph(escapeHtml(copy.greeting)),
    paragraph(copy.request(partner, company)),
    paragraph(
      input.includeDelegatedAdmin
        ? copy.delegatedAdmin(partner)
        : escapeHtml(copy.noDelegatedAdmin),
    ),
    paragraph(escapeHtml(copy.howToAccept)),
    paragraph(`<a href="${url}"><strong>${escapeHtml(copy.linkLabel)}</strong></a>`),
    paragraph(`${escapeHtml(copy.linkFallback)}<br>${url}`),
    paragraph(`${escapeHtml(copy.expiry(expiryDate))} ${escapeHtml(copy.notExpected)}`),
    paragraph(`${escapeHtml(copy.closing)}<br>${partner}`),
  ];
  return [
    '<!DOCTYPE html>',
    `<html lang="${input.locale}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<title>${singleLine(copy.subject(partner, company))}</title>`,
    '</head>',
    '<body>',
    ...body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** A subject is one header line; a name pasted with a line break must not split it. */
function singleLine(value: string): string {
  return value.replace(/\s*[\r\n]+\s*/g, ' ');
}

/** The link goes into an href: a `javascript:` or relative value would be a bug upstream. */
function assertWebUrl(candidate: string): void {
  let protocol: string;
  try {
    protocol = new URL(candidate).protocol;
  } catch {
    throw new Error('The invitation acceptUrl is not an absolute URL.');
  }
  if (protocol !== 'https:' && protocol !== 'http:') {
    throw new Error('The invitation acceptUrl must be an http(s) URL.');
  }
}
