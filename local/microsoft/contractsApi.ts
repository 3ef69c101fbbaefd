import type http from 'node:http';
import { sendJson } from '../servers/sendJson';
import { admitGraphCall, sendGraphError } from './graphApi';
import { CONTRACTS_PERMISSION, type ContractRecord, type GraphState } from './graphState';

/*
 * Microsoft Graph v1.0 `GET /contracts` in a partner tenant: the customers whose reseller
 * relationship Microsoft holds. Supports `$filter` on `customerId eq <guid>` and
 * `defaultDomainName eq '<domain>'`, and `$top`, as the app uses them.
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
  const top = Number(call.query.get('$top') ?? '100');
  sendJson(res, 200, {
    '@odata.context': `${call.baseUrl}/v1.0/$metadata#contracts`,
    value: contracts.filter(matches).slice(0, top).map(contractView),
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
