import { BlockList, isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/** Which receiver URLs a partner may register for its webhooks. */

/**
 * Addresses a webhook must never reach: the service's own host, its network and the cloud
 * platform's endpoints (instance metadata at 169.254.169.254, Azure's 168.63.129.16), so a
 * partner cannot use deliveries to probe them. IPv6 addresses that embed an IPv4 address are
 * checked against the IPv4 rules too (`embeddedIPv4Addresses`).
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

/** Four bytes of an address as dotted IPv4, XOR-ed with `mask` (Teredo obfuscates its client). */
function ipv4At(bytes: readonly number[], offset: number, mask = 0): string {
  return bytes
    .slice(offset, offset + 4)
    .map((byte) => byte ^ mask)
    .join('.');
}

/**
 * The IPv4 addresses an IPv6 address reaches through a transition mechanism, which a gateway
 * or the host's own stack may route to: IPv4-mapped (::ffff:0:0/96), SIIT (::ffff:0:0:0/96),
 * NAT64 (64:ff9b::/96), IPv4-compatible (::/96), 6to4 (2002::/16, the gateway's IPv4) and
 * Teredo (2001::/32, its server and its obfuscated client). Empty for any other address.
 */
export function embeddedIPv4Addresses(ipv6: string): string[] {
  const address = ipaddr.IPv6.parse(ipv6);
  const bytes = address.toByteArray();
  switch (address.range()) {
    case 'ipv4Mapped':
    case 'rfc6145':
    case 'rfc6052':
      return [ipv4At(bytes, 12)];
    case '6to4':
      return [ipv4At(bytes, 2)];
    case 'teredo':
      return [ipv4At(bytes, 4), ipv4At(bytes, 12, 0xff)];
    default:
      // IPv4-compatible addresses (deprecated) have no range name of their own.
      return bytes.slice(0, 12).every((byte) => byte === 0) ? [ipv4At(bytes, 12)] : [];
  }
}

/**
 * True for an IP address (v4 or v6, without brackets) a webhook must not be delivered to: in
 * one of the ranges above itself, or carrying an IPv4 address that is (so
 * `[64:ff9b::a9fe:a9fe]` is refused like 169.254.169.254).
 */
export function isNonPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) {
    return false;
  }
  if (family === 4) {
    return NON_PUBLIC_ADDRESSES.check(address, 'ipv4');
  }
  return (
    NON_PUBLIC_ADDRESSES.check(address, 'ipv6') ||
    embeddedIPv4Addresses(address).some((ipv4) => NON_PUBLIC_ADDRESSES.check(ipv4, 'ipv4'))
  );
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
