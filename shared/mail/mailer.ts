import type { TraceCarrier } from '../telemetry/traceContext';

/** An email as the dispatch function hands it over. */
export interface OutgoingEmail {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  /**
   * Correlate the provider's delivery events back to the invitation: the partner's tenant and
   * the invitation id make a point read, the dispatch id tells which send an event is about.
   */
  readonly invitationId: string;
  readonly partnerTenantId: string;
  readonly dispatchId: string;
}

/**
 * Why a send failed, as the retry policy needs it: `transient` may succeed later (429, 5xx,
 * network), `permanent` will not (bad address, rejected content, bad key).
 */
export class MailSendError extends Error {
  constructor(
    message: string,
    readonly kind: 'transient' | 'permanent',
    readonly status: number | undefined,
    readonly retryAfterSeconds: number | undefined,
  ) {
    super(message);
    this.name = 'MailSendError';
  }
}

/** The narrow port for sending mail; the SendGrid adapter implements it. */
export interface Mailer {
  send(email: OutgoingEmail): Promise<{ messageId: string | undefined }>;
  /**
   * Hands many emails over in as few requests as the provider allows. Outcomes come in the
   * order of `emails`; a provider's refusal is an outcome, not a throw.
   */
  sendRun(emails: readonly OutgoingPersonalEmail[]): Promise<RunOutcome[]>;
}

/** One email of a run, with the values only it holds (see `PersonalEmail`). */
export interface OutgoingPersonalEmail extends OutgoingEmail {
  readonly personal: Readonly<Record<string, string>>;
  /**
   * The trace of the email's own journey, when it is not the run's (single sends that went
   * together): its delivery events then carry it, not the run's.
   */
  readonly trace?: TraceCarrier;
}

/** What became of one email of a run: accepted by the provider, or refused with a reason. */
export type RunOutcome =
  | { readonly accepted: true; readonly messageId: string | undefined }
  | { readonly accepted: false; readonly error: MailSendError };
