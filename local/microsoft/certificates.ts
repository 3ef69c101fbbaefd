import { createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import forge from 'node-forge';

/** A certificate made for one start of the stand-in, with its private key. */
export interface LocalCertificate {
  /** PEM, as a TLS server presents it and as a client trusts it. */
  readonly certificatePem: string;
  /** DER, as Partner Center serves its signing certificate (`.cer`). */
  readonly certificateDer: Buffer;
  readonly privateKeyPem: string;
  readonly privateKey: KeyObject;
}

/**
 * A self-signed RSA certificate for `commonName`, valid for loopback (127.0.0.1 and localhost)
 * for a day: made anew at each start, so no key is ever stored or committed.
 */
export function createLocalCertificate(commonName: string): LocalCertificate {
  const { privateKey: privateKeyPem, publicKey: publicKeyPem } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  const certificate = forge.pki.createCertificate();
  certificate.publicKey = forge.pki.publicKeyFromPem(publicKeyPem);
  certificate.serialNumber = `01${Date.now().toString(16)}`;
  certificate.validity.notBefore = new Date(Date.now() - 60_000);
  certificate.validity.notAfter = new Date(Date.now() + 24 * 3600_000);
  const name = [{ name: 'commonName', value: commonName }];
  certificate.setSubject(name);
  certificate.setIssuer(name);
  certificate.setExtensions([
    { name: 'basicConstraints', cA: true },
    {
      name: 'subjectAltName',
      altNames: [
        { type: 7, ip: '127.0.0.1' },
        { type: 2, value: 'localhost' },
      ],
    },
  ]);
  certificate.sign(forge.pki.privateKeyFromPem(privateKeyPem), forge.md.sha256.create());
  const der = forge.asn1.toDer(forge.pki.certificateToAsn1(certificate)).getBytes();
  return {
    certificatePem: forge.pki.certificateToPem(certificate),
    certificateDer: Buffer.from(der, 'binary'),
    privateKeyPem,
    privateKey: createPrivateKey(privateKeyPem),
  };
}
