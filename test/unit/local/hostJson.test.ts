import { resolve } from 'node:path';
import {
  DEFAULT_QUEUE_HOST_SETTINGS,
  parseHttpHostSettings,
  parseQueueHostSettings,
  parseTimeSpan,
  readHostJson,
} from '../../../local/functionsHost/hostJson';

describe('parseTimeSpan', () => {
  it.each([
    ['00:00:02', 2_000],
    ['00:00:10', 10_000],
    ['00:01:00', 60_000],
    ['01:00:00', 3_600_000],
    ['00:00:00', 0],
    ['00:00:00.100', 100],
    ['00:00:01.5', 1_500],
    ['00:00:00.0000001', 0],
    ['00:10', 600_000],
    ['1.00:00:00', 86_400_000],
    [' 00:00:03 ', 3_000],
  ])('reads %j as %i ms', (text, expected) => {
    expect(parseTimeSpan(text)).toBe(expected);
  });

  it.each(['10', '', 'abc', '00:00:60', '00:60:00', '24:00:00', '00:00:01.12345678', '-00:00:01'])(
    'refuses %j',
    (text) => {
      expect(() => parseTimeSpan(text)).toThrow(/TimeSpan/);
    },
  );
});

describe('parseQueueHostSettings', () => {
  it('uses the Functions defaults when host.json has no queue settings', () => {
    expect(parseQueueHostSettings({ version: '2.0' })).toEqual({
      maxPollingIntervalMs: 60_000,
      visibilityTimeoutMs: 0,
      batchSize: 16,
      maxDequeueCount: 5,
      newBatchThreshold: 8,
      messageEncoding: 'base64',
    });
    expect(parseQueueHostSettings({})).toEqual(DEFAULT_QUEUE_HOST_SETTINGS);
  });

  it('reads every documented field', () => {
    expect(
      parseQueueHostSettings({
        extensions: {
          queues: {
            maxPollingInterval: '00:00:02',
            visibilityTimeout: '00:00:10.250',
            batchSize: 4,
            maxDequeueCount: 3,
            newBatchThreshold: 1,
            messageEncoding: 'none',
          },
        },
      }),
    ).toEqual({
      maxPollingIntervalMs: 2_000,
      visibilityTimeoutMs: 10_250,
      batchSize: 4,
      maxDequeueCount: 3,
      newBatchThreshold: 1,
      messageEncoding: 'none',
    });
  });

  it('derives newBatchThreshold from batchSize when absent, as the host does', () => {
    expect(parseQueueHostSettings({ extensions: { queues: { batchSize: 1 } } })).toMatchObject({
      batchSize: 1,
      newBatchThreshold: 0,
    });
    expect(parseQueueHostSettings({ extensions: { queues: { batchSize: 9 } } })).toMatchObject({
      newBatchThreshold: 4,
    });
  });

  it('accepts messageEncoding in any case', () => {
    const settings = parseQueueHostSettings({
      extensions: { queues: { messageEncoding: 'Base64' } },
    });
    expect(settings.messageEncoding).toBe('base64');
  });

  it('ignores unrelated host.json content', () => {
    const settings = parseQueueHostSettings({
      logging: { logLevel: { default: 'Information' } },
      extensions: { http: { routePrefix: 'api' }, queues: { batchSize: 2 } },
      extensionBundle: { id: 'x' },
    });
    expect(settings.batchSize).toBe(2);
  });

  it.each([
    [{ batchSize: 0 }, /extensions\.queues\.batchSize/],
    [{ batchSize: 33 }, /extensions\.queues\.batchSize/],
    [{ batchSize: 2.5 }, /extensions\.queues\.batchSize/],
    [{ maxDequeueCount: 0 }, /extensions\.queues\.maxDequeueCount/],
    [{ newBatchThreshold: -1 }, /extensions\.queues\.newBatchThreshold/],
    [{ messageEncoding: 'utf8' }, /extensions\.queues\.messageEncoding/],
    [{ maxPollingInterval: '00:00:00.050' }, /maxPollingInterval: must be at least/],
    [{ maxPollingInterval: 2000 }, /extensions\.queues\.maxPollingInterval/],
    [{ visibilityTimeout: '8.00:00:00' }, /visibilityTimeout: must be at most 7 days/],
    [{ visibilityTimeout: '10 seconds' }, /visibilityTimeout: "10 seconds" is not a TimeSpan/],
  ])('refuses %j naming the field', (queues, message) => {
    expect(() => parseQueueHostSettings({ extensions: { queues } })).toThrow(message);
  });

  it('reads the repository host.json', () => {
    const settings = parseQueueHostSettings(readHostJson(resolve(__dirname, '..', '..', '..')));
    expect(settings.maxDequeueCount).toBeGreaterThanOrEqual(1);
    expect(settings.messageEncoding).toMatch(/^(base64|none)$/);
  });
});

describe('parseHttpHostSettings', () => {
  it.each([
    [{}, 'api'],
    [{ extensions: { http: {} } }, 'api'],
    [{ extensions: { http: { routePrefix: '' } } }, ''],
    [{ extensions: { http: { routePrefix: '/v1/' } } }, 'v1'],
    [{ extensions: { http: { routePrefix: 'partner/api' } } }, 'partner/api'],
  ])('reads the route prefix of %j as %j', (hostJson, expected) => {
    expect(parseHttpHostSettings(hostJson).routePrefix).toBe(expected);
  });
});

describe('readHostJson', () => {
  it('names the file when it cannot be read', () => {
    expect(() => readHostJson('/nonexistent-project')).toThrow(/nonexistent-project\/host\.json/);
  });
});
