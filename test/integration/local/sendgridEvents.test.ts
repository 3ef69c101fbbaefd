import { createPublicKey, verify } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createEventWebhookEmitter } from '../../../local/servers/sendgridEvents';

/** A receiver of the stand-in's posts, as the app's /api/email-events would be. */
async function receiver() {
  const bodies: { body: string; signature: string; timestamp: string }[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      bodies.push({
        body: Buffer.concat(chunks).toString('utf8'),
        signature: String(request.headers['x-twilio-email-event-webhook-signature']),
        timestamp: String(request.headers['x-twilio-email-event-webhook-timestamp']),
      });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/email-events`,
    bodies,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

describe('the stand-in for SendGrid Event Webhook', () => {
  test('posts the events of many messages in a few signed batches, processed before the outcome', async () => {
    const app = await receiver();
    const emitter = createEventWebhookEmitter(20);
    emitter.setUrl(app.url);
    for (let n = 0; n < 300; n++) {
      emitter.emitFor({
        id: `message-${n}`,
        to: [n % 10 === 0 ? `bounce-${n}@e.example` : `admin@e${n}.example`],
        categories: ['reseller-invitation'],
        customArgs: { invitationId: `inv-${n}` },
      });
    }
    await emitter.settled();
    await app.close();

    // One post of `processed` events, then one of outcomes: not two posts per message.
    expect(app.bodies.length).toBeGreaterThanOrEqual(2);
    expect(app.bodies.length).toBeLessThanOrEqual(4);
    const key = createPublicKey({
      key: Buffer.from(emitter.publicKey, 'base64'),
      format: 'der',
      type: 'spki',
    });
    const postOf = new Map<string, number[]>();
    app.bodies.forEach(({ body, signature, timestamp }, index) => {
      const signed = Buffer.from(`${timestamp}${body}`, 'utf8');
      expect(verify('sha256', signed, key, Buffer.from(signature, 'base64'))).toBe(true);
      for (const event of JSON.parse(body) as { invitationId: string; event: string }[]) {
        postOf.set(`${event.invitationId}:${event.event}`, [
          ...(postOf.get(`${event.invitationId}:${event.event}`) ?? []),
          index,
        ]);
      }
    });
    for (let n = 0; n < 300; n++) {
      const outcome = n % 10 === 0 ? 'bounce' : 'delivered';
      const processed = postOf.get(`inv-${n}:processed`);
      const ended = postOf.get(`inv-${n}:${outcome}`);
      expect(processed).toHaveLength(1);
      expect(ended).toHaveLength(1);
      expect(processed![0]!).toBeLessThan(ended![0]!);
    }
  });
});
