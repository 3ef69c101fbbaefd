import { Client } from '@sendgrid/client';
import { MailService } from '@sendgrid/mail';
import { linksTo, withDependencySpan } from '../telemetry/spans';
import { currentTraceCarrier, type TraceCarrier } from '../telemetry/traceContext';
import { mailRuns, type MailRun } from '../domain/personalizedMail';
import {
  MailSendError,
  type Mailer,
  type OutgoingEmail,
  type OutgoingPersonalEmail,
  type RunOutcome,
} from './mailer';

export interface SendGridOptions {
  readonly apiKey: string;
  /** Only for the local capture endpoint; SendGrid's own host otherwise. */
  readonly baseUrl?: string;
  readonly fromAddress: string;
  readonly fromName: string;
  readonly timeoutMs?: number;
}

/** Sends through SendGrid's v3 API with the official client, one instance per app. */
export class SendGridMailer implements Mailer {
  private readonly mail: MailService;

  constructor(private readonly options: SendGridOptions) {
    const client = new Client();
    client.setApiKey(options.apiKey);
    // setApiKey resets the base URL, so the local endpoint must be set after it.
    if (options.baseUrl !== undefined) {
      client.setDefaultRequest('baseUrl', options.baseUrl);
    }
    this.mail = new MailService();
    this.mail.setClient(client);
    this.mail.setTimeout(options.timeoutMs ?? 15_000);
  }

  /**
   * One send, as a dependency span. The span's trace context goes along as the custom
   * argument `traceparent`, which SendGrid copies into its delivery events like the ids.
   */
  async send(email: OutgoingEmail): Promise<{ messageId: string | undefined }> {
    return withDependencySpan(
      'SendGrid mail send',
      {
        'http.request.method': 'POST',
        'server.address': new URL(this.options.baseUrl ?? 'https://api.sendgrid.com').hostname,
        'reseller.invitationId': email.invitationId,
        'reseller.partnerTenantId': email.partnerTenantId,
      },
      () => this.sendNow(email),
      (result) => ({ statusCode: result.statusCode }),
    ).then(({ messageId }) => ({ messageId }));
  }

  /**
   * Many emails in requests of up to 1,000 personalizations, one per recipient with its own
   * subject, substitutions and custom arguments. A request refused for its content is retried
   * one email at a time, so one bad address does not fail the others; once SendGrid answers
   * 429 or 5xx, the requests not yet made are not tried either (the caller retries them later),
   * and the ones already accepted are never sent again.
   */
  async sendRun(emails: readonly OutgoingPersonalEmail[]): Promise<RunOutcome[]> {
    const outcomes: RunOutcome[] = new Array<RunOutcome>(emails.length);
    const runs = mailRuns(emails.map((email, index) => ({ ...email, item: index })));
    let holdBack: MailSendError | undefined;
    for (const run of runs) {
      const indexes = run.personalizations.map((p) => p.item);
      if (holdBack !== undefined) {
        for (const index of indexes) outcomes[index] = { accepted: false, error: holdBack };
        continue;
      }
      try {
        const { messageId } = await this.sendRequest(run, emails);
        for (const index of indexes) outcomes[index] = { accepted: true, messageId };
      } catch (caught) {
        const error = caught instanceof MailSendError ? caught : toMailSendError(caught);
        if (error.kind === 'transient') {
          holdBack = error;
          for (const index of indexes) outcomes[index] = { accepted: false, error };
        } else if (indexes.length === 1) {
          outcomes[indexes[0]!] = { accepted: false, error };
        } else {
          // Which recipient SendGrid refused is not said per personalization: ask one by one.
          const singles = await this.sendRun(
            indexes.map((index) => ({ ...emails[index]!, personal: {} })),
          );
          singles.forEach((outcome, i) => (outcomes[indexes[i]!] = outcome));
          for (const single of singles) {
            if (!single.accepted && single.error.kind === 'transient') holdBack = single.error;
          }
        }
      }
    }
    return outcomes;
  }

  private sendRequest(
    run: MailRun<number>,
    emails: readonly OutgoingPersonalEmail[],
  ): Promise<{ messageId: string | undefined }> {
    const first = emails[run.personalizations[0]!.item]!;
    return withDependencySpan(
      'SendGrid mail send',
      {
        'http.request.method': 'POST',
        'server.address': new URL(this.options.baseUrl ?? 'https://api.sendgrid.com').hostname,
        'reseller.partnerTenantId': first.partnerTenantId,
        'reseller.personalizations': run.personalizations.length,
      },
      async () => {
        const trace = currentTraceCarrier();
        try {
          const [response] = await this.mail.send({
            ...this.common(),
            // The client requires a top-level subject; each personalization's own overrides it.
            subject: first.subject,
            text: run.text,
            html: run.html,
            personalizations: run.personalizations.map((p) => {
              const email = emails[p.item]!;
              return {
                to: email.to,
                subject: email.subject,
                ...(Object.keys(p.substitutions).length > 0
                  ? { substitutions: p.substitutions }
                  : {}),
                customArgs: customArgsOf(email, email.trace ?? trace),
              };
            }),
          });
          return answerOf(response);
        } catch (error) {
          throw toMailSendError(error);
        }
      },
      (result) => ({ statusCode: result.statusCode }),
      // Grouped single sends: the request runs in the first one's journey, linked to the others'.
      linksTo(run.personalizations.map((p) => emails[p.item]!.trace)),
    ).then(({ messageId }) => ({ messageId }));
  }

  private async sendNow(
    email: OutgoingEmail,
  ): Promise<{ messageId: string | undefined; statusCode: number }> {
    try {
      const [response] = await this.mail.send({
        ...this.common(),
        to: email.to,
        subject: email.subject,
        text: email.text,
        html: email.html,
        customArgs: customArgsOf(email, currentTraceCarrier()),
      });
      return answerOf(response);
    } catch (error) {
      throw toMailSendError(error);
    }
  }

  /** What every request carries: the sender, the category, and no tracking. */
  private common() {
    return {
      from: { email: this.options.fromAddress, name: this.options.fromName },
      categories: ['reseller-invitation'],
      // An account with click tracking on would rewrite the personal acceptance link through
      // SendGrid's tracking host, and open tracking adds a pixel: neither in these emails.
      trackingSettings: {
        clickTracking: { enable: false, enableText: false },
        openTracking: { enable: false },
      },
    };
  }
}

/** Classifies a client error: 429 and 5xx and network errors are worth retrying. */
export function toMailSendError(error: unknown): MailSendError {
  const e = error as {
    code?: unknown;
    message?: string;
    response?: { headers?: Record<string, unknown>; body?: { errors?: { message?: string }[] } };
  };
  const status = typeof e.code === 'number' ? e.code : undefined;
  if (status === undefined || e.response === undefined) {
    return new MailSendError(
      `SendGrid unreachable: ${e.message ?? String(error)}`,
      'transient',
      undefined,
      undefined,
    );
  }
  const detail =
    e.response.body?.errors
      ?.map((item) => item.message)
      .filter(Boolean)
      .join('; ') || e.message;
  const retryAfter = Number(e.response.headers?.['retry-after']);
  const transient = status === 429 || status >= 500;
  return new MailSendError(
    `SendGrid answered ${status}: ${detail}`,
    transient ? 'transient' : 'permanent',
    status,
    Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter : undefined,
  );
}

/** The ids SendGrid hands back in its delivery events, and the trace the send belongs to. */
function customArgsOf(
  email: Pick<OutgoingEmail, 'invitationId' | 'partnerTenantId' | 'dispatchId'>,
  trace: TraceCarrier | undefined,
): Record<string, string> {
  return {
    invitationId: email.invitationId,
    partnerTenantId: email.partnerTenantId,
    dispatchId: email.dispatchId,
    ...trace,
  };
}

function answerOf(response: { headers: Record<string, unknown>; statusCode: number }) {
  const messageId = response.headers['x-message-id'];
  return {
    messageId: typeof messageId === 'string' ? messageId : undefined,
    statusCode: response.statusCode,
  };
}
