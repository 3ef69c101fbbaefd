import { X509Certificate } from 'node:crypto';
import type { Agent } from 'undici';

/* eslint-disable-next-line @typescript-eslint/no-require-imports -- local stand-in only */
const undiciSdk = () => require('undici') as typeof import('undici');

/** Fetches the certificate a Partner Center event names; the caller checked its URL first. */
export interface PartnerCenterCertificates {
  certificate(url: string): Promise<X509Certificate>;
}

/** A certificate larger than this is not one. */
const MAX_CERTIFICATE_BYTES = 16 * 1024;

/**
 * Partner Center's signing certificates by URL (DER or PEM), kept in memory for an hour: events
 * come in bursts and the certificate rarely changes. A fetch that fails throws, and the event
 * is refused as unverifiable.
 */
export class HttpPartnerCenterCertificates implements PartnerCenterCertificates {
  private readonly cache = new Map<string, { certificate: X509Certificate; until: number }>();
  private readonly dispatcher: Agent | undefined;

  constructor(trustedCertificatePem?: string) {
    this.dispatcher =
      trustedCertificatePem === undefined
        ? undefined
        : new (undiciSdk().Agent)({ connect: { ca: trustedCertificatePem } });
  }

  async certificate(url: string): Promise<X509Certificate> {
    const cached = this.cache.get(url);
    if (cached !== undefined && cached.until > Date.now()) return cached.certificate;
    const response = await fetch(url, {
      redirect: 'error',
      signal: AbortSignal.timeout(5000),
      ...(this.dispatcher === undefined ? {} : { dispatcher: this.dispatcher }),
    } as RequestInit);
    if (!response.ok) throw new Error(`The certificate URL answered ${response.status}`);
    const bytes = Buffer.from(await response.arrayBuffer());
    if (bytes.length > MAX_CERTIFICATE_BYTES) throw new Error('The certificate is too large');
    const certificate = new X509Certificate(bytes);
    this.cache.set(url, { certificate, until: Date.now() + 60 * 60_000 });
    return certificate;
  }
}
