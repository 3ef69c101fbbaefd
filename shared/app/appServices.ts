import { DefaultAzureCredential, type TokenCredential } from '@azure/identity';
import { customerSessionCookies, type CustomerSessionCookies } from '../auth/customerSession';
import { CustomerSignIn } from '../auth/customerSignIn';
import { TokenValidator } from '../auth/tokenValidator';
import { loadAppConfig, type AppConfig } from '../config/appConfig';
import { SendGridEventVerifier } from '../mail/sendgridEventWebhook';
import { SendGridMailer } from '../mail/sendgridMailer';
import { StorageMessageQueue } from '../queue/messageQueue';
import type { Dependencies } from '../services/dependencies';
import { CosmosDocumentStore, createCosmosContainer } from '../store/cosmosDocumentStore';

/** Everything a function needs: the domain's dependencies plus token validation. */
export interface AppServices extends Dependencies {
  readonly tokens: TokenValidator;
  /** The customer admins' interactive sign-in on the acceptance pages, and its cookies. */
  readonly customerSignIn: CustomerSignIn;
  readonly customerCookies: CustomerSessionCookies;
  /** SendGrid's signed Event Webhook; absent while no verification key is configured. */
  readonly emailEventVerifier?: SendGridEventVerifier;
}

/** Wires the real adapters from configuration: managed identity in Azure, keys only locally. */
export function createAppServices(config: AppConfig): AppServices {
  let credential: TokenCredential | undefined;
  const identity = (): TokenCredential =>
    (credential ??= new DefaultAzureCredential(
      config.managedIdentityClientId === undefined
        ? {}
        : { managedIdentityClientId: config.managedIdentityClientId },
    ));
  const container = createCosmosContainer({
    endpoint: config.cosmos.endpoint,
    ...(config.cosmos.key === undefined ? { credential: identity() } : { key: config.cosmos.key }),
    database: config.cosmos.database,
    container: config.cosmos.container,
    allowSelfSigned: config.cosmos.allowSelfSigned,
  });
  const queue = new StorageMessageQueue(
    config.storage.kind === 'connectionString'
      ? config.storage
      : {
          kind: 'identity',
          queueServiceUri: config.storage.queueServiceUri,
          credential: identity(),
        },
  );
  return {
    config,
    store: new CosmosDocumentStore(container),
    queue,
    mailer: new SendGridMailer({
      apiKey: config.mail.apiKey,
      ...(config.mail.baseUrl === undefined ? {} : { baseUrl: config.mail.baseUrl }),
      fromAddress: config.mail.fromAddress,
      fromName: config.mail.fromName,
    }),
    tokens: new TokenValidator(config.auth),
    customerSignIn: new CustomerSignIn({
      authority: config.auth.authority,
      clientId: config.auth.clientId,
      clientSecret: config.auth.clientSecret,
      redirectUri: `${config.publicBaseUrl}/api/auth/callback`,
    }),
    customerCookies: customerSessionCookies(config.session),
    ...(config.mail.eventWebhookPublicKey === undefined
      ? {}
      : { emailEventVerifier: new SendGridEventVerifier(config.mail.eventWebhookPublicKey) }),
    now: () => new Date(),
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
