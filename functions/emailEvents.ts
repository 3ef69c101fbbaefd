import { app } from '@azure/functions';
import { endpoint } from '../shared/app/entryPoints';
import { fieldProblem, ProblemError } from '../shared/domain/problem';
import { parseJson, readBodyBytes } from '../shared/http/requestBody';
import { jsonResponse } from '../shared/http/responses';
import { recordEmailEvents } from '../shared/services/emailEvents';
import type { ResponseOf } from '../shared/api/contractResponses';
import type { EndpointArgs } from '../shared/http/endpoint';

/** SendGrid posts batches of events; a busy account's batch stays well below this. */
const MAX_EVENTS_BODY_BYTES = 5 * 1024 * 1024;

/**
 * SendGrid's Event Webhook: delivery events of invitation emails. Anonymous at the HTTP level
 * (SendGrid sends no token) but nothing is read before the ECDSA signature over the timestamp
 * and the raw body checks out with the configured key.
 */
app.http('emailEvents', {
  methods: ['POST'],
  route: 'email-events',
  authLevel: 'anonymous',
  handler: endpoint(emailEventsHandler),
});

async function emailEventsHandler({
  request,
  services,
  context,
}: EndpointArgs): Promise<ResponseOf<'emailEvents'>> {
  const verifier = services.emailEventVerifier;
  if (verifier === undefined) {
    throw new ProblemError({
      status: 503,
      code: 'EMAIL_EVENTS_NOT_CONFIGURED',
      title: 'Email events are not configured',
      detail: 'Set SENDGRID_EVENT_WEBHOOK_PUBLIC_KEY to the verification key SendGrid shows.',
    });
  }
  const raw = await readBodyBytes(request, MAX_EVENTS_BODY_BYTES);
  const verdict = verifier.verify(raw, request.headers, services.now());
  if (verdict !== 'valid') {
    throw new ProblemError({
      status: 401,
      code: verdict === 'stale' ? 'SIGNATURE_EXPIRED' : 'SIGNATURE_INVALID',
      title: 'The event webhook signature is not accepted',
      detail:
        verdict === 'stale'
          ? `The signed timestamp is more than ${verifier.toleranceSeconds} seconds from now.`
          : `${verdict === 'missing' ? 'Missing' : 'Invalid'} SendGrid signature (X-Twilio-Email-Event-Webhook-Signature over the timestamp and the body).`,
    });
  }
  const batch = parseJson(raw.toString('utf8'));
  if (!Array.isArray(batch)) {
    throw fieldProblem(400, 'VALIDATION_FAILED', 'body', 'Expected a JSON array of events.');
  }
  const outcome = await recordEmailEvents(services, batch);
  context.log(`email events: ${outcome.recorded} recorded, ${outcome.ignored} ignored`);
  return jsonResponse(200, outcome);
}
