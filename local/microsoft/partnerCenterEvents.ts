import { randomUUID, sign } from 'node:crypto';
import type { LocalCertificate } from './certificates';

/*
 * Partner Center's webhook events as the stand-in sends them: a JSON body signed with the
 * private key of a certificate whose URL travels with the request, so that the receiver checks
 * the signature with that certificate after checking where it comes from.
 */

export interface PartnerCenterEvent {
  readonly EventName: string;
  readonly ResourceUri: string;
  readonly ResourceName: string;
  readonly AuditUri: string | null;
  readonly ResourceChangeUtcDate: string;
}

export interface PartnerCenterDelivery {
  readonly url: string;
  readonly event: PartnerCenterEvent;
  readonly status: number | 'unreachable';
}

/** The headers Partner Center sends with an event body, the signature over its exact bytes. */
export function signedEventHeaders(
  body: string,
  certificate: Pick<LocalCertificate, 'privateKey'>,
  certificateUrl: string,
): Record<string, string> {
  const signature = sign('sha256', Buffer.from(body), certificate.privateKey).toString('base64');
  return {
    'Content-Type': 'application/json',
    Authorization: `Signature ${signature}`,
    'x-ms-certificate-url': certificateUrl,
    'x-ms-signature-algorithm': 'rsa-sha256',
    'x-ms-correlation-id': randomUUID(),
    'x-ms-request-id': randomUUID(),
  };
}

/** Sends one signed event and says how the receiver answered. */
export async function sendPartnerCenterEvent(
  url: string,
  event: PartnerCenterEvent,
  certificate: Pick<LocalCertificate, 'privateKey'>,
  certificateUrl: string,
): Promise<PartnerCenterDelivery> {
  const body = JSON.stringify(event);
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: signedEventHeaders(body, certificate, certificateUrl),
      body,
    });
    await response.arrayBuffer();
    return { url, event, status: response.status };
  } catch {
    return { url, event, status: 'unreachable' };
  }
}
