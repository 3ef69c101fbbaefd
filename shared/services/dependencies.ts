import type { AppConfig } from '../config/appConfig';
import type { DelegatedAdminGraph } from '../graph/delegatedAdminGraph';
import type { Mailer } from '../mail/mailer';
import type { MessageQueue } from '../queue/messageQueue';
import type { DocumentStore } from '../store/documentStore';

/** What the domain services need from the outside world; adapters are injected. */
export interface Dependencies {
  readonly config: AppConfig;
  readonly store: DocumentStore;
  readonly queue: MessageQueue;
  readonly mailer: Mailer;
  /** Microsoft Graph's GDAP endpoints, app-only in each partner's tenant. */
  readonly graph: DelegatedAdminGraph;
  readonly now: () => Date;
}
