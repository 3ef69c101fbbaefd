import { randomUUID } from 'node:crypto';

/*
 * What Microsoft holds, for the stand-in: the app's consent per partner tenant, the GDAP
 * relationships, their requests and access assignments, in memory for one start. Shapes and
 * values follow Microsoft Graph v1.0 (delegatedAdminRelationship and its children).
 */

export type ConsentState = 'none' | 'granted' | 'revoked';

export interface UnifiedRole {
  readonly roleDefinitionId: string;
}

export interface RelationshipRecord {
  readonly id: string;
  readonly partnerTenantId: string;
  displayName: string;
  duration: string;
  autoExtendDuration: string;
  customer: { tenantId: string | null; displayName: string | null } | null;
  accessDetails: { unifiedRoles: UnifiedRole[] };
  status: string;
  createdDateTime: string;
  lastModifiedDateTime: string;
  activatedDateTime: string | null;
  endDateTime: string | null;
}

export interface RequestRecord {
  readonly id: string;
  readonly action: string;
  status: string;
  readonly createdDateTime: string;
  lastModifiedDateTime: string;
}

export interface AssignmentRecord {
  readonly id: string;
  readonly accessContainer: { accessContainerId: string; accessContainerType: string };
  readonly accessDetails: { unifiedRoles: UnifiedRole[] };
  status: string;
  readonly createdDateTime: string;
  lastModifiedDateTime: string;
}

/** A failure Graph answers instead of the real thing, `count` times, for tests of the app. */
export interface GraphFault {
  readonly method: string;
  /** Matched against the request path (after `/v1.0`) as a substring. */
  readonly path: string;
  readonly status: number;
  readonly code: string;
  readonly message: string;
  readonly retryAfterSeconds?: number;
  count: number;
}

export interface IssuedToken {
  readonly tenantId: string;
  readonly roles: readonly string[];
  readonly expiresAt: number;
}

export const GRAPH_PERMISSION = 'DelegatedAdminRelationship.ReadWrite.All';
/** What Graph's `GET /contracts` needs, app-only. */
export const CONTRACTS_PERMISSION = 'Directory.Read.All';

/** Graph's `contract`: a partnership the partner tenant holds with a customer tenant. */
export interface ContractRecord {
  readonly id: string;
  readonly contractType: 'ResellerPartner' | 'SyndicationPartner' | 'BreadthPartner';
  readonly customerId: string;
  readonly defaultDomainName: string;
  readonly displayName: string;
}

export class GraphState {
  readonly consent = new Map<string, ConsentState>();
  readonly relationships = new Map<string, RelationshipRecord>();
  readonly requests = new Map<string, RequestRecord[]>();
  readonly assignments = new Map<string, AssignmentRecord[]>();
  readonly tokens = new Map<string, IssuedToken>();
  readonly faults: GraphFault[] = [];
  /** How many contracts one page of `GET /contracts` holds (tests make it small to page). */
  contractsPageSize = 100;
  /** Each partner tenant's contracts (reseller relationships customers accepted), by tenant. */
  readonly contracts = new Map<string, ContractRecord[]>();
  /** Where each partner tenant registered for Partner Center events (none: not registered). */
  readonly partnerCenterWebhooks = new Map<string, string>();
  /** Every request body the Graph endpoints received, in order, for tests that pin them. */
  readonly received: Array<{ method: string; path: string; body: unknown; ifMatch?: string }> = [];

  consentOf(tenantId: string): ConsentState {
    return this.consent.get(tenantId.toLowerCase()) ?? 'none';
  }

  setConsent(tenantId: string, state: ConsentState): void {
    this.consent.set(tenantId.toLowerCase(), state);
  }

  contractsOf(partnerTenantId: string): ContractRecord[] {
    return this.contracts.get(partnerTenantId.toLowerCase()) ?? [];
  }

  /** The customer accepted the partner's reseller relationship: Microsoft holds a contract. */
  addResellerContract(
    partnerTenantId: string,
    customer: { customerId: string; defaultDomainName: string; displayName: string },
  ): ContractRecord {
    const existing = this.contractsOf(partnerTenantId).find(
      (contract) => contract.customerId === customer.customerId.toLowerCase(),
    );
    if (existing !== undefined) return existing;
    const contract: ContractRecord = {
      id: randomUUID(),
      contractType: 'ResellerPartner',
      customerId: customer.customerId.toLowerCase(),
      defaultDomainName: customer.defaultDomainName,
      displayName: customer.displayName,
    };
    this.contracts.set(partnerTenantId.toLowerCase(), [
      ...this.contractsOf(partnerTenantId),
      contract,
    ]);
    return contract;
  }

  removeContract(partnerTenantId: string, customerId: string): void {
    this.contracts.set(
      partnerTenantId.toLowerCase(),
      this.contractsOf(partnerTenantId).filter(
        (contract) => contract.customerId !== customerId.toLowerCase(),
      ),
    );
  }

  /** The next fault for this call, used up by one; undefined when Graph answers for real. */
  takeFault(method: string, path: string): GraphFault | undefined {
    const index = this.faults.findIndex(
      (fault) => fault.method === method && path.includes(fault.path) && fault.count > 0,
    );
    if (index === -1) return undefined;
    const fault = this.faults[index]!;
    fault.count -= 1;
    if (fault.count === 0) this.faults.splice(index, 1);
    return fault;
  }

  /**
   * Graph ids of relationships are two GUIDs joined by a dash (the relationship's and the
   * customer's, or a second random one while no customer is known).
   */
  static newRelationshipId(customerTenantId: string | null): string {
    return `${randomUUID()}-${customerTenantId ?? randomUUID()}`;
  }
}
