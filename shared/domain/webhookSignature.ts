import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** How a partner webhook delivery is signed and verified, and what a signing secret looks like. */

/** Signatures older or newer than this are refused, so a captured request cannot be replayed. */
export const DEFAULT_SIGNATURE_TOLERANCE_SECONDS = 300;

const SECRET_PREFIX = 'whsec_';
const SECRET_BYTES = 32;
const SIGNATURE_SCHEME = 'v1';
const HEX_SHA256 = /^[0-9a-f]{64}$/;

/** A new signing secret: 256 random bits, base64url, with a prefix that makes leaks greppable. */
export function newWebhookSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(SECRET_BYTES).toString('base64url')}`;
}

function hmacHex(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex');
}

/**
 * The `X-Webhook-Signature` value: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`.
 * Pass every secret that is valid right now (the current one first): during a rotation the
 * header carries one `v1=` per secret, so receivers holding either secret accept it.
 */
export function signWebhook(
  secrets: string | readonly string[],
  timestamp: number,
  body: string,
): string {
  const all = typeof secrets === 'string' ? [secrets] : secrets;
  if (all.length === 0) {
    throw new Error('A webhook needs at least one secret to be signed.');
  }
  if (!Number.isSafeInteger(timestamp) || timestamp < 0) {
    throw new Error(`The signature timestamp must be whole unix seconds, not ${timestamp}.`);
  }
  const signatures = all.map((secret) => `${SIGNATURE_SCHEME}=${hmacHex(secret, timestamp, body)}`);
  return [`t=${timestamp}`, ...signatures].join(',');
}

/** The parts of a signature header; undefined when it is not in the expected shape. */
function parseSignatureHeader(
  header: string,
): { timestamp: number; signatures: string[] } | undefined {
  let timestamp: number | undefined;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const separator = part.indexOf('=');
    if (separator <= 0) {
      return undefined;
    }
    const key = part.slice(0, separator).trim();
    const value = part.slice(separator + 1).trim();
    if (key === 't') {
      if (timestamp !== undefined || !/^\d{1,12}$/.test(value)) {
        return undefined;
      }
      timestamp = Number(value);
    } else if (key === SIGNATURE_SCHEME) {
      signatures.push(value);
    }
    // Other schemes are ignored, so a receiver keeps working when a new one is added beside v1.
  }
  return timestamp === undefined ? undefined : { timestamp, signatures };
}

/**
 * What a receiver runs on each request: true when the header's timestamp is within
 * `toleranceSeconds` of `nowSeconds` (either way, so neither an old capture nor a forged future
 * timestamp passes) and one of its `v1` signatures is the HMAC of `<t>.<body>` with one of
 * `secrets`. `body` must be the raw request body, byte for byte, not re-serialized JSON.
 */
export function verifyWebhookSignature(
  header: string | null | undefined,
  body: string,
  secrets: readonly string[],
  nowSeconds: number,
  toleranceSeconds = DEFAULT_SIGNATURE_TOLERANCE_SECONDS,
): boolean {
  if (typeof header !== 'string' || header.length > 4096) {
    return false;
  }
  const parsed = parseSignatureHeader(header);
  if (parsed === undefined || Math.abs(nowSeconds - parsed.timestamp) > toleranceSeconds) {
    return false;
  }
  const received = parsed.signatures
    .filter((signature) => HEX_SHA256.test(signature))
    .map((signature) => Buffer.from(signature, 'hex'));
  let matched = false;
  for (const secret of secrets) {
    const expected = Buffer.from(hmacHex(secret, parsed.timestamp, body), 'hex');
    for (const candidate of received) {
      // Compare every pair without stopping early: the timing says nothing about which matched.
      matched = timingSafeEqual(expected, candidate) || matched;
    }
  }
  return matched;
}
