import type { Caller } from './tokenValidator';

/** How the audit log and the stored documents name a partner user who made a change. */
export function actorOf(caller: Caller): string {
  return `partner:${caller.userId}`;
}
