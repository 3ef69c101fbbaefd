import { resolve } from 'node:path';
import { QueueServiceClient } from '@azure/storage-queue';
import {
  getRegistrations,
  isHttpTrigger,
  isQueueTrigger,
} from '../../../local/functionsHost/functionsCore';
import type { QueueHostSettings } from '../../../local/functionsHost/hostJson';
import type { HostLog, HostLogLevel } from '../../../local/functionsHost/hostLog';
import { startHttpHost, type HttpHost } from '../../../local/functionsHost/httpHost';
import { runAppStartHooks } from '../../../local/functionsHost/invokeFunction';
import { loadFunctionApp } from '../../../local/functionsHost/loadFunctions';
import { startQueueHost, type QueueHost } from '../../../local/functionsHost/queueHost';
import { sendRawRequest } from '../../../bench/load/rawHttp';
import { startAzurite, type AzuriteQueueServer } from '../../../local/servers/azurite';
import {
  appStarts,
  callsOf,
  FLAKY_FAILURES,
  postInvocations,
} from '../../fixtures/functionAppRecorder';

const projectRoot = resolve(__dirname, '..', '..', '..');

// Small numbers so retries and poisoning take about a second each.
const queueSettings: QueueHostSettings = {
  maxPollingIntervalMs: 500,
  visibilityTimeoutMs: 1000,
  batchSize: 4,
  maxDequeueCount: 3,
  newBatchThreshold: 2,
  messageEncoding: 'base64',
};

const logLines: { level: HostLogLevel; message: string }[] = [];
const log: HostLog = (level, message) => logLines.push({ level, message });

let azurite: AzuriteQueueServer;
let queueService: QueueServiceClient;
let httpHost: HttpHost;
let queueHost: QueueHost;

function base64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}

async function queueCount(queueName: string): Promise<number> {
  const properties = await queueService.getQueueClient(queueName).getProperties();
  return properties.approximateMessagesCount ?? -1;
}

beforeAll(async () => {
  azurite = await startAzurite();
  loadFunctionApp(projectRoot, { main: 'test/fixtures/functionApp/*.ts' });
  const registrations = getRegistrations();
  httpHost = await startHttpHost({ registrations, host: '127.0.0.1', port: 0, log });
  queueService = QueueServiceClient.fromConnectionString(azurite.connectionString);
  queueHost = await startQueueHost({ registrations, queueService, settings: queueSettings, log });
});

afterAll(async () => {
  await queueHost?.close();
  await httpHost?.close();
  await azurite?.close();
});

describe('loading the function app', () => {
  it('receives every app.* registration made through the real @azure/functions', () => {
    const byName = new Map(getRegistrations().map((r) => [r.name, r]));
    const draft = byName.get('fixtureEditDraft')?.trigger;
    const queue = byName.get('fixtureRecordMessage')?.trigger;
    expect(draft && isHttpTrigger(draft) && draft).toMatchObject({
      type: 'httpTrigger',
      methods: ['PATCH', 'PUT'],
      route: 'invitations/{id}/draft',
      authLevel: 'anonymous',
    });
    expect(queue && isQueueTrigger(queue) && queue).toMatchObject({
      type: 'queueTrigger',
      queueName: 'fixture-record',
      connection: 'AzureWebJobsStorage',
    });
    expect([...byName.keys()].sort()).toEqual([
      'fixtureAccept',
      'fixtureAlwaysFails',
      'fixtureAlwaysThrows',
      'fixtureEditDraft',
      'fixtureFlaky',
      'fixtureNoContent',
      'fixtureRecordMessage',
    ]);
  });

  it('runs app.hook.appStart callbacks when asked, as the host does after loading', async () => {
    expect(appStarts).toEqual([]);
    await runAppStartHooks(projectRoot);
    expect(appStarts).toEqual(['fixture']);
  });
});

describe('HTTP host', () => {
  it('passes route params, query, JSON body and headers to the handler and returns jsonBody as JSON', async () => {
    const response = await fetch(
      `${httpHost.url}/api/invitations/inv%2042/draft?lang=de-DE&tag=a&tag=b`,
      {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', 'x-fixture': 'header-value' },
        body: JSON.stringify({ subject: 'Hallo', nested: { n: 1 } }),
      },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('x-handled-by')).toBe('fixtureEditDraft');
    const json = (await response.json()) as Record<string, unknown>;
    expect(json).toMatchObject({
      id: 'inv 42',
      lang: 'de-DE',
      tags: ['a', 'b'],
      body: { subject: 'Hallo', nested: { n: 1 } },
      header: 'header-value',
      method: 'PATCH',
      functionName: 'fixtureEditDraft',
    });
    expect(json.url).toBe(`${httpHost.url}/api/invitations/inv%2042/draft?lang=de-DE&tag=a&tag=b`);
    expect(json.invocationId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('writes every cookie as its own Set-Cookie header', async () => {
    const response = await fetch(`${httpHost.url}/api/invitations/abc/draft`, {
      method: 'PUT',
      body: '{}',
    });
    expect(response.headers.getSetCookie()).toEqual(['draft=abc; Path=/; HttpOnly', 'second=2']);
  });

  it('routes context.log through the host log with the function name', async () => {
    await fetch(`${httpHost.url}/api/invitations/logged/draft`, { method: 'PUT', body: '{}' });
    expect(logLines).toContainEqual({
      level: 'information',
      message: '[fixtureEditDraft] editing draft logged',
    });
  });

  it('matches literal segments and the route prefix case-insensitively', async () => {
    const response = await fetch(`${httpHost.url}/API/Invitations/x/DRAFT`, {
      method: 'PUT',
      body: '{}',
    });
    expect(response.status).toBe(200);
  });

  it('answers 405 with Allow when the route matches but the method does not', async () => {
    const response = await fetch(`${httpHost.url}/api/invitations/abc/draft`);
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('PATCH, PUT');
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await response.json()).toMatchObject({ status: 405, code: 'METHOD_NOT_ALLOWED' });
  });

  it('answers HEAD as GET where the route takes GET: same status and headers, no body', async () => {
    const get = await fetch(`${httpHost.url}/api/accept/tok-1`, { redirect: 'manual' });
    const head = await fetch(`${httpHost.url}/api/accept/tok-1`, {
      method: 'HEAD',
      redirect: 'manual',
    });
    expect(head.status).toBe(get.status);
    expect(head.headers.get('location')).toBe(get.headers.get('location'));
    expect(await head.text()).toBe('');
  });

  it('answers HEAD where no GET exists with 405, Allow and a problem content type', async () => {
    const response = await fetch(`${httpHost.url}/api/invitations/abc/draft`, { method: 'HEAD' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('PATCH, PUT');
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it.each([
    ['an unknown route', 'GET /api/nothing-here', 404, 'NOT_FOUND'],
    ['dot segments spelled as escapes', 'POST /api/invitations/%2e%2e/draft/x', 404, 'NOT_FOUND'],
    ['a lone percent sign', 'GET /api/invitations/%', 400, 'BAD_REQUEST'],
    ['a broken escape', 'GET /api/accept/%zz', 400, 'BAD_REQUEST'],
  ])('answers %s with a problem, not an empty body', async (_name, line, status, code) => {
    const response = await sendRawRequest(
      httpHost.port,
      `${line} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close`,
    );
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(response.body)).toMatchObject({ status, code });
  });

  it('answers two Content-Length headers, refused by the HTTP parser, with a problem too', async () => {
    const response = await sendRawRequest(
      httpHost.port,
      'PUT /api/invitations/abc/draft HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2\r\nContent-Length: 3\r\nConnection: close',
      Buffer.from('{}'),
    );
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body)).toMatchObject({ status: 400, code: 'BAD_REQUEST' });
  });

  it('answers 404 for unknown routes and for paths outside the route prefix', async () => {
    expect((await fetch(`${httpHost.url}/api/nothing-here`)).status).toBe(404);
    expect((await fetch(`${httpHost.url}/invitations/abc/draft`)).status).toBe(404);
    expect((await fetch(`${httpHost.url}/api/invitations/abc/draft/extra`)).status).toBe(404);
  });

  it('answers a bare 500 when the handler throws, and logs the error', async () => {
    const response = await fetch(`${httpHost.url}/api/boom`);
    expect(response.status).toBe(500);
    expect(await response.text()).toBe('');
    const failure = logLines.find(
      (line) => line.level === 'error' && line.message.includes('fixtureAlwaysThrows'),
    );
    expect(failure?.message).toContain('fixture failure');
  });

  it('sends an HttpResponse instance as is (303 with Location)', async () => {
    const response = await fetch(`${httpHost.url}/api/accept/tok-1`, { redirect: 'manual' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('https://portal.example/tok-1');
  });

  it('serves a function without a route under its name and answers 204 when it returns nothing', async () => {
    const response = await fetch(`${httpHost.url}/api/fixtureNoContent`, { method: 'POST' });
    expect(response.status).toBe(204);
  });

  it('runs postInvocation hooks registered with app.hook', async () => {
    const before = postInvocations.length;
    await fetch(`${httpHost.url}/api/boom`);
    expect(postInvocations.slice(before)).toEqual([
      { functionName: 'fixtureAlwaysThrows', failed: true },
    ]);
  });

  it.each([
    ['an empty Host', 'Host: ', 'host'],
    ['a Host with a space', 'Host: a b', 'host'],
    ['an unclosed IPv6 literal', 'Host: [::1', 'host'],
    ['two Host headers', 'Host: 127.0.0.1\r\nHost: 127.0.0.2', 'host'],
    ['a Host with a path', 'Host: example.com/evil', 'host'],
    ['a Host with credentials', 'Host: user@example.com', 'host'],
    ['a port out of range', 'Host: example.com:99999', 'host'],
  ])('answers 400 problem+json for %s, never a 500', async (_name, hostLines, field) => {
    const response = await sendRawRequest(
      httpHost.port,
      `GET /api/accept/tok-1 HTTP/1.1\r\n${hostLines}\r\nConnection: close`,
    );
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body)).toMatchObject({ status: 400, errors: [{ field }] });
  });

  it.each([
    ['an absolute URL that does not parse', 'http://a b/api/accept/tok-1'],
    ['an absolute URL with credentials', 'http://user:pw@127.0.0.1/api/accept/tok-1'],
  ])('answers 400 for a request target with %s', async (_name, target) => {
    const response = await sendRawRequest(
      httpHost.port,
      `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close`,
    );
    expect(response.status).toBe(400);
  });

  it.each(['//evil.example/api/invitations/x/draft', '//[::1/api/invitations/x/draft'])(
    'reads the target %s as a path, not as a host',
    async (target) => {
      const response = await sendRawRequest(
        httpHost.port,
        `PUT ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\nConnection: close`,
      );
      expect(response.status).toBe(404);
    },
  );

  it('refuses a body larger than maxBodyBytes with 413 before the handler runs', async () => {
    const small = await startHttpHost({
      registrations: getRegistrations(),
      port: 0,
      maxBodyBytes: 16,
      log,
    });
    try {
      const response = await fetch(`${small.url}/api/invitations/abc/draft`, {
        method: 'PUT',
        body: JSON.stringify({ text: 'x'.repeat(100) }),
      });
      expect(response.status).toBe(413);
    } finally {
      await small.close();
    }
  });
});

describe('queue host', () => {
  it('delivers a base64 JSON message parsed, with its trigger metadata, and deletes it', async () => {
    const text = JSON.stringify({ invitationId: 'inv-1', attempt: 1 });
    const sent = await queueService.getQueueClient('fixture-record').sendMessage(base64(text));
    await queueHost.waitForIdle(10_000);

    const call = callsOf('fixtureRecordMessage').find(
      (c) => c.triggerMetadata?.id === sent.messageId,
    );
    expect(call?.message).toEqual({ invitationId: 'inv-1', attempt: 1 });
    expect(call?.triggerMetadata).toMatchObject({
      queueTrigger: text,
      dequeueCount: 1,
      insertionTime: sent.insertedOn.toISOString(),
    });
    expect(await queueCount('fixture-record')).toBe(0);
  });

  it('passes text that is not JSON as a string, and JSON scalars parsed', async () => {
    const queue = queueService.getQueueClient('fixture-record');
    const plain = await queue.sendMessage(base64('hello, queue'));
    const numeric = await queue.sendMessage(base64('42'));
    await queueHost.waitForIdle(10_000);

    const messageOf = (id: string) =>
      callsOf('fixtureRecordMessage').find((c) => c.triggerMetadata?.id === id)?.message;
    expect(messageOf(plain.messageId)).toBe('hello, queue');
    expect(messageOf(numeric.messageId)).toBe(42);
  });

  it('moves a message that is not base64 straight to the poison queue without calling the handler', async () => {
    const callsBefore = callsOf('fixtureRecordMessage').length;
    await queueService.getQueueClient('fixture-record').sendMessage('not base64!');
    await queueHost.waitForIdle(10_000);

    expect(callsOf('fixtureRecordMessage')).toHaveLength(callsBefore);
    const poisoned = await queueService
      .getQueueClient('fixture-record-poison')
      .receiveMessages({ numberOfMessages: 32 });
    expect(poisoned.receivedMessageItems.map((m) => m.messageText)).toEqual(['not base64!']);
  });

  it('redelivers a failed message after visibilityTimeout with dequeueCount incremented', async () => {
    const started = Date.now();
    await queueService.getQueueClient('fixture-flaky').sendMessage(base64('{"n":1}'));
    await queueHost.waitForIdle(15_000);

    const calls = callsOf('fixtureFlaky');
    expect(calls.map((c) => c.triggerMetadata?.dequeueCount)).toEqual([1, 2, FLAKY_FAILURES + 1]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(FLAKY_FAILURES * 1000);
    expect(await queueCount('fixture-flaky')).toBe(0);
    expect(await queueCount('fixture-flaky-poison')).toBe(0);
  });

  it('moves a message that keeps failing to <queue>-poison after maxDequeueCount, still encoded', async () => {
    const encoded = base64(JSON.stringify({ doomed: true }));
    await queueService.getQueueClient('fixture-always-fails').sendMessage(encoded);

    // Between attempts the message is invisible but still queued: not idle yet.
    await expect(queueHost.waitForIdle(300)).rejects.toThrow(/not idle/);
    await queueHost.waitForIdle(15_000);

    const calls = callsOf('fixtureAlwaysFails');
    expect(calls.map((c) => c.triggerMetadata?.dequeueCount)).toEqual([1, 2, 3]);
    expect(calls.every((c) => (c.message as { doomed?: boolean }).doomed === true)).toBe(true);
    expect(await queueCount('fixture-always-fails')).toBe(0);
    const poisoned = await queueService
      .getQueueClient('fixture-always-fails-poison')
      .receiveMessages({ numberOfMessages: 32 });
    expect(poisoned.receivedMessageItems.map((m) => m.messageText)).toEqual([encoded]);
  });
});
