/** When a rate-limited resend may be tried again, from the API's `Retry-After` seconds. */
export function resendWait(retryAfterSeconds: number, now: Date): { minutes: number; at: Date } {
  const seconds = Math.max(0, retryAfterSeconds);
  return {
    minutes: Math.max(1, Math.ceil(seconds / 60)),
    at: new Date(now.getTime() + seconds * 1000),
  };
}
