/** The Microsoft cloud a CSP partner operates in; its customers live in the same cloud. */
export const PARTNER_CLOUDS = ['public', 'germany', 'usgov'] as const;
export type PartnerCloud = (typeof PARTNER_CLOUDS)[number];

/** Languages the invitation email can be drafted in. */
export const LOCALES = ['en-US', 'de-DE'] as const;
export type Locale = (typeof LOCALES)[number];
