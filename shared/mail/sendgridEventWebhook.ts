import { EventWebhook, EventWebhookHeader } from '@sendgrid/eventwebhook';

/**
 * How old a signed request may be. SendGrid signs each POST when it makes it (a retry is
 * signed anew), so a fresh request is seconds old; ten minutes leaves room for clock skew and
 * a slow network while a captured request stops working soon after. Replays inside the window
 * change nothing anyway: events are recorded once per `sg_event_id`.
 */
const EVENT_WEBHOOK_TOLERANCE_SECONDS = 600;

export type EventWebhookVerdict = 'valid' | 'missing' | 'invalid' | 'stale';

/** What a request's headers offer: Fetch `Headers`, as the Functions HTTP request has them. */
export interface SignedHeaders {
  get(name: string): string | null;
}

/**
 * Verifies SendGrid's signed Event Webhook with SendGrid's own library (ECDSA P-256). The
 * function imports only this module's types: the library is loaded with the verifier, on the
 * first event request (shared/app/appServices.ts), not when the function files load.
 */
export class SendGridEventVerifier {
  /** How far the signed timestamp may be from now (`stale` beyond it). */
  readonly toleranceSeconds = EVENT_WEBHOOK_TOLERANCE_SECONDS;
  private readonly webhook = new EventWebhook();
  private readonly publicKey: ReturnType<EventWebhook['convertPublicKeyToECDSA']>;

  /** `publicKeyBase64`: the verification key SendGrid shows (base64 DER). */
  constructor(publicKeyBase64: string) {
    this.publicKey = this.webhook.convertPublicKeyToECDSA(publicKeyBase64);
  }

  /**
   * The signature (header `X-Twilio-Email-Event-Webhook-Signature`) covers the timestamp header
   * followed by the raw body, byte for byte.
   */
  verify(rawBody: Buffer, headers: SignedHeaders, now: Date): EventWebhookVerdict {
    const signature = headers.get(EventWebhookHeader.SIGNATURE());
    const timestamp = headers.get(EventWebhookHeader.TIMESTAMP());
    if (!signature || !timestamp) {
      return 'missing';
    }
    let valid: boolean;
    try {
      valid = this.webhook.verifySignature(this.publicKey, rawBody, signature, timestamp);
    } catch {
      // The library throws on a signature that is not base64 DER: that is a bad signature.
      valid = false;
    }
    if (!valid) {
      return 'invalid';
    }
    const ageSeconds = now.getTime() / 1000 - Number(timestamp);
    return /^\d+$/.test(timestamp) && Math.abs(ageSeconds) <= EVENT_WEBHOOK_TOLERANCE_SECONDS
      ? 'valid'
      : 'stale';
  }
}
