import type { Locale } from './cloud';

const MONTHS: Readonly<Record<Locale, readonly string[]>> = {
  'en-US': [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
  'de-DE': [
    'Januar',
    'Februar',
    'März',
    'April',
    'Mai',
    'Juni',
    'Juli',
    'August',
    'September',
    'Oktober',
    'November',
    'Dezember',
  ],
};

/**
 * The UTC calendar date of `date` as `Intl.DateTimeFormat(locale, { dateStyle: 'long',
 * timeZone: 'UTC' })` writes it ("February 22, 2027", "22. Februar 2027").
 *
 * Written from the month names rather than with Intl because a process's first Intl formatter
 * costs 15–20 ms while ICU loads its data, and the first invitation a new worker creates waited
 * for it (`npm run bench:coldstart`). test/unit/domain/longDate.test.ts checks every day of four
 * years in both languages against Intl.
 */
export function longUtcDate(locale: Locale, date: Date): string {
  const day = date.getUTCDate();
  const month = MONTHS[locale][date.getUTCMonth()]!;
  const year = date.getUTCFullYear();
  return locale === 'de-DE' ? `${day}. ${month} ${year}` : `${month} ${day}, ${year}`;
}
