import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { BlockList, isIP } from 'node:net';

/**
 * The rules of partner webhooks that need no I/O: how a delivery is signed and verified, what a
 * secret looks like, when a failed delivery is retried, and which receiver URLs are allowed.
 */

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

/** Retries after a failed attempt are spread over ~1.8 h with the default 8 attempts. */
const FIRST_RETRY_SECONDS = 2;
const RETRY_GROWTH = 4;
export const MAX_RETRY_DELAY_SECONDS = 3600;
/** Jitter takes up to this share off a delay, so receivers recovering from an outage get no herd. */
const JITTER_SHARE = 0.2;

/**
 * The window the retry after failed attempt `attempt` (1-based) is scheduled in: nominally
 * 2 s · 4^(attempt−1) — 2 s, 8 s, 32 s, ~2 min, ~8.5 min, ~34 min, then 1 h — with up to 20 %
 * taken off for jitter. Whole seconds, as queue visibility delays are.
 */
export function webhookRetryWindow(attempt: number): { minSeconds: number; maxSeconds: number } {
  if (!Number.isInteger(attempt) || attempt < 1) {
    throw new Error(`A retry follows attempt 1 or later, not ${attempt}.`);
  }
  const nominal = Math.min(
    FIRST_RETRY_SECONDS * RETRY_GROWTH ** Math.min(attempt - 1, 16),
    MAX_RETRY_DELAY_SECONDS,
  );
  return { minSeconds: Math.ceil(nominal * (1 - JITTER_SHARE)), maxSeconds: nominal };
}

/**
 * The delay before retrying after failed attempt `attempt`, within `webhookRetryWindow`.
 * `random` (in [0, 1)) picks the point in the window; tests pass a fixed one.
 */
export function retryDelaySecondsForWebhook(
  attempt: number,
  random: () => number = Math.random,
): number {
  const { minSeconds, maxSeconds } = webhookRetryWindow(attempt);
  const span = maxSeconds - minSeconds + 1;
  return minSeconds + Math.min(Math.floor(random() * span), span - 1);
}

/**
 * A receiver's `Retry-After` (delta seconds or an HTTP date) in whole seconds from `now`;
 * undefined when absent or unreadable. Capped like our own delays, so a receiver cannot park a
 * delivery for days.
 */
export function parseRetryAfterSeconds(value: string | null, now: Date): number | undefined {
  if (value === null || value.trim() === '') {
    return undefined;
  }
  const text = value.trim();
  let seconds: number;
  if (/^\d+$/.test(text)) {
    seconds = Number(text);
  } else {
    const date = Date.parse(text);
    if (Number.isNaN(date)) {
      return undefined;
    }
    seconds = Math.ceil((date - now.getTime()) / 1000);
  }
  return Math.min(Math.max(seconds, 0), MAX_RETRY_DELAY_SECONDS);
}

/**
 * Addresses a webhook must never reach: the service's own host, its network and the cloud
 * platform's endpoints (instance metadata at 169.254.169.254, Azure's 168.63.129.16), so a
 * partner cannot use deliveries to probe them. IPv4-mapped IPv6 addresses match the IPv4 rules.
 */
const NON_PUBLIC_ADDRESSES: BlockList = (() => {
  const list = new BlockList();
  const v4: Array<[string, number]> = [
    ['0.0.0.0', 8], // "this network"
    ['10.0.0.0', 8], // private
    ['100.64.0.0', 10], // carrier-grade NAT
    ['127.0.0.0', 8], // loopback
    ['169.254.0.0', 16], // link-local, cloud instance metadata
    ['172.16.0.0', 12], // private
    ['192.0.0.0', 24], // IETF protocol assignments
    ['192.0.2.0', 24], // documentation
    ['192.168.0.0', 16], // private
    ['198.18.0.0', 15], // benchmarking
    ['198.51.100.0', 24], // documentation
    ['203.0.113.0', 24], // documentation
    ['224.0.0.0', 4], // multicast
    ['240.0.0.0', 4], // reserved, broadcast
    ['168.63.129.16', 32], // Azure platform (wire server, DNS)
  ];
  const v6: Array<[string, number]> = [
    ['::', 128], // unspecified
    ['::1', 128], // loopback
    ['64:ff9b:1::', 48], // local-use NAT64
    ['100::', 64], // discard-only
    ['2001:db8::', 32], // documentation
    ['fc00::', 7], // unique local
    ['fe80::', 10], // link-local
    ['ff00::', 8], // multicast
  ];
  for (const [network, prefix] of v4) list.addSubnet(network, prefix, 'ipv4');
  for (const [network, prefix] of v6) list.addSubnet(network, prefix, 'ipv6');
  return list;
})();

/** True for an IP address (v4 or v6, without brackets) a webhook must not be delivered to. */
export function isNonPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) {
    return false;
  }
  return NON_PUBLIC_ADDRESSES.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
/** Names that only resolve inside some network (RFC 6761, RFC 6762, RFC 8375, cloud-internal). */
const INTERNAL_NAME_SUFFIXES = ['localhost', 'local', 'internal', 'home.arpa', 'localdomain'];
export const WEBHOOK_URL_MAX_LENGTH = 2048;

/**
 * Checks a receiver URL a partner registers; returns what is wrong, or undefined. Only https,
 * no credentials (they would be stored and logged with the URL), no fragment, and a public
 * host: no IP literal in a private, loopback, link-local or otherwise special range and no
 * single-label or internal name. With `allowHttpLoopback` (local development only) a receiver
 * on 127.0.0.1, localhost or [::1] is allowed over http or https. Addresses a public name
 * resolves to are checked again when delivering.
 */
export function validateWebhookUrl(
  url: string,
  options: { allowHttpLoopback: boolean },
): string | undefined {
  if (url.length > WEBHOOK_URL_MAX_LENGTH) {
    return `The URL must be at most ${WEBHOOK_URL_MAX_LENGTH} characters.`;
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'The URL is not an absolute URL.';
  }
  if (parsed.username !== '' || parsed.password !== '') {
    return 'The URL must not contain credentials; authenticate deliveries by their signature.';
  }
  if (parsed.hash !== '' || url.includes('#')) {
    return 'The URL must not contain a fragment.';
  }
  const host = parsed.hostname.toLowerCase().replace(/\.$/, '');
  const loopback = LOOPBACK_HOSTS.has(host);
  if (options.allowHttpLoopback && loopback && ['http:', 'https:'].includes(parsed.protocol)) {
    return undefined;
  }
  if (parsed.protocol !== 'https:') {
    return 'The URL must use https.';
  }
  const address = host.startsWith('[') ? host.slice(1, -1) : host;
  if (isIP(address) !== 0) {
    return isNonPublicAddress(address)
      ? 'The URL must not point to a private, loopback, link-local or reserved address.'
      : undefined;
  }
  if (loopback || !host.includes('.')) {
    return 'The URL must name a public host (a fully qualified domain name).';
  }
  if (INTERNAL_NAME_SUFFIXES.some((suffix) => host === suffix || host.endsWith(`.${suffix}`))) {
    return 'The URL must name a public host, not a local or internal name.';
  }
  return undefined;
}
