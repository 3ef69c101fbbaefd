import { randomUUID } from 'node:crypto';
import { appServices } from '../../shared/app/appServices';
import { SendGridMailer } from '../../shared/mail/sendgridMailer';
import {
  dispatchEmailRun,
  dispatchInvitationEmailWithOthers,
} from '../../shared/services/emailDispatch';
import type { DocumentStore } from '../../shared/store/documentStore';
import type { InvitationDocument } from '../../shared/store/documents';
import type { OutgoingPersonalEmail } from '../../shared/mail/mailer';
import { partnerDocuments, queueMessage } from './support/storeAccess';
import { startTestStack, type Partner, type TestStack } from './support/testStack';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({ EMAIL_MAX_ATTEMPTS: '5' });
}, 60_000);

afterAll(async () => {
  await stack?.close();
});

beforeEach(() => stack.sendgrid.clear());

interface InvitationDoc {
  id: string;
  status: string;
  acceptUrl: string;
  locale: string;
  customer: { email: string; companyName: string };
  draft: { subject: string; text: string; html: string };
  dispatch: { id: string; attempts: number };
  sentAt?: string;
}

function batchRows(count: number, tag: string) {
  return Array.from({ length: count }, (_, n) => ({
    email: `admin@r${n}-${tag}.example`,
    // An ampersand: the HTML carries it escaped, the text as is, each from its own substitution.
    companyName: `Kunde ${n} & Söhne`,
    domain: `r${n}-${tag}.onmicrosoft.com`,
    country: 'DE',
    includeDelegatedAdmin: false,
    locale: n % 2 === 0 ? 'de-DE' : 'en-US',
  }));
}

async function postBatch(partner: Partner, rows: readonly object[]) {
  const posted = await partner.api('/api/invitation-batches?send=true', {
    method: 'POST',
    json: rows,
  });
  expect(posted.status).toBe(202);
  return posted.body.id as string;
}

/** Waits until every invitation of the partner is sent (or `timeoutMs` passed), then returns them. */
async function sentInvitations(partner: Partner, count: number, timeoutMs = 280_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const invitations = (await partnerDocuments(stack, partner, 'invitation')) as InvitationDoc[];
    if (invitations.length === count && invitations.every((i) => i.status === 'sent')) {
      return invitations;
    }
    if (Date.now() > deadline) {
      const statuses = invitations.map((i) => i.status);
      throw new Error(`after ${timeoutMs} ms: ${statuses.length} invitations, ${statuses.join()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const mailsTo = (tag: string) =>
  stack.sendgrid.messages().filter((m) => m.to.some((to) => to.includes(tag)));

/**
 * Invitations created through the API for `rows`, then written `sending` for a dispatch of the
 * test's own, which no queue message sends meanwhile: the test hands the dispatches over itself.
 */
async function sendingInvitations(partner: Partner, rows: ReturnType<typeof batchRows>) {
  const dispatches: { partnerTenantId: string; invitationId: string; dispatchId: string }[] = [];
  for (const row of rows) {
    const { email, companyName, domain, country } = row;
    const created = await partner.api('/api/invitations', {
      method: 'POST',
      json: { customer: { email, companyName, domain, country }, includeDelegatedAdmin: false },
    });
    expect(created.status).toBe(201);
    const dispatchId = randomUUID();
    const [document] = (await partnerDocuments(stack, partner, 'invitation')).filter(
      (i: InvitationDoc) => i.id === created.body.id,
    );
    await stack.container.items.upsert({
      ...document,
      status: 'sending',
      dispatch: { id: dispatchId, attempts: 0 },
    });
    dispatches.push({
      partnerTenantId: partner.tenantId,
      invitationId: created.body.id,
      dispatchId,
    });
  }
  return dispatches;
}

// Generous timeouts: a safety margin for a loaded machine, not a speed target (the bench's).
describe('invitation emails of a batch go to SendGrid in runs', () => {
  test('a 150-row batch is sent in a few requests, each email with its own link, company, language and ids', async () => {
    const partner = await stack.partnerWithProfile();
    const tag = randomUUID().slice(0, 8);
    await postBatch(partner, batchRows(150, tag));
    const invitations = await sentInvitations(partner, 150);

    const mails = mailsTo(tag);
    expect(mails).toHaveLength(150);
    // Two chunks of up to 100 rows, each one request per language: not one request per email.
    expect(new Set(mails.map((m) => m.requestId)).size).toBeLessThanOrEqual(4);
    for (const invitation of invitations) {
      const own = mails.filter((m) => m.to.includes(invitation.customer.email));
      expect(own).toHaveLength(1);
      const mail = own[0]!;
      expect(mail.customArgs).toMatchObject({
        invitationId: invitation.id,
        partnerTenantId: partner.tenantId,
      });
      expect(mail.subject).toBe(invitation.draft.subject);
      expect(mail.text).toBe(invitation.draft.text);
      expect(mail.html).toBe(invitation.draft.html);
      expect(mail.text).toContain(invitation.acceptUrl);
      expect(mail.text).toContain(invitation.customer.companyName);
      expect(mail.html).toContain(`href="${invitation.acceptUrl}"`);
      expect(mail.html).toContain(invitation.customer.companyName.replace('&', '&amp;'));
      expect(mail.subject).toContain(
        invitation.locale === 'de-DE' ? 'bittet um eine Reseller-Beziehung' : 'requests a reseller',
      );
    }
  }, 300_000);

  test('a 429 in the middle of a run re-sends only what SendGrid did not accept', async () => {
    const partner = await stack.partnerWithProfile();
    const tag = randomUUID().slice(0, 8);
    // The run's first request (one language) is accepted, its second (the other) gets a 429.
    stack.sendgrid.failNext(1, { status: 429, retryAfterSeconds: 1, afterRequests: 1 });
    await postBatch(partner, batchRows(20, tag));
    const invitations = await sentInvitations(partner, 20);

    const mails = mailsTo(tag);
    expect(mails).toHaveLength(20);
    for (const invitation of invitations) {
      expect(mails.filter((m) => m.to.includes(invitation.customer.email))).toHaveLength(1);
    }
    // The first request's emails went once (attempt 1); the 429's went again later (attempt 2),
    // and only those: the emails of one language, the request the 429 turned away.
    const accepted = invitations.filter((i) => i.dispatch.attempts === 1);
    const retried = invitations.filter((i) => i.dispatch.attempts === 2);
    expect(accepted.length).toBeGreaterThan(0);
    expect(retried.length).toBeGreaterThan(0);
    expect(accepted.length + retried.length).toBe(20);
    expect(new Set(retried.map((i) => i.locale)).size).toBe(1);
    expect(accepted.some((i) => i.locale === retried[0]!.locale)).toBe(false);
  }, 300_000);

  test('a chunk delivered again after it wrote its rows, before it queued their emails, sends each once', async () => {
    const partner = await stack.partnerWithProfile();
    const tag = randomUUID().slice(0, 8);
    const batchId = await postBatch(partner, batchRows(30, tag));
    const first = await sentInvitations(partner, 30);
    await stack.waitForIdle(60_000);
    stack.sendgrid.clear();
    // As if the first delivery had stopped right after writing its rows: the chunk open, each
    // invitation `sending` for the dispatch the row wrote, nothing sent, no run queued.
    const [chunk] = await partnerDocuments(stack, partner, 'invitationBatchChunk');
    await stack.container.items.upsert({
      ...chunk,
      state: 'open',
      rows: chunk.rows.map((r: { line: number; values: object }) => ({
        line: r.line,
        values: r.values,
        status: 'pending',
      })),
    });
    for (const { sentAt: _sent, ...invitation } of first) {
      await stack.container.items.upsert({
        ...invitation,
        status: 'sending',
        dispatch: { id: invitation.dispatch.id, attempts: 0 },
      });
    }
    await queueMessage(stack, 'invitation-batch', {
      partnerTenantId: partner.tenantId,
      batchId,
      chunk: 0,
    });
    const again = await sentInvitations(partner, 30);

    expect(new Set(again.map((i) => i.id))).toEqual(new Set(first.map((i) => i.id)));
    const mails = mailsTo(tag);
    expect(mails).toHaveLength(30);
    for (const invitation of again) {
      expect(mails.filter((m) => m.to.includes(invitation.customer.email))).toHaveLength(1);
      expect(invitation.dispatch).toMatchObject({
        id: first.find((i) => i.id === invitation.id)!.dispatch.id,
        attempts: 1,
      });
    }
  }, 300_000);

  test('an invitation the partner edits while its run takes the leases is sent as edited', async () => {
    const partner = await stack.partnerWithProfile();
    const tag = randomUUID().slice(0, 8);
    const run = await sendingInvitations(partner, batchRows(3, tag));
    const services = appServices();
    const edited = `Reworded for ${tag}: please accept.`;
    // The real store, except that the partner rewords the second email right before the run
    // writes its leases, after the run read it.
    let edits = 0;
    const store: DocumentStore = Object.assign(Object.create(services.store) as DocumentStore, {
      batch: async (...args: Parameters<DocumentStore['batch']>) => {
        if (edits++ === 0) {
          const [pk] = args;
          const current = await services.store.read<InvitationDocument>(pk, run[1]!.invitationId);
          await services.store.replace(
            { ...current!, draft: { ...current!.draft, text: edited } },
            current!._etag!,
          );
        }
        return services.store.batch(...args);
      },
    });

    const summary = await dispatchEmailRun(
      { ...services, store },
      { partnerTenantId: partner.tenantId, run },
    );

    expect(summary).toBe('run of 3: sent 3, failed 0, retry-scheduled 0, skipped 0');
    const mails = mailsTo(tag);
    expect(mails).toHaveLength(3);
    const invitations = await sentInvitations(partner, 3, 10_000);
    const second = invitations.find((i) => i.id === run[1]!.invitationId)!;
    expect(second.draft.text).toBe(edited);
    expect(mails.filter((m) => m.to.includes(second.customer.email)).map((m) => m.text)).toEqual([
      edited,
    ]);
    for (const invitation of invitations) {
      expect(invitation.dispatch.attempts).toBe(1);
    }
  }, 60_000);
});

describe('single sends that queue up', () => {
  test('go to SendGrid together, each with its own outcome; a message taken twice sends once', async () => {
    const partner = await stack.partnerWithProfile();
    const tag = randomUUID().slice(0, 8);
    const messages = await sendingInvitations(
      partner,
      batchRows(30, tag).filter((r) => r.locale === 'en-US'),
    );
    // The messages a worker takes off the queue at about the same time, one of them twice.
    const outcomes = await Promise.all(
      [...messages, messages[3]!].map((message) =>
        dispatchInvitationEmailWithOthers(appServices(), message),
      ),
    );

    expect(outcomes).toEqual(Array.from({ length: 16 }, () => 'sent'));
    const mails = mailsTo(tag);
    expect(mails).toHaveLength(15);
    expect(new Set(mails.map((m) => m.requestId)).size).toBe(1);
    const invitations = await sentInvitations(partner, 15, 10_000);
    for (const invitation of invitations) {
      const own = mails.filter((m) => m.to.includes(invitation.customer.email));
      expect(own).toHaveLength(1);
      expect(own[0]!.text).toContain(invitation.acceptUrl);
      expect(invitation.dispatch.attempts).toBe(1);
    }
  });
});

describe('a run through the SendGrid client and the capture endpoint', () => {
  const mailer = () =>
    new SendGridMailer({
      apiKey: 'SG.local-test',
      baseUrl: stack.sendgrid.url,
      fromAddress: 'invitations@partner.example',
      fromName: 'Partner',
    });

  function email(n: number, tag: string, text?: string): OutgoingPersonalEmail {
    const link = `https://accept.example/i/${tag}-${n}`;
    const company = `Company ${n}`;
    return {
      to: `admin@e${n}-${tag}.example`,
      subject: `Partner requests a reseller relationship with ${company}`,
      text: text ?? `Hello ${company}, open ${link} to accept.`,
      html: `<p>Hello ${company}, <a href="${link}">accept</a></p>`,
      personal: { link, company },
      invitationId: `inv-${n}`,
      partnerTenantId: 'tenant-1',
      dispatchId: `dispatch-${n}`,
    };
  }

  test('an email the partner reworded is sent as reworded, the others from one shared body', async () => {
    const tag = randomUUID().slice(0, 8);
    const edited = `Dear friends at Company 2, we would be glad to be your reseller: https://accept.example/i/${tag}-2`;
    const emails = [email(0, tag), email(1, tag), email(2, tag, edited), email(3, tag)];
    const outcomes = await mailer().sendRun(emails);

    expect(outcomes.every((o) => o.accepted)).toBe(true);
    const mails = mailsTo(tag);
    expect(mails).toHaveLength(4);
    expect(new Set(mails.map((m) => m.requestId)).size).toBe(2);
    for (const sent of emails) {
      const mail = mails.find((m) => m.to.includes(sent.to))!;
      expect(mail.text).toBe(sent.text);
      expect(mail.html).toBe(sent.html);
      expect(mail.subject).toBe(sent.subject);
      expect(mail.customArgs).toMatchObject({ invitationId: sent.invitationId });
    }
  });

  test('a request refused for one address is tried one by one, so only that email fails', async () => {
    const tag = randomUUID().slice(0, 8);
    const bad = { ...email(1, tag), to: 'not-an-address' };
    const outcomes = await mailer().sendRun([email(0, tag), bad, email(2, tag)]);

    expect(outcomes.map((o) => o.accepted)).toEqual([true, false, true]);
    expect(outcomes[1]).toMatchObject({ error: { kind: 'permanent', status: 400 } });
    expect(mailsTo(tag).map((m) => m.to[0])).toEqual([email(0, tag).to, email(2, tag).to]);
  });

  test('after a 429 the run tries no further requests, and reports those emails as transient', async () => {
    const tag = randomUUID().slice(0, 8);
    stack.sendgrid.failNext(1, { status: 429, retryAfterSeconds: 7, afterRequests: 1 });
    const emails = [email(0, tag), email(1, tag, 'Reworded one'), email(2, tag, 'Reworded two')];
    const outcomes = await mailer().sendRun(emails);

    expect(outcomes[0]).toMatchObject({ accepted: true });
    for (const outcome of outcomes.slice(1)) {
      expect(outcome).toMatchObject({
        accepted: false,
        error: { kind: 'transient', status: 429, retryAfterSeconds: 7 },
      });
    }
    expect(mailsTo(tag).map((m) => m.to[0])).toEqual([emails[0]!.to]);
  });
});
