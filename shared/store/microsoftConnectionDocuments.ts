/**
 * What this service last learned from Microsoft about a partner's connection: whether its
 * tenant's administrator consented to the GDAP app registration and the consent still holds.
 * One document in the partner's partition, read with one point read before each GDAP request.
 */
export type MicrosoftConnectionState = 'connected' | 'consentMissing' | 'revoked';

export interface MicrosoftConnectionDocument {
  readonly id: 'microsoftConnection';
  readonly pk: string;
  readonly type: 'microsoftConnection';
  readonly partnerTenantId: string;
  readonly state: MicrosoftConnectionState;
  /** When Graph was last asked. */
  readonly checkedAt: string;
  /** When the connection was first seen working; kept while it is revoked. */
  readonly connectedAt?: string;
  /** When a working connection was last found withdrawn. */
  readonly revokedAt?: string;
  /** The partner user whose re-check (or the system, on a Graph call) set the state. */
  readonly checkedBy: string;
  readonly _etag?: string;
}

export const MICROSOFT_CONNECTION_ID = 'microsoftConnection' as const;
