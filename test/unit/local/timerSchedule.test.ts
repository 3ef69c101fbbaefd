import {
  assertTimeZone,
  nextOccurrence,
  parseSchedule,
  type Schedule,
} from '../../../local/functionsHost/timerSchedule';

function next(expression: string, after: string, timeZone?: string): string {
  return nextOccurrence(parseSchedule(expression, timeZone), new Date(after)).toISOString();
}

/** Every occurrence in [from, until). */
function occurrences(schedule: Schedule, from: string, until: string): Date[] {
  const found: Date[] = [];
  let cursor = new Date(new Date(from).getTime() - 1);
  for (;;) {
    cursor = nextOccurrence(schedule, cursor);
    if (cursor >= new Date(until)) return found;
    found.push(cursor);
  }
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
    ['5-59/15 * * * * *', '2024-01-01T00:00:50.000Z', '2024-01-01T00:01:05.000Z'],
    ['*/1 * * * * *', '2024-01-01T00:00:00.500Z', '2024-01-01T00:00:01.000Z'],
    // Sunday as 0, 7 or a name; a range ending in 7
    ['0 0 0 * * 0', '2024-01-01T00:00:00.000Z', '2024-01-07T00:00:00.000Z'],
    ['0 0 0 * * 7', '2024-01-01T00:00:00.000Z', '2024-01-07T00:00:00.000Z'],
    ['0 0 0 * * sun', '2024-01-01T00:00:00.000Z', '2024-01-07T00:00:00.000Z'],
    ['0 0 0 * * 5-7', '2024-01-06T12:00:00.000Z', '2024-01-07T00:00:00.000Z'],
    // month names: three letters, any case
    ['0 0 0 1 Sep *', '2024-01-01T00:00:00.000Z', '2024-09-01T00:00:00.000Z'],
    ['0 0 0 1 JAN,jul *', '2024-01-01T00:00:00.000Z', '2024-07-01T00:00:00.000Z'],
    ['0 0 0 * * Mon-Wed', '2024-01-04T00:00:00.000Z', '2024-01-08T00:00:00.000Z'],
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
    // 02:30 does not exist on the spring-forward night: it runs at the end of the gap, 03:00
    ['0 30 2 * * *', '2024-03-30T12:00:00Z', 'Europe/Berlin', '2024-03-31T01:00:00.000Z'],
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
      parseSchedule('0 */30 * * * *', 'Europe/Berlin'),
      '2024-03-31T00:30:00Z',
      '2024-03-31T02:00:00Z',
    );
    expect(found.map((d) => d.toISOString())).toEqual([
      '2024-03-31T00:30:00.000Z',
      '2024-03-31T01:00:00.000Z',
      '2024-03-31T01:30:00.000Z',
    ]);
  });

  it('runs an interval schedule through both passes of the repeated hour, as the host does', () => {
    // Europe/Berlin 2024-10-27: 02:00-03:00 local happens twice, 00:00Z-01:00Z and 01:00Z-02:00Z.
    const found = occurrences(
      parseSchedule('0 */30 * * * *', 'Europe/Berlin'),
      '2024-10-27T00:00:00Z',
      '2024-10-27T02:00:00Z',
    );
    expect(found.map((d) => d.toISOString())).toEqual([
      '2024-10-27T00:00:00.000Z',
      '2024-10-27T00:30:00.000Z',
      '2024-10-27T01:00:00.000Z',
      '2024-10-27T01:30:00.000Z',
    ]);
  });

  it.each(['W. Europe Standard Time', 'Mars/Olympus', ''])('refuses the time zone %j', (zone) => {
    expect(() => assertTimeZone(zone)).toThrow(/Unknown time zone/);
    expect(() => parseSchedule('* * * * * *', zone)).toThrow(/Unknown time zone/);
  });

  it.each(['UTC', 'utc', 'Etc/UTC', 'GMT', 'Europe/Berlin', 'Asia/Kolkata'])(
    'accepts %j',
    (zone) => {
      expect(() => assertTimeZone(zone)).not.toThrow();
    },
  );
});

describe('parseSchedule', () => {
  it('reads five fields as minute to day-of-week, with the second 0', () => {
    expect(next('30 9 * * Mon-Fri', '2024-01-05T09:30:00.000Z')).toBe('2024-01-08T09:30:00.000Z');
  });

  it.each([
    ['*', '2024-01-02T00:00:00.000Z'],
    ['*/2', '2024-01-02T00:00:00.000Z'],
    ['1-7', '2024-01-02T00:00:00.000Z'],
    ['0,7', '2024-01-07T00:00:00.000Z'],
    ['Sat,Sun', '2024-01-06T00:00:00.000Z'],
    ['Thu-Fri', '2024-01-04T00:00:00.000Z'],
    ['Tue-Sat/2', '2024-01-02T00:00:00.000Z'],
  ])('reads day-of-week %j (the first day after Monday 2024-01-01 is %s)', (field, expected) => {
    expect(next(`0 0 0 * * ${field}`, '2024-01-01T00:00:00.000Z')).toBe(expected);
  });

  it('tolerates extra spaces around and between fields', () => {
    expect(next('  0  0   12 * *  * ', '2024-01-01T00:00:00.000Z')).toBe(
      '2024-01-01T12:00:00.000Z',
    );
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
    ['@daily', /1 field\(s\)/],
    ['60 * * * * *', /second: 60/],
    ['0 60 * * * *', /minute: 60/],
    ['0 0 24 * * *', /hour: 24/],
    ['0 0 0 0 * *', /day/],
    ['0 0 0 32 * *', /day/],
    ['0 0 0 * 13 *', /month/],
    ['0 0 0 * 0 *', /month/],
    ['0 0 0 * * 8', /dayOfWeek: 8/],
    ['0 0 0 * Foo *', /Foo/],
    ['0 0 0 * Ma *', /"Ma" is not a number, \* or a three-letter name/],
    ['0 0 0 1 Sept *', /"Sept" is not a number, \* or a three-letter name/],
    ['0 Mon * * * *', /Mon/],
    ['*/0 * * * * *', /stepping: 0/],
    ['0 */x * * * *', /"x" is not a number/],
    ['0 0 1/2/3 * * *', /1\/2\/3/],
    ['5/15 * * * * *', /5\/15/],
    ['0 0 0 * * Fri-Mon', /larger than/],
    ['0 0 17-9 * * *', /larger than/],
    ['0 0 0 1,,2 * *', /empty/],
    ['0 0 0 1.5 * *', /"1.5" is not a number/],
    ['0 0 0 L * *', /"L" is not .*NCRONTAB has no L/],
    ['0 0 0 15W * *', /"15W" is not/],
    ['0 0 0 ? * *', /"\?" is not/],
    ['0 0 0 * * 1#2', /"1#2" is not/],
    ['0 0 0 * * FRIL', /"FRIL" is not/],
    ['0 0 0 1 * +Mon', /"\+Mon" is not/],
    ['00:00:00', /longer than zero/],
    ['24:00:00', /TimeSpan/],
    ['00:61:00', /TimeSpan/],
  ])('refuses %j, saying why', (expression, message) => {
    expect(() => parseSchedule(expression)).toThrow(message);
  });

  it('quotes the whole expression in its errors', () => {
    expect(() => parseSchedule('0 61 * * * *')).toThrow('Invalid schedule "0 61 * * * *"');
  });
});
