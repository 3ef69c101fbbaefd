import { createVerify, type X509Certificate } from 'node:crypto';

/**
 * Partner Center's webhook events are signed: `Authorization: Signature <base64>` is an
 * RSA-SHA256 signature over the exact request body, made with the key of the certificate whose
 * URL the request names (`x-ms-certificate-url`). A receiver fetches that certificate only from
 * Partner Center's own host, then checks the signature with it. These are the pure checks; the
 * fetch belongs to an adapter.
 */

/** True when the certificate may be fetched: https, on exactly the expected host. */
export function isPartnerCenterCertificateUrl(
  certificateUrl: string,
  allowedHost: string,
): boolean {
  let url: URL;
  try {
    url = new URL(certificateUrl);
  } catch {
    return false;
  }
  return (
    url.protocol === 'https:' &&
    url.host.toLowerCase() === allowedHost.toLowerCase() &&
    url.username === '' &&
    url.password === ''
  );
}

/** The base64 signature of an `Authorization: Signature <base64>` header; undefined otherwise. */
export function signatureOf(authorization: string | null | undefined): string | undefined {
  const match = /^Signature ([A-Za-z0-9+/]+={0,2})$/.exec(authorization?.trim() ?? '');
  return match?.[1];
}

/** True when `signature` is the certificate's RSA-SHA256 signature over `body`, and it is valid now. */
export function isSignedByCertificate(
  body: Buffer | string,
  signature: string,
  certificate: X509Certificate,
  now: Date,
): boolean {
  if (now < new Date(certificate.validFrom) || now > new Date(certificate.validTo)) return false;
  return createVerify('sha256').update(body).verify(certificate.publicKey, signature, 'base64');
}
