import type { PartnerContract } from '../domain/resellerConfirmation';

/*
 * The narrow port to Microsoft Graph's granular delegated admin privileges (GDAP) that the
 * services need; `graphDelegatedAdmin.ts` implements it with Microsoft's Graph client. Every
 * call is app-only in the partner's own tenant.
 */

/** Graph's delegatedAdminRelationship, as far as this service reads it. */
export interface GraphRelationship {
  readonly id: string;
  readonly displayName: string;
  /** Graph's status: created, approvalPending, active, expiring, expired, terminated, ... */
  readonly status: string;
  readonly duration: string;
  readonly autoExtendDuration: string;
  readonly customerTenantId: string | null;
  readonly roles: readonly string[];
  readonly activatedDateTime: string | null;
  readonly endDateTime: string | null;
  /** Graph's `@odata.etag`: the `If-Match` a delete needs. */
  readonly etag?: string;
}

/** Graph's delegatedAdminAccessAssignment: one security group holding some of the roles. */
export interface GraphAccessAssignment {
  readonly id: string;
  readonly groupId: string;
  readonly roles: readonly string[];
  /** pending, active, deleting, deleted, error */
  readonly status: string;
}

export interface NewGraphRelationship {
  readonly displayName: string;
  readonly roles: readonly string[];
  /** `P<n>D`, 1 to 730 days. */
  readonly duration: string;
  /** `P180D` to extend automatically, `PT0S` not to. */
  readonly autoExtendDuration: 'P180D' | 'PT0S';
  readonly customerTenantId?: string;
}

/**
 * How a Graph call failed, as the caller must act on it:
 * - `throttled` (429) and `unavailable` (5xx, network): try again later, after
 *   `retryAfterSeconds` when Graph said;
 * - `notConnected`: the partner's tenant never consented to the app (no token at all);
 * - `consentWithdrawn` (403): the app has no permission in the tenant any more;
 * - `notFound` (404): the relationship is gone (Microsoft deleted it, or it never was);
 * - `conflict` (409): e.g. the display name is taken;
 * - `rejected` (other 4xx): Graph refused the request as made; retrying cannot help.
 */
export type GraphFailureKind =
  | 'throttled'
  | 'unavailable'
  | 'notConnected'
  | 'consentWithdrawn'
  | 'notFound'
  | 'conflict'
  | 'rejected';

export class GraphCallFailed extends Error {
  constructor(
    message: string,
    readonly kind: GraphFailureKind,
    readonly status: number | undefined,
    readonly graphCode: string | undefined,
    readonly retryAfterSeconds: number | undefined,
  ) {
    super(message);
    this.name = 'GraphCallFailed';
  }

  /** True where trying the same call again later can succeed. */
  get retryable(): boolean {
    return this.kind === 'throttled' || this.kind === 'unavailable';
  }
}

export interface DelegatedAdminGraph {
  /** Succeeds when the app may manage the partner tenant's relationships (a cheap list call). */
  checkAccess(partnerTenantId: string): Promise<void>;
  createRelationship(
    partnerTenantId: string,
    relationship: NewGraphRelationship,
  ): Promise<GraphRelationship>;
  /**
   * Deletes a relationship still `created` (Graph deletes no other), given the ETag Graph last
   * answered for it (`If-Match`, required).
   */
  deleteRelationship(partnerTenantId: string, relationshipId: string, etag: string): Promise<void>;
  /** Submits the `lockForApproval` request: the relationship becomes `approvalPending`. */
  lockForApproval(partnerTenantId: string, relationshipId: string): Promise<void>;
  /**
   * Submits the `terminate` request (the partner ends an `active` relationship): Graph answers
   * with the request, and the relationship goes `terminationRequested` → `terminated`.
   */
  terminateRelationship(partnerTenantId: string, relationshipId: string): Promise<void>;
  getRelationship(partnerTenantId: string, relationshipId: string): Promise<GraphRelationship>;
  createAccessAssignment(
    partnerTenantId: string,
    relationshipId: string,
    groupId: string,
    roles: readonly string[],
  ): Promise<GraphAccessAssignment>;
  listAccessAssignments(
    partnerTenantId: string,
    relationshipId: string,
  ): Promise<GraphAccessAssignment[]>;
  /**
   * The partner tenant's `ResellerPartner` contract with a customer (Graph `GET /contracts`,
   * which needs `Directory.Read.All`), found by the customer's tenant or, while that is not
   * known, its default domain; null while Microsoft holds none.
   */
  findResellerContract(
    partnerTenantId: string,
    customer: { readonly tenantId?: string; readonly domain: string },
  ): Promise<PartnerContract | null>;
}
