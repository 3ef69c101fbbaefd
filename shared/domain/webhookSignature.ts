import { createHmac, randomBytes } from 'node:crypto';

/**
 * How a partner webhook delivery is signed, in the Standard Webhooks format
 * (https://www.standardwebhooks.com), so receivers verify it with that project's libraries:
 * `webhook-signature` carries `v1,<base64 HMAC-SHA256>` of `<webhook-id>.<webhook-timestamp>.<body>`
 * for each valid secret, the key being the bytes after `whsec_`, base64-decoded.
 */

const SECRET_PREFIX = 'whsec_';
/** The format allows 24 to 64 bytes; 32 is what an HMAC-SHA256 key is best at. */
const SECRET_BYTES = 32;
const SIGNATURE_VERSION = 'v1';

/** A new signing secret: `whsec_` and 32 random bytes in standard (padded) base64. */
export function newWebhookSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(SECRET_BYTES).toString('base64')}`;
}

/**
 * The key a secret stands for. Node's base64 decoder also reads the base64url secrets made
 * before the switch to Standard Webhooks, so those keep signing (with their decoded bytes).
 */
function secretKey(secret: string): Buffer {
  const key = Buffer.from(
    secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret,
    'base64',
  );
  if (key.length === 0) {
    throw new Error('A webhook secret must hold at least one byte.');
  }
  return key;
}

/** The three headers a delivery carries to be verifiable. */
export interface WebhookSignatureHeaders {
  readonly 'webhook-id': string;
  readonly 'webhook-timestamp': string;
  readonly 'webhook-signature': string;
}

/**
 * Signs one message. Pass every secret that is valid right now (the current one first): during
 * a rotation `webhook-signature` carries one space-separated `v1,<base64>` per secret, so a
 * receiver holding either accepts it. `body` must be exactly the bytes sent.
 */
export function signWebhook(
  secrets: string | readonly string[],
  messageId: string,
  timestamp: number,
  body: string,
): WebhookSignatureHeaders {
  const all = typeof secrets === 'string' ? [secrets] : secrets;
  if (all.length === 0) {
    throw new Error('A webhook needs at least one secret to be signed.');
  }
  if (!Number.isSafeInteger(timestamp) || timestamp < 0) {
    throw new Error(`The signature timestamp must be whole unix seconds, not ${timestamp}.`);
  }
  if (messageId.length === 0 || /[\s.]/.test(messageId)) {
    throw new Error(`A webhook message id must be non-empty, without spaces or dots.`);
  }
  const signed = `${messageId}.${timestamp}.${body}`;
  const signatures = all.map(
    (secret) =>
      `${SIGNATURE_VERSION},${createHmac('sha256', secretKey(secret)).update(signed, 'utf8').digest('base64')}`,
  );
  return {
    'webhook-id': messageId,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': signatures.join(' '),
  };
}
