import type http from 'node:http';
import { sendJson } from '../servers/sendJson';
import { admitGraphCall, sendGraphError } from './graphApi';
import { CONTRACTS_PERMISSION, type ContractRecord, type GraphState } from './graphState';

/*
 * Microsoft Graph v1.0 `GET /contracts` in a partner tenant: the customers whose reseller
 * relationship Microsoft holds. Supports `$filter` on `customerId eq <guid>` and
 * `defaultDomainName eq '<domain>'` (Graph documents filtering on customerId, defaultDomainName
 * and displayName), `$top`, and pages of `contractsPageSize` with `@odata.nextLink`.
 */

const CONTRACTS = '/v1.0/contracts';

export interface ContractsCall {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly authorization: string | undefined;
  readonly baseUrl: string;
}

/** Answers a `/v1.0/contracts` call; false when the path is not that endpoint. */
export function handleContractsCall(
  state: GraphState,
  call: ContractsCall,
  res: http.ServerResponse,
): boolean {
  if (call.path !== CONTRACTS && !call.path.startsWith(`${CONTRACTS}/`)) return false;
  const issued = admitGraphCall(state, call, res, CONTRACTS_PERMISSION);
  if (issued === undefined) return true;
  if (call.method !== 'GET') {
    sendGraphError(res, 405, 'Request_BadRequest', 'The method is not allowed here.');
    return true;
  }
  const contracts = state.contractsOf(issued.tenantId);
  const id = call.path.slice(CONTRACTS.length + 1);
  if (id !== '') {
    const contract = contracts.find((found) => found.id === decodeURIComponent(id));
    if (contract === undefined) {
      sendGraphError(res, 404, 'Request_ResourceNotFound', `Resource '${id}' does not exist.`);
    } else {
      sendJson(res, 200, {
        '@odata.context': `${call.baseUrl}/v1.0/$metadata#contracts/$entity`,
        ...contractView(contract),
      });
    }
    return true;
  }
  const filter = call.query.get('$filter');
  const matches = filter === null ? () => true : filterOf(filter);
  if (matches === undefined) {
    sendGraphError(res, 400, 'Request_UnsupportedQuery', `Unsupported query: ${filter}`);
    return true;
  }
  // Graph pages a long list: a page of `$top` (at most the page size), then `@odata.nextLink`
  // with a `$skiptoken`, which a client follows as given.
  const pageSize = Math.min(Number(call.query.get('$top') ?? '100'), state.contractsPageSize);
  const skip = Number(call.query.get('$skiptoken') ?? '0');
  const matching = contracts.filter(matches);
  const next = skip + pageSize;
  const nextLink = new URL(`${call.baseUrl}${CONTRACTS}`);
  for (const [name, value] of call.query) {
    if (name !== '$skiptoken') nextLink.searchParams.set(name, value);
  }
  nextLink.searchParams.set('$skiptoken', String(next));
  sendJson(res, 200, {
    '@odata.context': `${call.baseUrl}/v1.0/$metadata#contracts`,
    value: matching.slice(skip, next).map(contractView),
    ...(next < matching.length ? { '@odata.nextLink': nextLink.toString() } : {}),
  });
  return true;
}

function filterOf(filter: string): ((contract: ContractRecord) => boolean) | undefined {
  const byCustomer = /^customerId eq ([0-9a-fA-F-]{36})$/.exec(filter.trim());
  if (byCustomer !== null) {
    return (contract) => contract.customerId === byCustomer[1]!.toLowerCase();
  }
  const byDomain = /^defaultDomainName eq '((?:[^']|'')*)'$/.exec(filter.trim());
  if (byDomain !== null) {
    const domain = byDomain[1]!.replaceAll("''", "'").toLowerCase();
    return (contract) => contract.defaultDomainName.toLowerCase() === domain;
  }
  return undefined;
}

/** Graph's `contract`, with its `@odata.type` (a directory object). */
export function contractView(contract: ContractRecord) {
  return {
    '@odata.type': '#microsoft.graph.contract',
    id: contract.id,
    deletedDateTime: null,
    contractType: contract.contractType,
    customerId: contract.customerId,
    defaultDomainName: contract.defaultDomainName,
    displayName: contract.displayName,
  };
}
