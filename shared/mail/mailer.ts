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
}
