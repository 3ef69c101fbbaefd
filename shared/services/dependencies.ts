import type { ArchiveStore } from '../archive/archiveStore';
import type { CustomerSessionCookies } from '../auth/customerSession';
import type { CustomerSignIn } from '../auth/customerSignIn';
import type { DomainTenants } from '../auth/domainTenants';
import type { SessionRevocations } from '../auth/sessionRevocations';
import type { TokenValidator } from '../auth/tokenValidator';
import type { InvitationRowReader } from '../domain/newInvitation';
import type { AppConfig } from '../config/appConfig';
import type { DelegatedAdminGraph } from '../graph/delegatedAdminGraph';
import type { PartnerCenterCertificates } from '../graph/partnerCenterCertificates';
import type { Mailer } from '../mail/mailer';
import type { SendGridEventVerifier } from '../mail/sendgridEventWebhook';
import type { MessageQueue } from '../queue/messageQueue';
import type { QueueBacklogReader } from '../queue/queueBacklog';
import type { DocumentStore } from '../store/documentStore';
import type { HostLookup, WebhookPost } from '../outbound/webhookPost';

/** What the domain services need from the outside world; adapters are injected. */
export interface Dependencies {
  readonly config: AppConfig;
  readonly store: DocumentStore;
  readonly queue: MessageQueue;
  readonly mailer: Mailer;
  /** Which Entra organization owns a domain: the only one whose admins answer for it. */
  readonly domainTenants: DomainTenants;
  /** Microsoft Graph's GDAP endpoints, app-only in each partner's tenant. */
  readonly graph: DelegatedAdminGraph;
  readonly now: () => Date;
  /** Reads one uploaded batch row with the API's schema for a single invitation. */
  readonly readInvitationRow: InvitationRowReader;
  /** How webhook host names are resolved (the system's resolver in the app). */
  readonly lookupHost: HostLookup;
  /** A webhook attempt's POST, connected only to addresses `lookupHost` gives and allows. */
  readonly postWebhook: WebhookPost;
}

/**
 * Everything a function needs: the domain's dependencies plus token validation. The composition
 * root (shared/app/appServices) builds it; the entry layer hands it to http/, queue/ and web/.
 */
export interface AppServices extends Dependencies {
  readonly tokens: TokenValidator;
  /** The customer admins' interactive sign-in on the acceptance pages, and its cookies. */
  readonly customerSignIn: CustomerSignIn;
  readonly customerCookies: CustomerSessionCookies;
  /** Signed-out customer sessions, refused until they would have expired. */
  readonly sessionRevocations: SessionRevocations;
  /** SendGrid's signed Event Webhook; absent while no verification key is configured. */
  readonly emailEventVerifier?: SendGridEventVerifier;
  /** Blob storage for audit events past AUDIT_ARCHIVE_AFTER_DAYS (the housekeeping timer). */
  readonly auditArchive: ArchiveStore;
  /** What waits in the queues, for the metrics the resumeStuckWork timer records. */
  readonly queueBacklog: QueueBacklogReader;
  /** Partner Center's event signing certificates, fetched by the URL an event names. */
  readonly partnerCenterCertificates: PartnerCenterCertificates;
}
