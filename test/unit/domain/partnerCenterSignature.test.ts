import { createLocalCertificate, signedEventHeaders } from '../../../local/microsoft';
import {
  isPartnerCenterCertificateUrl,
  isSignedByCertificate,
  signatureOf,
} from '../../../shared/domain/partnerCenterSignature';
import { X509Certificate } from 'node:crypto';

const partnerCenter = createLocalCertificate('Partner Center (test)');
const forger = createLocalCertificate('Someone else');
const certificate = new X509Certificate(partnerCenter.certificateDer);
const body = JSON.stringify({
  EventName: 'granular-admin-relationship-approved',
  ResourceUri: 'https://graph.microsoft.com/v1.0/tenantRelationships/delegatedAdminRelationships/x',
  ResourceName: 'DelegatedAdminRelationship',
  AuditUri: null,
  ResourceChangeUtcDate: '2026-12-04T10:00:00Z',
});
const now = new Date();

function signed(text: string, by = partnerCenter): string {
  const headers = signedEventHeaders(text, by, 'https://api.partnercenter.microsoft.com/cert.cer');
  return signatureOf(headers.Authorization)!;
}

test('a genuine event verifies', () => {
  expect(isSignedByCertificate(body, signed(body), certificate, now)).toBe(true);
});

test('a tampered body, a forged key or an expired certificate does not', () => {
  expect(isSignedByCertificate(`${body} `, signed(body), certificate, now)).toBe(false);
  expect(
    isSignedByCertificate(body.replace('approved', 'terminated'), signed(body), certificate, now),
  ).toBe(false);
  expect(isSignedByCertificate(body, signed(body, forger), certificate, now)).toBe(false);
  expect(
    isSignedByCertificate(body, signed(body), certificate, new Date(Date.now() + 3 * 86_400_000)),
  ).toBe(false);
});

test.each([
  ['https://api.partnercenter.microsoft.com/webhooks/v1/cert.cer', true],
  ['https://API.PartnerCenter.microsoft.com/x.cer', true],
  ['http://api.partnercenter.microsoft.com/x.cer', false],
  ['https://api.partnercenter.microsoft.com.evil.example/x.cer', false],
  ['https://evil.example/api.partnercenter.microsoft.com/x.cer', false],
  ['https://user@api.partnercenter.microsoft.com/x.cer', false],
  ['not a url', false],
])('certificate URL %p allowed: %p', (url, allowed) => {
  expect(isPartnerCenterCertificateUrl(url, 'api.partnercenter.microsoft.com')).toBe(allowed);
});

test.each([
  ['Signature abc+/=', 'abc+/='],
  ['Bearer abc', undefined],
  ['Signature ', undefined],
  [null, undefined],
])('signatureOf(%p) = %p', (header, expected) => {
  expect(signatureOf(header)).toBe(expected);
});
