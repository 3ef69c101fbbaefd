import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { QueueServiceClient } from '@azure/storage-queue';
import { resetAppServices } from '../shared/app/appServices';
import { QUEUES } from '../shared/queue/messageQueue';
import {
  defaultDevSigningKeyFile,
  loadOrCreateDevSigningKey,
  type DevSigningKey,
} from './devSigningKey';
import {
  getRegistrations,
  resetRegistrations,
  parseHttpHostSettings,
  parseQueueHostSettings,
  readHostJson,
  type QueueHostSettings,
  consoleHostLog,
  type HostLog,
  startHttpHost,
  type HttpHost,
  runAppStartHooks,
  runAppTerminateHooks,
  loadFunctionApp,
  startQueueHost,
  type QueueHost,
  startTimerHost,
  createAdminEndpoint,
  parseCorsSetting,
} from './functionsHost';
import { startConsoleServer, type ConsoleConfig } from './servers/consoleServer';
import { startAzurite, type AzuriteQueueServer } from './servers/azurite';
import { startLocalCosmos, type LocalCosmos } from './servers/cosmosServer';
import { mintDevToken, startDevTokenIssuer } from './servers/devTokenIssuer';
import { startSendGridCapture, type SendGridCapture } from './servers/sendgridCapture';
import {
  LOCAL_GRAPH_APP_CLIENT_ID,
  startMicrosoftStandIn,
  type MicrosoftStandIn,
} from './microsoft';

export interface LocalStackOptions {
  readonly projectRoot: string;
  /**
   * Azurite's blob service too, for the audit archive (`npm start`, the archive's tests). Off
   * by default: one process fewer per stack, and without it the app only misses the archive,
   * which it touches when audit events are older than AUDIT_ARCHIVE_AFTER_DAYS.
   */
  readonly blobStorage?: boolean;
  /**
   * Where the emulators keep their data across restarts (`npm start`: `.local/data`): Azurite's
   * queues, the Cosmos server's documents and the captured email. Without it (tests, benchmarks)
   * everything is in memory and starts empty.
   */
  readonly dataDir?: string;
  /** Function files to load; by default the package.json `main` glob (compiled JS). */
  readonly functionFiles?: readonly string[];
  /** 0 (the default) picks free ports; `npm start` asks for the well-known ones. */
  readonly ports?: {
    functions?: number;
    issuer?: number;
    sendgrid?: number;
    queue?: number;
    blob?: number;
    cosmos?: number;
    microsoft?: number;
    managedIdentity?: number;
  };
  /** Serve the built partner console (`dist/console`) on its own port, as Azure hosts it apart. */
  readonly console?: { readonly distDir: string; readonly port?: number };
  /** `Host.CORS` of the functions host; by default the console's origin (none without one). */
  readonly hostCors?: string;
  /** App settings that replace the computed ones (e.g. a short invitation lifetime in tests). */
  readonly settings?: Readonly<Record<string, string>>;
  /** Queue settings that replace host.json's (tests use faster polling). */
  readonly queueSettings?: Partial<QueueHostSettings>;
  readonly log?: HostLog;
  readonly keyFile?: string;
}

export interface LocalStack {
  /** e.g. http://127.0.0.1:7071 — the API is under /api. */
  readonly functionsUrl: string;
  /** The partner console, when asked for (`options.console`). */
  readonly consoleUrl: string | undefined;
  readonly issuerUrl: string;
  readonly sendgrid: SendGridCapture;
  readonly queueService: QueueServiceClient;
  readonly cosmos: LocalCosmos;
  /** Microsoft Graph, its sign-in, the admin center and Partner Center, as local/microsoft plays them. */
  readonly microsoft: MicrosoftStandIn;
  readonly settings: Readonly<Record<string, string>>;
  readonly endpoints: EmulatorEndpoints;
  /** A token from the local issuer, as a partner's sign-in would give. */
  mintToken(
    tenantId: string,
    roles: readonly string[],
    claims?: { preferredUsername?: string; upn?: string; directoryRoles?: readonly string[] },
  ): Promise<string>;
  /** Runs a timer function now and resolves when it has finished. */
  runTimer(functionName: string): Promise<void>;
  /** Resolves when every queue is drained and no handler runs. */
  waitForIdle(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export const LOCAL_AUDIENCE = 'api://reseller-invitations-local';
/** The local stand-in for the multi-tenant Entra app registration customers sign in to. */
export const LOCAL_CLIENT_ID = 'reseller-invitations-local';
export const LOCAL_CLIENT_SECRET = 'local-dev-client-secret';
/** The partner console: a public client (a single-page app has no secret), PKCE only. */
export const LOCAL_CONSOLE_CLIENT_ID = 'reseller-console-local';
export const LOCAL_DATABASE = 'reseller';
export const LOCAL_CONTAINER = 'items';

export interface LocalEmulators {
  readonly azurite: AzuriteQueueServer;
  readonly cosmos: LocalCosmos;
  readonly sendgrid: SendGridCapture;
  readonly issuerUrl: string;
  readonly microsoft: MicrosoftStandIn;
  readonly key: DevSigningKey;
  close(): Promise<void>;
}

/**
 * The stand-ins for Azure on loopback: Azurite (queues), the Cosmos server, the SendGrid
 * capture endpoint and the dev token issuer. `func start` can run the app against these too.
 */
export async function startEmulators(
  options: Pick<LocalStackOptions, 'projectRoot' | 'ports' | 'keyFile' | 'dataDir' | 'blobStorage'>,
): Promise<LocalEmulators> {
  const dataPath = (name: string) =>
    options.dataDir === undefined ? undefined : join(options.dataDir, name);
  const key = await loadOrCreateDevSigningKey(
    options.keyFile ?? defaultDevSigningKeyFile(options.projectRoot),
  );
  const started = await Promise.allSettled([
    startAzurite({
      queuePort: options.ports?.queue ?? 0,
      blob: options.blobStorage === true,
      blobPort: options.ports?.blob ?? 0,
      ...optional('location', dataPath('azurite')),
    }),
    startLocalCosmos({
      port: options.ports?.cosmos ?? 0,
      database: LOCAL_DATABASE,
      container: LOCAL_CONTAINER,
      ...optional('dataFile', dataPath('cosmos.json')),
    }),
    startSendGridCapture({
      port: options.ports?.sendgrid ?? 0,
      ...optional('dataFile', dataPath('sendgrid-messages.json')),
    }),
    startDevTokenIssuer({
      port: options.ports?.issuer ?? 0,
      key,
      audience: LOCAL_AUDIENCE,
      // The app is a confidential client, as in Entra: its code redemptions need the secret.
      clients: {
        [LOCAL_CLIENT_ID]: { secret: LOCAL_CLIENT_SECRET },
        [LOCAL_CONSOLE_CLIENT_ID]: {},
      },
    }),
    startMicrosoftStandIn({
      port: options.ports?.microsoft ?? 0,
      identityPort: options.ports?.managedIdentity ?? 0,
    }),
  ]);
  const closeAll = async () => {
    await Promise.all(
      started.map((result) =>
        result.status === 'fulfilled' ? result.value.close().catch(() => undefined) : undefined,
      ),
    );
  };
  const failed = started.find((result) => result.status === 'rejected');
  if (failed !== undefined) {
    await closeAll();
    throw (failed as PromiseRejectedResult).reason;
  }
  const [azurite, cosmos, sendgrid, issuer, microsoft] = started.map(
    (result) => (result as PromiseFulfilledResult<unknown>).value,
  ) as [AzuriteQueueServer, LocalCosmos, SendGridCapture, { url: string }, MicrosoftStandIn];
  return { azurite, cosmos, sendgrid, issuerUrl: issuer.url, microsoft, key, close: closeAll };
}

/** `{ [name]: value }` when there is a value, `{}` otherwise (for optional properties). */
function optional<K extends string, V>(name: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [name]: value } as Record<K, V>);
}

/** Where the emulators listen: all a functions host needs to reach them. */
export interface EmulatorEndpoints {
  readonly queueConnectionString: string;
  readonly cosmosEndpoint: string;
  readonly cosmosKey: string;
  readonly sendgridUrl: string;
  /** The capture's Event Webhook verification key (a new one per start of the emulators). */
  readonly sendgridEventPublicKey: string;
  readonly issuerUrl: string;
  /** The Microsoft stand-in (HTTPS) and the certificate to trust for it. */
  readonly microsoftUrl: string;
  readonly microsoftCertificatePem: string;
  /** App Service's managed identity endpoint, as the stand-in serves it. */
  readonly identityEndpoint: string;
  readonly identityHeader: string;
}

export function endpointsOf(emulators: LocalEmulators): EmulatorEndpoints {
  return {
    queueConnectionString: emulators.azurite.connectionString,
    cosmosEndpoint: emulators.cosmos.endpoint,
    cosmosKey: emulators.cosmos.key,
    sendgridUrl: emulators.sendgrid.url,
    sendgridEventPublicKey: emulators.sendgrid.events.publicKey,
    issuerUrl: emulators.issuerUrl,
    microsoftUrl: emulators.microsoft.url,
    microsoftCertificatePem: emulators.microsoft.caCertificatePem,
    identityEndpoint: emulators.microsoft.identityEndpoint,
    identityHeader: emulators.microsoft.identityHeader,
  };
}

export interface FunctionsHostOptions extends Pick<
  LocalStackOptions,
  'projectRoot' | 'functionFiles' | 'settings' | 'queueSettings' | 'console' | 'hostCors'
> {
  readonly endpoints: EmulatorEndpoints;
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  /** How long a received queue message stays invisible (the Functions default is 600 s). */
  readonly messageLeaseSeconds?: number;
  readonly log?: HostLog;
}

export interface FunctionsHost {
  readonly functionsUrl: string;
  /** The partner console, when asked for (`options.console`). */
  readonly consoleUrl: string | undefined;
  readonly queueService: QueueServiceClient;
  readonly settings: Readonly<Record<string, string>>;
  runTimer(functionName: string): Promise<void>;
  waitForIdle(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * The local Functions host alone: the app's registrations served over HTTP, its queues polled
 * and its timers run, against emulators that run elsewhere (in this process or another one,
 * as `npm run host` uses it).
 */
export async function startFunctionsHost(options: FunctionsHostOptions): Promise<FunctionsHost> {
  const log = options.log ?? consoleHostLog;
  const closers: Array<() => Promise<void>> = [];
  const close = async () => {
    for (const closeOne of closers.reverse()) {
      await closeOne().catch((error: unknown) => log('warning', `shutdown: ${String(error)}`));
    }
  };
  try {
    const hostJson = readHostJson(options.projectRoot);
    const queueSettings = { ...parseQueueHostSettings(hostJson), ...options.queueSettings };
    resetRegistrations();
    loadFunctionApp(options.projectRoot, options.functionFiles);
    await runAppStartHooks(options.projectRoot);
    closers.push(() => runAppTerminateHooks());
    const registrations = getRegistrations();

    // Known once the API listens; the console server asks for it per request.
    const consoleConfig: { current?: ConsoleConfig } = {};
    const consoleServer =
      options.console === undefined
        ? undefined
        : await startConsoleServer({
            distDir: options.console.distDir,
            port: options.console.port ?? 0,
            config: () => consoleConfig.current,
          });
    if (consoleServer !== undefined) closers.push(() => consoleServer.close());

    // Core Tools' admin endpoint (POST /admin/functions/{name}) runs a non-HTTP function now.
    const admin = createAdminEndpoint({
      registrations,
      log,
      messageEncoding: queueSettings.messageEncoding,
    });
    const http: HttpHost = await startHttpHost({
      registrations,
      port: options.port ?? 0,
      routePrefix: parseHttpHostSettings(hostJson).routePrefix,
      log,
      admin: admin.handle,
      cors: parseCorsSetting(options.hostCors ?? consoleServer?.url),
    });
    closers.push(() => http.close());

    const settings = { ...localAppSettings(options.endpoints, http.url), ...options.settings };
    await pointEventWebhookAt(
      options.endpoints.sendgridUrl,
      [http.url, parseHttpHostSettings(hostJson).routePrefix, 'email-events']
        .filter((part) => part !== '')
        .join('/'),
    );
    // The app reads its settings from the environment, as in Azure; set them before the first
    // invocation builds the services.
    Object.assign(process.env, settings);
    resetAppServices();
    consoleConfig.current = {
      apiBaseUrl: http.url,
      authority: `${options.endpoints.issuerUrl}/organizations/v2.0`,
      clientId: LOCAL_CONSOLE_CLIENT_ID,
      apiScope: `${LOCAL_AUDIENCE}/access_as_user`,
    };

    const queueService = QueueServiceClient.fromConnectionString(
      options.endpoints.queueConnectionString,
    );
    // As the templates do in Azure: every queue the app writes to exists before it runs.
    for (const name of Object.values(QUEUES)) {
      await queueService.getQueueClient(name).createIfNotExists();
      await queueService.getQueueClient(`${name}-poison`).createIfNotExists();
    }
    const queues: QueueHost = await startQueueHost({
      registrations,
      queueService,
      settings: queueSettings,
      log,
      // Re-checks with Microsoft wait minutes to hours by design: not work in progress.
      scheduledQueues: [QUEUES.graphChecks, QUEUES.resellerChecks],
      ...(options.messageLeaseSeconds === undefined
        ? {}
        : { messageLeaseSeconds: options.messageLeaseSeconds }),
    });
    closers.push(() => queues.close());
    // After the settings are in the environment: schedules such as %HOUSEKEEPING_SCHEDULE%
    // are resolved from them.
    const timers = startTimerHost({ registrations, log });
    closers.push(() => timers.close());
    admin.useTimerHost(timers);

    return {
      functionsUrl: http.url,
      consoleUrl: consoleServer?.url,
      queueService,
      settings,
      waitForIdle: (timeoutMs) => queues.waitForIdle(timeoutMs),
      runTimer: (name) => timers.trigger(name),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * Brings up the whole system on loopback, as `npm start` and the integration tests use it:
 * the emulators, and the function app's own registrations served by the local Functions host.
 */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const log = options.log ?? consoleHostLog;
  const emulators = await startEmulators(options);
  const endpoints = endpointsOf(emulators);
  let host: FunctionsHost;
  try {
    host = await startFunctionsHost({
      ...options,
      endpoints,
      port: options.ports?.functions ?? 0,
      log,
    });
  } catch (error) {
    await emulators.close();
    throw error;
  }
  return {
    ...host,
    endpoints,
    issuerUrl: emulators.issuerUrl,
    sendgrid: emulators.sendgrid,
    cosmos: emulators.cosmos,
    microsoft: emulators.microsoft,
    mintToken: (tenantId, roles, claims = {}) =>
      mintDevToken(emulators.key, {
        issuerBaseUrl: emulators.issuerUrl,
        tenantId,
        audience: LOCAL_AUDIENCE,
        roles,
        ...(claims.preferredUsername === undefined
          ? {}
          : { preferredUsername: claims.preferredUsername }),
        ...(claims.upn === undefined ? {} : { upn: claims.upn }),
        ...(claims.directoryRoles === undefined ? {} : { directoryRoles: claims.directoryRoles }),
      }),
    close: async () => {
      await host.close();
      await emulators.close();
    },
  };
}

/**
 * Tells the SendGrid capture (in this process or in the emulators' one) where the app's Event
 * Webhook listens, as an operator enters the URL in SendGrid's mail settings.
 */
async function pointEventWebhookAt(sendgridUrl: string, eventsUrl: string): Promise<void> {
  const response = await fetch(`${sendgridUrl}/__control/event-webhook`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ url: eventsUrl }),
  });
  if (!response.ok) {
    throw new Error(`The SendGrid capture refused the event webhook URL: ${response.status}`);
  }
}

/** The app settings that point the app at the local servers (see local.settings.example.json). */
export function localAppSettings(
  endpoints: EmulatorEndpoints,
  functionsUrl: string,
): Record<string, string> {
  return {
    AzureWebJobsStorage: endpoints.queueConnectionString,
    COSMOS_ENDPOINT: endpoints.cosmosEndpoint,
    COSMOS_KEY: endpoints.cosmosKey,
    COSMOS_DATABASE: LOCAL_DATABASE,
    COSMOS_CONTAINER: LOCAL_CONTAINER,
    SENDGRID_API_KEY: 'SG.local-capture-key',
    SENDGRID_BASE_URL: endpoints.sendgridUrl,
    SENDGRID_EVENT_WEBHOOK_PUBLIC_KEY: endpoints.sendgridEventPublicKey,
    MAIL_FROM_ADDRESS: 'invitations@partner.example',
    MAIL_FROM_NAME: 'Partner invitations (local)',
    PUBLIC_BASE_URL: functionsUrl,
    AUTH_ISSUER: `${endpoints.issuerUrl}/{tid}/v2.0`,
    AUTH_AUDIENCE: LOCAL_AUDIENCE,
    AUTH_JWKS_URI: `${endpoints.issuerUrl}/discovery/v2.0/keys`,
    AUTH_AUTHORITY: endpoints.issuerUrl,
    AUTH_CLIENT_ID: LOCAL_CLIENT_ID,
    AUTH_CLIENT_SECRET: LOCAL_CLIENT_SECRET,
    // A new one per start: local sign-in sessions end with the host.
    SESSION_SECRET: randomBytes(32).toString('base64url'),
    INVITATION_LIFETIME_DAYS: '90',
    EMAIL_MAX_ATTEMPTS: '5',
    INVITATION_REMINDER_DAYS: '7',
    INVITATION_RESEND_MIN_MINUTES: '10',
    HOUSEKEEPING_SCHEDULE: '0 */15 * * * *',
    STUCK_WORK_SCHEDULE: '0 * * * * *',
    STUCK_WORK_AFTER_SECONDS: '120',
    WEBHOOK_MAX_ATTEMPTS: '8',
    // Local webhook receivers listen on http://127.0.0.1; Azure allows https endpoints only.
    WEBHOOK_ALLOW_HTTP_LOOPBACK: 'true',
    // Microsoft, as local/microsoft plays it: Graph app-only with the managed identity as the
    // app's federated credential (App Service's identity endpoint), over the stand-in's TLS.
    MICROSOFT_GRAPH_APP_CLIENT_ID: LOCAL_GRAPH_APP_CLIENT_ID,
    MICROSOFT_LOGIN_URL: endpoints.microsoftUrl,
    MICROSOFT_GRAPH_URL: endpoints.microsoftUrl,
    MICROSOFT_ADMIN_CENTER_URL: endpoints.microsoftUrl,
    // The customer finishes accepting the reseller relationship in the stand-in's admin center.
    PORTAL_URL_PUBLIC: `${endpoints.microsoftUrl}/Adminportal/Home?invType=ResellerRelationship&partnerId={partnerTenantId}&msppId=0&DAP={dap}#/BillingAccounts/partner-invitation`,
    PARTNER_CENTER_CERTIFICATE_HOST: new URL(endpoints.microsoftUrl).host,
    MICROSOFT_TRUSTED_CERTIFICATE: endpoints.microsoftCertificatePem,
    IDENTITY_ENDPOINT: endpoints.identityEndpoint,
    IDENTITY_HEADER: endpoints.identityHeader,
  };
}
