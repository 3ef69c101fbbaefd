import { Client } from '@sendgrid/client';
import { MailService } from '@sendgrid/mail';
import {
  startSendGridCapture,
  type CapturedMail,
  type SendGridCapture,
} from '../../../local/servers/sendgridCapture';

const API_KEY = 'SG.local-capture-test-key';

/** A mail service of its own, never the module singleton, pointed at the capture server. */
function mailServiceFor(baseUrl: string, apiKey: string | null = API_KEY): MailService {
  const client = new Client();
  if (apiKey !== null) {
    client.setApiKey(apiKey);
  }
  // setApiKey resets baseUrl to SendGrid's cloud, so this must come after it.
  client.setDefaultRequest('baseUrl', baseUrl);
  const mail = new MailService();
  mail.setClient(client);
  return mail;
}

const invitation = {
  to: 'admin@contoso.example',
  from: { email: 'invitations@fabrikam.example', name: 'Fabrikam' },
  subject: 'Fabrikam would like to be your reseller',
  text: 'Open https://example.test/accept/abc to accept.',
  html: '<p>Open <a href="https://example.test/accept/abc">the link</a> to accept.</p>',
  categories: ['reseller-invitation'],
  customArgs: { invitationId: 'inv-1' },
  headers: { 'X-Invitation-Id': 'inv-1' },
};

interface SendGridError {
  code: number;
  response: { headers: Record<string, string>; body: { errors: { field: string | null }[] } };
}

async function sendError(promise: Promise<unknown>): Promise<SendGridError> {
  try {
    await promise;
  } catch (error) {
    return error as SendGridError;
  }
  throw new Error('expected the send to fail');
}

describe('SendGrid capture server', () => {
  let capture: SendGridCapture;

  beforeAll(async () => {
    capture = await startSendGridCapture({ apiKey: API_KEY });
  });
  afterAll(async () => {
    await capture.close();
  });
  beforeEach(() => capture.clear());

  it('captures a send from the real client with recipients, subject, content and metadata', async () => {
    const [response] = await mailServiceFor(capture.url).send(invitation);

    expect(response.statusCode).toBe(202);
    const messageId = response.headers['x-message-id'];
    const [mail] = capture.messages();
    expect(capture.messages()).toHaveLength(1);
    expect(mail).toMatchObject({
      id: messageId,
      to: ['admin@contoso.example'],
      from: { email: 'invitations@fabrikam.example', name: 'Fabrikam' },
      subject: invitation.subject,
      text: invitation.text,
      html: invitation.html,
      categories: ['reseller-invitation'],
      customArgs: { invitationId: 'inv-1' },
      headers: { 'X-Invitation-Id': 'inv-1' },
    });
    expect(mail?.body.content?.map((c) => c.type)).toEqual(['text/plain', 'text/html']);
    expect(Date.parse(mail?.receivedAt ?? '')).not.toBeNaN();
  });

  it('answers 401 with SendGrid-style errors when the key is missing', async () => {
    const error = await sendError(mailServiceFor(capture.url, null).send(invitation));

    expect(error.code).toBe(401);
    expect(error.response.body.errors[0]).toEqual(
      expect.objectContaining({ message: expect.any(String), field: null, help: null }),
    );
    expect(capture.messages()).toHaveLength(0);
  });

  it('answers 401 when the key differs from the configured one', async () => {
    const error = await sendError(mailServiceFor(capture.url, 'SG.wrong').send(invitation));

    expect(error.code).toBe(401);
  });

  it('answers 400 naming from.email when the sender is missing', async () => {
    const withoutFrom = { ...invitation, from: undefined } as unknown as typeof invitation;
    const error = await sendError(mailServiceFor(capture.url).send(withoutFrom));

    expect(error.code).toBe(400);
    expect(error.response.body.errors.map((e) => e.field)).toContain('from.email');
    expect(capture.messages()).toHaveLength(0);
  });

  it.each([
    ['subject', { subject: undefined }],
    ['personalizations.0.to.0.email', { to: 'not-an-address' }],
  ])('answers 400 naming %s when it is missing or invalid', async (field, change) => {
    const error = await sendError(
      mailServiceFor(capture.url).send({ ...invitation, ...change } as typeof invitation),
    );

    expect(error.code).toBe(400);
    expect(error.response.body.errors.map((e) => e.field)).toContain(field);
  });

  it('accepts a template send without subject or content', async () => {
    await mailServiceFor(capture.url).send({
      to: 'admin@contoso.example',
      from: 'invitations@fabrikam.example',
      templateId: 'd-0123456789abcdef',
      dynamicTemplateData: { link: 'https://example.test/accept/abc' },
    });

    expect(capture.messages()[0]?.templateId).toBe('d-0123456789abcdef');
  });

  it('makes the real client throw 429 with retry-after once, then lets the next send through', async () => {
    capture.failNext(1, { status: 429, retryAfterSeconds: 7 });
    const mail = mailServiceFor(capture.url);

    const error = await sendError(mail.send(invitation));
    expect(error.code).toBe(429);
    expect(error.response.headers['retry-after']).toBe('7');
    expect(error.response.body.errors[0]).toHaveProperty('message');
    expect(capture.messages()).toHaveLength(0);

    const [response] = await mail.send(invitation);
    expect(response.statusCode).toBe(202);
    expect(capture.messages()).toHaveLength(1);
  });

  it('lists, fetches and clears captured messages over HTTP', async () => {
    const mail = mailServiceFor(capture.url);
    await mail.send(invitation);
    await mail.send({ ...invitation, to: 'second@contoso.example' });

    const list = (await (await fetch(`${capture.url}/messages`)).json()) as CapturedMail[];
    expect(list.map((m) => m.to[0])).toEqual(['admin@contoso.example', 'second@contoso.example']);

    const filtered = (await (
      await fetch(`${capture.url}/messages?to=SECOND@contoso.example`)
    ).json()) as CapturedMail[];
    expect(filtered).toHaveLength(1);

    const one = await fetch(`${capture.url}/messages/${list[1]?.id}`);
    expect(one.status).toBe(200);
    expect(((await one.json()) as CapturedMail).to).toEqual(['second@contoso.example']);
    expect((await fetch(`${capture.url}/messages/unknown`)).status).toBe(404);

    expect((await fetch(`${capture.url}/messages`, { method: 'DELETE' })).status).toBe(204);
    expect(capture.messages()).toHaveLength(0);
  });

  it('injects failures through the control endpoint for tests in other processes', async () => {
    const control = await fetch(`${capture.url}/__control/fail`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ count: 2, status: 503, retryAfterSeconds: 3 }),
    });
    expect(control.status).toBe(200);
    expect(await control.json()).toEqual({ pendingFailures: 2 });

    const mail = mailServiceFor(capture.url);
    expect((await sendError(mail.send(invitation))).code).toBe(503);
    const second = await sendError(mail.send(invitation));
    expect(second.code).toBe(503);
    expect(second.response.headers['retry-after']).toBe('3');
    await expect(mail.send(invitation)).resolves.toBeDefined();
  });

  it('refuses a malformed control request', async () => {
    const response = await fetch(`${capture.url}/__control/fail`, {
      method: 'POST',
      body: JSON.stringify({ count: 1, status: 200 }),
    });

    expect(response.status).toBe(400);
  });

  it('answers 413 when the body exceeds the limit', async () => {
    const small = await startSendGridCapture({ maxBodyBytes: 1024 });
    try {
      const error = await sendError(
        mailServiceFor(small.url).send({ ...invitation, text: 'x'.repeat(4096) }),
      );
      expect(error.code).toBe(413);
      expect(small.messages()).toHaveLength(0);
    } finally {
      await small.close();
    }
  });

  it('refuses to listen on a non-loopback address', async () => {
    await expect(startSendGridCapture({ host: '0.0.0.0' })).rejects.toThrow(/loopback/);
  });
});
