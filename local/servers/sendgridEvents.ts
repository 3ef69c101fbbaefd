import { generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';

/** What the capture endpoint needs to know about a message to report on it. */
export interface MessageForEvents {
  readonly id: string;
  readonly to: readonly string[];
  readonly categories: readonly string[];
  readonly customArgs: Readonly<Record<string, string>>;
}

/** One signed POST of events to the app, as sent and as answered. */
export interface PostedEventBatch {
  readonly url: string;
  readonly body: string;
  readonly signature: string;
  readonly timestamp: string;
  readonly events: readonly string[];
  /** The app's HTTP status, or `error: …` when the request failed. */
  readonly outcome: number | string;
}

/** The local stand-in for SendGrid's signed Event Webhook. */
export interface EventWebhookEmitter {
  /** Base64 DER (SPKI) of the P-256 key, as SendGrid shows its verification key. */
  readonly publicKey: string;
  /** Where events go; undefined until the functions host says (then nothing is posted). */
  url(): string | undefined;
  setUrl(url: string | undefined): void;
  /** Signs `timestamp + body` as SendGrid does (ECDSA P-256, SHA-256, base64 DER). */
  sign(body: string, timestamp?: number): { signature: string; timestamp: string };
  /** Reports on an accepted message shortly after: processed, then its outcome. */
  emitFor(message: MessageForEvents): void;
  posted(): PostedEventBatch[];
  /** Resolves when every scheduled batch has been posted. */
  settled(): Promise<void>;
  clear(): void;
}

/**
 * The test address patterns: a recipient whose local part starts with `bounce` (or whose
 * domain is `bounce.invalid`) bounces, one starting with `drop` is dropped, anyone else gets it.
 */
export function outcomeFor(address: string): {
  event: 'delivered' | 'bounce' | 'dropped';
  reason?: string;
} {
  const [local = '', domain = ''] = address.toLowerCase().split('@');
  if (local.startsWith('bounce') || domain === 'bounce.invalid') {
    return {
      event: 'bounce',
      reason: '550 5.1.1 The email account that you tried to reach does not exist.',
    };
  }
  if (local.startsWith('drop')) {
    return { event: 'dropped', reason: 'Bounced Address' };
  }
  return { event: 'delivered' };
}

/** The most one post of the Event Webhook carries, as SendGrid batches them. */
const MAX_POST_BYTES = 768 * 1024;

/** A key per start: the functions host gets its public half in its settings. */
export function createEventWebhookEmitter(delayMs = 50): EventWebhookEmitter {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  let target: string | undefined;
  let posted: PostedEventBatch[] = [];
  const pending = new Set<Promise<void>>();

  const signBody = (body: string, timestamp = Math.floor(Date.now() / 1000)) => ({
    signature: signWith(privateKey, `${timestamp}${body}`),
    timestamp: String(timestamp),
  });

  const post = async (url: string, events: Record<string, unknown>[]): Promise<void> => {
    const body = JSON.stringify(events);
    const { signature, timestamp } = signBody(body);
    let outcome: number | string;
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'X-Twilio-Email-Event-Webhook-Signature': signature,
          'X-Twilio-Email-Event-Webhook-Timestamp': timestamp,
        },
        body,
      });
      await response.arrayBuffer();
      outcome = response.status;
    } catch (error) {
      outcome = `error: ${(error as Error).message}`;
    }
    posted.push({
      url,
      body,
      signature,
      timestamp,
      events: events.map((e) => String(e.event)),
      outcome,
    });
  };

  // Events wait here for the next post; each entry resolves once the post carrying it answered.
  let waiting: { url: string; event: Record<string, unknown>; posted: () => void }[] = [];
  let flushing: Promise<void> | undefined;
  const flush = async (): Promise<void> => {
    await sleep(delayMs);
    while (waiting.length > 0) {
      const url = waiting[0]!.url;
      const batch: typeof waiting = [];
      let bytes = 2;
      for (const entry of waiting) {
        const size = JSON.stringify(entry.event).length + 1;
        if (entry.url !== url || (batch.length > 0 && bytes + size > MAX_POST_BYTES)) break;
        batch.push(entry);
        bytes += size;
      }
      waiting = waiting.slice(batch.length);
      await post(
        url,
        batch.map((entry) => entry.event),
      );
      batch.forEach((entry) => entry.posted());
    }
    flushing = undefined;
  };
  const enqueue = (url: string, events: Record<string, unknown>[]) =>
    Promise.all(
      events.map(
        (event) =>
          new Promise<void>((posted) => {
            waiting.push({ url, event, posted });
            flushing ??= flush();
          }),
      ),
    );

  // SendGrid posts what happened in batches (the Event Webhook's are up to 768 KB), here after
  // `delayMs`: a message's `processed` events, then its outcomes in a later post.
  const report = async (url: string, message: MessageForEvents): Promise<void> => {
    await enqueue(
      url,
      message.to.map((recipient) => eventFor(message, recipient, 'processed')),
    );
    await enqueue(
      url,
      message.to.map((recipient) => {
        const { event, reason } = outcomeFor(recipient);
        return eventFor(message, recipient, event, reason);
      }),
    );
  };

  return {
    publicKey: publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
    url: () => target,
    setUrl: (url) => {
      target = url;
    },
    sign: signBody,
    emitFor: (message) => {
      if (target === undefined) return;
      const work = report(target, message).finally(() => pending.delete(work));
      pending.add(work);
    },
    posted: () => [...posted],
    settled: async () => {
      while (pending.size > 0) await Promise.all([...pending]);
    },
    clear: () => {
      posted = [];
    },
  };
}

/** An event as SendGrid's Event Webhook shapes it, custom arguments at the top level. */
function eventFor(
  message: MessageForEvents,
  email: string,
  event: string,
  reason?: string,
): Record<string, unknown> {
  return {
    ...message.customArgs,
    email,
    event,
    timestamp: Math.floor(Date.now() / 1000),
    sg_event_id: randomBytes(16).toString('base64url'),
    sg_message_id: `${message.id}.filter0001.local.0`,
    'smtp-id': `<${message.id}@local.sendgrid>`,
    category: message.categories,
    ...(reason === undefined
      ? {}
      : event === 'bounce'
        ? { reason, status: '5.1.1', type: 'bounce' }
        : { reason }),
  };
}

function signWith(privateKey: KeyObject, payload: string): string {
  return sign('sha256', Buffer.from(payload, 'utf8'), privateKey).toString('base64');
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
