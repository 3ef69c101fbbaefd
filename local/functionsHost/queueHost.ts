import { format } from 'node:util';
import type { DequeuedMessageItem, QueueClient, QueueServiceClient } from '@azure/storage-queue';
import {
  isQueueTrigger,
  type FunctionRegistration,
  type QueueTriggerBinding,
} from './functionsCore';
import type { QueueHostSettings } from './hostJson';
import type { HostLog } from './hostLog';
import { createInvocationContext, invokeFunction, unsupportedBindings } from './invokeFunction';

export interface QueueHostOptions {
  /** All registrations; non-queue ones are ignored. */
  readonly registrations: readonly FunctionRegistration[];
  /**
   * Resolves a binding's `connection` (an app setting name, "AzureWebJobsStorage" when the
   * binding names none) to a client; or pass one client for every binding.
   */
  readonly queueService:
    QueueServiceClient | ((connectionSettingName: string) => QueueServiceClient);
  readonly settings: QueueHostSettings;
  readonly log: HostLog;
  /**
   * How long a received message stays invisible while its handler runs. The Functions host
   * uses a 10-minute lease (renewed while running); this host does not renew, so a handler
   * running longer than this sees its message delivered again.
   */
  readonly messageLeaseSeconds?: number;
  /** The fastest polling rate once idle polling backs off; the Functions host uses 100 ms. */
  readonly minPollingIntervalMs?: number;
  /**
   * Queues that hold scheduled work (a re-check delayed by minutes or hours): for `waitForIdle`
   * only their visible messages and running handlers count, not the ones due later.
   */
  readonly scheduledQueues?: readonly string[];
}

export interface QueueHost {
  /** Stops polling and waits for the handlers already running. */
  close(): Promise<void>;
  /**
   * Resolves once every trigger queue holds no message (visible or not) and no handler runs:
   * "everything queued so far has been handled, retried to completion or poisoned". Rejects
   * after `timeoutMs` with the counts it last saw.
   */
  waitForIdle(timeoutMs?: number): Promise<void>;
}

const DEFAULT_CONNECTION_SETTING = 'AzureWebJobsStorage';
const DEFAULT_MESSAGE_LEASE_SECONDS = 600;
const DEFAULT_MIN_POLLING_INTERVAL_MS = 100;
const MAX_MESSAGES_PER_RECEIVE = 32;
const IDLE_CHECK_INTERVAL_MS = 25;
/**
 * Azurite counts a queue's messages by scanning all of them, so with thousands queued the idle
 * check itself slows every receive and delete: it waits longer the more messages there are.
 */
const IDLE_CHECK_MS_PER_QUEUED_MESSAGE = 0.2;
const MAX_IDLE_CHECK_INTERVAL_MS = 2_000;

/** A sleep that `wake()` can end early, so pollers react at once to close and to free slots. */
class WakeableSleep {
  #wake: (() => void) | undefined;
  #timer: NodeJS.Timeout | undefined;

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.#wake = resolve;
      this.#timer = setTimeout(resolve, ms);
    });
  }

  wake(): void {
    clearTimeout(this.#timer);
    this.#wake?.();
    this.#wake = undefined;
  }
}

const base64Pattern = /^[A-Za-z0-9+/]*={0,2}$/;

/** Undefined when the text is not base64: Buffer.from would silently drop the bad characters. */
function decodeBase64(text: string): string | undefined {
  const compact = text.replace(/\s+/g, '');
  if (compact.length % 4 !== 0 || !base64Pattern.test(compact)) {
    return undefined;
  }
  return Buffer.from(compact, 'base64').toString('utf8');
}

/** The worker hands queue text to the handler JSON-parsed when it parses (numbers too). */
function toTriggerInput(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : format(error);
}

/** Resolves `%Setting%` in a queue name from the environment, as the host does from app settings. */
function resolveQueueName(queueName: string): string {
  return queueName.replace(/%([^%]+)%/g, (_, setting: string) => {
    const value = process.env[setting];
    if (value === undefined) {
      throw new Error(`Queue name "${queueName}" refers to the unset app setting "${setting}".`);
    }
    return value;
  });
}

interface QueueListener {
  readonly registration: FunctionRegistration;
  readonly queue: QueueClient;
  readonly poisonQueue: QueueClient;
  readonly sleeper: WakeableSleep;
  inFlight: number;
  lastNudge: number;
  loop?: Promise<void>;
}

/**
 * Runs the app's `app.storageQueue` registrations against a real queue service (Azurite
 * locally) with the Functions queue extension's semantics: batch receive, exponential idle
 * back-off up to maxPollingInterval, delete on success, on failure release the message for
 * `visibilityTimeout` and after `maxDequeueCount` attempts move its (still encoded) text to
 * `<queue>-poison`. Both queues are created when missing.
 */
export async function startQueueHost(options: QueueHostOptions): Promise<QueueHost> {
  const { settings, log } = options;
  const leaseSeconds = options.messageLeaseSeconds ?? DEFAULT_MESSAGE_LEASE_SECONDS;
  const minPollingMs = Math.min(
    options.minPollingIntervalMs ?? DEFAULT_MIN_POLLING_INTERVAL_MS,
    settings.maxPollingIntervalMs,
  );
  const receiveCount = Math.min(settings.batchSize, MAX_MESSAGES_PER_RECEIVE);
  const releaseSeconds = Math.floor(settings.visibilityTimeoutMs / 1000);
  const serviceFor = (connection: string): QueueServiceClient =>
    typeof options.queueService === 'function'
      ? options.queueService(connection)
      : options.queueService;

  const listeners: QueueListener[] = [];
  for (const registration of options.registrations) {
    const trigger = registration.trigger;
    if (!isQueueTrigger(trigger)) continue;
    const binding: QueueTriggerBinding = trigger;
    const ignored = unsupportedBindings(registration);
    if (ignored.length > 0) {
      log('warning', `[${registration.name}] the local host ignores: ${ignored.join(', ')}`);
    }
    const queueName = resolveQueueName(binding.queueName);
    const service = serviceFor(binding.connection || DEFAULT_CONNECTION_SETTING);
    const queue = service.getQueueClient(queueName);
    const poisonQueue = service.getQueueClient(`${queueName}-poison`);
    await queue.createIfNotExists();
    await poisonQueue.createIfNotExists();
    listeners.push({
      registration,
      queue,
      poisonQueue,
      sleeper: new WakeableSleep(),
      inFlight: 0,
      lastNudge: 0,
    });
  }

  let closed = false;
  const running = new Set<Promise<void>>();

  async function moveToPoison(listener: QueueListener, message: DequeuedMessageItem, why: string) {
    const { queue, poisonQueue, registration } = listener;
    await poisonQueue.sendMessage(message.messageText);
    await queue.deleteMessage(message.messageId, message.popReceipt);
    log(
      'warning',
      `[${registration.name}] message ${message.messageId} moved to ${poisonQueue.name}: ${why}`,
    );
  }

  async function processMessage(listener: QueueListener, message: DequeuedMessageItem) {
    const { registration, queue } = listener;
    const { maxDequeueCount } = settings;
    // A lease that expired mid-run (or a crash) can leave a message past its budget.
    if (message.dequeueCount > maxDequeueCount) {
      await moveToPoison(listener, message, `dequeued ${message.dequeueCount} times`);
      return;
    }
    const text =
      settings.messageEncoding === 'base64'
        ? decodeBase64(message.messageText)
        : message.messageText;
    if (text === undefined) {
      // It can never succeed, so retrying it would only delay the poison queue.
      await moveToPoison(listener, message, 'the text is not base64 (host.json messageEncoding)');
      return;
    }
    const context = createInvocationContext(registration, log, {
      id: message.messageId,
      queueTrigger: text,
      dequeueCount: message.dequeueCount,
      insertionTime: message.insertedOn.toISOString(),
      expirationTime: message.expiresOn.toISOString(),
      nextVisibleTime: message.nextVisibleOn.toISOString(),
      popReceipt: message.popReceipt,
    });
    const started = Date.now();
    try {
      await invokeFunction(registration, toTriggerInput(text), context);
    } catch (error) {
      log(
        'error',
        `Executed 'Functions.${registration.name}' (Failed, Id=${context.invocationId}, Duration=${Date.now() - started}ms, DequeueCount=${message.dequeueCount})\n${describe(error)}`,
      );
      if (message.dequeueCount >= maxDequeueCount) {
        await moveToPoison(listener, message, `failed ${message.dequeueCount} times`);
      } else {
        await queue.updateMessage(message.messageId, message.popReceipt, undefined, releaseSeconds);
      }
      return;
    }
    await queue.deleteMessage(message.messageId, message.popReceipt);
    log(
      'information',
      `Executed 'Functions.${registration.name}' (Succeeded, Id=${context.invocationId}, Duration=${Date.now() - started}ms)`,
    );
  }

  function track(listener: QueueListener, message: DequeuedMessageItem): void {
    listener.inFlight++;
    const work = processMessage(listener, message)
      .catch((error: unknown) => {
        log(
          'error',
          `[${listener.registration.name}] queue operation failed for message ${message.messageId}: ${describe(error)}`,
        );
      })
      .finally(() => {
        listener.inFlight--;
        running.delete(work);
        listener.sleeper.wake();
      });
    running.add(work);
  }

  async function poll(listener: QueueListener): Promise<void> {
    let idleDelay = minPollingMs;
    while (!closed) {
      // Fetch the next batch once the running ones drop to newBatchThreshold, as the host does.
      if (listener.inFlight > settings.newBatchThreshold) {
        await listener.sleeper.sleep(settings.maxPollingIntervalMs);
        continue;
      }
      let messages: DequeuedMessageItem[];
      try {
        const response = await listener.queue.receiveMessages({
          numberOfMessages: receiveCount,
          visibilityTimeout: leaseSeconds,
        });
        messages = response.receivedMessageItems;
      } catch (error) {
        if (closed) return;
        log('error', `[${listener.registration.name}] receive failed: ${describe(error)}`);
        messages = [];
      }
      if (closed) {
        // Give back what arrived after close; the messages become visible again at once.
        await Promise.allSettled(
          messages.map((m) =>
            listener.queue.updateMessage(m.messageId, m.popReceipt, undefined, 0),
          ),
        );
        return;
      }
      if (messages.length === 0) {
        await listener.sleeper.sleep(idleDelay);
        idleDelay = Math.min(idleDelay * 2, settings.maxPollingIntervalMs);
        continue;
      }
      idleDelay = minPollingMs;
      for (const message of messages) {
        track(listener, message);
      }
    }
  }

  for (const listener of listeners) {
    listener.loop = poll(listener);
  }

  return {
    async close() {
      closed = true;
      for (const listener of listeners) listener.sleeper.wake();
      await Promise.all(listeners.map((listener) => listener.loop));
      await Promise.allSettled([...running]);
    },

    async waitForIdle(timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const counts = await Promise.all(
          listeners.map(async (listener) => {
            if (options.scheduledQueues?.includes(listener.queue.name) === true) {
              const visible = await listener.queue.peekMessages({ numberOfMessages: 1 });
              return visible.peekedMessageItems.length;
            }
            const properties = await listener.queue.getProperties();
            return properties.approximateMessagesCount ?? 0;
          }),
        );
        const busy = listeners.some((listener) => listener.inFlight > 0);
        if (!busy && counts.every((count) => count === 0)) {
          return;
        }
        if (Date.now() >= deadline) {
          const detail = listeners
            .map((l, i) => `${l.queue.name}: ${counts[i]} queued, ${l.inFlight} running`)
            .join('; ');
          throw new Error(`Queues not idle after ${timeoutMs} ms (${detail})`);
        }
        // Cut the idle back-off short for queues that have work, so waiting adds no latency;
        // at most once per minimum polling interval, as invisible messages also count.
        const now = Date.now();
        listeners.forEach((listener, i) => {
          if ((counts[i] ?? 0) > 0 && now - listener.lastNudge >= minPollingMs) {
            listener.lastNudge = now;
            listener.sleeper.wake();
          }
        });
        const queued = counts.reduce((sum, count) => sum + count, 0);
        const interval = Math.min(
          MAX_IDLE_CHECK_INTERVAL_MS,
          Math.max(IDLE_CHECK_INTERVAL_MS, queued * IDLE_CHECK_MS_PER_QUEUED_MESSAGE),
        );
        await new Promise((resolve) => setTimeout(resolve, interval));
      }
    },
  };
}
