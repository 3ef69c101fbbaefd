import type { Messages } from '../i18n/en';
import { format } from '../i18n/i18n';

import type { MicrosoftConnection, ResellerConfirmation } from '../api/schemas';

export type { MicrosoftConnection, ResellerConfirmation };

type FormatDate = (iso: string | undefined) => string;

/** The state, and when and how it was learned, in one line for the Customers list. */
export function confirmationSummary(
  t: Messages,
  formatDate: FormatDate,
  confirmation: ResellerConfirmation,
): string {
  const label = t.microsoft.confirmationState[confirmation.state] ?? confirmation.state;
  if (confirmation.state === 'confirmed' && confirmation.confirmedAt !== null) {
    const how =
      confirmation.confirmedBy === null
        ? ''
        : ` ${t.microsoft.confirmedBy[confirmation.confirmedBy]}`;
    return `${format(t.microsoft.confirmedOn, { date: formatDate(confirmation.confirmedAt) })}${how}`;
  }
  if (confirmation.state === 'notConfirmed') {
    return `${label}: ${format(t.microsoft.notConfirmedSince, {
      date: formatDate(confirmation.gaveUpAt ?? confirmation.checkedAt ?? confirmation.since),
    })}`;
  }
  return `${label}, ${format(t.microsoft.awaitingSince, { date: formatDate(confirmation.since) })}`;
}

/**
 * The admin consent address with the console as where Entra sends the administrator back, so
 * the Admin screen can check the connection on return.
 */
export function consentRedirectUri(location: { origin: string; pathname: string }): string {
  return `${location.origin}${location.pathname}`;
}

/** What Entra's redirect after admin consent said (`admin_consent=True` or an `error`). */
export function consentReturn(search: string): 'granted' | 'declined' | undefined {
  const params = new URLSearchParams(search);
  if (params.get('admin_consent')?.toLowerCase() === 'true') return 'granted';
  if (params.get('error') !== null) return 'declined';
  return undefined;
}
