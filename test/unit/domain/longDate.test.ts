import { LOCALES } from '../../../shared/domain/cloud';
import { longUtcDate } from '../../../shared/domain/longDate';

describe('longUtcDate', () => {
  test.each(LOCALES)(
    'writes every day of 2026–2029 in %s as Intl does (long date, UTC)',
    (locale) => {
      const intl = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
      const differing: string[] = [];
      for (let time = Date.UTC(2026, 0, 1); time < Date.UTC(2030, 0, 1); time += 86_400_000) {
        // Late in the UTC day: a formatter in the machine's time zone would show the next day.
        const date = new Date(time + 23 * 3_600_000 + 59 * 60_000);
        if (longUtcDate(locale, date) !== intl.format(date)) {
          differing.push(
            `${date.toISOString()}: ${longUtcDate(locale, date)} ≠ ${intl.format(date)}`,
          );
        }
      }
      expect(differing).toEqual([]);
    },
  );

  test.each([
    ['en-US', '2027-03-01T00:30:00Z', 'March 1, 2027'],
    ['de-DE', '2027-03-01T00:30:00Z', '1. März 2027'],
    ['de-DE', '2026-12-31T23:30:00Z', '31. Dezember 2026'],
  ] as const)('%s writes %s as %p', (locale, iso, written) => {
    expect(longUtcDate(locale, new Date(iso))).toBe(written);
  });
});
