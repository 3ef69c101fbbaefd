import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { QueueServiceClient } from '@azure/storage-queue';
import { createAdminEndpoint } from '../../../local/functionsHost/adminEndpoint';
import {
  getRegistrations,
  type FunctionRegistration,
} from '../../../local/functionsHost/functionsCore';
import type { HostLog, HostLogLevel } from '../../../local/functionsHost/hostLog';
import { startHttpHost, type HttpHost } from '../../../local/functionsHost/httpHost';
import { loadFunctionApp } from '../../../local/functionsHost/loadFunctions';
import { startTimerHost, type TimerHost } from '../../../local/functionsHost/timerHost';
import { startAzurite, type AzuriteQueueServer } from '../../../local/servers/azurite';
import { runsOf, timerRuns, type RecordedTimerRun } from '../../fixtures/timerApp/recorder';

const projectRoot = resolve(__dirname, '..', '..', '..');
const NEVER_RAN = '0001-01-01T00:00:00.000Z';
/** Long enough for a once-a-second timer to fire at least twice, even on a busy machine. */
const SCHEDULE_WINDOW_MS = 3500;

const logLines: { level: HostLogLevel; message: string }[] = [];
const log: HostLog = (level, message) => logLines.push({ level, message });
const env = { SCHEDULE_SETTING: '*/1 * * * * *' };

let registrations: FunctionRegistration[];

function only(...names: string[]): FunctionRegistration[] {
  return registrations.filter((registration) => names.includes(registration.name));
}

function expectNoOverlap(runs: readonly RecordedTimerRun[]): void {
  for (let i = 1; i < runs.length; i++) {
    const previous = runs[i - 1] as RecordedTimerRun;
    expect(previous.endedAt).toBeDefined();
    expect((runs[i] as RecordedTimerRun).startedAt).toBeGreaterThanOrEqual(previous.endedAt ?? 0);
  }
}

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(20);
  }
}

function nextNewYear(): string {
  return `${new Date().getUTCFullYear() + 1}-01-01T00:00:00.000Z`;
}

beforeAll(() => {
  loadFunctionApp(projectRoot, { files: ['test/fixtures/timerApp/timerFunctions.ts'] });
  registrations = getRegistrations();
});

describe('timer host on its schedules', () => {
  let host: TimerHost;

  beforeAll(async () => {
    host = startTimerHost({ registrations, log, env });
    await sleep(SCHEDULE_WINDOW_MS);
  });

  afterAll(async () => {
    await host?.close();
  });

  it('runs every timer registration and nothing else', () => {
    expect([...host.functionNames].sort()).toEqual([
      'failingTick',
      'onStartup',
      'settingTick',
      'slowTick',
      'tick',
      'yearly',
    ]);
  });

  it('fires a once-a-second timer about once a second', () => {
    const runs = runsOf('tick');
    expect(runs.length).toBeGreaterThanOrEqual(2);
    expect(runs.length).toBeLessThanOrEqual(5);
  });

  it('passes the timer object, without scheduleStatus for a schedule firing more than once a minute', () => {
    expect(runsOf('tick')[0]?.timer).toEqual({
      schedule: { adjustForDST: true },
      scheduleStatus: null,
      isPastDue: false,
    });
  });

  it('resolves a %SETTING% schedule from the app settings', () => {
    expect(runsOf('settingTick').length).toBeGreaterThanOrEqual(2);
  });

  it('never starts a run while the previous one of the same function is going', () => {
    const runs = runsOf('slowTick');
    expect(runs.length).toBeGreaterThanOrEqual(2);
    expectNoOverlap(runs.filter((run) => run.endedAt !== undefined));
  });

  it('keeps firing a timer whose handler throws, and logs each failure', () => {
    const failures = runsOf('failingTick').length;
    expect(failures).toBeGreaterThanOrEqual(2);
    const failedLines = logLines.filter(
      (line) =>
        line.level === 'error' &&
        line.message.startsWith("Executed 'Functions.failingTick' (Failed"),
    );
    expect(failedLines.length).toBeGreaterThanOrEqual(failures - 1);
    expect(failedLines[0]?.message).toContain('fixture timer failure');
  });

  it('runs a runOnStartup timer once at start, and not a yearly one', () => {
    const runs = runsOf('onStartup');
    expect(runs).toHaveLength(1);
    expect(runs[0]?.timer.scheduleStatus).toEqual({
      last: NEVER_RAN,
      next: nextNewYear(),
      lastUpdated: NEVER_RAN,
    });
    expect(runsOf('yearly')).toHaveLength(0);
  });

  it('logs each schedule and its next occurrences at start', () => {
    expect(logLines.map((line) => line.message)).toContainEqual(
      expect.stringMatching(/^\[yearly\] schedule "0 0 0 1 Jan \*" \(UTC\); next: \d{4}-01-01T/),
    );
  });

  it('trigger() runs a timer function at once with the timer object the host passes', async () => {
    await host.trigger('yearly');
    const runs = runsOf('yearly');
    expect(runs).toHaveLength(1);
    expect(runs[0]?.timer).toEqual({
      schedule: { adjustForDST: true },
      scheduleStatus: { last: NEVER_RAN, next: nextNewYear(), lastUpdated: NEVER_RAN },
      isPastDue: false,
    });
  });

  it('trigger() waits for a run still going instead of overlapping it', async () => {
    await Promise.all([host.trigger('slowTick'), host.trigger('slowTick')]);
    expectNoOverlap(runsOf('slowTick'));
  });

  it('trigger() rejects when the handler throws', async () => {
    await expect(host.trigger('failingTick')).rejects.toThrow('fixture timer failure');
  });

  it('trigger() rejects a name that is not a timer function', async () => {
    await expect(host.trigger('adminQueue')).rejects.toThrow(
      'No timer function is named "adminQueue"',
    );
  });

  it('close() stops every schedule and waits for the runs going', async () => {
    await host.close();
    expect(timerRuns.every((run) => run.endedAt !== undefined)).toBe(true);
    const count = timerRuns.length;
    await sleep(1500);
    expect(timerRuns).toHaveLength(count);
    await expect(host.trigger('tick')).rejects.toThrow('closed');
  });
});

describe('timer host start-up errors', () => {
  it('names the function and the missing app setting, and leaves nothing running', async () => {
    const count = timerRuns.length;
    expect(() => startTimerHost({ registrations, log, env: {} })).toThrow(
      'Timer function "settingTick": schedule "%SCHEDULE_SETTING%" refers to the app setting "SCHEDULE_SETTING", which is not set',
    );
    await sleep(1200);
    expect(timerRuns).toHaveLength(count);
  });

  it('names the field of a bad schedule read from a setting', () => {
    expect(() =>
      startTimerHost({ registrations, log, env: { SCHEDULE_SETTING: '0 61 * * * *' } }),
    ).toThrow(
      'Timer function "settingTick" (from "%SCHEDULE_SETTING%"): Invalid schedule "0 61 * * * *": CronPattern: Invalid value for minute: 61',
    );
  });

  it('refuses a WEBSITE_TIME_ZONE it cannot read', () => {
    expect(() =>
      startTimerHost({
        registrations,
        log,
        env: { ...env, WEBSITE_TIME_ZONE: 'W. Europe Standard Time' },
      }),
    ).toThrow(/^WEBSITE_TIME_ZONE: Unknown time zone/);
  });
});

describe('admin endpoint (POST /admin/functions/{name})', () => {
  const queueSuffix = 'jobs';
  let azurite: AzuriteQueueServer;
  let httpHost: HttpHost;
  let timers: TimerHost;
  let connectTimers: () => void;

  async function post(name: string, body = '{"input": ""}'): Promise<Response> {
    return fetch(`${httpHost.url}/admin/functions/${name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
  }

  beforeAll(async () => {
    azurite = await startAzurite();
    const admin = createAdminEndpoint({
      registrations,
      log,
      env: { QUEUE_SUFFIX: queueSuffix, AzureWebJobsStorage: azurite.connectionString },
    });
    httpHost = await startHttpHost({ registrations, port: 0, log, admin: admin.handle });
    timers = startTimerHost({ registrations: only('yearly', 'failingTick'), log, env });
    connectTimers = () => admin.useTimerHost(timers);
  });

  afterAll(async () => {
    await timers?.close();
    await httpHost?.close();
    await azurite?.close();
  });

  it('answers 503 for a timer function until the timer host is connected', async () => {
    const response = await post('yearly');
    expect(response.status).toBe(503);
    connectTimers();
  });

  it('answers 202 and runs a timer function', async () => {
    const before = runsOf('yearly').length;
    const response = await post('yearly');
    expect(response.status).toBe(202);
    expect(await response.text()).toBe('');
    await waitFor(() => runsOf('yearly').length === before + 1);
  });

  it('finds the function whatever the case of its name, and accepts {} as no input', async () => {
    const before = runsOf('yearly').length;
    expect((await post('YEARLY', '{}')).status).toBe(202);
    await waitFor(() => runsOf('yearly').length === before + 1);
  });

  it('answers 202 even when the timer function then fails, as the host does', async () => {
    expect((await post('failingTick')).status).toBe(202);
  });

  it('answers 404 for a function that does not exist', async () => {
    expect((await post('noSuchFunction')).status).toBe(404);
  });

  it('puts a queue function input on its trigger queue, encoded as host.json says', async () => {
    const queue = QueueServiceClient.fromConnectionString(azurite.connectionString).getQueueClient(
      `admin-${queueSuffix}`,
    );
    await queue.createIfNotExists();
    const response = await post('adminQueue', JSON.stringify({ input: '{"id":1}' }));
    expect(response.status).toBe(202);
    const peeked = await queue.peekMessages();
    expect(
      peeked.peekedMessageItems.map((m) => Buffer.from(m.messageText, 'base64').toString()),
    ).toEqual(['{"id":1}']);
  });

  it.each([
    ['not json', /must be JSON/],
    ['[]', /JSON object/],
    ['{"input": {"nested": true}}', /string, number or boolean/],
  ])('answers 400 for the body %j', async (body, message) => {
    const response = await post('yearly', body);
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(message);
  });

  it('answers 400 for an HTTP function: it has its own route', async () => {
    const response = await post('timerAppPing');
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/HTTP function/);
  });

  it('answers 405 with Allow for other methods, 404 for other admin paths', async () => {
    const get = await fetch(`${httpHost.url}/admin/functions/yearly`);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    expect((await fetch(`${httpHost.url}/admin/host/status`)).status).toBe(404);
  });

  it('leaves the function routes to the HTTP host', async () => {
    const response = await fetch(`${httpHost.url}/api/ping`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('pong');
  });

  it('listens only where the HTTP host listens (loopback)', () => {
    expect(new URL(httpHost.url).hostname).toBe('127.0.0.1');
  });
});
