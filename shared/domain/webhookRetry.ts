/** When a failed webhook delivery is tried again. */

/** Retries after a failed attempt are spread over ~1.8 h with the default 8 attempts. */
const FIRST_RETRY_SECONDS = 2;
const RETRY_GROWTH = 4;
export const MAX_RETRY_DELAY_SECONDS = 3600;
/** Jitter takes up to this share off a delay, so receivers recovering from an outage get no herd. */
const JITTER_SHARE = 0.2;

/**
 * The window the retry after failed attempt `attempt` (1-based) is scheduled in: nominally
 * 2 s · 4^(attempt−1) — 2 s, 8 s, 32 s, ~2 min, ~8.5 min, ~34 min, then 1 h — with up to 20 %
 * taken off for jitter. Whole seconds, as queue visibility delays are.
 */
export function webhookRetryWindow(attempt: number): { minSeconds: number; maxSeconds: number } {
  if (!Number.isInteger(attempt) || attempt < 1) {
    throw new Error(`A retry follows attempt 1 or later, not ${attempt}.`);
  }
  const nominal = Math.min(
    FIRST_RETRY_SECONDS * RETRY_GROWTH ** Math.min(attempt - 1, 16),
    MAX_RETRY_DELAY_SECONDS,
  );
  return { minSeconds: Math.ceil(nominal * (1 - JITTER_SHARE)), maxSeconds: nominal };
}

/**
 * The delay before retrying after failed attempt `attempt`, within `webhookRetryWindow`.
 * `random` (in [0, 1)) picks the point in the window; tests pass a fixed one.
 */
export function retryDelaySecondsForWebhook(
  attempt: number,
  random: () => number = Math.random,
): number {
  const { minSeconds, maxSeconds } = webhookRetryWindow(attempt);
  const span = maxSeconds - minSeconds + 1;
  return minSeconds + Math.min(Math.floor(random() * span), span - 1);
}

/**
 * A receiver's `Retry-After` (delta seconds or an HTTP date) in whole seconds from `now`;
 * undefined when absent or unreadable. Capped like our own delays, so a receiver cannot park a
 * delivery for days.
 */
export function parseRetryAfterSeconds(value: string | null, now: Date): number | undefined {
  if (value === null || value.trim() === '') {
    return undefined;
  }
  const text = value.trim();
  let seconds: number;
  if (/^\d+$/.test(text)) {
    seconds = Number(text);
  } else {
    const date = Date.parse(text);
    if (Number.isNaN(date)) {
      return undefined;
    }
    seconds = Math.ceil((date - now.getTime()) / 1000);
  }
  return Math.min(Math.max(seconds, 0), MAX_RETRY_DELAY_SECONDS);
}
