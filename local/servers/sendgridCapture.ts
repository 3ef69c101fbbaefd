import { randomBytes } from 'node:crypto';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { findProjectRoot } from '../projectRoot';
import { readBody } from './readBody';
import { createEventWebhookEmitter, type EventWebhookEmitter } from './sendgridEvents';
import { sendJson } from './sendJson';

interface SnapshotFiles {
  readSnapshot(file: string): unknown;
  periodicSaver(
    file: string,
    snapshot: () => unknown,
    minIntervalMs?: number,
  ): { changed(): void; flush(): void };
}
// Shared with the Cosmos server's own process, hence CommonJS, read from the sources as there.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const snapshotFiles = require(
  path.join(findProjectRoot(__dirname), 'local', 'servers', 'snapshotFile.cjs'),
) as SnapshotFiles;

/** SendGrid's documented limit for one v3 mail send request, headers and attachments included. */
const DEFAULT_MAX_BODY_BYTES = 30 * 1024 * 1024;
const CONTROL_MAX_BODY_BYTES = 16 * 1024;

export interface SendGridCaptureOptions {
  readonly host?: string;
  readonly port?: number;
  /** When given, only this key is accepted; otherwise any bearer key is. */
  readonly apiKey?: string;
  /** Lets tests reach the 413 path without sending 30 MB. */
  readonly maxBodyBytes?: number;
  /** Where to post signed delivery events; also settable later (`events.setUrl`, the control endpoint). */
  readonly eventWebhookUrl?: string;
  /** A file to keep the captured messages in across restarts (saved atomically); memory only without. */
  readonly dataFile?: string;
}

export interface InjectedFailure {
  readonly status: number;
  /** Let this many mail/send requests through first (a failure in the middle of a run). */
  readonly afterRequests?: number;
  readonly retryAfterSeconds?: number;
  readonly message?: string;
}

export interface CapturedAddress {
  readonly email: string;
  readonly name?: string;
}

/**
 * One email as SendGrid would deliver it: a request makes one per personalization, each with
 * that personalization's recipients, its subject and substitutions applied, and the request's
 * custom arguments merged with its own.
 */
export interface CapturedMail {
  /** The request's `X-Message-Id` for a request of one personalization, else `<that>.<index>`. */
  readonly id: string;
  /** The `X-Message-Id` of the mail/send request this email came in. */
  readonly requestId: string;
  /** Its place in the request's personalizations. */
  readonly personalization: number;
  readonly receivedAt: string;
  readonly from: CapturedAddress;
  readonly replyTo?: CapturedAddress;
  /** The personalization's `to` addresses. */
  readonly to: readonly string[];
  readonly cc: readonly string[];
  readonly bcc: readonly string[];
  /** The personalization's subject, else the top-level one; substitutions applied. */
  readonly subject?: string;
  readonly text?: string;
  readonly html?: string;
  readonly templateId?: string;
  readonly categories: readonly string[];
  readonly customArgs: Readonly<Record<string, string>>;
  /** Custom email headers (the body's `headers`), not the HTTP request headers. */
  readonly headers: Readonly<Record<string, string>>;
  readonly userAgent?: string;
  /** The request body as received (with only this personalization), for anything not lifted out above. */
  readonly body: MailSendBody;
}

export interface SendGridCapture {
  /** Base URL for `@sendgrid/client`'s `baseUrl`; also serves `/messages`. */
  readonly url: string;
  readonly port: number;
  /** Captured messages, oldest first. */
  messages(): CapturedMail[];
  /** Forgets captured messages and any pending injected failures. */
  clear(): void;
  failNext(count: number, failure: InjectedFailure): void;
  /** SendGrid's signed Event Webhook: its key, where it posts, and what it posted. */
  readonly events: EventWebhookEmitter;
  close(): Promise<void>;
}

type ErrorEntry = { message: string; field: string | null; help: string | null };

const addressSchema = (what: string) =>
  z.looseObject({
    email: z.email({ error: `${what} must contain a valid email address.` }),
    name: z.string({ error: `The name of ${what} must be a string.` }).optional(),
  });

const stringMap = (what: string) =>
  z.record(z.string(), z.string({ error: `Each value in ${what} must be a string.` }), {
    error: `${what} must be an object of string values.`,
  });

const recipientList = (what: string) =>
  z.array(addressSchema(`each ${what} recipient`), {
    error: `${what} must be an array of email address objects.`,
  });

const personalizationSchema = z.looseObject({
  to: recipientList('to').min(1, {
    error: 'Each personalization must have at least one to recipient.',
  }),
  cc: recipientList('cc').optional(),
  bcc: recipientList('bcc').optional(),
  subject: z.string({ error: 'The subject must be a string.' }).min(1).optional(),
  headers: stringMap('headers').optional(),
  custom_args: stringMap('custom_args').optional(),
  substitutions: stringMap('substitutions').optional(),
  dynamic_template_data: z.record(z.string(), z.unknown()).optional(),
  send_at: z.int().optional(),
});

const contentSchema = z.looseObject({
  type: z.string({ error: 'Each content entry must have a type such as text/plain.' }).min(1),
  value: z
    .string({ error: 'Each content entry must have a value.' })
    .min(1, { error: 'A content value must have at least one character.' }),
});

const mailSendBodySchema = z
  .looseObject({
    personalizations: z
      .array(personalizationSchema, { error: 'The personalizations array is required.' })
      .min(1, { error: 'At least one personalization is required.' })
      .max(1000, { error: 'At most 1000 personalizations are allowed.' }),
    // A missing `from` is reported on `from.email`, the field SendGrid names for it.
    from: z.preprocess((value) => value ?? {}, addressSchema('the from object')),
    reply_to: addressSchema('reply_to').optional(),
    subject: z.string({ error: 'The subject must be a string.' }).min(1).optional(),
    content: z
      .array(contentSchema, { error: 'content must be an array of {type, value} objects.' })
      .min(1, { error: 'content must have at least one entry.' })
      .optional(),
    template_id: z.string({ error: 'template_id must be a string.' }).min(1).optional(),
    headers: stringMap('headers').optional(),
    categories: z
      .array(
        z.string({ error: 'Each category must be a string.' }).max(255, {
          error: 'A category may have at most 255 characters.',
        }),
        { error: 'categories must be an array of strings.' },
      )
      .max(10, { error: 'At most 10 categories are allowed.' })
      .optional(),
    custom_args: stringMap('custom_args').optional(),
  })
  .superRefine((body, ctx) => {
    if (body.template_id === undefined) {
      if (body.subject === undefined && body.personalizations.some((p) => !p.subject)) {
        ctx.addIssue({
          code: 'custom',
          path: ['subject'],
          message: 'A subject is required, top-level or in every personalization.',
        });
      }
      if (body.content === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['content'],
          message: 'content is required unless a template_id is given.',
        });
      }
    }
    const plainIndex = body.content?.findIndex((c) => c.type === 'text/plain') ?? -1;
    if (plainIndex > 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['content', plainIndex, 'type'],
        message: 'text/plain content must come first.',
      });
    }
    // An address is sent to once per request, across to, cc and bcc of every personalization.
    const seen = new Set<string>();
    let recipients = 0;
    body.personalizations.forEach((p, index) => {
      const all = [...p.to, ...(p.cc ?? []), ...(p.bcc ?? [])].map((a) => a.email.toLowerCase());
      recipients += all.length;
      if (all.some((address) => seen.has(address)) || new Set(all).size !== all.length) {
        ctx.addIssue({
          code: 'custom',
          path: ['personalizations', index],
          message:
            'Each unique email address in the personalizations array should only be included once.',
        });
      }
      all.forEach((address) => seen.add(address));
      if (byteSize(p.substitutions) > MAX_MAP_BYTES) {
        ctx.addIssue({
          code: 'custom',
          path: ['personalizations', index, 'substitutions'],
          message: `The substitutions of a personalization may total at most ${MAX_MAP_BYTES} bytes.`,
        });
      }
      if (byteSize({ ...body.custom_args, ...p.custom_args }) > MAX_MAP_BYTES) {
        ctx.addIssue({
          code: 'custom',
          path: ['personalizations', index, 'custom_args'],
          message: `The custom_args of a personalization (with the request's) may total at most ${MAX_MAP_BYTES} bytes.`,
        });
      }
    });
    if (recipients > 1000) {
      ctx.addIssue({
        code: 'custom',
        path: ['personalizations'],
        message: 'There is a limit of 1000 total recipients (to + cc + bcc) per request.',
      });
    }
  });

export type MailSendBody = z.output<typeof mailSendBodySchema>;

/** SendGrid's limit on a personalization's substitutions, and on its custom arguments. */
const MAX_MAP_BYTES = 10_000;

function byteSize(map: Readonly<Record<string, string>> | undefined): number {
  return Object.entries(map ?? {}).reduce(
    (sum, [key, value]) => sum + Buffer.byteLength(key) + Buffer.byteLength(value),
    0,
  );
}

const controlFailSchema = z.strictObject({
  count: z.int().min(1).max(1000).default(1),
  status: z.int().min(400).max(599),
  retryAfterSeconds: z.int().min(0).optional(),
  message: z.string().min(1).optional(),
  afterRequests: z.int().min(0).max(10_000).optional(),
});

/**
 * Starts a loopback stand-in for SendGrid's v3 mail send API so the app and tests use the
 * real `@sendgrid/client` end to end (auth header, body shape, error and 429 handling)
 * without reaching the cloud, and so a person can see what would have been sent.
 */
export async function startSendGridCapture(
  options: SendGridCaptureOptions = {},
): Promise<SendGridCapture> {
  const host = options.host ?? '127.0.0.1';
  assertLoopback(host);
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const dataFile = options.dataFile;
  let messages: CapturedMail[] =
    dataFile === undefined
      ? []
      : (((snapshotFiles.readSnapshot(dataFile) as { messages?: CapturedMail[] } | undefined)
          ?.messages ?? []) as CapturedMail[]);
  const saver =
    dataFile === undefined
      ? undefined
      : snapshotFiles.periodicSaver(dataFile, () => ({ messages }), 250);
  let pendingFailures: InjectedFailure[] = [];
  let requestsToLetThrough = 0;
  const events = createEventWebhookEmitter();
  events.setUrl(options.eventWebhookUrl);

  const failNext = (count: number, failure: InjectedFailure): void => {
    if (!Number.isInteger(count) || count < 1) {
      throw new RangeError(`failNext count must be a positive integer, got ${count}`);
    }
    if (!Number.isInteger(failure.status) || failure.status < 400 || failure.status > 599) {
      throw new RangeError(`failNext status must be 400-599, got ${failure.status}`);
    }
    if (pendingFailures.length === 0) requestsToLetThrough = failure.afterRequests ?? 0;
    pendingFailures.push(...Array.from({ length: count }, () => failure));
  };

  const handleMailSend = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const raw = await readBody(req, maxBodyBytes);
    if (raw === 'too-large') {
      return sendErrors(res, 413, [
        { message: `The request body exceeds ${maxBodyBytes} bytes.`, field: null, help: null },
      ]);
    }
    if (requestsToLetThrough > 0) {
      requestsToLetThrough--;
    } else {
      const failure = pendingFailures.shift();
      if (failure) {
        return sendInjectedFailure(res, failure);
      }
    }
    const key = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (key === undefined || (options.apiKey !== undefined && key !== options.apiKey)) {
      return sendErrors(res, 401, [
        {
          message: 'The API key in the Authorization header is missing or not accepted.',
          field: null,
          help: null,
        },
      ]);
    }
    let json: unknown;
    try {
      json = JSON.parse(raw.toString('utf8'));
    } catch {
      return sendErrors(res, 400, [
        { message: 'The request body is not valid JSON.', field: null, help: null },
      ]);
    }
    const parsed = mailSendBodySchema.safeParse(json);
    if (!parsed.success) {
      return sendErrors(
        res,
        400,
        parsed.error.issues.map((issue) => ({
          message: issue.message,
          field: issue.path.length > 0 ? issue.path.map(String).join('.') : null,
          help: null,
        })),
      );
    }
    const requestId = randomBytes(16).toString('base64url');
    const mails = toCapturedMails(parsed.data, requestId, req.headers['user-agent']);
    messages.push(...mails);
    saver?.changed();
    mails.forEach((mail) => events.emitFor(mail));
    res.writeHead(202, { 'X-Message-Id': requestId, 'Content-Length': '0' });
    res.end();
  };

  const handleControlFail = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const raw = await readBody(req, CONTROL_MAX_BODY_BYTES);
    if (raw === 'too-large') {
      return sendJson(res, 413, { error: 'Body too large.' });
    }
    let json: unknown;
    try {
      json = JSON.parse(raw.toString('utf8'));
    } catch {
      return sendJson(res, 400, { error: 'The body is not valid JSON.' });
    }
    const parsed = controlFailSchema.safeParse(json);
    if (!parsed.success) {
      return sendJson(res, 400, {
        error: 'Expected {count, status, retryAfterSeconds?, message?}.',
        issues: parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })),
      });
    }
    const { count, ...failure } = parsed.data;
    failNext(count, failure);
    sendJson(res, 200, { pendingFailures: pendingFailures.length });
  };

  const handleControlEventWebhook = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const raw = await readBody(req, CONTROL_MAX_BODY_BYTES);
    const parsed =
      raw === 'too-large' ? undefined : controlEventWebhookSchema.safeParse(parseOrNull(raw));
    if (!parsed?.success) {
      return sendJson(res, 400, { error: 'Expected {url: "http://…" | null}.' });
    }
    events.setUrl(parsed.data.url ?? undefined);
    sendJson(res, 200, { url: events.url() ?? null, publicKey: events.publicKey });
  };

  const route = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://capture.invalid');
    const path = url.pathname.replace(/\/+$/, '') || '/';
    const method = req.method ?? 'GET';
    if (path === '/v3/mail/send') {
      return method === 'POST' ? handleMailSend(req, res) : methodNotAllowed(res, 'POST');
    }
    if (path === '/messages') {
      if (method === 'GET') {
        const to = url.searchParams.get('to')?.toLowerCase();
        const list = to
          ? messages.filter((m) => m.to.some((address) => address.toLowerCase() === to))
          : messages;
        return sendJson(res, 200, list);
      }
      if (method === 'DELETE') {
        messages = [];
        saver?.changed();
        pendingFailures = [];
        requestsToLetThrough = 0;
        res.writeHead(204).end();
        return;
      }
      return methodNotAllowed(res, 'GET, DELETE');
    }
    const messageId = /^\/messages\/([^/]+)$/.exec(path)?.[1];
    if (messageId !== undefined) {
      if (method !== 'GET') {
        return methodNotAllowed(res, 'GET');
      }
      const id = decodeURIComponent(messageId);
      const found = messages.find((m) => m.id === id);
      return found
        ? sendJson(res, 200, found)
        : sendJson(res, 404, { error: `No captured message with id ${id}.` });
    }
    if (path === '/__control/event-webhook') {
      if (method === 'GET') {
        return sendJson(res, 200, { url: events.url() ?? null, publicKey: events.publicKey });
      }
      return method === 'PUT'
        ? handleControlEventWebhook(req, res)
        : methodNotAllowed(res, 'GET, PUT');
    }
    if (path === '/__control/fail') {
      return method === 'POST' ? handleControlFail(req, res) : methodNotAllowed(res, 'POST');
    }
    sendJson(res, 404, { error: `Nothing at ${path}. Try GET /messages.` });
  };

  const server = http.createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      if (!res.headersSent) {
        sendJson(res, 500, { error: (error as Error).message });
      } else {
        res.destroy();
      }
    });
  });
  await listen(server, host, options.port ?? 0);
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    messages: () => [...messages],
    clear: () => {
      messages = [];
      saver?.changed();
      pendingFailures = [];
      requestsToLetThrough = 0;
      events.clear();
    },
    failNext,
    events,
    close: async () => {
      await events.settled();
      await closeServer(server);
      saver?.flush();
    },
  };
}

const controlEventWebhookSchema = z.strictObject({
  url: z.url({ protocol: /^https?$/ }).nullable(),
});

function parseOrNull(raw: Buffer): unknown {
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    return null;
  }
}

function toCapturedMails(
  body: MailSendBody,
  requestId: string,
  userAgent: string | undefined,
): CapturedMail[] {
  const emails = (list: readonly { email: string }[] | undefined) =>
    (list ?? []).map((a) => a.email);
  const address = (a: { email: string; name?: string | undefined }): CapturedAddress =>
    a.name === undefined ? { email: a.email } : { email: a.email, name: a.name };
  const text = body.content?.find((c) => c.type === 'text/plain')?.value;
  const html = body.content?.find((c) => c.type === 'text/html')?.value;
  const single = body.personalizations.length === 1;
  const receivedAt = new Date().toISOString();
  return body.personalizations.map((p, index) => {
    const substitute = (value: string | undefined) =>
      value === undefined ? undefined : substituted(value, p.substitutions ?? {});
    const subject = substitute(p.subject ?? body.subject);
    const personalText = substitute(text);
    const personalHtml = substitute(html);
    return {
      id: single ? requestId : `${requestId}.${index}`,
      requestId,
      personalization: index,
      receivedAt,
      from: address(body.from),
      ...(body.reply_to ? { replyTo: address(body.reply_to) } : {}),
      to: emails(p.to),
      cc: emails(p.cc),
      bcc: emails(p.bcc),
      ...(subject !== undefined ? { subject } : {}),
      ...(personalText !== undefined ? { text: personalText } : {}),
      ...(personalHtml !== undefined ? { html: personalHtml } : {}),
      ...(body.template_id !== undefined ? { templateId: body.template_id } : {}),
      categories: body.categories ?? [],
      customArgs: { ...body.custom_args, ...p.custom_args },
      headers: { ...body.headers, ...p.headers },
      ...(userAgent !== undefined ? { userAgent } : {}),
      // Only this personalization: a thousand copies of the whole request would not fit a file.
      body: single ? body : { ...body, personalizations: [p] },
    };
  });
}

/** Every substitution tag replaced by its value, in one pass, as SendGrid does. */
function substituted(value: string, substitutions: Readonly<Record<string, string>>): string {
  const tags = Object.keys(substitutions).sort((a, b) => b.length - a.length);
  if (tags.length === 0) return value;
  const pattern = new RegExp(
    tags.map((tag) => tag.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'),
    'g',
  );
  return value.replace(pattern, (tag) => substitutions[tag] ?? tag);
}

function sendInjectedFailure(res: http.ServerResponse, failure: InjectedFailure): void {
  const headers: http.OutgoingHttpHeaders = {};
  if (failure.retryAfterSeconds !== undefined) {
    headers['Retry-After'] = String(failure.retryAfterSeconds);
  }
  const message =
    failure.message ?? http.STATUS_CODES[failure.status] ?? `Injected failure ${failure.status}`;
  sendErrors(res, failure.status, [{ message, field: null, help: null }], headers);
}

function sendErrors(
  res: http.ServerResponse,
  status: number,
  errors: ErrorEntry[],
  headers: http.OutgoingHttpHeaders = {},
): void {
  sendJson(res, status, { errors }, headers);
}

function methodNotAllowed(res: http.ServerResponse, allow: string): void {
  sendJson(res, 405, { error: `Use ${allow}.` }, { Allow: allow });
}

function assertLoopback(host: string): void {
  if (!['127.0.0.1', '::1', 'localhost'].includes(host) && !host.startsWith('127.')) {
    throw new Error(`The capture server listens on loopback only; refusing host ${host}`);
  }
}

function listen(server: http.Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function closeServer(server: http.Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    // Keep-alive sockets from the SendGrid client would otherwise hold close() open.
    server.closeAllConnections();
  });
}
