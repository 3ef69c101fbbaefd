import { randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { CosmosClient, type Container } from '@azure/cosmos';
import {
  startLocalStack,
  type LocalStack,
  type LocalStackOptions,
  LOCAL_CONTAINER,
  LOCAL_DATABASE,
} from '../../../local/localStack';
import type { HostLog } from '../../../local/functionsHost/hostLog';
import { tenantIdForDomain, userPrincipalName } from '../../../local/servers/devTokenIssuer';
import { GLOBAL_ADMINISTRATOR_ROLE_ID } from '../../../shared/domain/acceptanceEligibility';
import { contract } from './contract';

const projectRoot = join(__dirname, '..', '..', '..');

/** The app's real function files, loaded from source as the compiled app loads them from dist. */
export function functionSourceFiles(): string[] {
  const dir = join(projectRoot, 'functions');
  return readdirSync(dir)
    .filter((name) => name.endsWith('.ts'))
    .map((name) => join(dir, name));
}

export interface TestStack extends LocalStack {
  api(path: string, init?: ApiInit): Promise<ApiResponse>;
  /** A fresh partner tenant with a token for the given roles. */
  newPartner(roles?: readonly string[]): Promise<Partner>;
  /**
   * A fresh partner that has created its profile (201) and connected its tenant to Microsoft
   * (admin consent on the Microsoft stand-in, then the API's re-check), ready to invite with or
   * without granular admin roles. `{ microsoft: false }` leaves it unconnected.
   */
  partnerWithProfile(
    profile?: Record<string, unknown>,
    options?: { microsoft?: boolean },
  ): Promise<Partner>;
  /** Grants the GDAP app admin consent in the tenant (as its administrator would) and re-checks. */
  connectToMicrosoft(tenantId: string): Promise<void>;
  /**
   * An admin of the customer tenant that owns `domain` (the tenant the local issuer signs that
   * domain in to), with a bearer token: a Global Administrator signed in as admin@<domain>
   * unless told otherwise.
   */
  customerAdmin(domain: string, options?: CustomerAdminOptions): Promise<CustomerAdmin>;
  /**
   * `tenantId` verifies `domain` at the local issuer (as a tenant adds a domain in Entra): the
   * domain's OpenID configuration names that tenant from then on. Use a fresh domain: the app
   * caches who owns a domain for a few minutes.
   */
  verifyDomain(domain: string, tenantId: string): Promise<void>;
  container: Container;
  logs: string[];
  /**
   * Host errors matching `pattern` are what a negative test expects (a malformed message, a
   * worker told to retry later): they are collected in the returned list, for the test to
   * assert, instead of being printed. Any other host error is still written to stderr.
   */
  expectHostErrors(pattern: RegExp): readonly string[];
}

export interface Partner {
  readonly tenantId: string;
  readonly token: string;
  api(path: string, init?: ApiInit): Promise<ApiResponse>;
}

export interface CustomerAdminOptions {
  tenantId?: string;
  /** `preferred_username`; also the `upn` when the tenant owns its domain (else a guest's). */
  username?: string;
  /** The `upn` claim as given, instead of the one Entra would write. */
  upn?: string;
  globalAdmin?: boolean;
  roles?: readonly string[];
}

export interface CustomerAdmin {
  readonly tenantId: string;
  readonly username: string;
  readonly token: string;
  api(path: string, init?: ApiInit): Promise<ApiResponse>;
  /** POST /api/accept/{token} as JSON with this admin's token; the body defaults to `{}`. */
  accept(acceptUrl: string, body?: unknown): Promise<ApiResponse>;
}

export interface ApiInit {
  method?: string;
  json?: unknown;
  body?: string;
  headers?: Record<string, string>;
  token?: string;
}

export interface ApiResponse {
  status: number;
  headers: Headers;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

/**
 * Starts the real local stack (Azurite, Cosmos server, SendGrid capture, token issuer, the
 * function app) on free ports, with queue polling tuned for tests.
 */
export async function startTestStack(
  settings: Record<string, string> = {},
  options: Pick<LocalStackOptions, 'console' | 'functionFiles' | 'blobStorage'> = {},
): Promise<TestStack> {
  const logs: string[] = [];
  const expectedErrors: Array<{ pattern: RegExp; messages: string[] }> = [];
  const log: HostLog = (level, message) => {
    logs.push(`${level}: ${message}`);
    if (level === 'error' || level === 'critical') {
      const expected = expectedErrors.find(({ pattern }) => pattern.test(message));
      if (expected !== undefined) {
        expected.messages.push(message);
      } else {
        // Unexpected: keep it visible, it may be why a test fails.
        process.stderr.write(`[host ${level}] ${message}\n`);
      }
    }
  };
  const stack = await startLocalStack({
    projectRoot,
    functionFiles: functionSourceFiles(),
    // Timers run only when a test asks (stack.runTimer), never in the middle of one.
    settings: {
      HOUSEKEEPING_SCHEDULE: '0 0 0 1 1 *',
      STUCK_WORK_SCHEDULE: '0 0 0 1 1 *',
      ...settings,
    },
    queueSettings: { maxPollingIntervalMs: 200, visibilityTimeoutMs: 0 },
    log,
    keyFile: join(projectRoot, '.local', 'test-signing-key.json'),
    ...options,
  });
  const client = new CosmosClient({
    endpoint: stack.cosmos.endpoint,
    key: stack.cosmos.key,
    connectionPolicy: { enableEndpointDiscovery: false },
  });
  const container = client.database(LOCAL_DATABASE).container(LOCAL_CONTAINER);

  const api = async (path: string, init: ApiInit = {}): Promise<ApiResponse> => {
    const headers: Record<string, string> = { ...init.headers };
    if (init.token !== undefined) headers.Authorization = `Bearer ${init.token}`;
    let body = init.body;
    if (init.json !== undefined) {
      body = JSON.stringify(init.json);
      headers['Content-Type'] ??= 'application/json';
    }
    const response = await fetch(`${stack.functionsUrl}${path}`, {
      method: init.method ?? 'GET',
      headers,
      ...(body === undefined ? {} : { body }),
      redirect: 'manual',
    });
    const text = await response.text();
    // Every answer a test receives is held to openapi.yaml: a drift fails the test that saw it.
    contract().assert({
      method: init.method ?? 'GET',
      path,
      status: response.status,
      contentType: response.headers.get('content-type'),
      text,
      headers: response.headers,
    });
    let parsed: unknown = undefined;
    if (/json/.test(response.headers.get('content-type') ?? '') && text !== '') {
      parsed = JSON.parse(text);
    }
    return { status: response.status, headers: response.headers, text, body: parsed };
  };

  const newPartner = async (roles: readonly string[] = ['AdminAgent', 'SalesAgent']) => {
    const tenantId = randomUUID();
    const token = await stack.mintToken(tenantId, roles);
    const partner: Partner = {
      tenantId,
      token,
      api: (path, init = {}) => api(path, { token, ...init }),
    };
    return partner;
  };

  // Domains a test gave to a tenant; the rest belong to the tenant derived from their name.
  const verified = new Map<string, string>();
  const ownerOf = (domain: string) =>
    verified.get(domain.toLowerCase()) ?? tenantIdForDomain(domain);
  const verifyDomain = async (domain: string, tenantId: string) => {
    const response = await fetch(`${stack.issuerUrl}/__control/domains`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ domain, tenantId }),
    });
    if (!response.ok) {
      throw new Error(`domain not verified: ${response.status} ${await response.text()}`);
    }
    verified.set(domain.toLowerCase(), tenantId.toLowerCase());
  };

  const connectToMicrosoft = async (tenantId: string) => {
    stack.microsoft.state.setConsent(tenantId, 'granted');
    const token = await stack.mintToken(tenantId, ['AdminAgent']);
    const checked = await api('/api/partner/microsoft-connection/check', { method: 'POST', token });
    if (checked.status !== 200 || (checked.body as { state?: string }).state !== 'connected') {
      throw new Error(`not connected to Microsoft: ${checked.status} ${checked.text}`);
    }
  };

  const customerAdmin = async (
    domain: string,
    options: CustomerAdminOptions = {},
  ): Promise<CustomerAdmin> => {
    const tenantId = options.tenantId ?? ownerOf(domain);
    const username = options.username ?? `admin@${domain}`;
    const token = await stack.mintToken(tenantId, options.roles ?? [], {
      preferredUsername: username,
      upn: options.upn ?? userPrincipalName(username, tenantId, ownerOf),
      directoryRoles: options.globalAdmin === false ? [] : [GLOBAL_ADMINISTRATOR_ROLE_ID],
    });
    const call = (path: string, init: ApiInit = {}) => api(path, { token, ...init });
    return {
      tenantId,
      username,
      token,
      api: call,
      accept: (acceptUrl, body = {}) =>
        call(`/api/accept/${tokenOf(acceptUrl)}`, {
          method: 'POST',
          json: body,
          headers: { Accept: 'application/json' },
        }),
    };
  };

  return {
    ...stack,
    api,
    container,
    logs,
    expectHostErrors(pattern) {
      const messages: string[] = [];
      expectedErrors.push({ pattern, messages });
      return messages;
    },
    newPartner,
    customerAdmin,
    verifyDomain,
    async partnerWithProfile(profile = PROFILE_DE, options = {}) {
      const partner = await newPartner();
      const created = await partner.api('/api/partner', { method: 'PUT', json: profile });
      if (created.status !== 201) {
        throw new Error(`profile not created: ${created.status} ${created.text}`);
      }
      if (options.microsoft !== false) await connectToMicrosoft(partner.tenantId);
      return partner;
    },
    connectToMicrosoft,
    async close() {
      client.dispose();
      await stack.close();
    },
  };
}

export const PROFILE_DE = {
  displayName: 'Contoso Cloud Partner GmbH',
  country: 'DE',
  cloud: 'public',
  mpnId: '1234567',
};

/** A customer body for POST /api/invitations. */
export function customerBody(overrides: Record<string, unknown> = {}) {
  const n = randomUUID().slice(0, 8);
  return {
    customer: {
      email: `admin@fabrikam-${n}.example`,
      companyName: `Fabrikam ${n} AG`,
      domain: `fabrikam-${n}.onmicrosoft.com`,
      country: 'FR',
    },
    includeDelegatedAdmin: true,
    locale: 'en-US',
    ...overrides,
  };
}

/** The token part of an acceptance URL. */
export function tokenOf(acceptUrl: string): string {
  return acceptUrl.split('/').pop()!;
}

export const MCA_SIGNER = {
  acceptMca: true,
  firstName: 'Ada',
  lastName: 'Lovelace',
  email: 'ada@fabrikam.example',
  phoneNumber: '+49 30 1234567',
};
