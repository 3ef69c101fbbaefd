import { EventWebhook, EventWebhookHeader } from '@sendgrid/eventwebhook';

/** The headers SendGrid signs its Event Webhook requests with, lower-cased as Node sees them. */
export const EVENT_WEBHOOK_HEADERS = {
  signature: EventWebhookHeader.SIGNATURE().toLowerCase(),
  timestamp: EventWebhookHeader.TIMESTAMP().toLowerCase(),
} as const;

/**
 * How old a signed request may be. SendGrid signs each POST when it makes it (a retry is
 * signed anew), so a fresh request is seconds old; ten minutes leaves room for clock skew and
 * a slow network while a captured request stops working soon after. Replays inside the window
 * change nothing anyway: events are recorded once per `sg_event_id`.
 */
export const EVENT_WEBHOOK_TOLERANCE_SECONDS = 600;

export type EventWebhookVerdict = 'valid' | 'missing' | 'invalid' | 'stale';

/** Verifies SendGrid's signed Event Webhook with SendGrid's own library (ECDSA P-256). */
export class SendGridEventVerifier {
  private readonly webhook = new EventWebhook();
  private readonly publicKey: ReturnType<EventWebhook['convertPublicKeyToECDSA']>;

  /** `publicKeyBase64`: the verification key SendGrid shows (base64 DER). */
  constructor(publicKeyBase64: string) {
    this.publicKey = this.webhook.convertPublicKeyToECDSA(publicKeyBase64);
  }

  /** The signature covers the timestamp header followed by the raw body, byte for byte. */
  verify(
    rawBody: Buffer,
    signature: string | null,
    timestamp: string | null,
    now: Date,
  ): EventWebhookVerdict {
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
