import type { TokenCredential } from '@azure/identity';
import type { ArchiveStore } from '../archive/archiveStore';
import { rowToInvitation } from '../api/invitationBatchUpload';
import { customerSessionCookies } from '../auth/customerSession';
import { CustomerSignIn } from '../auth/customerSignIn';
import { EntraDomainTenants } from '../auth/domainTenants';
import { SessionRevocations } from '../auth/sessionRevocations';
import { TokenValidator } from '../auth/tokenValidator';
import { ConfigurationError, loadAppConfig, type AppConfig } from '../config/appConfig';
import type { DelegatedAdminGraph } from '../graph/delegatedAdminGraph';
import type { PartnerCenterCertificates } from '../graph/partnerCenterCertificates';
import type { Mailer } from '../mail/mailer';
import type { SendGridEventVerifier } from '../mail/sendgridEventWebhook';
import { postWebhook, systemLookup } from '../outbound/webhookPost';
import type { MessageQueue } from '../queue/messageQueue';
import type { QueueBacklogReader } from '../queue/queueBacklog';
import type { AppServices } from '../services/dependencies';
import { funnelStepOf } from '../services/events';
import type { DocumentStore } from '../store/documentStore';
import { tracedStore } from '../telemetry/tracedStore';

/*
 * The adapters for Cosmos, the storage queues, SendGrid and managed identity are required when a
 * function first uses them, not when its file loads: every worker loads every function file
 * before its first request (package.json "main"), and these SDKs are most of that time. A
 * function that never touches Cosmos (health, the OpenAPI document, ...) never loads it.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- deferred loading, see above */
const identitySdk = () => require('@azure/identity') as typeof import('@azure/identity');
const cosmosAdapter = () =>
  require('../store/cosmosDocumentStore') as typeof import('../store/cosmosDocumentStore');
const queueAdapter = () =>
  require('../queue/storageMessageQueue') as typeof import('../queue/storageMessageQueue');
const sendGridAdapter = () =>
  require('../mail/sendgridMailer') as typeof import('../mail/sendgridMailer');
const eventWebhookAdapter = () =>
  require('../mail/sendgridEventWebhook') as typeof import('../mail/sendgridEventWebhook');
const graphAdapter = () =>
  require('../graph/graphDelegatedAdmin') as typeof import('../graph/graphDelegatedAdmin');
const archiveAdapter = () =>
  require('../archive/blobArchiveStore') as typeof import('../archive/blobArchiveStore');
const queueBacklogAdapter = () =>
  require('../queue/storageQueueBacklog') as typeof import('../queue/storageQueueBacklog');
const certificatesAdapter = () =>
  require('../graph/partnerCenterCertificates') as typeof import('../graph/partnerCenterCertificates');
const graphCredentials = () =>
  require('../graph/graphCredential') as typeof import('../graph/graphCredential');
/* eslint-enable @typescript-eslint/no-require-imports */

export type { AppServices } from '../services/dependencies';

/** Builds a value on first call and returns the same one afterwards. */
function once<T>(create: () => T): () => T {
  let value: { readonly built: T } | undefined;
  return () => (value ??= { built: create() }).built;
}

/**
 * Wires the real adapters from configuration: managed identity in Azure, keys only locally.
 * Each adapter is built (and its SDK loaded) on first use of its property.
 */
export function createAppServices(config: AppConfig): AppServices {
  const identity = once(
    (): TokenCredential =>
      new (identitySdk().DefaultAzureCredential)(
        config.managedIdentityClientId === undefined
          ? {}
          : { managedIdentityClientId: config.managedIdentityClientId },
      ),
  );
  const store = once((): DocumentStore => {
    const { CosmosDocumentStore, createCosmosContainer } = cosmosAdapter();
    const container = createCosmosContainer({
      endpoint: config.cosmos.endpoint,
      ...(config.cosmos.key === undefined
        ? { credential: identity() }
        : { key: config.cosmos.key }),
      database: config.cosmos.database,
      container: config.cosmos.container,
      allowSelfSigned: config.cosmos.allowSelfSigned,
    });
    return tracedStore(
      new CosmosDocumentStore(container),
      { database: config.cosmos.database, container: config.cosmos.container },
      funnelStepOf,
    );
  });
  const queueConnection = () =>
    config.storage.kind === 'connectionString'
      ? config.storage
      : {
          kind: 'identity' as const,
          queueServiceUri: config.storage.queueServiceUri,
          credential: identity(),
        };
  const queue = once(
    (): MessageQueue => new (queueAdapter().StorageMessageQueue)(queueConnection()),
  );
  const queueBacklog = once(
    (): QueueBacklogReader => new (queueBacklogAdapter().StorageQueueBacklog)(queueConnection()),
  );
  const auditArchive = once((): ArchiveStore => {
    const storage = config.storage;
    if (storage.kind === 'identity' && storage.blobServiceUri === undefined) {
      throw new ConfigurationError(
        'Invalid app settings: AzureWebJobsStorage__blobServiceUri is not set (the audit archive)',
      );
    }
    return new (archiveAdapter().BlobArchiveStore)(
      storage.kind === 'connectionString'
        ? storage
        : { kind: 'identity', blobServiceUri: storage.blobServiceUri!, credential: identity() },
      config.auditArchive.container,
    );
  });
  const mailer = once(
    (): Mailer =>
      new (sendGridAdapter().SendGridMailer)({
        apiKey: config.mail.apiKey,
        ...(config.mail.baseUrl === undefined ? {} : { baseUrl: config.mail.baseUrl }),
        fromAddress: config.mail.fromAddress,
        fromName: config.mail.fromName,
      }),
  );
  const eventVerifier = once((): SendGridEventVerifier | undefined =>
    config.mail.eventWebhookPublicKey === undefined
      ? undefined
      : new (eventWebhookAdapter().SendGridEventVerifier)(config.mail.eventWebhookPublicKey),
  );
  const graph = once((): DelegatedAdminGraph => {
    const microsoft = config.microsoft;
    const trusted =
      microsoft.trustedCertificatePem === undefined
        ? {}
        : { trustedCertificatePem: microsoft.trustedCertificatePem };
    return new (graphAdapter().GraphDelegatedAdmin)({
      graphBaseUrl: microsoft.graphUrl,
      ...trusted,
      credentialFor: graphCredentials().graphAppCredentials({
        clientId: microsoft.graphAppClientId ?? '',
        authorityHost: microsoft.loginUrl,
        ...(config.managedIdentityClientId === undefined
          ? {}
          : { managedIdentityClientId: config.managedIdentityClientId }),
        ...trusted,
      }),
    });
  });
  const partnerCenterCertificates = once(
    (): PartnerCenterCertificates =>
      new (certificatesAdapter().HttpPartnerCenterCertificates)(
        config.microsoft.trustedCertificatePem,
      ),
  );
  const now = () => new Date();
  const sessionRevocations = once(() => new SessionRevocations(store(), now));
  return {
    config,
    get sessionRevocations() {
      return sessionRevocations();
    },
    get graph() {
      return graph();
    },
    get store() {
      return store();
    },
    get queue() {
      return queue();
    },
    get mailer() {
      return mailer();
    },
    get partnerCenterCertificates() {
      return partnerCenterCertificates();
    },
    get emailEventVerifier() {
      return eventVerifier();
    },
    get auditArchive() {
      return auditArchive();
    },
    get queueBacklog() {
      return queueBacklog();
    },
    tokens: new TokenValidator(config.auth),
    customerSignIn: new CustomerSignIn({
      authority: config.auth.authority,
      clientId: config.auth.clientId,
      clientSecret: config.auth.clientSecret,
      redirectUri: `${config.publicBaseUrl}/api/auth/callback`,
    }),
    customerCookies: customerSessionCookies(config.session),
    domainTenants: new EntraDomainTenants({ authority: config.auth.authority }),
    now,
    readInvitationRow: rowToInvitation,
    lookupHost: systemLookup,
    postWebhook,
  };
}

let current: AppServices | undefined;

/**
 * The process-wide services, built on first use: Functions reuses a worker across invocations,
 * so clients and their connection pools must outlive one request.
 */
export function appServices(): AppServices {
  current ??= createAppServices(loadAppConfig());
  return current;
}

/** Drops the cached services so the next call re-reads the settings (local host, tests). */
export function resetAppServices(): void {
  current = undefined;
}
