import {
  assertTimeZone,
  nextOccurrence,
  parseSchedule,
  type CronSchedule,
  type Schedule,
} from '../../../local/functionsHost/ncrontab';

function next(expression: string, after: string, timeZone?: string): string {
  return nextOccurrence(parseSchedule(expression), new Date(after), timeZone).toISOString();
}

/** Every occurrence in [from, until). */
function occurrences(schedule: Schedule, from: string, until: string, timeZone?: string): Date[] {
  const found: Date[] = [];
  let cursor = new Date(new Date(from).getTime() - 1);
  for (;;) {
    cursor = nextOccurrence(schedule, cursor, timeZone);
    if (cursor >= new Date(until)) return found;
    found.push(cursor);
  }
}

function cron(expression: string): CronSchedule {
  const schedule = parseSchedule(expression);
  if (schedule.kind !== 'cron') throw new Error(`${expression} is not a cron schedule`);
  return schedule;
}

describe('nextOccurrence (UTC)', () => {
  // 2024-01-01 is a Monday; 2024 is a leap year.
  it.each([
    // every 15 minutes
    ['0 */15 * * * *', '2024-01-01T00:00:00.000Z', '2024-01-01T00:15:00.000Z'],
    ['0 */15 * * * *', '2024-01-01T00:07:30.000Z', '2024-01-01T00:15:00.000Z'],
    ['0 */15 * * * *', '2024-01-01T00:14:59.999Z', '2024-01-01T00:15:00.000Z'],
    ['0 */15 * * * *', '2024-01-01T23:45:00.000Z', '2024-01-02T00:00:00.000Z'],
    ['0 */15 * * * *', '2024-12-31T23:50:00.000Z', '2025-01-01T00:00:00.000Z'],
    // hourly at :00
    ['0 0 * * * *', '2024-01-01T10:00:00.000Z', '2024-01-01T11:00:00.000Z'],
    ['0 0 * * * *', '2024-01-01T10:59:59.000Z', '2024-01-01T11:00:00.000Z'],
    ['0 0 * * * *', '2024-01-31T23:00:00.000Z', '2024-02-01T00:00:00.000Z'],
    // every hour from 9 to 17 on weekdays, the last of the range included
    ['0 0 9-17 * * 1-5', '2024-01-01T08:00:00.000Z', '2024-01-01T09:00:00.000Z'],
    ['0 0 9-17 * * 1-5', '2024-01-01T16:59:59.000Z', '2024-01-01T17:00:00.000Z'],
    ['0 0 9-17 * * 1-5', '2024-01-01T17:00:00.000Z', '2024-01-02T09:00:00.000Z'],
    ['0 0 9-17 * * 1-5', '2024-01-05T17:00:00.000Z', '2024-01-08T09:00:00.000Z'],
    ['0 0 9-17 * * 1-5', '2024-01-06T12:00:00.000Z', '2024-01-08T09:00:00.000Z'],
    // 09:30 on weekdays, with names, with and without the seconds field
    ['0 30 9 * * Mon-Fri', '2024-01-05T09:29:59.000Z', '2024-01-05T09:30:00.000Z'],
    ['0 30 9 * * Mon-Fri', '2024-01-05T09:30:00.000Z', '2024-01-08T09:30:00.000Z'],
    ['30 9 * * Mon-Fri', '2024-01-05T09:30:00.000Z', '2024-01-08T09:30:00.000Z'],
    ['0 30 9 * Jan Mon', '2024-01-29T10:00:00.000Z', '2025-01-06T09:30:00.000Z'],
    // month boundaries: a day the month lacks is skipped
    ['0 0 0 1 * *', '2024-01-15T00:00:00.000Z', '2024-02-01T00:00:00.000Z'],
    ['0 0 0 31 * *', '2024-01-31T00:00:00.000Z', '2024-03-31T00:00:00.000Z'],
    ['0 0 0 31 * *', '2024-03-31T00:00:00.000Z', '2024-05-31T00:00:00.000Z'],
    ['0 0 12 30 * *', '2024-02-01T00:00:00.000Z', '2024-03-30T12:00:00.000Z'],
    ['0 0 0 * * *', '2024-02-28T12:00:00.000Z', '2024-02-29T00:00:00.000Z'],
    ['0 0 0 * * *', '2023-02-28T12:00:00.000Z', '2023-03-01T00:00:00.000Z'],
    // leap day: every four years, but not in 2100
    ['0 0 0 29 2 *', '2024-01-01T00:00:00.000Z', '2024-02-29T00:00:00.000Z'],
    ['0 0 0 29 2 *', '2024-02-29T00:00:00.000Z', '2028-02-29T00:00:00.000Z'],
    ['0 0 0 29 Feb *', '2099-03-01T00:00:00.000Z', '2104-02-29T00:00:00.000Z'],
    // day AND day-of-week, as NCrontab: both must match
    ['0 0 0 1 * Mon', '2024-01-02T00:00:00.000Z', '2024-04-01T00:00:00.000Z'],
    ['0 0 0 13 * Fri', '2024-01-01T00:00:00.000Z', '2024-09-13T00:00:00.000Z'],
    ['0 0 0 29 Feb Mon', '2017-01-01T00:00:00.000Z', '2044-02-29T00:00:00.000Z'],
    // lists, ranges with steps, a value with a step
    ['10,25,40 * * * * *', '2024-01-01T00:00:40.000Z', '2024-01-01T00:01:10.000Z'],
    ['0 10-30/5 * * * *', '2024-01-01T00:11:00.000Z', '2024-01-01T00:15:00.000Z'],
    ['0 10-30/5 * * * *', '2024-01-01T00:30:00.000Z', '2024-01-01T01:10:00.000Z'],
    ['5/15 * * * * *', '2024-01-01T00:00:50.000Z', '2024-01-01T00:01:05.000Z'],
    ['*/1 * * * * *', '2024-01-01T00:00:00.500Z', '2024-01-01T00:00:01.000Z'],
    // Sunday as 0, 7 or a name; a range ending in 7
    ['0 0 0 * * 0', '2024-01-01T00:00:00.000Z', '2024-01-07T00:00:00.000Z'],
    ['0 0 0 * * 7', '2024-01-01T00:00:00.000Z', '2024-01-07T00:00:00.000Z'],
    ['0 0 0 * * sun', '2024-01-01T00:00:00.000Z', '2024-01-07T00:00:00.000Z'],
    ['0 0 0 * * 5-7', '2024-01-06T12:00:00.000Z', '2024-01-07T00:00:00.000Z'],
    // month names: any case, any prefix of three letters or more
    ['0 0 0 1 Sept *', '2024-01-01T00:00:00.000Z', '2024-09-01T00:00:00.000Z'],
    ['0 0 0 1 JAN,july *', '2024-01-01T00:00:00.000Z', '2024-07-01T00:00:00.000Z'],
  ])('%s after %s is %s', (expression, after, expected) => {
    expect(next(expression, after)).toBe(expected);
  });

  it.each([
    ['0 */15 * * * *', '2024-01-01T00:00:00Z', '2024-01-02T00:00:00Z', 96],
    ['0 0 * * * *', '2024-01-01T00:00:00Z', '2024-01-02T00:00:00Z', 24],
    // Monday 2024-01-01 to Monday 2024-01-08: five days of nine hours
    ['0 0 9-17 * * Mon-Fri', '2024-01-01T00:00:00Z', '2024-01-08T00:00:00Z', 45],
    ['0 30 9 * * Mon-Fri', '2024-01-01T00:00:00Z', '2024-01-08T00:00:00Z', 5],
    ['0 0 0 31 * *', '2024-01-01T00:00:00Z', '2025-01-01T00:00:00Z', 7],
    ['0 0 0 29 2 *', '2000-01-01T00:00:00Z', '2101-01-01T00:00:00Z', 25],
    ['*/10 * * * * *', '2024-01-01T00:00:00Z', '2024-01-01T01:00:00Z', 360],
  ])(
    '%s occurs exactly as often as it should between %s and %s (%i)',
    (expression, from, until, count) => {
      const found = occurrences(parseSchedule(expression), from, until);
      expect(found).toHaveLength(count);
      found.forEach((date, index) => {
        if (index > 0) expect(date.getTime()).toBeGreaterThan((found[index - 1] as Date).getTime());
      });
    },
  );

  it('returns the occurrence after, never the one it is given', () => {
    expect(next('0 0 0 * * *', '2024-01-01T00:00:00.000Z')).toBe('2024-01-02T00:00:00.000Z');
  });

  it('ignores milliseconds: every occurrence is a whole second', () => {
    expect(next('* * * * * *', '2024-01-01T00:00:00.999Z')).toBe('2024-01-01T00:00:01.000Z');
  });

  it.each(['0 0 0 31 2 *', '0 0 0 30 Feb *', '0 0 0 31 4,6,9,11 *'])(
    'throws for %j, which can never occur',
    (expression) => {
      expect(() => nextOccurrence(parseSchedule(expression), new Date())).toThrow(/never occurs/);
    },
  );

  it('refuses an invalid date', () => {
    expect(() => nextOccurrence(parseSchedule('* * * * * *'), new Date('nope'))).toThrow(
      /not a valid date/,
    );
  });
});

describe('nextOccurrence with a TimeSpan schedule', () => {
  it.each([
    ['00:05:00', 300_000],
    ['00:00:30', 30_000],
    ['01:00:00', 3_600_000],
    ['1.00:00:00', 86_400_000],
  ])('%s runs every %i ms after the previous run', (expression, intervalMs) => {
    const after = new Date('2024-01-01T00:00:00.250Z');
    expect(nextOccurrence(parseSchedule(expression), after).getTime()).toBe(
      after.getTime() + intervalMs,
    );
  });
});

describe('nextOccurrence in a time zone', () => {
  // Europe/Berlin: clocks go forward 2024-03-31 02:00 → 03:00, back 2024-10-27 03:00 → 02:00.
  it.each([
    ['0 0 9 * * *', '2024-01-10T12:00:00Z', 'Europe/Berlin', '2024-01-11T08:00:00.000Z'],
    ['0 0 9 * * *', '2024-07-10T12:00:00Z', 'Europe/Berlin', '2024-07-11T07:00:00.000Z'],
    ['0 0 9 * * *', '2024-07-01T00:00:00Z', 'America/New_York', '2024-07-01T13:00:00.000Z'],
    // 02:30 does not exist on the spring-forward night: it runs an hour later, at 03:30
    ['0 30 2 * * *', '2024-03-30T12:00:00Z', 'Europe/Berlin', '2024-03-31T01:30:00.000Z'],
    ['0 30 2 * * *', '2024-03-31T12:00:00Z', 'Europe/Berlin', '2024-04-01T00:30:00.000Z'],
    // 02:30 happens twice on the fall-back night: a daily schedule runs at the first only
    ['0 30 2 * * *', '2024-10-26T12:00:00Z', 'Europe/Berlin', '2024-10-27T00:30:00.000Z'],
    ['0 30 2 * * *', '2024-10-27T00:30:00Z', 'Europe/Berlin', '2024-10-28T01:30:00.000Z'],
    ['0 0 0 * * *', '2024-01-01T00:00:00Z', 'UTC', '2024-01-02T00:00:00.000Z'],
    ['0 0 0 * * *', '2024-01-01T00:00:00Z', 'Etc/UTC', '2024-01-02T00:00:00.000Z'],
  ])('%s after %s in %s is %s', (expression, after, timeZone, expected) => {
    expect(next(expression, after, timeZone)).toBe(expected);
  });

  it('keeps an interval schedule regular across the spring-forward gap', () => {
    const found = occurrences(
      parseSchedule('0 */30 * * * *'),
      '2024-03-31T00:30:00Z',
      '2024-03-31T02:00:00Z',
      'Europe/Berlin',
    );
    expect(found.map((d) => d.toISOString())).toEqual([
      '2024-03-31T00:30:00.000Z',
      '2024-03-31T01:00:00.000Z',
      '2024-03-31T01:30:00.000Z',
    ]);
  });

  it.each(['W. Europe Standard Time', 'Mars/Olympus', ''])('refuses the time zone %j', (zone) => {
    expect(() => assertTimeZone(zone)).toThrow(/Unknown time zone/);
    expect(() => next('* * * * * *', '2024-01-01T00:00:00Z', zone)).toThrow(/Unknown time zone/);
  });

  it.each(['UTC', 'utc', 'Etc/UTC', 'GMT', 'Europe/Berlin', 'Asia/Kolkata'])(
    'accepts %j',
    (zone) => {
      expect(() => assertTimeZone(zone)).not.toThrow();
    },
  );
});

describe('parseSchedule', () => {
  it('reads each field into its allowed values', () => {
    expect(cron('0 */15 9-17 1,15 Jan-Mar Mon-Fri')).toEqual({
      kind: 'cron',
      expression: '0 */15 9-17 1,15 Jan-Mar Mon-Fri',
      seconds: [0],
      minutes: [0, 15, 30, 45],
      hours: [9, 10, 11, 12, 13, 14, 15, 16, 17],
      days: [1, 15],
      months: [1, 2, 3],
      daysOfWeek: [1, 2, 3, 4, 5],
    });
  });

  it('reads five fields as minute to day-of-week, with the second 0', () => {
    const schedule = cron('30 9 * * Mon-Fri');
    expect(schedule.seconds).toEqual([0]);
    expect(schedule.minutes).toEqual([30]);
    expect(schedule.hours).toEqual([9]);
    expect(schedule.daysOfWeek).toEqual([1, 2, 3, 4, 5]);
  });

  it.each([
    ['*', [0, 1, 2, 3, 4, 5, 6]],
    ['*/2', [0, 2, 4, 6]],
    ['1-7', [0, 1, 2, 3, 4, 5, 6]],
    ['0,7', [0]],
    ['Sat,Sun', [0, 6]],
    ['Monday-Wednesday', [1, 2, 3]],
    ['tue/2', [2, 4, 6]],
  ])('reads day-of-week %j as %j', (field, expected) => {
    expect(cron(`0 0 0 * * ${field}`).daysOfWeek).toEqual(expected);
  });

  it('tolerates extra spaces around and between fields', () => {
    expect(cron('  0  0   12 * *  * ').hours).toEqual([12]);
  });

  it('reads a TimeSpan as an interval schedule', () => {
    expect(parseSchedule('00:05:00')).toEqual({
      kind: 'interval',
      expression: '00:05:00',
      intervalMs: 300_000,
    });
  });

  it.each([
    ['', /empty/],
    ['* * * *', /4 field\(s\)/],
    ['* * * * * * *', /7 field\(s\)/],
    ['every 5 minutes', /3 field\(s\)/],
    ['60 * * * * *', /second field "60": 60 is outside 0-59/],
    ['-1 * * * * *', /second field "-1"/],
    ['0 60 * * * *', /minute field "60"/],
    ['0 0 24 * * *', /hour field "24"/],
    ['0 0 0 0 * *', /day field "0": 0 is outside 1-31/],
    ['0 0 0 32 * *', /day field "32"/],
    ['0 0 0 * 13 *', /month field "13"/],
    ['0 0 0 * 0 *', /month field "0"/],
    ['0 0 0 * * 8', /day-of-week field "8": 8 is outside 0-7/],
    ['0 0 0 * Foo *', /month field "Foo": "Foo" is not a number or a name/],
    ['0 0 0 * Ma *', /month field "Ma": .*too short/],
    ['0 0 0 * * Mo', /day-of-week field "Mo": .*too short/],
    ['0 Mon * * * *', /minute field "Mon": "Mon" is not a number/],
    ['0 0 0 * Mon *', /month field "Mon"/],
    ['*/0 * * * * *', /second field "\*\/0": the step "0"/],
    ['0 */x * * * *', /minute field "\*\/x": the step "x"/],
    ['0 0 1/2/3 * * *', /hour field "1\/2\/3": .*more than one "\/"/],
    ['0 0 0 * * Fri-Mon', /day-of-week field "Fri-Mon": .*downwards.*Mon-Fri/],
    ['0 0 17-9 * * *', /hour field "17-9": .*downwards/],
    ['0 0 0 1,,2 * *', /day field "1,,2": a list has an empty element/],
    ['0 0 0 1- * *', /day field "1-": "1-" is not a range/],
    ['0 0 0 1-2-3 * *', /day field "1-2-3"/],
    ['0 0 0 L * *', /day field "L"/],
    ['0 0 0 ? * *', /day field "\?"/],
    ['0 0 0 * * 1#2', /day-of-week field "1#2"/],
    ['0 0 0 1.5 * *', /day field "1.5"/],
    ['00:00:00', /longer than zero/],
    ['24:00:00', /TimeSpan/],
    ['00:61:00', /TimeSpan/],
  ])('refuses %j, naming the problem', (expression, message) => {
    expect(() => parseSchedule(expression)).toThrow(message);
  });

  it('quotes the whole expression in its errors', () => {
    expect(() => parseSchedule('0 61 * * * *')).toThrow('Invalid schedule "0 61 * * * *"');
  });
});
