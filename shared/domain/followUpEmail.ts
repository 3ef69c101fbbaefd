import type { Locale } from './cloud';

const REMINDER_PREFIX: Record<Locale, string> = {
  'en-US': 'Reminder: ',
  'de-DE': 'Erinnerung: ',
};

/**
 * The subject of a follow-up email. A reminder says so in the partner's draft language; a
 * resend is the same email again. Never prefixes twice, so an edited subject that already
 * starts with the prefix stays as it is.
 */
export function followUpSubject(
  kind: 'reminder' | 'resend',
  locale: Locale,
  subject: string,
): string {
  const prefix = REMINDER_PREFIX[locale];
  return kind === 'reminder' && !subject.startsWith(prefix) ? `${prefix}${subject}` : subject;
}
