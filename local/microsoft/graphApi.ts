import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import { sendJson } from '../servers/sendJson';
import {
  GRAPH_PERMISSION,
  GraphState,
  type AssignmentRecord,
  type RelationshipRecord,
  type RequestRecord,
  type UnifiedRole,
} from './graphState';

/*
 * The Microsoft Graph v1.0 endpoints of granular delegated admin privileges that the app calls,
 * with Graph's JSON shapes, status codes and error bodies:
 *   /tenantRelationships/delegatedAdminRelationships[/{id}[/requests|/accessAssignments[/{id}]]]
 */

const ROOT = '/v1.0/tenantRelationships/delegatedAdminRelationships';
const DURATION = /^P([1-9][0-9]{0,2})D$/;
const AUTO_EXTEND_VALUES = new Set(['P0D', 'PT0S', 'P180D']);
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY_MS = 24 * 3600_000;

/** Graph's error body: `{ error: { code, message, innerError } }`. */
export function sendGraphError(
  res: http.ServerResponse,
  status: number,
  code: string,
  message: string,
  headers: http.OutgoingHttpHeaders = {},
): void {
  const requestId = randomUUID();
  sendJson(
    res,
    status,
    {
      error: {
        code,
        message,
        innerError: { date: new Date().toISOString(), 'request-id': requestId },
      },
    },
    { 'request-id': requestId, ...headers },
  );
}

export interface GraphCall {
  readonly method: string;
  /** The path after the host, query string removed. */
  readonly path: string;
  readonly authorization: string | undefined;
  /** The `If-Match` header, which Graph requires on a delete. */
  readonly ifMatch?: string | undefined;
  readonly body: unknown;
  readonly baseUrl: string;
}

/** Answers one Graph call; false when the path is not one of these endpoints. */
/**
 * What every Graph endpoint here checks first, as Graph does: a live token (401), the permission
 * consented in its tenant (403), then any fault a test injected. Answers the refusal and gives
 * undefined, or gives the token's grant.
 */
export function admitGraphCall(
  state: GraphState,
  call: {
    readonly method: string;
    readonly path: string;
    readonly authorization: string | undefined;
  },
  res: http.ServerResponse,
  permission: string,
): { readonly tenantId: string; readonly roles: readonly string[] } | undefined {
  const token = /^Bearer (.+)$/.exec(call.authorization ?? '')?.[1];
  const issued = token === undefined ? undefined : state.tokens.get(token);
  if (issued === undefined || issued.expiresAt < Date.now()) {
    sendGraphError(
      res,
      401,
      'InvalidAuthenticationToken',
      'Access token is empty, invalid or expired.',
    );
    return undefined;
  }
  if (!issued.roles.includes(permission) || state.consentOf(issued.tenantId) !== 'granted') {
    sendGraphError(
      res,
      403,
      'Authorization_RequestDenied',
      'Insufficient privileges to complete the operation.',
    );
    return undefined;
  }
  const fault = state.takeFault(call.method, call.path.slice('/v1.0'.length));
  if (fault !== undefined) {
    sendGraphError(
      res,
      fault.status,
      fault.code,
      fault.message,
      fault.retryAfterSeconds === undefined
        ? {}
        : { 'Retry-After': String(fault.retryAfterSeconds) },
    );
    return undefined;
  }
  return issued;
}

export function handleGraphCall(
  state: GraphState,
  call: GraphCall,
  res: http.ServerResponse,
): boolean {
  if (!call.path.startsWith(ROOT)) return false;
  const segments = call.path
    .slice(ROOT.length)
    .split('/')
    .filter((part) => part !== '')
    .map(decodeURIComponent);
  const issued = admitGraphCall(state, call, res, GRAPH_PERMISSION);
  if (issued === undefined) return true;
  const tenantId = issued.tenantId;
  if (call.method === 'POST' || call.method === 'PATCH') {
    state.received.push({ method: call.method, path: call.path, body: call.body });
  } else if (call.method === 'DELETE') {
    state.received.push({
      method: call.method,
      path: call.path,
      body: undefined,
      ifMatch: call.ifMatch,
    });
  }
  const [relationshipId, child, childId] = segments;
  const context = `${call.baseUrl}/v1.0/$metadata#tenantRelationships/delegatedAdminRelationships`;
  if (relationshipId === undefined) {
    if (call.method === 'POST') return (createRelationship(state, tenantId, call, res), true);
    if (call.method === 'GET') {
      const mine = [...state.relationships.values()].filter(
        (relationship) => relationship.partnerTenantId === tenantId,
      );
      sendJson(res, 200, {
        '@odata.context': context,
        value: mine.map(relationshipView),
      });
      return true;
    }
    sendGraphError(res, 405, 'Request_BadRequest', 'The method is not allowed here.');
    return true;
  }
  const relationship = state.relationships.get(relationshipId);
  if (relationship === undefined || relationship.partnerTenantId !== tenantId) {
    sendGraphError(
      res,
      404,
      'ResourceNotFound',
      `The delegated admin relationship with id ${relationshipId} was not found.`,
    );
    return true;
  }
  if (child === undefined) {
    if (call.method === 'GET') {
      sendJson(res, 200, {
        '@odata.context': `${context}/$entity`,
        ...relationshipView(relationship),
      });
    } else if (call.method === 'DELETE') {
      if (call.ifMatch === undefined || call.ifMatch === '') {
        sendGraphError(res, 400, 'Request_BadRequest', 'The If-Match header is required.');
      } else if (call.ifMatch !== '*' && call.ifMatch !== etagOf(relationship)) {
        sendGraphError(
          res,
          412,
          'PreconditionFailed',
          'The relationship was changed since the ETag given in If-Match.',
        );
      } else if (relationship.status !== 'created') {
        sendGraphError(
          res,
          400,
          'Request_BadRequest',
          'Only a relationship in the created state can be deleted.',
        );
      } else {
        state.relationships.delete(relationship.id);
        res.writeHead(204).end();
      }
    } else {
      sendGraphError(res, 405, 'Request_BadRequest', 'The method is not allowed here.');
    }
    return true;
  }
  if (child === 'requests' && childId === undefined) {
    if (call.method === 'POST') return (createRequest(state, relationship, call, res), true);
    sendJson(res, 200, {
      '@odata.context': `${context}('${relationship.id}')/requests`,
      value: (state.requests.get(relationship.id) ?? []).map(requestView),
    });
    return true;
  }
  if (child === 'accessAssignments') {
    const assignments = state.assignments.get(relationship.id) ?? [];
    // Microsoft activates an assignment shortly after it is created; the stand-in does so at
    // the next read, so a client has to read it again to see it active, as against Graph.
    const settle = (assignment: AssignmentRecord) => {
      if (assignment.status === 'pending') {
        assignment.status = 'active';
        assignment.lastModifiedDateTime = new Date().toISOString();
      }
    };
    if (childId === undefined && call.method === 'POST') {
      return (createAssignment(state, relationship, call, res), true);
    }
    if (childId === undefined) {
      const view = assignments.map(assignmentView);
      assignments.forEach(settle);
      sendJson(res, 200, {
        '@odata.context': `${context}('${relationship.id}')/accessAssignments`,
        value: view,
      });
      return true;
    }
    const assignment = assignments.find((candidate) => candidate.id === childId);
    if (assignment === undefined) {
      sendGraphError(
        res,
        404,
        'ResourceNotFound',
        `The access assignment ${childId} was not found.`,
      );
      return true;
    }
    const view = assignmentView(assignment);
    settle(assignment);
    sendJson(res, 200, view);
    return true;
  }
  sendGraphError(res, 400, 'BadRequest', `Resource not found for the segment '${child}'.`);
  return true;
}

function createRelationship(
  state: GraphState,
  tenantId: string,
  call: GraphCall,
  res: http.ServerResponse,
): void {
  const body = call.body as Record<string, unknown> | undefined;
  const issue = relationshipBodyIssue(body);
  if (issue !== undefined) {
    sendGraphError(res, 400, 'Request_BadRequest', issue);
    return;
  }
  const input = body as {
    displayName: string;
    duration: string;
    autoExtendDuration?: string;
    customer?: { tenantId?: string; displayName?: string };
    accessDetails: { unifiedRoles: UnifiedRole[] };
  };
  const taken = [...state.relationships.values()].some(
    (relationship) =>
      relationship.partnerTenantId === tenantId &&
      relationship.displayName.toLowerCase() === input.displayName.toLowerCase(),
  );
  if (taken) {
    sendGraphError(
      res,
      409,
      'Conflict',
      `A delegated admin relationship with the display name '${input.displayName}' already exists.`,
    );
    return;
  }
  const now = new Date().toISOString();
  const customerTenantId = input.customer?.tenantId ?? null;
  const relationship: RelationshipRecord = {
    id: GraphState.newRelationshipId(customerTenantId),
    partnerTenantId: tenantId,
    displayName: input.displayName,
    duration: input.duration,
    autoExtendDuration: input.autoExtendDuration ?? 'PT0S',
    customer:
      input.customer === undefined
        ? null
        : { tenantId: customerTenantId, displayName: input.customer.displayName ?? null },
    accessDetails: {
      unifiedRoles: input.accessDetails.unifiedRoles.map((role) => ({
        roleDefinitionId: role.roleDefinitionId,
      })),
    },
    status: 'created',
    createdDateTime: now,
    lastModifiedDateTime: now,
    activatedDateTime: null,
    endDateTime: null,
  };
  state.relationships.set(relationship.id, relationship);
  sendJson(
    res,
    201,
    {
      '@odata.context': `${call.baseUrl}/v1.0/$metadata#tenantRelationships/delegatedAdminRelationships/$entity`,
      ...relationshipView(relationship),
    },
    { Location: `${call.baseUrl}${ROOT}/${relationship.id}` },
  );
}

/** What Graph refuses in a create body, as its message says it; undefined when it is fine. */
function relationshipBodyIssue(body: Record<string, unknown> | undefined): string | undefined {
  if (body === undefined || typeof body !== 'object' || body === null) {
    return 'The request body is missing or not JSON.';
  }
  if (typeof body.displayName !== 'string' || body.displayName.trim() === '') {
    return 'displayName is required.';
  }
  if (body.displayName.length > 50) {
    return 'displayName must be 50 characters or fewer.';
  }
  const days = typeof body.duration === 'string' ? DURATION.exec(body.duration) : null;
  if (days === null || Number(days[1]) > 730) {
    return 'duration must be between P1D and P730D.';
  }
  if (
    body.autoExtendDuration !== undefined &&
    !AUTO_EXTEND_VALUES.has(String(body.autoExtendDuration))
  ) {
    return 'autoExtendDuration must be P0D, PT0S or P180D.';
  }
  const roles = (body.accessDetails as { unifiedRoles?: unknown } | undefined)?.unifiedRoles;
  if (
    !Array.isArray(roles) ||
    roles.length === 0 ||
    roles.some(
      (role: { roleDefinitionId?: unknown }) =>
        typeof role?.roleDefinitionId !== 'string' || !GUID.test(role.roleDefinitionId),
    )
  ) {
    return 'accessDetails.unifiedRoles must list at least one role by its roleDefinitionId.';
  }
  const customer = body.customer as { tenantId?: unknown } | undefined;
  if (customer !== undefined && customer.tenantId !== undefined) {
    if (typeof customer.tenantId !== 'string' || !GUID.test(customer.tenantId)) {
      return 'customer.tenantId must be a tenant id (GUID).';
    }
  }
  return undefined;
}

function createRequest(
  state: GraphState,
  relationship: RelationshipRecord,
  call: GraphCall,
  res: http.ServerResponse,
): void {
  const action = (call.body as { action?: unknown } | undefined)?.action;
  if (action !== 'lockForApproval' && action !== 'terminate') {
    sendGraphError(res, 400, 'Request_BadRequest', 'action must be lockForApproval or terminate.');
    return;
  }
  const allowed =
    action === 'lockForApproval'
      ? relationship.status === 'created'
      : relationship.status === 'active' || relationship.status === 'expiring';
  if (!allowed) {
    sendGraphError(
      res,
      400,
      'Request_BadRequest',
      `The action ${action} is not valid for a relationship in the ${relationship.status} state.`,
    );
    return;
  }
  const now = new Date().toISOString();
  relationship.status = action === 'lockForApproval' ? 'approvalPending' : 'terminated';
  relationship.lastModifiedDateTime = now;
  if (action === 'terminate') relationship.endDateTime = now;
  const request: RequestRecord = {
    id: randomUUID(),
    action,
    status: 'succeeded',
    createdDateTime: now,
    lastModifiedDateTime: now,
  };
  state.requests.set(relationship.id, [...(state.requests.get(relationship.id) ?? []), request]);
  sendJson(
    res,
    201,
    {
      '@odata.context': `${call.baseUrl}/v1.0/$metadata#tenantRelationships/delegatedAdminRelationships('${relationship.id}')/requests/$entity`,
      ...requestView(request),
    },
    { Location: `${call.baseUrl}${ROOT}/${relationship.id}/requests/${request.id}` },
  );
}

function createAssignment(
  state: GraphState,
  relationship: RelationshipRecord,
  call: GraphCall,
  res: http.ServerResponse,
): void {
  const body = call.body as
    | {
        accessContainer?: { accessContainerId?: unknown; accessContainerType?: unknown };
        accessDetails?: { unifiedRoles?: Array<{ roleDefinitionId?: unknown }> };
      }
    | undefined;
  const container = body?.accessContainer;
  const roles = body?.accessDetails?.unifiedRoles;
  if (
    typeof container?.accessContainerId !== 'string' ||
    !GUID.test(container.accessContainerId) ||
    container.accessContainerType !== 'securityGroup' ||
    !Array.isArray(roles) ||
    roles.length === 0
  ) {
    sendGraphError(
      res,
      400,
      'Request_BadRequest',
      'accessContainer (a securityGroup id) and accessDetails.unifiedRoles are required.',
    );
    return;
  }
  if (relationship.status !== 'active' && relationship.status !== 'expiring') {
    sendGraphError(
      res,
      400,
      'Request_BadRequest',
      `Access can be assigned only in an active relationship; this one is ${relationship.status}.`,
    );
    return;
  }
  const granted = new Set(
    relationship.accessDetails.unifiedRoles.map((role) => role.roleDefinitionId),
  );
  const outside = roles.find((role) => !granted.has(String(role.roleDefinitionId)));
  if (outside !== undefined) {
    sendGraphError(
      res,
      400,
      'Request_BadRequest',
      `The role ${String(outside.roleDefinitionId)} is not part of the relationship's access details.`,
    );
    return;
  }
  const existing = state.assignments.get(relationship.id) ?? [];
  if (
    existing.some(
      (assignment) =>
        assignment.accessContainer.accessContainerId === container.accessContainerId &&
        assignment.status !== 'deleted',
    )
  ) {
    sendGraphError(
      res,
      409,
      'Conflict',
      'An access assignment for this security group already exists in the relationship.',
    );
    return;
  }
  const now = new Date().toISOString();
  const assignment: AssignmentRecord = {
    id: randomUUID().replaceAll('-', ''),
    accessContainer: {
      accessContainerId: container.accessContainerId,
      accessContainerType: 'securityGroup',
    },
    accessDetails: {
      unifiedRoles: roles.map((role) => ({ roleDefinitionId: String(role.roleDefinitionId) })),
    },
    status: 'pending',
    createdDateTime: now,
    lastModifiedDateTime: now,
  };
  state.assignments.set(relationship.id, [...existing, assignment]);
  sendJson(
    res,
    201,
    {
      '@odata.context': `${call.baseUrl}/v1.0/$metadata#tenantRelationships/delegatedAdminRelationships('${relationship.id}')/accessAssignments/$entity`,
      ...assignmentView(assignment),
    },
    { Location: `${call.baseUrl}${ROOT}/${relationship.id}/accessAssignments/${assignment.id}` },
  );
}

/** A relationship as Graph returns it (the partner tenant is not a property of its own). */
export function relationshipView(relationship: RelationshipRecord): Record<string, unknown> {
  const { partnerTenantId: _partner, ...properties } = relationship;
  return { '@odata.etag': etagOf(relationship), ...properties };
}

/** A relationship's ETag: it changes with every change of the relationship. */
function etagOf(relationship: RelationshipRecord): string {
  return `W/"${Buffer.from(relationship.lastModifiedDateTime).toString('base64')}"`;
}

function requestView(request: RequestRecord): Record<string, unknown> {
  return { ...request };
}

function assignmentView(assignment: AssignmentRecord): Record<string, unknown> {
  return {
    '@odata.etag': `W/"${Buffer.from(assignment.lastModifiedDateTime).toString('base64')}"`,
    ...assignment,
  };
}

/** The customer approves in the admin center: the relationship becomes active for its term. */
export function approveRelationship(
  relationship: RelationshipRecord,
  customerTenantId: string,
  now = new Date(),
): void {
  const days = Number(DURATION.exec(relationship.duration)?.[1] ?? '0');
  relationship.status = 'active';
  relationship.customer = {
    tenantId: customerTenantId,
    displayName: relationship.customer?.displayName ?? null,
  };
  relationship.activatedDateTime = now.toISOString();
  relationship.endDateTime = new Date(now.getTime() + days * DAY_MS).toISOString();
  relationship.lastModifiedDateTime = now.toISOString();
}
