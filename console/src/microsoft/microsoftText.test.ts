import { describe, expect, it } from 'vitest';
import { de } from '../i18n/de';
import { en } from '../i18n/en';
import { confirmationSummary, consentReturn, type ResellerConfirmation } from './microsoftText';

const formatDate = (iso: string | undefined) => (iso ?? '').slice(0, 10);
const base: ResellerConfirmation = {
  state: 'awaitingCustomer',
  since: '2026-03-01T10:00:00.000Z',
  confirmedAt: null,
  confirmedBy: null,
  checkedAt: null,
};

describe('confirmationSummary', () => {
  it.each([
    [en, base, 'Awaiting the customer, Awaiting since 2026-03-01'],
    [de, base, 'Wartet auf den Kunden, Wartet seit 2026-03-01'],
    [
      en,
      {
        ...base,
        state: 'confirmed',
        confirmedAt: '2026-03-02T08:00:00.000Z',
        confirmedBy: 'partnerCenterEvent',
      },
      'Confirmed 2026-03-02 by a Partner Center event',
    ],
    [
      de,
      {
        ...base,
        state: 'confirmed',
        confirmedAt: '2026-03-02T08:00:00.000Z',
        confirmedBy: 'graphCheck',
      },
      'Bestätigt am 2026-03-02 durch eine Prüfung bei Microsoft',
    ],
    [
      en,
      { ...base, state: 'notConfirmed', gaveUpAt: '2026-03-15T10:00:00.000Z' },
      'Not confirmed: Not confirmed after 14 days (checked until 2026-03-15)',
    ],
  ] as const)('%#: says %s', (messages, confirmation, expected) => {
    expect(confirmationSummary(messages, formatDate, confirmation as ResellerConfirmation)).toBe(
      expected,
    );
  });
});

describe('consentReturn', () => {
  it.each([
    ['?admin_consent=True&tenant=x&state=y', 'granted'],
    ['?error=access_denied&error_description=no', 'declined'],
    ['', undefined],
    ['?tab=admin', undefined],
  ])('%s → %s', (search, expected) => {
    expect(consentReturn(search)).toBe(expected);
  });
});
