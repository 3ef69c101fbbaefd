import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/** The queue trigger settings of host.json (`extensions.queues`), durations in milliseconds. */
export interface QueueHostSettings {
  readonly maxPollingIntervalMs: number;
  readonly visibilityTimeoutMs: number;
  readonly batchSize: number;
  readonly maxDequeueCount: number;
  readonly newBatchThreshold: number;
  readonly messageEncoding: 'base64' | 'none';
}

/** The HTTP settings of host.json (`extensions.http`). */
export interface HttpHostSettings {
  readonly routePrefix: string;
}

/**
 * The Functions defaults for the storage queue extension (v5), as documented for host.json:
 * poll at most once a minute when idle, retry a failed message at once, 16 messages per batch,
 * five attempts before the poison queue, base64 message bodies. newBatchThreshold defaults to
 * batchSize / 2 (the Consumption plan's value; on dedicated plans it is multiplied by the core
 * count), see `parseQueueHostSettings`.
 */
export const DEFAULT_QUEUE_HOST_SETTINGS: QueueHostSettings = {
  maxPollingIntervalMs: 60_000,
  visibilityTimeoutMs: 0,
  batchSize: 16,
  maxDequeueCount: 5,
  newBatchThreshold: 8,
  messageEncoding: 'base64',
};

export const DEFAULT_HTTP_HOST_SETTINGS: HttpHostSettings = { routePrefix: 'api' };

const MAX_BATCH_SIZE = 32;
const MIN_POLLING_INTERVAL_MS = 100;
const MAX_VISIBILITY_TIMEOUT_MS = 7 * 24 * 60 * 60 * 1000;

// .NET TimeSpan text as host.json uses it: [d.]hh:mm[:ss[.fffffff]].
const timeSpanPattern = /^(?:(\d+)\.)?(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d{1,7}))?)?$/;

/**
 * Parses a host.json duration. Functions reads these as .NET TimeSpans, so "00:00:10" is ten
 * seconds and "00:10" ten minutes (not seconds); a bare number is refused rather than guessed.
 */
export function parseTimeSpan(text: string): number {
  const match = timeSpanPattern.exec(text.trim());
  if (!match) {
    throw new Error(`"${text}" is not a TimeSpan ("hh:mm:ss" or "hh:mm:ss.fff")`);
  }
  const [, days = '0', hours = '0', minutes = '0', seconds = '0', fraction = ''] = match;
  const h = Number(hours);
  const m = Number(minutes);
  const s = Number(seconds);
  if (h > 23 || m > 59 || s > 59) {
    throw new Error(`"${text}" is not a TimeSpan: hours, minutes or seconds out of range`);
  }
  const fractionMs = fraction === '' ? 0 : Number(`0.${fraction}`) * 1000;
  return Math.round(((Number(days) * 24 + h) * 60 + m) * 60_000 + s * 1000 + fractionMs);
}

const timeSpan = z.string().transform((text, ctx) => {
  try {
    return parseTimeSpan(text);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: (error as Error).message });
    return z.NEVER;
  }
});

const queuesSchema = z.looseObject({
  maxPollingInterval: timeSpan
    .pipe(z.number().min(MIN_POLLING_INTERVAL_MS, 'must be at least 00:00:00.100'))
    .optional(),
  visibilityTimeout: timeSpan
    .pipe(z.number().max(MAX_VISIBILITY_TIMEOUT_MS, 'must be at most 7 days'))
    .optional(),
  batchSize: z.number().int().min(1).max(MAX_BATCH_SIZE).optional(),
  maxDequeueCount: z.number().int().min(1).optional(),
  newBatchThreshold: z.number().int().min(0).optional(),
  messageEncoding: z
    .string()
    .transform((value) => value.toLowerCase())
    .pipe(z.enum(['base64', 'none']))
    .optional(),
});

const httpSchema = z.looseObject({
  routePrefix: z.string().optional(),
});

const hostJsonSchema = z.looseObject({
  extensions: z
    .looseObject({
      queues: queuesSchema.optional(),
      http: httpSchema.optional(),
    })
    .optional(),
});

function parseHostJsonShape(hostJson: unknown): z.infer<typeof hostJsonSchema> {
  const result = hostJsonSchema.safeParse(hostJson);
  if (!result.success) {
    const problems = result.error.issues.map(
      (issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`,
    );
    throw new Error(`host.json is invalid: ${problems.join('; ')}`);
  }
  return result.data;
}

/**
 * Reads the queue trigger settings the Functions host would use, so the local queue host
 * retries, batches and poisons messages the way Azure will. Errors name the host.json field.
 */
export function parseQueueHostSettings(hostJson: unknown): QueueHostSettings {
  const queues = parseHostJsonShape(hostJson).extensions?.queues ?? {};
  const batchSize = queues.batchSize ?? DEFAULT_QUEUE_HOST_SETTINGS.batchSize;
  return {
    maxPollingIntervalMs:
      queues.maxPollingInterval ?? DEFAULT_QUEUE_HOST_SETTINGS.maxPollingIntervalMs,
    visibilityTimeoutMs:
      queues.visibilityTimeout ?? DEFAULT_QUEUE_HOST_SETTINGS.visibilityTimeoutMs,
    batchSize,
    maxDequeueCount: queues.maxDequeueCount ?? DEFAULT_QUEUE_HOST_SETTINGS.maxDequeueCount,
    newBatchThreshold: queues.newBatchThreshold ?? Math.floor(batchSize / 2),
    messageEncoding: queues.messageEncoding ?? DEFAULT_QUEUE_HOST_SETTINGS.messageEncoding,
  };
}

/**
 * Reads the route prefix, so local URLs match Azure's (`/api/...` unless host.json changes it).
 * Surrounding slashes are dropped, as the host does.
 */
export function parseHttpHostSettings(hostJson: unknown): HttpHostSettings {
  const http = parseHostJsonShape(hostJson).extensions?.http ?? {};
  const routePrefix = (http.routePrefix ?? DEFAULT_HTTP_HOST_SETTINGS.routePrefix).replace(
    /^\/+|\/+$/g,
    '',
  );
  return { routePrefix };
}

/** Loads `<projectRoot>/host.json`; the parse functions above stay pure for unit tests. */
export function readHostJson(projectRoot: string): unknown {
  const path = join(projectRoot, 'host.json');
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch (error) {
    throw new Error(`Cannot read ${path}: ${(error as Error).message}`);
  }
}
