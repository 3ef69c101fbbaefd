import { format } from 'node:util';
import type { Timer } from '@azure/functions';
import { resolveBindingExpression, type AppSettings } from './bindingExpressions';
import { isTimerTrigger, type FunctionRegistration } from './functionsCore';
import type { HostLog } from './hostLog';
import { createInvocationContext, invokeFunction, unsupportedBindings } from './invokeFunction';
import { assertTimeZone, nextOccurrence, parseSchedule, type Schedule } from './timerSchedule';

export interface TimerHostOptions {
  /** All registrations; non-timer ones are ignored. */
  readonly registrations: readonly FunctionRegistration[];
  readonly log: HostLog;
  /** App settings for `%SETTING%` schedules and WEBSITE_TIME_ZONE; process.env by default. */
  readonly env?: AppSettings;
  /** The clock the schedule is read against. */
  readonly now?: () => Date;
}

export interface TimerHost {
  /** The names of the timer functions this host runs. */
  readonly functionNames: readonly string[];
  /**
   * Runs a timer function now, as the admin endpoint does: after any run of it still going,
   * without moving its schedule. Resolves when the handler returns; rejects when it throws.
   */
  trigger(functionName: string): Promise<void>;
  /** Stops scheduling and waits for the runs already going. */
  close(): Promise<void>;
}

/**
 * What the handler receives: the host's TimerInfo, camel-cased by @azure/functions. The types
 * say `scheduleStatus` is always there; the host passes null when the schedule is not monitored
 * (useMonitor false, or a schedule firing more than once a minute), and so does this host.
 */
export type TimerInput = Omit<Timer, 'scheduleStatus'> & {
  scheduleStatus: Timer['scheduleStatus'] | null;
};

interface ScheduleStatus {
  last: Date;
  next: Date;
  lastUpdated: Date;
}

interface TimerJob {
  readonly registration: FunctionRegistration;
  readonly schedule: Schedule;
  readonly runOnStartup: boolean;
  readonly useMonitor: boolean;
  status: ScheduleStatus;
  timer?: NodeJS.Timeout;
  /** Settles when the last accepted run has ended: runs of one function never overlap. */
  tail: Promise<void>;
}

/** .NET's default DateTime, which the host reports as `last` before the first run. */
const NEVER_RAN = new Date('0001-01-01T00:00:00.000Z');
/** .NET's DateTime.MaxValue, NCrontab's answer for a schedule that never occurs. */
const NEVER_DUE = new Date('9999-12-31T23:59:59.999Z');
/** setTimeout's limit; longer waits are taken in steps. */
const MAX_TIMER_DELAY_MS = 2_147_483_647;
const MONITOR_MIN_INTERVAL_MS = 60_000;
const OCCURRENCES_LOGGED = 3;
const MANUAL_REASON = 'This function was programmatically called via the host APIs.';

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : format(error);
}

function nextOrNever(schedule: Schedule, after: Date): Date {
  try {
    return nextOccurrence(schedule, after);
  } catch {
    return NEVER_DUE;
  }
}

function readSchedule(
  registration: FunctionRegistration,
  written: string,
  env: AppSettings,
  timeZone: string,
) {
  const where = `Timer function "${registration.name}"`;
  let expression: string;
  try {
    expression = resolveBindingExpression(written, env);
  } catch (error) {
    throw new Error(`${where}: schedule ${(error as Error).message}`);
  }
  try {
    return parseSchedule(expression, timeZone);
  } catch (error) {
    const setting = expression === written ? '' : ` (from "${written}")`;
    throw new Error(`${where}${setting}: ${(error as Error).message}`);
  }
}

/**
 * The host persists the schedule status only for schedules that fire at most once a minute
 * (more often, it forces useMonitor off); otherwise useMonitor decides, true by default.
 */
function monitored(schedule: Schedule, requested: boolean | undefined, from: Date): boolean {
  const first = nextOrNever(schedule, from);
  const second = nextOrNever(schedule, first);
  if (second.getTime() < from.getTime() + MONITOR_MIN_INTERVAL_MS) {
    return false;
  }
  return requested ?? true;
}

/**
 * Runs the app's `app.timer` registrations the way the Functions timer extension does:
 * `%SETTING%` schedules resolved from app settings, read in UTC (or WEBSITE_TIME_ZONE), the
 * timer re-armed only after a run ends (a run is never overlapped; one that overruns its next
 * occurrence is followed by one catch-up run, not by one per missed occurrence), runOnStartup
 * honoured, and a handler's error logged without stopping the schedule. Nothing is persisted,
 * so `isPastDue` is always false. A bad schedule fails the start, naming the function.
 */
export function startTimerHost(options: TimerHostOptions): TimerHost {
  const { log } = options;
  const env = options.env ?? process.env;
  const now = options.now ?? (() => new Date());
  const timeZone = env.WEBSITE_TIME_ZONE?.trim() || 'UTC';
  try {
    assertTimeZone(timeZone);
  } catch (error) {
    throw new Error(`WEBSITE_TIME_ZONE: ${(error as Error).message}`);
  }

  const startedAt = now();
  const jobs = new Map<string, TimerJob>();
  // Every schedule is read before any timer is armed, so a bad one leaves nothing running.
  for (const registration of options.registrations) {
    const trigger = registration.trigger;
    if (!isTimerTrigger(trigger)) continue;
    const schedule = readSchedule(registration, trigger.schedule, env, timeZone);
    jobs.set(registration.name, {
      registration,
      schedule,
      runOnStartup: trigger.runOnStartup === true,
      useMonitor: monitored(schedule, trigger.useMonitor, startedAt),
      status: {
        last: NEVER_RAN,
        next: nextOrNever(schedule, startedAt),
        lastUpdated: NEVER_RAN,
      },
      tail: Promise.resolve(),
    });
  }

  let closed = false;

  function timerInput(job: TimerJob): TimerInput {
    const { status } = job;
    return {
      // The host adjusts cron schedules for daylight saving time, never TimeSpan ones.
      schedule: { adjustForDST: job.schedule.kind === 'cron' },
      scheduleStatus: job.useMonitor
        ? {
            last: status.last.toISOString(),
            next: status.next.toISOString(),
            lastUpdated: status.lastUpdated.toISOString(),
          }
        : null,
      isPastDue: false,
    };
  }

  async function run(job: TimerJob, reason: string): Promise<void> {
    const { registration } = job;
    const context = createInvocationContext(registration, log);
    const started = Date.now();
    log(
      'information',
      `Executing 'Functions.${registration.name}' (Reason='${reason}', Id=${context.invocationId})`,
    );
    try {
      await invokeFunction(registration, timerInput(job), context);
    } catch (error) {
      log(
        'error',
        `Executed 'Functions.${registration.name}' (Failed, Id=${context.invocationId}, Duration=${Date.now() - started}ms)\n${describe(error)}`,
      );
      throw error;
    }
    log(
      'information',
      `Executed 'Functions.${registration.name}' (Succeeded, Id=${context.invocationId}, Duration=${Date.now() - started}ms)`,
    );
  }

  /** Queues work behind the function's current run, as the host's per-timer lock does. */
  function afterCurrentRun(job: TimerJob, work: () => Promise<void>): Promise<void> {
    const result = job.tail.then(work);
    job.tail = result.catch(() => undefined);
    return result;
  }

  function arm(job: TimerJob): void {
    if (closed || job.status.next === NEVER_DUE) return;
    const delay = job.status.next.getTime() - now().getTime();
    if (delay > MAX_TIMER_DELAY_MS) {
      job.timer = setTimeout(() => arm(job), MAX_TIMER_DELAY_MS);
      return;
    }
    job.timer = setTimeout(() => void fire(job, false), Math.max(0, delay));
  }

  async function fire(job: TimerJob, onStartup: boolean): Promise<void> {
    job.timer = undefined;
    const firedAt = now();
    await afterCurrentRun(job, async () => {
      if (closed) return;
      const reason = onStartup ? 'RunOnStartup' : `Timer fired at ${firedAt.toISOString()}`;
      await run(job, reason).catch(() => undefined); // logged by run; the schedule goes on
      // As the host: count from the occurrence that fired (a timer may fire a moment early),
      // or from the actual time on a startup run.
      const { next } = job.status;
      const base = !onStartup && next > firedAt ? next : firedAt;
      job.status = {
        last: base,
        next: nextOrNever(job.schedule, base),
        lastUpdated: base,
      };
    });
    arm(job);
  }

  for (const job of jobs.values()) {
    const { registration, schedule, status } = job;
    const ignored = unsupportedBindings(registration);
    if (ignored.length > 0) {
      log('warning', `[${registration.name}] the local host ignores: ${ignored.join(', ')}`);
    }
    if (status.next === NEVER_DUE) {
      log(
        'warning',
        `[${registration.name}] schedule "${schedule.expression}" never occurs; the function runs only when triggered`,
      );
    } else {
      const upcoming = [status.next];
      while (upcoming.length < OCCURRENCES_LOGGED) {
        upcoming.push(nextOrNever(schedule, upcoming[upcoming.length - 1] as Date));
      }
      log(
        'information',
        `[${registration.name}] schedule "${schedule.expression}" (${timeZone}); next: ${upcoming
          .map((date) => date.toISOString())
          .join(', ')}`,
      );
    }
    if (job.runOnStartup) {
      job.timer = setTimeout(() => void fire(job, true), 0);
    } else {
      arm(job);
    }
  }

  return {
    functionNames: [...jobs.keys()],

    trigger(functionName) {
      const job = jobs.get(functionName);
      if (!job) {
        return Promise.reject(new Error(`No timer function is named "${functionName}"`));
      }
      if (closed) {
        return Promise.reject(new Error('The timer host is closed'));
      }
      return afterCurrentRun(job, () => run(job, MANUAL_REASON));
    },

    async close() {
      closed = true;
      for (const job of jobs.values()) {
        clearTimeout(job.timer);
        job.timer = undefined;
      }
      await Promise.all([...jobs.values()].map((job) => job.tail));
    },
  };
}
