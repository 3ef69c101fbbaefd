import { Cron } from 'croner';
import { parseTimeSpan } from './hostJson';

/**
 * Timer trigger schedules as the Functions host reads them: an NCRONTAB expression
 * `{second} {minute} {hour} {day} {month} {day-of-week}` (five fields mean no seconds field), or
 * a TimeSpan such as `00:05:00` (every five minutes; App Service plans only in Azure).
 *
 * croner evaluates the cron fields, with `domAndDow` because NCrontab, like croner's option and
 * unlike Unix cron, requires a day to match both the day-of-month and the day-of-week field
 * (`0 0 0 1 * Mon` is "the 1st, when it is a Monday"). What this module adds is only what
 * croner does not know about Azure:
 * - croner's extensions NCrontab lacks (`L`, `W`, `#`, `?`, `+`, a year field, nicknames) are
 *   refused, so a schedule that would fail in Azure fails here too;
 * - the TimeSpan form.
 * Where the two still differ, croner is stricter and says so when the host starts: it refuses
 * `5/15` (write `5-59/15`), names longer than three letters (`Sept`, `Monday`) and downward
 * ranges (`Fri-Mon`), which NCrontab accepts; and in a zone with daylight saving time a
 * fixed-time schedule in the skipped hour runs at the end of the gap (02:30 → 03:00), where the
 * host runs it an hour later (03:30).
 */

export interface CronSchedule {
  readonly kind: 'cron';
  readonly expression: string;
  readonly cron: Cron;
}

/** A TimeSpan schedule: the next run is this long after the previous one. */
export interface IntervalSchedule {
  readonly kind: 'interval';
  readonly expression: string;
  readonly intervalMs: number;
}

export type Schedule = CronSchedule | IntervalSchedule;

/** What one element of an NCRONTAB field may be, between `,`, `-` and `/`. */
const NCRONTAB_ELEMENT = /^(\*|\d+|[a-z]{3})$/i;

function invalid(expression: string, why: string): Error {
  return new Error(`Invalid schedule "${expression}": ${why}`);
}

/**
 * Throws unless `timeZone` is an IANA name (or UTC). Azure on Windows takes Windows names such
 * as "W. Europe Standard Time" in WEBSITE_TIME_ZONE; locally use the IANA equivalent.
 */
export function assertTimeZone(timeZone: string): void {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch {
    throw new Error(`Unknown time zone "${timeZone}": use an IANA name such as Europe/Berlin`);
  }
}

/**
 * Reads a timer schedule, its cron fields read in `timeZone` (UTC, as in Azure unless
 * WEBSITE_TIME_ZONE says otherwise). Throws an Error that quotes the expression and says what
 * is wrong, so a typo fails when the host starts rather than by never firing.
 */
export function parseSchedule(expression: string, timeZone = 'UTC'): Schedule {
  const trimmed = expression.trim();
  if (trimmed === '') {
    throw invalid(expression, 'it is empty');
  }
  if (!/\s/.test(trimmed) && trimmed.includes(':')) {
    let intervalMs: number;
    try {
      intervalMs = parseTimeSpan(trimmed);
    } catch (error) {
      throw invalid(expression, (error as Error).message);
    }
    if (intervalMs <= 0) {
      throw invalid(expression, 'the interval must be longer than zero');
    }
    return { kind: 'interval', expression, intervalMs };
  }
  const fields = trimmed.split(/\s+/);
  if (fields.length !== 5 && fields.length !== 6) {
    throw invalid(
      expression,
      `it has ${fields.length} field(s); expected six ({second} {minute} {hour} {day} {month} ` +
        '{day-of-week}), five (no seconds) or a TimeSpan such as 00:05:00',
    );
  }
  const foreign = fields
    .flatMap((field) => field.split(/[,/-]/))
    .find((element) => element !== '' && !NCRONTAB_ELEMENT.test(element));
  if (foreign !== undefined) {
    throw invalid(
      expression,
      `"${foreign}" is not a number, * or a three-letter name (NCRONTAB has no L, W, #, ? or +)`,
    );
  }
  assertTimeZone(timeZone);
  try {
    const cron = new Cron(trimmed, { mode: '5-or-6-parts', domAndDow: true, timezone: timeZone });
    return { kind: 'cron', expression, cron };
  } catch (error) {
    throw invalid(expression, (error as Error).message);
  }
}

/**
 * The schedule's next occurrence strictly after `after`, at a whole second. An interval schedule
 * is simply `after` plus the interval. Throws when a cron schedule can never occur
 * (`0 0 0 30 2 *`), which the host accepts and then never runs.
 */
export function nextOccurrence(schedule: Schedule, after: Date): Date {
  if (Number.isNaN(after.getTime())) {
    throw new Error('nextOccurrence: "after" is not a valid date');
  }
  if (schedule.kind === 'interval') {
    return new Date(after.getTime() + schedule.intervalMs);
  }
  const next = schedule.cron.nextRun(after);
  if (next === null) {
    throw new Error(`Schedule "${schedule.expression}" never occurs`);
  }
  return next;
}
