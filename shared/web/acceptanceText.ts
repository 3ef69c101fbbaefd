import type { Locale } from '../domain/cloud';

/**
 * Every sentence the customer's admin reads on the acceptance pages, per language. Values
 * interpolated here are already HTML-escaped by the caller.
 */
export interface AcceptanceText {
  readonly title: string;
  readonly intro: (partner: string, company: string) => string;
  readonly dap: string;
  readonly noDap: string;
  readonly rolesHeading: string;
  readonly rolesIntro: (partner: string) => string;
  readonly rolesTerm: (days: string, endsAt: string) => string;
  readonly autoExtendOn: string;
  readonly autoExtendOff: string;
  readonly rolesNoEnd: string;
  readonly rolesRemovable: string;
  readonly expires: (dateTime: string) => string;
  readonly signInHeading: string;
  readonly signInNeeded: (domain: string) => string;
  readonly signIn: string;
  readonly signedInAs: (user: string, tenantId: string) => string;
  readonly signOut: string;
  readonly signInOther: string;
  readonly refusedTenant: (user: string, domain: string) => string;
  readonly refusedDomain: (user: string, domain: string) => string;
  readonly refusedRole: (user: string, domain: string) => string;
  readonly mcaHeading: string;
  readonly mcaIntro: string;
  readonly mcaLink: string;
  readonly mcaPrefilled: string;
  readonly mcaDone: string;
  readonly required: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly email: string;
  readonly phone: string;
  readonly optional: string;
  readonly agree: string;
  readonly accept: string;
  readonly fixErrors: string;
  readonly fieldErrors: Readonly<Record<string, string>>;
  readonly fieldErrorFallback: string;
  readonly notices: Readonly<Record<string, (domain: string, partner: string) => string>>;
  readonly noticeFallback: string;
  readonly acceptedHeading: string;
  readonly acceptedBody: string;
  readonly continue: string;
  readonly linkErrors: Readonly<Record<string, { title: string; body: string }>>;
  readonly signInProblemTitle: string;
  readonly backToInvitation: string;
  readonly declineSummary: string;
  readonly declineIntro: (partner: string) => string;
  readonly declineReasonLegend: string;
  readonly declineReasons: Readonly<
    Record<'not-needed' | 'other-partner' | 'unknown-partner' | 'other', string>
  >;
  readonly declineComment: string;
  readonly decline: string;
}

const EN: AcceptanceText = {
  title: 'Reseller relationship request',
  intro: (partner, company) =>
    `<strong>${partner}</strong> asks to become the Microsoft Cloud Solution Provider reseller of <strong>${company}</strong>.`,
  dap: 'The request includes delegated administrative privileges for Microsoft Entra ID and Microsoft 365. You can remove them at any time.',
  noDap: 'The request does not include administrative privileges.',
  rolesHeading: 'Administrator roles requested',
  rolesIntro: (partner) => `${partner} asks for these Microsoft Entra roles in your organization:`,
  rolesTerm: (days, endsAt) => `For ${days} days from your approval, until ${endsAt}.`,
  autoExtendOn:
    'Extended automatically by 180 days at the end, unless you remove the roles before then.',
  autoExtendOff: 'Not extended automatically: the roles end on that date.',
  rolesNoEnd: 'Without an end date: the roles stay until you remove them.',
  rolesRemovable: 'You can remove them at any time.',
  expires: (dateTime) => `This invitation expires on ${dateTime}.`,
  signInHeading: 'Sign in to respond',
  signInNeeded: (domain) =>
    `Only a Global Administrator of your organization can accept. Sign in with your Microsoft work account of <strong>${domain}</strong>.`,
  signIn: 'Sign in with Microsoft',
  signedInAs: (user, tenantId) =>
    `Signed in as <strong>${user}</strong> (organization ID ${tenantId}).`,
  signOut: 'Sign out',
  signInOther: 'Sign in with a different account',
  refusedTenant: (user, domain) =>
    `<strong>${user}</strong> is signed in to another Microsoft Entra organization than the one that owns ${domain}. Sign in with a Global Administrator account of the organization that owns <strong>${domain}</strong> instead.`,
  refusedDomain: (user, domain) =>
    `<strong>${user}</strong> is not an account of ${domain}. Sign in with a Global Administrator account of <strong>${domain}</strong> instead.`,
  refusedRole: (user, domain) =>
    `<strong>${user}</strong> is not a Global Administrator. Ask a Global Administrator of ${domain} to open this invitation and sign in, or sign in with such an account.`,
  mcaHeading: 'Microsoft Customer Agreement',
  mcaIntro:
    'Before accepting, a person authorized to sign for your organization must accept the Microsoft Customer Agreement.',
  mcaLink: 'Read the Microsoft Customer Agreement (opens in a new tab)',
  mcaPrefilled: 'We filled in your details from your sign-in. Correct them if someone else signs.',
  mcaDone: 'Your organization has already accepted the Microsoft Customer Agreement.',
  required: 'required',
  firstName: 'First name',
  lastName: 'Last name',
  email: 'Email',
  phone: 'Phone',
  optional: 'optional',
  agree: 'I accept the Microsoft Customer Agreement on behalf of my organization.',
  accept: 'Accept and continue',
  fixErrors: 'Please correct the following:',
  fieldErrors: {
    firstName: 'Enter the first name of the person who signs.',
    lastName: 'Enter the last name of the person who signs.',
    email: 'Enter a valid email address, for example name@contoso.com.',
    phoneNumber:
      'Enter a phone number with 4 to 30 digits, for example +1 425 555 0100, or leave it empty.',
    acceptMca: 'Tick the box to accept the Microsoft Customer Agreement.',
    reason: 'Choose a reason for declining.',
    comment: 'Keep the message to 500 characters.',
  },
  fieldErrorFallback: 'Check this entry.',
  notices: {
    UNAUTHENTICATED: () => 'Your sign-in has ended. Sign in again to accept.',
    CSRF_TOKEN_INVALID: () =>
      'This form was out of date, so nothing was accepted. Check the details and submit again.',
    SIGN_IN_FAILED: () => 'The sign-in did not complete. Try again.',
    SIGN_IN_EXPIRED: () =>
      'The sign-in took too long or your browser blocked its cookie. Try again; allow cookies for this site if it keeps happening.',
    CUSTOMER_TENANT_MISMATCH: (domain) =>
      `${domain} is already linked to another Microsoft Entra organization. Sign in with an account of that organization.`,
    CUSTOMER_TENANT_NOT_FOUND: (domain, partner) =>
      `No Microsoft Entra organization uses the domain ${domain}. Contact ${partner}: the invitation may name the wrong domain.`,
  },
  noticeFallback: 'Something went wrong. Try again.',
  acceptedHeading: 'Request accepted',
  acceptedBody:
    'Continue in your admin portal to authorize the reseller relationship with a Global Administrator account.',
  continue: 'Continue to the admin portal',
  linkErrors: {
    LINK_NOT_FOUND: {
      title: 'Invitation not found',
      body: 'This invitation link is not known. Check that you opened the whole link from the email, or ask the partner to send a new invitation.',
    },
    LINK_REVOKED: {
      title: 'Invitation withdrawn',
      body: 'The partner has withdrawn this invitation. Nothing was changed. Ask the partner for a new one if you still want to work with them.',
    },
    LINK_EXPIRED: {
      title: 'Invitation expired',
      body: 'This invitation has expired. Nothing was changed. Ask the partner to send a new one.',
    },
    LINK_DECLINED: {
      title: 'Invitation declined',
      body: 'Your organization declined this invitation, and the partner has been told. If you change your mind, ask the partner to send a new one.',
    },
  },
  signInProblemTitle: 'Sign-in did not complete',
  backToInvitation: 'Back to the invitation',
  declineSummary: 'Not interested? Decline the request',
  declineIntro: (partner) =>
    `${partner} will see that you declined, when, and the reason you give. They can invite you again later.`,
  declineReasonLegend: 'Reason',
  declineReasons: {
    'not-needed': 'We do not need a reseller for this',
    'other-partner': 'We work with another partner',
    'unknown-partner': 'We do not know this partner',
    other: 'Another reason',
  },
  declineComment: 'Message to the partner',
  decline: 'Decline the request',
};

const DE: AcceptanceText = {
  title: 'Anfrage für eine Handelspartnerbeziehung',
  intro: (partner, company) =>
    `<strong>${partner}</strong> möchte Microsoft Cloud Solution Provider-Handelspartner von <strong>${company}</strong> werden.`,
  dap: 'Die Anfrage umfasst delegierte Administratorrechte für Microsoft Entra ID und Microsoft 365. Sie können diese jederzeit entziehen.',
  noDap: 'Die Anfrage umfasst keine Administratorrechte.',
  rolesHeading: 'Angefragte Administratorrollen',
  rolesIntro: (partner) =>
    `${partner} bittet um diese Microsoft Entra-Rollen in Ihrer Organisation:`,
  rolesTerm: (days, endsAt) => `Für ${days} Tage ab Ihrer Zustimmung, bis ${endsAt}.`,
  autoExtendOn:
    'Wird am Ende automatisch um 180 Tage verlängert, sofern Sie die Rollen nicht vorher entziehen.',
  autoExtendOff: 'Keine automatische Verlängerung: Die Rollen enden an diesem Datum.',
  rolesNoEnd: 'Ohne Enddatum: Die Rollen bleiben, bis Sie sie entziehen.',
  rolesRemovable: 'Sie können sie jederzeit entziehen.',
  expires: (dateTime) => `Diese Einladung läuft am ${dateTime} ab.`,
  signInHeading: 'Anmelden, um zu antworten',
  signInNeeded: (domain) =>
    `Nur ein globaler Administrator Ihrer Organisation kann annehmen. Melden Sie sich mit Ihrem Microsoft-Geschäftskonto von <strong>${domain}</strong> an.`,
  signIn: 'Mit Microsoft anmelden',
  signedInAs: (user, tenantId) =>
    `Angemeldet als <strong>${user}</strong> (Organisations-ID ${tenantId}).`,
  signOut: 'Abmelden',
  signInOther: 'Mit einem anderen Konto anmelden',
  refusedTenant: (user, domain) =>
    `<strong>${user}</strong> ist bei einer anderen Microsoft Entra-Organisation angemeldet als der, die ${domain} besitzt. Melden Sie sich stattdessen mit einem Konto eines globalen Administrators der Organisation an, die <strong>${domain}</strong> besitzt.`,
  refusedDomain: (user, domain) =>
    `<strong>${user}</strong> ist kein Konto von ${domain}. Melden Sie sich stattdessen mit einem Konto eines globalen Administrators von <strong>${domain}</strong> an.`,
  refusedRole: (user, domain) =>
    `<strong>${user}</strong> ist kein globaler Administrator. Bitten Sie einen globalen Administrator von ${domain}, diese Einladung zu öffnen und sich anzumelden, oder melden Sie sich mit einem solchen Konto an.`,
  mcaHeading: 'Microsoft-Kundenvereinbarung',
  mcaIntro:
    'Vor der Annahme muss eine zeichnungsberechtigte Person Ihrer Organisation die Microsoft-Kundenvereinbarung akzeptieren.',
  mcaLink: 'Microsoft-Kundenvereinbarung lesen (öffnet einen neuen Tab)',
  mcaPrefilled:
    'Wir haben Ihre Angaben aus der Anmeldung übernommen. Ändern Sie sie, wenn eine andere Person unterzeichnet.',
  mcaDone: 'Ihre Organisation hat die Microsoft-Kundenvereinbarung bereits akzeptiert.',
  required: 'Pflichtfeld',
  firstName: 'Vorname',
  lastName: 'Nachname',
  email: 'E-Mail',
  phone: 'Telefon',
  optional: 'optional',
  agree: 'Ich akzeptiere die Microsoft-Kundenvereinbarung im Namen meiner Organisation.',
  accept: 'Annehmen und fortfahren',
  fixErrors: 'Bitte korrigieren Sie Folgendes:',
  fieldErrors: {
    firstName: 'Geben Sie den Vornamen der unterzeichnenden Person ein.',
    lastName: 'Geben Sie den Nachnamen der unterzeichnenden Person ein.',
    email: 'Geben Sie eine gültige E-Mail-Adresse ein, zum Beispiel name@contoso.de.',
    phoneNumber:
      'Geben Sie eine Telefonnummer mit 4 bis 30 Ziffern ein, zum Beispiel +49 30 1234567, oder lassen Sie das Feld leer.',
    acceptMca: 'Setzen Sie das Häkchen, um die Microsoft-Kundenvereinbarung zu akzeptieren.',
    reason: 'Wählen Sie einen Grund für die Ablehnung.',
    comment: 'Die Nachricht darf höchstens 500 Zeichen lang sein.',
  },
  fieldErrorFallback: 'Prüfen Sie diese Angabe.',
  notices: {
    UNAUTHENTICATED: () =>
      'Ihre Anmeldung ist abgelaufen. Melden Sie sich erneut an, um anzunehmen.',
    CSRF_TOKEN_INVALID: () =>
      'Dieses Formular war veraltet, daher wurde nichts angenommen. Prüfen Sie die Angaben und senden Sie sie erneut.',
    SIGN_IN_FAILED: () => 'Die Anmeldung wurde nicht abgeschlossen. Versuchen Sie es erneut.',
    SIGN_IN_EXPIRED: () =>
      'Die Anmeldung hat zu lange gedauert oder Ihr Browser hat ihr Cookie blockiert. Versuchen Sie es erneut; erlauben Sie Cookies für diese Website, falls es wieder passiert.',
    CUSTOMER_TENANT_MISMATCH: (domain) =>
      `${domain} ist bereits mit einer anderen Microsoft Entra-Organisation verknüpft. Melden Sie sich mit einem Konto dieser Organisation an.`,
    CUSTOMER_TENANT_NOT_FOUND: (domain, partner) =>
      `Keine Microsoft Entra-Organisation verwendet die Domäne ${domain}. Wenden Sie sich an ${partner}: Die Einladung nennt möglicherweise die falsche Domäne.`,
  },
  noticeFallback: 'Etwas ist schiefgegangen. Versuchen Sie es erneut.',
  acceptedHeading: 'Anfrage angenommen',
  acceptedBody:
    'Fahren Sie im Admin-Portal fort und bestätigen Sie die Handelspartnerbeziehung mit einem globalen Administratorkonto.',
  continue: 'Weiter zum Admin-Portal',
  linkErrors: {
    LINK_NOT_FOUND: {
      title: 'Einladung nicht gefunden',
      body: 'Dieser Einladungslink ist nicht bekannt. Prüfen Sie, ob Sie den vollständigen Link aus der E-Mail geöffnet haben, oder bitten Sie den Partner um eine neue Einladung.',
    },
    LINK_REVOKED: {
      title: 'Einladung zurückgezogen',
      body: 'Der Partner hat diese Einladung zurückgezogen. Es wurde nichts geändert. Bitten Sie den Partner um eine neue, wenn Sie weiterhin mit ihm zusammenarbeiten möchten.',
    },
    LINK_EXPIRED: {
      title: 'Einladung abgelaufen',
      body: 'Diese Einladung ist abgelaufen. Es wurde nichts geändert. Bitten Sie den Partner, eine neue zu senden.',
    },
    LINK_DECLINED: {
      title: 'Einladung abgelehnt',
      body: 'Ihre Organisation hat diese Einladung abgelehnt, und der Partner wurde informiert. Wenn Sie es sich anders überlegen, bitten Sie den Partner um eine neue Einladung.',
    },
  },
  signInProblemTitle: 'Anmeldung nicht abgeschlossen',
  backToInvitation: 'Zurück zur Einladung',
  declineSummary: 'Kein Interesse? Anfrage ablehnen',
  declineIntro: (partner) =>
    `${partner} sieht, dass Sie abgelehnt haben, wann und aus welchem Grund. Der Partner kann Sie später erneut einladen.`,
  declineReasonLegend: 'Grund',
  declineReasons: {
    'not-needed': 'Wir benötigen dafür keinen Handelspartner',
    'other-partner': 'Wir arbeiten mit einem anderen Partner',
    'unknown-partner': 'Wir kennen diesen Partner nicht',
    other: 'Ein anderer Grund',
  },
  declineComment: 'Nachricht an den Partner',
  decline: 'Anfrage ablehnen',
};

export const ACCEPTANCE_TEXT: Readonly<Record<Locale, AcceptanceText>> = {
  'en-US': EN,
  'de-DE': DE,
};
