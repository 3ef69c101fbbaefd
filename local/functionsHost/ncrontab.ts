import { parseTimeSpan } from './hostJson';

/**
 * Timer trigger schedules as the Functions host reads them: an NCRONTAB expression
 * `{second} {minute} {hour} {day} {month} {day-of-week}` (five fields mean no seconds field,
 * as in host versions that accept them), or a TimeSpan such as `00:05:00` (every five minutes;
 * App Service plans only in Azure). Pure functions, so the timer host's arithmetic is
 * unit-tested without waiting for clocks.
 *
 * Semantics follow the NCrontab library the host uses:
 * - a day must match BOTH the day-of-month and the day-of-week field (`0 0 0 1 * Mon` is "the
 *   1st, when it is a Monday"), unlike Unix cron, which takes either when both are restricted;
 * - a day-of-month beyond the month's length is skipped (`31` runs in seven months only);
 * - `5/15` means 5, 20, 35, 50 (a single value with a step runs to the field's maximum);
 * - names are English, case-insensitive, any prefix of at least three letters (`Jan`, `Sept`,
 *   `Monday`);
 * - the next occurrence is strictly after the given time, at whole seconds.
 * Deliberate differences, each refusing an expression that would surprise in Azure instead of
 * copying the surprise: a range must go upwards (NCrontab silently swaps `Fri-Mon` into
 * `Mon-Fri`), a step must be at least 1, and a name needs three letters (NCrontab reads `Ma`
 * as March). Day-of-week 7 is accepted as Sunday, as in Unix cron.
 */

export interface CronSchedule {
  readonly kind: 'cron';
  readonly expression: string;
  /** The allowed values of each field, ascending; day-of-week is 0 (Sunday) to 6. */
  readonly seconds: readonly number[];
  readonly minutes: readonly number[];
  readonly hours: readonly number[];
  readonly days: readonly number[];
  readonly months: readonly number[];
  readonly daysOfWeek: readonly number[];
}

/** A TimeSpan schedule: the next run is this long after the previous one. */
export interface IntervalSchedule {
  readonly kind: 'interval';
  readonly expression: string;
  readonly intervalMs: number;
}

export type Schedule = CronSchedule | IntervalSchedule;

interface FieldSpec {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  /** The largest value that may be written; day-of-week accepts 7 for Sunday. */
  readonly maxWritten: number;
  readonly names?: readonly string[];
}

const MONTH_NAMES = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const DAY_NAMES = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

const FIELDS: readonly FieldSpec[] = [
  { name: 'second', min: 0, max: 59, maxWritten: 59 },
  { name: 'minute', min: 0, max: 59, maxWritten: 59 },
  { name: 'hour', min: 0, max: 23, maxWritten: 23 },
  { name: 'day', min: 1, max: 31, maxWritten: 31 },
  { name: 'month', min: 1, max: 12, maxWritten: 12, names: MONTH_NAMES },
  { name: 'day-of-week', min: 0, max: 6, maxWritten: 7, names: DAY_NAMES },
];

const MIN_NAME_LENGTH = 3;
/** The Gregorian calendar repeats every 400 years: a date not found within them never comes. */
const SEARCH_YEARS = 400;
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

class FieldError extends Error {}

function parseValue(text: string, spec: FieldSpec): number {
  if (/^\d+$/.test(text)) {
    const value = Number(text);
    if (value < spec.min || value > spec.maxWritten) {
      throw new FieldError(`${value} is outside ${spec.min}-${spec.maxWritten}`);
    }
    return value;
  }
  const lower = text.toLowerCase();
  if (spec.names && /^[a-z]+$/.test(lower)) {
    const index = spec.names.findIndex((name) => name.startsWith(lower));
    if (index >= 0 && lower.length >= MIN_NAME_LENGTH) {
      return index + spec.min;
    }
    if (index >= 0) {
      throw new FieldError(`"${text}" is too short for a name; write at least three letters`);
    }
  }
  const example = spec.names?.[1]?.slice(0, MIN_NAME_LENGTH) ?? '';
  const expected = spec.names
    ? `a number or a name such as ${example.charAt(0).toUpperCase()}${example.slice(1)}`
    : 'a number';
  throw new FieldError(`"${text}" is not ${expected}`);
}

function parseStep(text: string): number {
  if (!/^\d+$/.test(text) || Number(text) < 1) {
    throw new FieldError(`the step "${text}" is not a whole number of at least 1`);
  }
  return Number(text);
}

function parseField(text: string, spec: FieldSpec): number[] {
  const values = new Set<number>();
  for (const part of text.split(',')) {
    if (part === '') {
      throw new FieldError('a list has an empty element');
    }
    const [rangeText = '', stepText, ...extra] = part.split('/');
    if (extra.length > 0) {
      throw new FieldError(`"${part}" has more than one "/"`);
    }
    const step = stepText === undefined ? 1 : parseStep(stepText);
    let start: number;
    let end: number;
    if (rangeText === '*') {
      start = spec.min;
      end = spec.max;
    } else if (rangeText.includes('-')) {
      const [first = '', last = '', ...more] = rangeText.split('-');
      if (more.length > 0 || first === '' || last === '') {
        throw new FieldError(`"${rangeText}" is not a range like 1-5`);
      }
      start = parseValue(first, spec);
      end = parseValue(last, spec);
      if (start > end) {
        throw new FieldError(
          `the range "${rangeText}" goes downwards (Azure's NCrontab would silently read it as ${last}-${first})`,
        );
      }
    } else {
      start = parseValue(rangeText, spec);
      end = stepText === undefined ? start : Math.max(spec.max, start);
    }
    for (let value = start; value <= end; value += step) {
      // Only day-of-week can exceed max (7), and 7 is Sunday.
      values.add(value > spec.max ? value % 7 : value);
    }
  }
  return [...values].sort((a, b) => a - b);
}

/**
 * Reads a timer schedule: six NCRONTAB fields, five (no seconds: they are 0), or a TimeSpan
 * (`hh:mm:ss`, `d.hh:mm:ss`). Throws an Error that names the bad field and why, so a typo fails
 * when the host starts rather than by never firing.
 */
export function parseSchedule(expression: string): Schedule {
  const trimmed = expression.trim();
  if (trimmed === '') {
    throw new Error('Invalid schedule "": it is empty');
  }
  const tokens = trimmed.split(/\s+/);
  if (tokens.length === 1 && trimmed.includes(':')) {
    let intervalMs: number;
    try {
      intervalMs = parseTimeSpan(trimmed);
    } catch (error) {
      throw new Error(`Invalid schedule "${expression}": ${(error as Error).message}`);
    }
    if (intervalMs <= 0) {
      throw new Error(`Invalid schedule "${expression}": the interval must be longer than zero`);
    }
    return { kind: 'interval', expression, intervalMs };
  }
  if (tokens.length !== 5 && tokens.length !== 6) {
    throw new Error(
      `Invalid schedule "${expression}": it has ${tokens.length} field(s); expected six ` +
        '({second} {minute} {hour} {day} {month} {day-of-week}), five (no seconds) or a ' +
        'TimeSpan such as 00:05:00',
    );
  }
  const fieldTexts = tokens.length === 5 ? ['0', ...tokens] : tokens;
  const parsed = fieldTexts.map((text, index) => {
    const spec = FIELDS[index] as FieldSpec;
    try {
      return parseField(text, spec);
    } catch (error) {
      if (!(error instanceof FieldError)) throw error;
      throw new Error(
        `Invalid schedule "${expression}": ${spec.name} field "${text}": ${error.message}`,
      );
    }
  });
  const [seconds = [], minutes = [], hours = [], days = [], months = [], daysOfWeek = []] = parsed;
  return { kind: 'cron', expression, seconds, minutes, hours, days, months, daysOfWeek };
}

function daysInMonth(year: number, month: number): number {
  if (month !== 2) return DAYS_IN_MONTH[month - 1] ?? 31;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return leap ? 29 : 28;
}

function firstAtLeast(values: readonly number[], minimum: number): number | undefined {
  return values.find((value) => value >= minimum);
}

/** False when no month of the schedule has any of its days (`0 0 0 31 2 *`). */
function hasPossibleDate(schedule: CronSchedule): boolean {
  return schedule.months.some((month) =>
    schedule.days.some((day) => day <= (DAYS_IN_MONTH[month - 1] ?? 31)),
  );
}

/**
 * The first whole second strictly after `afterMs` that the fields allow, reading epoch
 * milliseconds as wall-clock time (UTC arithmetic, whatever the zone).
 */
function nextCronWallTime(schedule: CronSchedule, afterMs: number): number {
  const start = new Date(Math.floor(afterMs / 1000) * 1000 + 1000);
  let year = start.getUTCFullYear();
  let month = start.getUTCMonth() + 1;
  let day = start.getUTCDate();
  let hour = start.getUTCHours();
  let minute = start.getUTCMinutes();
  let second = start.getUTCSeconds();
  const daysOfWeek = new Set(schedule.daysOfWeek);
  const lastYear = year + SEARCH_YEARS;
  // Each pass either returns or moves the cursor forward to the next candidate of one field.
  while (year <= lastYear) {
    const nextMonth = firstAtLeast(schedule.months, month);
    if (nextMonth === undefined) {
      [year, month, day, hour, minute, second] = [year + 1, 1, 1, 0, 0, 0];
      continue;
    }
    if (nextMonth !== month) {
      [month, day, hour, minute, second] = [nextMonth, 1, 0, 0, 0];
    }
    const nextDay = firstAtLeast(schedule.days, day);
    if (nextDay === undefined || nextDay > daysInMonth(year, month)) {
      [month, day, hour, minute, second] = [month + 1, 1, 0, 0, 0];
      if (month > 12) [year, month] = [year + 1, 1];
      continue;
    }
    if (nextDay !== day) {
      [day, hour, minute, second] = [nextDay, 0, 0, 0];
    }
    if (!daysOfWeek.has(new Date(Date.UTC(year, month - 1, day)).getUTCDay())) {
      [day, hour, minute, second] = [day + 1, 0, 0, 0];
      continue;
    }
    const nextHour = firstAtLeast(schedule.hours, hour);
    if (nextHour === undefined) {
      [day, hour, minute, second] = [day + 1, 0, 0, 0];
      continue;
    }
    if (nextHour !== hour) {
      [hour, minute, second] = [nextHour, 0, 0];
    }
    const nextMinute = firstAtLeast(schedule.minutes, minute);
    if (nextMinute === undefined) {
      [hour, minute, second] = [hour + 1, 0, 0];
      continue;
    }
    if (nextMinute !== minute) {
      [minute, second] = [nextMinute, 0];
    }
    const nextSecond = firstAtLeast(schedule.seconds, second);
    if (nextSecond === undefined) {
      [minute, second] = [minute + 1, 0];
      continue;
    }
    return Date.UTC(year, month - 1, day, hour, minute, nextSecond);
  }
  throw new Error(`Schedule "${schedule.expression}" has no occurrence in ${SEARCH_YEARS} years`);
}

const UTC_NAMES = new Set(['utc', 'etc/utc', 'gmt', 'etc/gmt', 'coordinated universal time']);
const zoneFormatters = new Map<string, Intl.DateTimeFormat>();

function isUtc(timeZone: string): boolean {
  return UTC_NAMES.has(timeZone.trim().toLowerCase());
}

function zoneFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = zoneFormatters.get(timeZone);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      throw new Error(`Unknown time zone "${timeZone}": use an IANA name such as Europe/Berlin`);
    }
    zoneFormatters.set(timeZone, formatter);
  }
  return formatter;
}

/**
 * Throws unless `timeZone` is one this module can evaluate schedules in: UTC or an IANA name.
 * (Azure on Windows takes Windows names such as "W. Europe Standard Time" in
 * WEBSITE_TIME_ZONE; locally use the IANA equivalent.)
 */
export function assertTimeZone(timeZone: string): void {
  if (!isUtc(timeZone)) zoneFormatter(timeZone);
}

/** Wall-clock time minus UTC at an instant, in milliseconds (whole seconds). */
function zoneOffsetMs(timeZone: string, instantMs: number): number {
  const parts: Record<string, number> = {};
  for (const part of zoneFormatter(timeZone).formatToParts(new Date(instantMs))) {
    parts[part.type] = Number(part.value);
  }
  const wall = Date.UTC(
    parts.year ?? 1970,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
  return wall - Math.floor(instantMs / 1000) * 1000;
}

const DAY_MS = 86_400_000;

/**
 * The instant a wall-clock time stands for. A time repeated when clocks go back is its first
 * (daylight) instance; a time skipped when clocks go forward moves forward by the gap (02:30
 * on a spring-forward night runs at 03:30), as the host's DateTimeOffset conversion does.
 */
function wallTimeToInstant(timeZone: string, wallMs: number): number {
  const offsetBefore = zoneOffsetMs(timeZone, wallMs - DAY_MS);
  const offsetAfter = zoneOffsetMs(timeZone, wallMs + DAY_MS);
  const candidates = [wallMs - offsetBefore, wallMs - offsetAfter].filter(
    (instant) => instant + zoneOffsetMs(timeZone, instant) === wallMs,
  );
  return candidates.length > 0 ? Math.min(...candidates) : wallMs - offsetBefore;
}

/**
 * The schedule's next occurrence strictly after `after`. Cron fields are read in `timeZone`
 * (UTC, as in Azure unless WEBSITE_TIME_ZONE says otherwise; or an IANA zone, where an
 * interval schedule runs the repeated hour of a fall-back night once, not twice as the host
 * does). An interval schedule is simply `after` plus the interval. Throws when the schedule can
 * never occur (`0 0 0 30 2 *`), which the host accepts and then never runs.
 */
export function nextOccurrence(schedule: Schedule, after: Date, timeZone = 'UTC'): Date {
  const afterMs = after.getTime();
  if (Number.isNaN(afterMs)) {
    throw new Error('nextOccurrence: "after" is not a valid date');
  }
  if (schedule.kind === 'interval') {
    return new Date(afterMs + schedule.intervalMs);
  }
  if (!hasPossibleDate(schedule)) {
    throw new Error(`Schedule "${schedule.expression}" never occurs: no month has those days`);
  }
  if (isUtc(timeZone)) {
    return new Date(nextCronWallTime(schedule, afterMs));
  }
  let wallCursor = afterMs + zoneOffsetMs(timeZone, afterMs);
  for (;;) {
    const wall = nextCronWallTime(schedule, wallCursor);
    const instant = wallTimeToInstant(timeZone, wall);
    if (instant > afterMs) {
      return new Date(instant);
    }
    // Only in the repeated hour after clocks go back: the first instance is already past.
    wallCursor = wall;
  }
}
