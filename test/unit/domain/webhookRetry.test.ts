import {
  MAX_RETRY_DELAY_SECONDS,
  parseRetryAfterSeconds,
  retryDelaySecondsForWebhook,
  webhookRetryWindow,
} from '../../../shared/domain/webhookRetry';

describe('webhook retry schedule', () => {
  test.each([
    [1, 2, 2],
    [2, 7, 8],
    [3, 26, 32],
    [4, 103, 128],
    [5, 410, 512],
    [6, 1639, 2048],
    [7, 2880, 3600],
    [8, 2880, 3600],
    [50, 2880, 3600],
  ])('after attempt %i the retry comes %i to %i s later', (attempt, min, max) => {
    expect(webhookRetryWindow(attempt)).toEqual({ minSeconds: min, maxSeconds: max });
    expect(retryDelaySecondsForWebhook(attempt, () => 0)).toBe(min);
    expect(retryDelaySecondsForWebhook(attempt, () => 0.999999)).toBe(max);
    const jittered = retryDelaySecondsForWebhook(attempt);
    expect(jittered).toBeGreaterThanOrEqual(min);
    expect(jittered).toBeLessThanOrEqual(max);
    expect(Number.isInteger(jittered)).toBe(true);
  });

  test('never exceeds the cap, whatever the random source', () => {
    for (let attempt = 1; attempt <= 60; attempt++) {
      expect(retryDelaySecondsForWebhook(attempt, () => 1)).toBeLessThanOrEqual(
        MAX_RETRY_DELAY_SECONDS,
      );
    }
  });

  test.each([0, -1, 1.5, Number.NaN])('attempt %p has no retry', (attempt) => {
    expect(() => webhookRetryWindow(attempt)).toThrow();
  });
});

describe('parseRetryAfterSeconds', () => {
  const now = new Date('2026-01-01T00:00:00Z');
  test.each([
    [null, undefined],
    ['', undefined],
    ['soon', undefined],
    ['0', 0],
    ['12', 12],
    [' 30 ', 30],
    ['999999', 3600],
    ['Thu, 01 Jan 2026 00:01:30 GMT', 90],
    ['Wed, 31 Dec 2025 23:00:00 GMT', 0],
  ])('%p → %p', (value, expected) => {
    expect(parseRetryAfterSeconds(value, now)).toBe(expected);
  });
});
