import type { TokenCredential } from '@azure/identity';
import {
  AuthenticationHandler,
  Client,
  GraphError,
  HTTPMessageHandler,
} from '@microsoft/microsoft-graph-client';
import { TokenCredentialAuthenticationProvider } from '@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials';
import type { Agent } from 'undici';
import { isResellerContractFor, type PartnerContract } from '../domain/resellerConfirmation';
import {
  GraphCallFailed,
  type DelegatedAdminGraph,
  type GraphAccessAssignment,
  type GraphFailureKind,
  type GraphRelationship,
  type NewGraphRelationship,
} from './delegatedAdminGraph';

/* eslint-disable-next-line @typescript-eslint/no-require-imports -- local stand-in only */
const undiciSdk = () => require('undici') as typeof import('undici');

const RELATIONSHIPS = '/tenantRelationships/delegatedAdminRelationships';
const CONTRACTS = '/contracts';
const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export interface GraphDelegatedAdminOptions {
  /** https://graph.microsoft.com, or the local stand-in. */
  readonly graphBaseUrl: string;
  /** An app-only credential for a partner tenant (the app's federated credential there). */
  readonly credentialFor: (partnerTenantId: string) => TokenCredential;
  /** PEM of a certificate to trust for Graph besides the system's (the local stand-in only). */
  readonly trustedCertificatePem?: string;
}

interface GraphRelationshipBody {
  '@odata.etag'?: string;
  id: string;
  displayName: string;
  status: string;
  duration: string;
  autoExtendDuration?: string;
  customer?: { tenantId?: string | null } | null;
  accessDetails?: { unifiedRoles?: Array<{ roleDefinitionId: string }> };
  activatedDateTime?: string | null;
  endDateTime?: string | null;
}

interface GraphContractBody {
  id: string;
  contractType: string;
  customerId: string;
  defaultDomainName?: string | null;
  displayName?: string | null;
}

interface GraphContractPage {
  value: GraphContractBody[];
  '@odata.nextLink'?: string;
}

/** A bound on the pages one look-up reads (a filtered answer is one contract, or a few). */
const MAX_CONTRACT_PAGES = 50;

interface GraphAssignmentBody {
  id: string;
  status: string;
  accessContainer: { accessContainerId: string };
  accessDetails: { unifiedRoles: Array<{ roleDefinitionId: string }> };
}

/**
 * GDAP through Microsoft's Graph client (`@microsoft/microsoft-graph-client`), app-only per
 * partner tenant. The client's own retry handler is left out of its middleware: a throttled or
 * failing call ends here as a `GraphCallFailed`, and the caller retries through its queue (a
 * function must not sleep out a Retry-After of minutes).
 */
export class GraphDelegatedAdmin implements DelegatedAdminGraph {
  private readonly clients = new Map<string, Client>();
  private readonly dispatcher: Agent | undefined;

  constructor(private readonly options: GraphDelegatedAdminOptions) {
    // Only the local stand-in needs a certificate of its own trusted, so only it loads undici.
    this.dispatcher =
      options.trustedCertificatePem === undefined
        ? undefined
        : new (undiciSdk().Agent)({ connect: { ca: options.trustedCertificatePem } });
  }

  async checkAccess(partnerTenantId: string): Promise<void> {
    await this.call(partnerTenantId, (client) => client.api(RELATIONSHIPS).top(1).get());
  }

  async createRelationship(
    partnerTenantId: string,
    relationship: NewGraphRelationship,
  ): Promise<GraphRelationship> {
    const body = {
      displayName: relationship.displayName,
      duration: relationship.duration,
      ...(relationship.customerTenantId === undefined
        ? {}
        : { customer: { tenantId: relationship.customerTenantId } }),
      accessDetails: {
        unifiedRoles: relationship.roles.map((roleDefinitionId) => ({ roleDefinitionId })),
      },
      autoExtendDuration: relationship.autoExtendDuration,
    };
    const created = (await this.call(partnerTenantId, (client) =>
      client.api(RELATIONSHIPS).post(body),
    )) as GraphRelationshipBody;
    return relationshipOf(created);
  }

  async deleteRelationship(
    partnerTenantId: string,
    relationshipId: string,
    etag: string,
  ): Promise<void> {
    await this.call(partnerTenantId, (client) =>
      client
        .api(`${RELATIONSHIPS}/${encodeURIComponent(relationshipId)}`)
        .header('If-Match', etag)
        .delete(),
    );
  }

  async lockForApproval(partnerTenantId: string, relationshipId: string): Promise<void> {
    await this.call(partnerTenantId, (client) =>
      client
        .api(`${RELATIONSHIPS}/${encodeURIComponent(relationshipId)}/requests`)
        .post({ action: 'lockForApproval' }),
    );
  }

  async terminateRelationship(partnerTenantId: string, relationshipId: string): Promise<void> {
    await this.call(partnerTenantId, (client) =>
      client
        .api(`${RELATIONSHIPS}/${encodeURIComponent(relationshipId)}/requests`)
        .post({ action: 'terminate' }),
    );
  }

  async getRelationship(
    partnerTenantId: string,
    relationshipId: string,
  ): Promise<GraphRelationship> {
    const body = (await this.call(partnerTenantId, (client) =>
      client.api(`${RELATIONSHIPS}/${encodeURIComponent(relationshipId)}`).get(),
    )) as GraphRelationshipBody;
    return relationshipOf(body);
  }

  async createAccessAssignment(
    partnerTenantId: string,
    relationshipId: string,
    groupId: string,
    roles: readonly string[],
  ): Promise<GraphAccessAssignment> {
    const body = (await this.call(partnerTenantId, (client) =>
      client.api(`${RELATIONSHIPS}/${encodeURIComponent(relationshipId)}/accessAssignments`).post({
        accessContainer: { accessContainerId: groupId, accessContainerType: 'securityGroup' },
        accessDetails: { unifiedRoles: roles.map((roleDefinitionId) => ({ roleDefinitionId })) },
      }),
    )) as GraphAssignmentBody;
    return assignmentOf(body);
  }

  async listAccessAssignments(
    partnerTenantId: string,
    relationshipId: string,
  ): Promise<GraphAccessAssignment[]> {
    const body = (await this.call(partnerTenantId, (client) =>
      client.api(`${RELATIONSHIPS}/${encodeURIComponent(relationshipId)}/accessAssignments`).get(),
    )) as { value: GraphAssignmentBody[] };
    return body.value.map(assignmentOf);
  }

  async findResellerContract(
    partnerTenantId: string,
    customer: { readonly tenantId?: string; readonly domain: string },
  ): Promise<PartnerContract | null> {
    // A contract's customerId is an Edm.Guid (no quotes in the filter); the domain a string.
    const filter =
      customer.tenantId !== undefined && GUID.test(customer.tenantId)
        ? `customerId eq ${customer.tenantId}`
        : `defaultDomainName eq '${customer.domain.replaceAll("'", "''")}'`;
    // Graph documents the filter on both; a long answer still comes in pages, so each
    // `@odata.nextLink` is followed as given until the contract is found.
    let page = (await this.call(partnerTenantId, (client) =>
      client.api(CONTRACTS).filter(filter).get(),
    )) as GraphContractPage;
    for (let pages = 1; ; pages++) {
      const contract = page.value
        .map((found): PartnerContract => ({
          contractType: found.contractType,
          customerId: found.customerId,
          defaultDomainName: found.defaultDomainName ?? null,
        }))
        .find((found) => isResellerContractFor(found, customer));
      if (contract !== undefined) return contract;
      const nextLink = page['@odata.nextLink'];
      if (nextLink === undefined || pages >= MAX_CONTRACT_PAGES) return null;
      page = (await this.call(partnerTenantId, (client) =>
        client.api(nextLink).get(),
      )) as GraphContractPage;
    }
  }

  private clientFor(partnerTenantId: string): Client {
    const existing = this.clients.get(partnerTenantId);
    if (existing !== undefined) return existing;
    const base = new URL(this.options.graphBaseUrl);
    const authentication = new AuthenticationHandler(
      new TokenCredentialAuthenticationProvider(this.options.credentialFor(partnerTenantId), {
        scopes: [`${base.origin}/.default`],
      }),
    );
    authentication.setNext(new HTTPMessageHandler());
    const client = Client.initWithMiddleware({
      middleware: authentication,
      baseUrl: `${base.origin}/`,
      defaultVersion: 'v1.0',
      customHosts: new Set([base.hostname]),
      ...(this.dispatcher === undefined
        ? {}
        : { fetchOptions: { dispatcher: this.dispatcher } as unknown as RequestInit }),
    });
    this.clients.set(partnerTenantId, client);
    return client;
  }

  private async call(
    partnerTenantId: string,
    request: (client: Client) => Promise<unknown>,
  ): Promise<unknown> {
    try {
      return await request(this.clientFor(partnerTenantId));
    } catch (error) {
      throw failureOf(error);
    }
  }
}

function relationshipOf(body: GraphRelationshipBody): GraphRelationship {
  return {
    id: body.id,
    displayName: body.displayName,
    status: body.status,
    duration: body.duration,
    autoExtendDuration: body.autoExtendDuration ?? 'PT0S',
    customerTenantId: body.customer?.tenantId ?? null,
    roles: (body.accessDetails?.unifiedRoles ?? []).map((role) => role.roleDefinitionId),
    activatedDateTime: body.activatedDateTime ?? null,
    endDateTime: body.endDateTime ?? null,
    ...(body['@odata.etag'] === undefined ? {} : { etag: body['@odata.etag'] }),
  };
}

function assignmentOf(body: GraphAssignmentBody): GraphAccessAssignment {
  return {
    id: body.id,
    groupId: body.accessContainer.accessContainerId,
    roles: body.accessDetails.unifiedRoles.map((role) => role.roleDefinitionId),
    status: body.status,
  };
}

/** What a failed call means for its caller; see `GraphFailureKind`. */
export function failureOf(error: unknown): GraphCallFailed {
  if (error instanceof GraphCallFailed) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (!(error instanceof GraphError) || error.statusCode <= 0) {
    // No answer from Graph itself: the token request failed or the network did. A tenant
    // that never consented does not know the app (AADSTS700016); anything else may pass.
    const kind: GraphFailureKind = /AADSTS(700016|650051|7000229)/.test(message)
      ? 'notConnected'
      : 'unavailable';
    return new GraphCallFailed(message, kind, undefined, undefined, undefined);
  }
  const status = error.statusCode;
  const retryAfter = Number(error.headers?.get('Retry-After') ?? Number.NaN);
  const kind: GraphFailureKind =
    status === 429
      ? 'throttled'
      : status >= 500
        ? 'unavailable'
        : status === 401 || status === 403
          ? 'consentWithdrawn'
          : status === 404
            ? 'notFound'
            : status === 409
              ? 'conflict'
              : 'rejected';
  return new GraphCallFailed(
    `Graph answered ${status} ${error.code ?? ''}: ${message}`,
    kind,
    status,
    error.code ?? undefined,
    Number.isFinite(retryAfter) ? retryAfter : undefined,
  );
}
