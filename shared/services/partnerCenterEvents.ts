import * as z from 'zod';
import { customerTenantOfResourceUri, relationshipIdOfResourceUri } from '../domain/gdapTracking';
import {
  isPartnerCenterCertificateUrl,
  isSignedByCertificate,
  signatureOf,
} from '../domain/partnerCenterSignature';
import type { PartnerCenterCertificates } from '../graph/partnerCenterCertificates';
import type { Dependencies } from './dependencies';
import { findTrackedRelationship, queueGdapCheckNow } from './gdapChecks';
import { resellerRelationshipEvent } from './resellerConfirmation';

/**
 * Why an event's signature is refused (`valid` otherwise): no signature or certificate URL,
 * a certificate URL off Partner Center's host or not https, a certificate that could not be
 * fetched or read, or a signature that does not verify over the exact body (or a certificate
 * outside its validity).
 */
export type EventSignatureVerdict =
  'valid' | 'missing' | 'certificateHostRefused' | 'certificateUnavailable' | 'signatureInvalid';

/**
 * Checks a Partner Center event as Microsoft documents it: `Authorization: Signature <base64>`
 * is RSA-SHA256 over the exact body with the key of the certificate at `x-ms-certificate-url`,
 * which is fetched only over https from Partner Center's own host (configured), and must be
 * valid now. Nothing of the body is read before this passes.
 */
export async function verifyPartnerCenterEvent(
  deps: Pick<Dependencies, 'config' | 'now'>,
  certificates: PartnerCenterCertificates,
  headers: { get(name: string): string | null },
  body: Buffer,
): Promise<EventSignatureVerdict> {
  const signature = signatureOf(headers.get('authorization'));
  const certificateUrl = headers.get('x-ms-certificate-url');
  if (signature === undefined || certificateUrl === null || certificateUrl.trim() === '') {
    return 'missing';
  }
  if (
    !isPartnerCenterCertificateUrl(
      certificateUrl.trim(),
      deps.config.microsoft.partnerCenterCertificateHost,
    )
  ) {
    return 'certificateHostRefused';
  }
  let certificate;
  try {
    certificate = await certificates.certificate(certificateUrl.trim());
  } catch {
    return 'certificateUnavailable';
  }
  return isSignedByCertificate(body, signature, certificate, deps.now())
    ? 'valid'
    : 'signatureInvalid';
}

/** A Partner Center event body; other fields Microsoft adds are ignored. */
export const partnerCenterEventBody = z.looseObject({
  EventName: z.string().min(1).max(200),
  ResourceUri: z.string().min(1).max(2000),
});

export type PartnerCenterEventOutcome =
  'recheck-queued' | 'untracked-relationship' | 'reseller-relationship' | 'ignored';

/**
 * Acts on a verified event: it only says that something changed at Microsoft, never what,
 * so a relationship event queues a Graph re-check of the relationship it names (when this
 * partner tracks it), and a reseller acceptance hands the customer's tenant to the reseller
 * confirmation. Any other event is acknowledged and ignored.
 */
export async function handlePartnerCenterEvent(
  deps: Dependencies,
  partnerTenantId: string,
  event: z.output<typeof partnerCenterEventBody>,
): Promise<PartnerCenterEventOutcome> {
  const name = event.EventName.toLowerCase();
  if (
    name.startsWith('granular-admin-relationship-') ||
    name.startsWith('dap-admin-relationship-')
  ) {
    const graphId = relationshipIdOfResourceUri(event.ResourceUri);
    if (graphId === undefined) return 'ignored';
    const customerId = await findTrackedRelationship(deps, partnerTenantId, graphId);
    if (customerId === undefined) return 'untracked-relationship';
    await queueGdapCheckNow(deps, partnerTenantId, customerId, graphId, 'event');
    return 'recheck-queued';
  }
  if (name === 'reseller-relationship-accepted-by-customer') {
    const customerTenantId = customerTenantOfResourceUri(event.ResourceUri);
    if (customerTenantId === undefined) return 'ignored';
    await resellerRelationshipEvent(deps, partnerTenantId, customerTenantId);
    return 'reseller-relationship';
  }
  return 'ignored';
}
