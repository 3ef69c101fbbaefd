import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { format } from 'node:util';
import { QueueServiceClient } from '@azure/storage-queue';
import { resolveBindingExpression, type AppSettings } from './bindingExpressions';
import {
  isHttpTrigger,
  isQueueTrigger,
  isTimerTrigger,
  type FunctionRegistration,
  type QueueTriggerBinding,
} from './functionsCore';
import type { HostLog } from './hostLog';
import type { TimerHost } from './timerHost';

/** Answers a request under `/admin/`; resolves true when it wrote the response. */
export type AdminRequestHandler = (
  request: IncomingMessage,
  response: ServerResponse,
) => Promise<boolean>;

export interface AdminEndpointOptions {
  /** All registrations: the functions that can be run by name. */
  readonly registrations: readonly FunctionRegistration[];
  readonly log: HostLog;
  /** host.json `extensions.queues.messageEncoding`, for input put on a trigger queue. */
  readonly messageEncoding?: 'base64' | 'none';
  /**
   * App settings for queue names and connections, read per request (the local stack sets them
   * after the HTTP host starts); process.env by default.
   */
  readonly env?: AppSettings;
}

export interface AdminEndpoint {
  /** For `HttpHostOptions.admin`. */
  readonly handle: AdminRequestHandler;
  /** Timer functions run through it; until then, asking for one answers 503. */
  useTimerHost(timers: Pick<TimerHost, 'trigger'>): void;
}

const MAX_BODY_BYTES = 1024 * 1024;
const DEFAULT_CONNECTION_SETTING = 'AzureWebJobsStorage';
const functionPathPattern = /^\/admin\/functions\/([^/]+)\/?$/i;
const adminPathPattern = /^\/admin(\/|$)/i;

/** An answer other than 202, with a plain-text reason for the developer calling it. */
class RequestRefused extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function send(
  response: ServerResponse,
  status: number,
  text = '',
  headers: OutgoingHttpHeaders = {},
): void {
  const body = Buffer.from(text, 'utf8');
  response.writeHead(status, {
    ...headers,
    ...(text ? { 'content-type': 'text/plain; charset=utf-8' } : {}),
    'content-length': body.length,
  });
  response.end(body);
}

function isLoopback(address: string | undefined): boolean {
  return (
    address !== undefined &&
    (address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.'))
  );
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new RequestRefused(413, 'The body is larger than 1 MB.'));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

/** The `{"input": ...}` body the host's admin API takes: input is a string, number or boolean. */
function parseInput(body: string): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body) as unknown;
  } catch {
    throw new RequestRefused(
      400,
      'The body must be JSON such as {"input": "..."} (or {} for none).',
    );
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new RequestRefused(400, 'The body must be a JSON object such as {"input": "..."}.');
  }
  const input = (parsed as Record<string, unknown>).input;
  if (input === undefined || input === null) return undefined;
  if (typeof input === 'string' || typeof input === 'number' || typeof input === 'boolean') {
    return String(input);
  }
  throw new RequestRefused(
    400,
    '"input" must be a string, number or boolean (serialize JSON into a string).',
  );
}

/**
 * Core Tools' way to run a non-HTTP function on demand: `POST /admin/functions/{name}` with
 * `{"input": "..."}` answers 202 and runs it, 404 when no function has that name. A timer
 * function runs through the timer host (not overlapping its scheduled runs); a queue function's
 * input is put on its trigger queue, so it runs with the queue host's retries and poison queue.
 * Locally, as in Core Tools, no master key is asked for; instead requests from other machines
 * are refused, in case the HTTP host was bound to a non-loopback address.
 */
export function createAdminEndpoint(options: AdminEndpointOptions): AdminEndpoint {
  const { log } = options;
  const messageEncoding = options.messageEncoding ?? 'base64';
  const byName = new Map(options.registrations.map((r) => [r.name.toLowerCase(), r]));
  const queueServices = new Map<string, QueueServiceClient>();
  let timers: Pick<TimerHost, 'trigger'> | undefined;

  async function enqueue(registration: FunctionRegistration, input: string): Promise<void> {
    const env = options.env ?? process.env;
    const binding = registration.trigger as QueueTriggerBinding;
    const connectionSetting = binding.connection || DEFAULT_CONNECTION_SETTING;
    const connectionString = env[connectionSetting];
    if (!connectionString) {
      throw new Error(`the connection setting "${connectionSetting}" is not set`);
    }
    const queueName = resolveBindingExpression(binding.queueName, env);
    let service = queueServices.get(connectionString);
    if (!service) {
      service = QueueServiceClient.fromConnectionString(connectionString);
      queueServices.set(connectionString, service);
    }
    const text = messageEncoding === 'base64' ? Buffer.from(input).toString('base64') : input;
    await service.getQueueClient(queueName).sendMessage(text);
  }

  async function run(registration: FunctionRegistration, input: string | undefined) {
    const { name, trigger } = registration;
    if (isTimerTrigger(trigger)) {
      if (!timers) {
        throw new RequestRefused(503, `The timer host is not running; "${name}" cannot run yet.`);
      }
      // 202 now, as the host answers before the function ends; the timer host logs a failure.
      timers.trigger(name).catch(() => undefined);
      return;
    }
    if (isQueueTrigger(trigger)) {
      try {
        await enqueue(registration, input ?? '');
      } catch (error) {
        log(
          'error',
          `[admin] putting the input for "${name}" on its queue failed: ${format(error)}`,
        );
        throw new RequestRefused(500, `Putting the input on the queue of "${name}" failed.`);
      }
      return;
    }
    if (isHttpTrigger(trigger)) {
      throw new RequestRefused(400, `"${name}" is an HTTP function: call its route instead.`);
    }
    throw new RequestRefused(501, `The local host does not run ${trigger.type} functions.`);
  }

  const handle: AdminRequestHandler = async (request, response) => {
    const pathname = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (!adminPathPattern.test(pathname)) {
      return false;
    }
    if (!isLoopback(request.socket.remoteAddress)) {
      send(response, 403, 'The admin API answers only on this machine.');
      return true;
    }
    const match = functionPathPattern.exec(pathname);
    if (!match) {
      send(response, 404);
      return true;
    }
    if ((request.method ?? 'GET').toUpperCase() !== 'POST') {
      send(response, 405, '', { allow: 'POST' });
      return true;
    }
    try {
      const registration = byName.get(decodeURIComponent(match[1] ?? '').toLowerCase());
      if (!registration) {
        send(response, 404);
        return true;
      }
      const input = parseInput(await readBody(request));
      await run(registration, input);
      log('information', `[admin] accepted a run of "${registration.name}"`);
      send(response, 202);
    } catch (error) {
      if (error instanceof RequestRefused) {
        send(
          response,
          error.status,
          error.message,
          error.status === 413 ? { connection: 'close' } : {},
        );
      } else if (error instanceof URIError) {
        send(response, 400);
      } else {
        throw error;
      }
    }
    return true;
  };

  return {
    handle,
    useTimerHost(timerHost) {
      timers = timerHost;
    },
  };
}
