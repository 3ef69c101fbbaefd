import {
  effectiveConfirmation,
  isResellerContractFor,
  nextResellerCheck,
  RESELLER_CHECK_GIVE_UP_DAYS,
  resellerCheckDelaySeconds,
} from '../../../shared/domain/resellerConfirmation';

const SINCE = '2026-03-01T10:00:00.000Z';
const at = (seconds: number) => new Date(Date.parse(SINCE) + seconds * 1000);
const DAY = 24 * 3600;

describe('resellerCheckDelaySeconds', () => {
  it.each([
    [1, 60],
    [2, 300],
    [3, 900],
    [4, 3600],
    [5, 4 * 3600],
    [6, 12 * 3600],
    [7, DAY],
    [40, DAY],
  ])('waits before check %i for %i seconds', (attempt, seconds) => {
    expect(resellerCheckDelaySeconds(attempt)).toBe(seconds);
  });

  it.each([0, -1, 1.5])('refuses attempt %p', (attempt) => {
    expect(() => resellerCheckDelaySeconds(attempt)).toThrow(RangeError);
  });
});

describe('nextResellerCheck', () => {
  it('waits for the next attempt’s delay', () => {
    expect(nextResellerCheck(SINCE, at(60), 1)).toEqual({ kind: 'wait', delaySeconds: 300 });
  });

  it('makes the last check exactly when the round ends', () => {
    const end = RESELLER_CHECK_GIVE_UP_DAYS * DAY;
    expect(nextResellerCheck(SINCE, at(end - 100), 12)).toEqual({
      kind: 'wait',
      delaySeconds: 100,
    });
  });

  it.each([0, 1, 3600])('gives up %i seconds after the round ended', (after) => {
    expect(nextResellerCheck(SINCE, at(RESELLER_CHECK_GIVE_UP_DAYS * DAY + after), 20)).toEqual({
      kind: 'giveUp',
    });
  });
});

describe('isResellerContractFor', () => {
  const tenantId = '6f1c8a5e-1111-4222-8333-944445555666';
  const contract = {
    contractType: 'ResellerPartner',
    customerId: tenantId,
    defaultDomainName: 'fabrikam.onmicrosoft.com',
  };

  it.each([
    [
      'the customer tenant, any case',
      contract,
      { tenantId: tenantId.toUpperCase(), domain: 'x.example' },
      true,
    ],
    [
      'another tenant',
      contract,
      { tenantId: '00000000-0000-4000-8000-000000000000', domain: 'fabrikam.onmicrosoft.com' },
      false,
    ],
    [
      'a syndication contract',
      { ...contract, contractType: 'SyndicationPartner' },
      { tenantId, domain: 'x' },
      false,
    ],
    ['the domain while no tenant is known', contract, { domain: 'Fabrikam.onmicrosoft.com' }, true],
    [
      'another domain while no tenant is known',
      contract,
      { domain: 'contoso.onmicrosoft.com' },
      false,
    ],
    [
      'no domain on the contract',
      { ...contract, defaultDomainName: null },
      { domain: 'fabrikam.onmicrosoft.com' },
      false,
    ],
  ])('%s → %p', (_name, candidate, customer, expected) => {
    expect(isResellerContractFor(candidate, customer)).toBe(expected);
  });
});

describe('effectiveConfirmation', () => {
  it('treats a relationship from before confirmations as awaiting since its activation', () => {
    expect(effectiveConfirmation(undefined, SINCE)).toEqual({
      state: 'awaitingCustomer',
      since: SINCE,
    });
  });

  it('keeps a stored confirmation', () => {
    const stored = {
      state: 'confirmed' as const,
      since: SINCE,
      confirmedAt: SINCE,
      confirmedBy: 'graphCheck' as const,
    };
    expect(effectiveConfirmation(stored, '2020-01-01T00:00:00.000Z')).toBe(stored);
  });
});
