import type { Locale } from './cloud';
import type { DelegatedAdminRequest } from './delegatedAdminRequest';

/** What a partner asks for when it invites a customer, validated (one request or one batch row). */
export interface NewInvitation {
  readonly customer: {
    readonly email: string;
    readonly companyName: string;
    readonly domain: string;
    readonly country: string;
  };
  readonly includeDelegatedAdmin: boolean;
  /** Granular delegated admin privileges; absent with the classic checkbox. */
  readonly delegatedAdmin?: DelegatedAdminRequest;
  readonly locale: Locale;
}

/** Why one batch row cannot become an invitation: a problem code and the column it is about. */
export interface RowProblem {
  readonly code: string;
  readonly field: string;
  readonly message: string;
}

/**
 * Reads one uploaded batch row with the rules of a single invitation. The API layer owns the
 * request schema, so the composition root hands its reader to the services (Dependencies).
 */
export type InvitationRowReader = (
  values: Readonly<Record<string, unknown>>,
) => { input: NewInvitation } | { problem: RowProblem };
