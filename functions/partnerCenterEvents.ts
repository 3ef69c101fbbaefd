import { app } from '@azure/functions';
import type { ResponseOf } from '../shared/api/contractResponses';
import { tenantIdParam } from '../shared/api/schemas';
import { endpoint } from '../shared/app/entryPoints';
import type { EndpointArgs } from '../shared/http/endpoint';
import { notFound, ProblemError } from '../shared/domain/problem';
import { parseJson, readBodyBytes, validate } from '../shared/http/requestBody';
import { jsonResponse } from '../shared/http/responses';
import {
  handlePartnerCenterEvent,
  partnerCenterEventBody,
  verifyPartnerCenterEvent,
} from '../shared/services/partnerCenterEvents';
import { logEvent } from '../shared/telemetry/log';

/** One Partner Center event is a few hundred bytes. */
const MAX_EVENT_BODY_BYTES = 16 * 1024;

/**
 * Partner Center's webhook events for one partner tenant (the URL the partner registers with
 * Partner Center). Anonymous at the HTTP level, authenticated by the event's signature: a
 * forged, tampered or foreign-host event is a 401 and nothing changes. A verified event only
 * triggers a re-read of Microsoft's state; its body is never taken as state.
 */
async function receivePartnerCenterEventHandler({
  request,
  services,
  context,
}: EndpointArgs): Promise<ResponseOf<'receivePartnerCenterEvent'>> {
  const tenant = tenantIdParam.safeParse(request.params.partnerTenantId);
  if (!tenant.success) throw notFound('The partner tenant');
  const partnerTenantId = tenant.data;
  const raw = await readBodyBytes(request, MAX_EVENT_BODY_BYTES);
  const verdict = await verifyPartnerCenterEvent(
    services,
    services.partnerCenterCertificates,
    request.headers,
    raw,
  );
  if (verdict !== 'valid') {
    // A client's mistake or an attack, not our failure: information, ids only.
    logEvent(context, 'information', 'partnerCenter.event.refused', `refused: ${verdict}`, {
      partnerTenantId,
      reason: verdict,
    });
    throw new ProblemError({
      status: 401,
      code: 'PARTNER_CENTER_SIGNATURE_INVALID',
      title: 'The Partner Center event signature is not accepted',
      detail:
        verdict === 'certificateHostRefused'
          ? "The x-ms-certificate-url is not an https URL on Partner Center's host."
          : verdict === 'missing'
            ? 'Send Authorization: Signature <base64> and x-ms-certificate-url.'
            : 'The signature does not verify over the body with the named certificate.',
    });
  }
  const body = validate(partnerCenterEventBody, parseJson(raw.toString('utf8')));
  const outcome = await handlePartnerCenterEvent(services, partnerTenantId, body);
  logEvent(
    context,
    'information',
    'partnerCenter.event.received',
    `${body.EventName}: ${outcome}`,
    {
      partnerTenantId,
      outcome,
    },
  );
  return jsonResponse(200, { outcome });
}

export const receivePartnerCenterEvent = endpoint(receivePartnerCenterEventHandler);

app.http('receivePartnerCenterEvent', {
  methods: ['POST'],
  route: 'partner-center/events/{partnerTenantId}',
  authLevel: 'anonymous',
  handler: receivePartnerCenterEvent,
});
