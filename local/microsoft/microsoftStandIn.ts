import { randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { generateKeyPair } from 'jose';
import { z } from 'zod';
import { tenantIdForDomain } from '../servers/devIssuer/stableIds';
import { readBody } from '../servers/readBody';
import { sendJson } from '../servers/sendJson';
import {
  renderAdminCenterHome,
  renderApprovalPage,
  renderResellerAcceptancePage,
} from './adminCenter';
import { createLocalCertificate, type LocalCertificate } from './certificates';
import { contractView, handleContractsCall } from './contractsApi';
import { approveRelationship, handleGraphCall, relationshipView } from './graphApi';
import { GraphState, type ConsentState } from './graphState';
import {
  answerClientCredentials,
  answerManagedIdentity,
  consentRedirect,
  openidConfigurationFor,
  renderConsentPage,
  type FederatedApp,
  type LoginKeys,
} from './login';
import {
  sendPartnerCenterEvent,
  type PartnerCenterDelivery,
  type PartnerCenterEvent,
} from './partnerCenterEvents';

/** The local app registration that calls Graph: multi-tenant, no secret, one federated credential. */
export const LOCAL_GRAPH_APP_CLIENT_ID = '8f1d6a52-0c3b-4c6e-9a55-6f7c1e2b9d40';
/** The function app's (user-assigned) managed identity, the federated credential's subject. */
export const LOCAL_MANAGED_IDENTITY_ID = '2b7e4c1a-5d93-4f08-8e6a-0a1c9b3d7f52';

const MAX_BODY_BYTES = 64 * 1024;

export interface MicrosoftStandInOptions {
  readonly host?: string;
  /** Login, Graph, the admin center and Partner Center's certificate, over HTTPS; 0: any port. */
  readonly port?: number;
  /** The managed identity endpoint, over HTTP as App Service serves it to the app; 0: any. */
  readonly identityPort?: number;
}

export interface MicrosoftStandIn {
  /** e.g. https://127.0.0.1:7075: Entra's login host, Graph, the admin center, Partner Center. */
  readonly url: string;
  /** The TLS certificate the app must trust to reach `url` (made anew at each start). */
  readonly caCertificatePem: string;
  /** App Service's IDENTITY_ENDPOINT and IDENTITY_HEADER for the function app's identity. */
  readonly identityEndpoint: string;
  readonly identityHeader: string;
  /** Where Partner Center's signing certificate is served (the `x-ms-certificate-url`). */
  readonly partnerCenterCertificateUrl: string;
  readonly state: GraphState;
  readonly partnerCenterDeliveries: readonly PartnerCenterDelivery[];
  /** Signs an event as Partner Center and posts it to the partner's registered URL. */
  sendPartnerCenterEvent(
    partnerTenantId: string,
    event: PartnerCenterEvent,
  ): Promise<PartnerCenterDelivery | undefined>;
  close(): Promise<void>;
}

const faultSchema = z.strictObject({
  method: z.enum(['GET', 'POST', 'PATCH', 'DELETE']),
  path: z.string().min(1),
  status: z.number().int().min(400).max(599),
  code: z.string().min(1).optional(),
  message: z.string().optional(),
  retryAfterSeconds: z.number().int().min(0).optional(),
  count: z.number().int().min(1).default(1),
});
const consentSchema = z.strictObject({ state: z.enum(['none', 'granted', 'revoked']) });
const webhookSchema = z.strictObject({ url: z.url() });
const relationshipChangeSchema = z.strictObject({
  status: z.enum(['active', 'terminated', 'expired', 'deleted']),
});
const contractSchema = z.strictObject({
  defaultDomainName: z.string().min(1),
  displayName: z.string().min(1).optional(),
});
const eventSchema = z.strictObject({
  partnerTenantId: z.string().min(1),
  EventName: z.string().min(1),
  ResourceUri: z.string().min(1),
  ResourceName: z.string().optional(),
});

/**
 * Starts the Microsoft stand-in on loopback: the parts of Entra ID, Microsoft Graph, the
 * Microsoft 365 admin center and Partner Center that the app talks to, with an in-memory state
 * that tests and the `/__control` endpoints can steer. See local/microsoft/README.md.
 */
export async function startMicrosoftStandIn(
  options: MicrosoftStandInOptions = {},
): Promise<MicrosoftStandIn> {
  const host = options.host ?? '127.0.0.1';
  const tls: LocalCertificate = createLocalCertificate('Local Microsoft stand-in');
  const signing: LocalCertificate = createLocalCertificate('Local Partner Center webhook signing');
  const keys: LoginKeys = await generateKeyPair('RS256');
  const state = new GraphState();
  const deliveries: PartnerCenterDelivery[] = [];
  const identityHeader = randomBytes(16).toString('hex');
  let baseUrl = '';
  let identityUrl = '';
  const app = (): FederatedApp => ({
    clientId: LOCAL_GRAPH_APP_CLIENT_ID,
    issuer: `${identityUrl}/managed-identity`,
    subject: LOCAL_MANAGED_IDENTITY_ID,
  });
  const certificateUrl = () => `${baseUrl}/webhooks/v1/certificate.cer`;

  const sendEvent = async (partnerTenantId: string, event: PartnerCenterEvent) => {
    const url = state.partnerCenterWebhooks.get(partnerTenantId.toLowerCase());
    if (url === undefined) return undefined;
    const delivery = await sendPartnerCenterEvent(url, event, signing, certificateUrl());
    deliveries.push(delivery);
    return delivery;
  };

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const url = new URL(req.url ?? '/', baseUrl);
    const method = req.method ?? 'GET';
    const raw =
      method === 'GET' || method === 'HEAD' ? Buffer.alloc(0) : await readBody(req, MAX_BODY_BYTES);
    if (raw === 'too-large') {
      sendJson(res, 413, { error: 'too large' });
      return;
    }
    const text = raw.toString('utf8');
    const json = (): unknown => {
      try {
        return text === '' ? undefined : JSON.parse(text);
      } catch {
        return undefined;
      }
    };
    const path = url.pathname;
    if (
      handleGraphCall(
        state,
        {
          method,
          path,
          authorization: req.headers.authorization,
          ifMatch: req.headers['if-match'],
          body: json(),
          baseUrl,
        },
        res,
      )
    ) {
      return;
    }
    if (
      handleContractsCall(
        state,
        {
          method,
          path,
          query: url.searchParams,
          authorization: req.headers.authorization,
          baseUrl,
        },
        res,
      )
    ) {
      return;
    }
    const login =
      /^\/([^/]+)\/(v2\.0\/\.well-known\/openid-configuration|oauth2\/v2\.0\/token|adminconsent)$/.exec(
        path,
      );
    if (login !== null) {
      const tenant = decodeURIComponent(login[1]!);
      if (login[2]!.startsWith('v2.0')) {
        sendJson(res, 200, openidConfigurationFor(baseUrl, tenant));
      } else if (login[2] === 'adminconsent' && method === 'GET') {
        sendHtml(res, 200, renderConsentPage(url, tenant, app()));
      } else if (login[2] === 'adminconsent') {
        const target = consentRedirect(state, tenant, new URLSearchParams(text));
        if (target === undefined)
          sendHtml(res, 400, '<p>redirect_uri is missing or not a URL.</p>');
        else res.writeHead(302, { Location: target }).end();
      } else {
        await answerClientCredentials(state, tenant, new URLSearchParams(text), app(), keys, res);
      }
      return;
    }
    if (
      /^\/adminportal\/home$/i.test(path) &&
      url.searchParams.get('invType') === 'ResellerRelationship'
    ) {
      await answerResellerInvitation(method, url, text, res);
      return;
    }
    if (/^\/adminportal\/home$/i.test(path)) {
      sendHtml(res, 200, renderAdminCenterHome());
      return;
    }
    const approval = /^\/AdminPortal\/granularAdminRelationships\/([0-9a-fA-F-]+)$/.exec(path);
    if (approval !== null) {
      const relationship = state.relationships.get(approval[1]!);
      if (relationship === undefined) {
        sendHtml(res, 404, '<p>This relationship does not exist (any more).</p>');
        return;
      }
      if (method === 'GET') {
        sendHtml(res, 200, renderApprovalPage(relationship));
        return;
      }
      const admin = new URLSearchParams(text).get('admin') ?? '';
      const domain = /^[^@\s]+@([^@\s]+)$/.exec(admin)?.[1];
      const customerTenantId = domain === undefined ? undefined : tenantIdForDomain(domain);
      const expected = relationship.customer?.tenantId ?? null;
      if (customerTenantId === undefined || (expected !== null && expected !== customerTenantId)) {
        sendHtml(
          res,
          403,
          renderApprovalPage(relationship, {
            kind: 'refused',
            text: 'Only an administrator of the customer this relationship was made for can approve it.',
          }),
        );
        return;
      }
      if (relationship.status !== 'approvalPending') {
        sendHtml(
          res,
          409,
          renderApprovalPage(relationship, {
            kind: 'refused',
            text: `This relationship is ${relationship.status}; there is nothing to approve.`,
          }),
        );
        return;
      }
      approveRelationship(relationship, customerTenantId);
      const now = new Date().toISOString();
      for (const EventName of [
        'granular-admin-relationship-approved',
        'granular-admin-relationship-activated',
      ]) {
        await sendEvent(relationship.partnerTenantId, {
          EventName,
          ResourceUri: `${baseUrl}/v1.0/tenantRelationships/delegatedAdminRelationships/${relationship.id}`,
          ResourceName: 'DelegatedAdminRelationship',
          AuditUri: null,
          ResourceChangeUtcDate: now,
        });
      }
      sendHtml(
        res,
        200,
        renderApprovalPage(relationship, {
          kind: 'done',
          text: 'Approved. The partner now holds these roles in your organization.',
        }),
      );
      return;
    }
    if (path === '/webhooks/v1/certificate.cer') {
      res.writeHead(200, { 'Content-Type': 'application/pkix-cert' }).end(signing.certificateDer);
      return;
    }
    await handleControl(method, path, json(), res);
  };

  /** The customer's administrator accepts the partner as reseller: a contract, and an event. */
  const answerResellerInvitation = async (
    method: string,
    url: URL,
    text: string,
    res: http.ServerResponse,
  ) => {
    const partnerTenantId = url.searchParams.get('partnerId') ?? '';
    const dap = url.searchParams.get('DAP') === 'true';
    if (!/^[0-9a-fA-F-]{36}$/.test(partnerTenantId)) {
      sendHtml(res, 400, '<p>This invitation names no partner.</p>');
      return;
    }
    if (method !== 'POST') {
      sendHtml(res, 200, renderResellerAcceptancePage(partnerTenantId, dap));
      return;
    }
    const form = new URLSearchParams(text);
    const domain = /^[^@\s]+@([^@\s]+)$/.exec(form.get('admin') ?? '')?.[1]?.toLowerCase();
    if (domain === undefined || form.get('agree') !== 'yes') {
      sendHtml(
        res,
        422,
        renderResellerAcceptancePage(partnerTenantId, dap, {
          kind: 'refused',
          text: 'Enter the administrator you are signed in as and tick the authorization.',
        }),
      );
      return;
    }
    const customerTenantId = tenantIdForDomain(domain);
    state.addResellerContract(partnerTenantId, {
      customerId: customerTenantId,
      defaultDomainName: domain,
      displayName: domain.split('.')[0] ?? domain,
    });
    await sendEvent(partnerTenantId, {
      EventName: 'reseller-relationship-accepted-by-customer',
      ResourceUri: `${baseUrl}/v1/customers/${customerTenantId}`,
      ResourceName: 'Customer',
      AuditUri: null,
      ResourceChangeUtcDate: new Date().toISOString(),
    });
    sendHtml(
      res,
      200,
      renderResellerAcceptancePage(partnerTenantId, dap, {
        kind: 'done',
        text: "Accepted. This partner is now your organization's reseller.",
      }),
    );
  };

  const handleControl = async (
    method: string,
    path: string,
    body: unknown,
    res: http.ServerResponse,
  ) => {
    const consent = /^\/__control\/consent\/([^/]+)$/.exec(path);
    if (consent !== null && method === 'PUT') {
      const parsed = consentSchema.safeParse(body);
      if (!parsed.success) return sendJson(res, 400, { error: parsed.error.message });
      state.setConsent(decodeURIComponent(consent[1]!), parsed.data.state as ConsentState);
      return sendJson(res, 200, { state: parsed.data.state });
    }
    if (path === '/__control/graph-faults' && method === 'POST') {
      const parsed = faultSchema.safeParse(body);
      if (!parsed.success) return sendJson(res, 400, { error: parsed.error.message });
      state.faults.push({
        ...parsed.data,
        code: parsed.data.code ?? defaultCodeFor(parsed.data.status),
        message: parsed.data.message ?? `The stand-in answers ${parsed.data.status} as asked.`,
      });
      return sendJson(res, 201, { queued: state.faults.length });
    }
    if (path === '/__control/graph-faults' && method === 'DELETE') {
      state.faults.splice(0);
      return sendJson(res, 200, {});
    }
    if (path === '/__control/graph/received' && method === 'GET') {
      return sendJson(res, 200, { received: state.received });
    }
    const change = /^\/__control\/relationships\/([0-9a-fA-F-]+)$/.exec(path);
    if (change !== null && method === 'PATCH') {
      const relationship = state.relationships.get(change[1]!);
      const parsed = relationshipChangeSchema.safeParse(body);
      if (relationship === undefined) return sendJson(res, 404, { error: 'no such relationship' });
      if (!parsed.success) return sendJson(res, 400, { error: parsed.error.message });
      if (parsed.data.status === 'deleted') state.relationships.delete(relationship.id);
      else if (parsed.data.status === 'active')
        approveRelationship(relationship, relationship.customer?.tenantId ?? randomUUID());
      else {
        relationship.status = parsed.data.status;
        relationship.lastModifiedDateTime = new Date().toISOString();
      }
      return sendJson(
        res,
        200,
        parsed.data.status === 'deleted' ? {} : relationshipView(relationship),
      );
    }
    const contract = /^\/__control\/contracts\/([^/]+)\/([0-9a-fA-F-]{36})$/.exec(path);
    if (contract !== null && method === 'PUT') {
      const parsed = contractSchema.safeParse(body);
      if (!parsed.success) return sendJson(res, 400, { error: parsed.error.message });
      const added = state.addResellerContract(decodeURIComponent(contract[1]!), {
        customerId: contract[2]!,
        defaultDomainName: parsed.data.defaultDomainName,
        displayName: parsed.data.displayName ?? parsed.data.defaultDomainName,
      });
      return sendJson(res, 200, contractView(added));
    }
    if (contract !== null && method === 'DELETE') {
      state.removeContract(decodeURIComponent(contract[1]!), contract[2]!);
      return sendJson(res, 200, {});
    }
    const webhook = /^\/__control\/partner-center\/webhooks\/([^/]+)$/.exec(path);
    if (webhook !== null && method === 'PUT') {
      const parsed = webhookSchema.safeParse(body);
      if (!parsed.success) return sendJson(res, 400, { error: parsed.error.message });
      state.partnerCenterWebhooks.set(
        decodeURIComponent(webhook[1]!).toLowerCase(),
        parsed.data.url,
      );
      return sendJson(res, 200, parsed.data);
    }
    if (webhook !== null && method === 'DELETE') {
      state.partnerCenterWebhooks.delete(decodeURIComponent(webhook[1]!).toLowerCase());
      return sendJson(res, 200, {});
    }
    if (path === '/__control/partner-center/events' && method === 'POST') {
      const parsed = eventSchema.safeParse(body);
      if (!parsed.success) return sendJson(res, 400, { error: parsed.error.message });
      const { partnerTenantId, ...event } = parsed.data;
      const delivery = await sendEvent(partnerTenantId, {
        ResourceName: event.ResourceName ?? event.EventName,
        AuditUri: null,
        ResourceChangeUtcDate: new Date().toISOString(),
        ...event,
      });
      return delivery === undefined
        ? sendJson(res, 409, { error: 'That partner tenant has registered no webhook URL.' })
        : sendJson(res, 200, delivery);
    }
    if (path === '/__control/partner-center/deliveries' && method === 'GET') {
      return sendJson(res, 200, { deliveries });
    }
    sendJson(res, 404, { error: `Nothing is served at ${method} ${path}.` });
  };

  const server = https.createServer(
    { cert: tls.certificatePem, key: tls.privateKeyPem },
    (req, res) => {
      handle(req, res).catch((error: unknown) => {
        if (!res.headersSent) sendJson(res, 500, { error: String(error) });
        else res.end();
      });
    },
  );
  const identity = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', identityUrl);
    if (url.pathname !== '/msi/token') {
      sendJson(res, 404, { error: 'not found' });
      return;
    }
    answerManagedIdentity(url, req.headers, identityHeader, app(), keys, res).catch(() => {
      if (!res.headersSent) sendJson(res, 500, { error: 'failed' });
    });
  });
  await listen(server, options.port ?? 0, host);
  try {
    await listen(identity, options.identityPort ?? 0, host);
  } catch (error) {
    server.close();
    throw error;
  }
  baseUrl = `https://${host}:${(server.address() as AddressInfo).port}`;
  identityUrl = `http://${host}:${(identity.address() as AddressInfo).port}`;
  return {
    url: baseUrl,
    caCertificatePem: tls.certificatePem,
    identityEndpoint: `${identityUrl}/msi/token`,
    identityHeader,
    partnerCenterCertificateUrl: certificateUrl(),
    state,
    partnerCenterDeliveries: deliveries,
    sendPartnerCenterEvent: sendEvent,
    close: async () => {
      await Promise.all([closeServer(server), closeServer(identity)]);
    },
  };
}

function defaultCodeFor(status: number): string {
  if (status === 429) return 'TooManyRequests';
  if (status === 403) return 'Authorization_RequestDenied';
  if (status === 404) return 'ResourceNotFound';
  if (status === 409) return 'Conflict';
  if (status === 503) return 'ServiceUnavailable';
  return status >= 500 ? 'InternalServerError' : 'BadRequest';
}

function sendHtml(res: http.ServerResponse, status: number, html: string): void {
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': Buffer.byteLength(html),
  });
  res.end(html);
}

function listen(server: http.Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function closeServer(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}
