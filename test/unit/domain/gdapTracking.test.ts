import {
  customerTenantOfResourceUri,
  isFinalGraphStatus,
  isGrantedGraphStatus,
  recheckDelaySeconds,
  relationshipIdOfResourceUri,
  SETTLED_RECHECK_SECONDS,
  SETTLED_RECHECK_SPREAD_SECONDS,
  settledRecheckDelaySeconds,
  waitingForOf,
} from '../../../shared/domain/gdapTracking';

describe('what a Graph status means for the partner', () => {
  test.each([
    ['created', false, false, 'customerApproval'],
    ['approvalPending', false, false, 'customerApproval'],
    ['approved', false, false, 'microsoft'],
    ['activating', false, false, 'microsoft'],
    ['active', false, true, null],
    ['expiring', false, true, null],
    ['terminationRequested', false, false, 'microsoft'],
    ['terminating', false, false, 'microsoft'],
    ['terminated', true, false, null],
    ['expired', true, false, null],
    ['deleted', true, false, null],
    ['unknownFutureValue', false, false, 'microsoft'],
  ] as const)('%s: final %s, granted %s, waiting for %s', (status, final, granted, waiting) => {
    expect(isFinalGraphStatus(status)).toBe(final);
    expect(isGrantedGraphStatus(status)).toBe(granted);
    expect(waitingForOf(status)).toBe(waiting);
  });
});

describe('the pause before the next re-check', () => {
  test.each([
    [0, 60, undefined, 60],
    [1, 60, undefined, 120],
    [5, 60, undefined, 1920],
    [6, 60, undefined, 3600],
    [40, 60, undefined, 3600],
    [0, 1, undefined, 1],
    [3, 1, undefined, 8],
    // Graph's Retry-After wins when it asks for longer, never shortens the backoff.
    [0, 1, 30, 30],
    [6, 60, 30, 3600],
    [0, 1, 0.2, 1],
  ])('attempt %i, base %i s, Retry-After %s → %i s', (attempt, base, retryAfter, expected) => {
    expect(recheckDelaySeconds(attempt, base, retryAfter)).toBe(expected);
  });
});

describe('the daily re-check of a settled relationship', () => {
  const ids = Array.from(
    { length: 200 },
    (_, i) => `5e5594d3-6f82-458b-b567-${String(i).padStart(12, '0')}`,
  );

  test('comes a day later plus less than the spread, the same for the same relationship', () => {
    for (const id of ids) {
      const delay = settledRecheckDelaySeconds(id);
      expect(delay).toBeGreaterThanOrEqual(SETTLED_RECHECK_SECONDS);
      expect(delay).toBeLessThan(SETTLED_RECHECK_SECONDS + SETTLED_RECHECK_SPREAD_SECONDS);
      expect(settledRecheckDelaySeconds(id)).toBe(delay);
    }
  });

  test('spreads relationships over the window: no hour of it holds most of them', () => {
    const hours = new Map<number, number>();
    for (const id of ids) {
      const hour = Math.floor((settledRecheckDelaySeconds(id) - SETTLED_RECHECK_SECONDS) / 3600);
      hours.set(hour, (hours.get(hour) ?? 0) + 1);
    }
    expect(hours.size).toBe(SETTLED_RECHECK_SPREAD_SECONDS / 3600);
    expect(Math.max(...hours.values())).toBeLessThan(ids.length / 2);
  });
});

describe("reading a Partner Center event's ResourceUri", () => {
  test.each([
    [
      'https://graph.microsoft.com/v1.0/tenantRelationships/delegatedAdminRelationships/5e5594d3-6f82-458b-b567-77db4811f0cd-00000000-0000-0000-0000-000000001234',
      '5e5594d3-6f82-458b-b567-77db4811f0cd-00000000-0000-0000-0000-000000001234',
    ],
    ['https://api.partnercenter.microsoft.com/v1/relationships/abc-123/', 'abc-123'],
    ['not a url', undefined],
    ['https://graph.microsoft.com/', undefined],
    ['https://graph.microsoft.com/x/%3Cscript%3E', undefined],
  ])('%s → relationship %s', (uri, expected) => {
    expect(relationshipIdOfResourceUri(uri)).toBe(expected);
  });

  test.each([
    [
      'https://api.partnercenter.microsoft.com/v1/customers/6F0B1C1E-1F6A-4C55-9D5E-1C1C2E3B4A5F',
      '6f0b1c1e-1f6a-4c55-9d5e-1c1c2e3b4a5f',
    ],
    [
      'https://api.partnercenter.microsoft.com/v1/customers/6f0b1c1e-1f6a-4c55-9d5e-1c1c2e3b4a5f/relationships',
      '6f0b1c1e-1f6a-4c55-9d5e-1c1c2e3b4a5f',
    ],
    ['https://api.partnercenter.microsoft.com/v1/customers/not-a-guid', undefined],
  ])('%s → customer tenant %s', (uri, expected) => {
    expect(customerTenantOfResourceUri(uri)).toBe(expected);
  });
});
