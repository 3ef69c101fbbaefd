import { Webhook } from 'standardwebhooks';
import type { HostLookup } from '../../../shared/outbound/webhookPost';
import type { AuditEventDocument } from '../../../shared/services/events';
import {
  destinationProblem,
  webhookPayload,
  webhookRequestHeaders,
} from '../../../shared/services/webhookDelivery';
import { validSecrets } from '../../../shared/services/webhookSubscriptions';

const EVENT: AuditEventDocument = {
  id: 'event:0123456789abcdef01234567',
  pk: 'partner:7c6f4a8e-1b2d-4e3f-9a0b-5c6d7e8f9a0b',
  type: 'auditEvent',
  partnerTenantId: '7c6f4a8e-1b2d-4e3f-9a0b-5c6d7e8f9a0b',
  at: '2026-01-01T00:00:00.000Z',
  actor: 'customer:9f0e1d2c-3b4a-5968-7a8b-9c0d1e2f3a4b',
  action: 'delegatedAdmin.removed',
  subject: { kind: 'customer', id: 'c0ffee00-0000-5000-8000-000000000001' },
  before: { delegatedAdmin: { state: 'active' } },
  after: { delegatedAdmin: { state: 'removed' } },
};

describe('the webhook request', () => {
  test('the payload is the audit event with its public id, without the actor', () => {
    expect(webhookPayload(EVENT)).toEqual({
      id: '0123456789abcdef01234567',
      type: 'delegatedAdmin.removed',
      occurredAt: '2026-01-01T00:00:00.000Z',
      partnerTenantId: EVENT.partnerTenantId,
      data: { subject: EVENT.subject, before: EVENT.before, after: EVENT.after },
    });
  });

  test('the headers name the event and sign the exact body at the given time', () => {
    const body = JSON.stringify(webhookPayload(EVENT));
    const now = new Date('2026-01-01T00:00:05.900Z');
    const secrets = [
      `whsec_${Buffer.from('a'.repeat(32)).toString('base64')}`,
      `whsec_${Buffer.from('b'.repeat(32)).toString('base64')}`,
    ];
    const headers = webhookRequestHeaders(EVENT, body, secrets, now);
    expect(headers).toEqual({
      'Content-Type': 'application/json',
      'User-Agent': expect.stringMatching(/^reseller-invitations-webhooks\//),
      'webhook-id': '0123456789abcdef01234567',
      'webhook-timestamp': '1767225605',
      'webhook-signature': expect.stringMatching(/^v1,[A-Za-z0-9+/]{43}= v1,[A-Za-z0-9+/]{43}=$/),
      'X-Webhook-Event-Type': 'delegatedAdmin.removed',
    });
    jest.useFakeTimers({ now });
    try {
      expect(new Webhook(secrets[1]!).verify(body, headers)).toEqual(webhookPayload(EVENT));
      expect(() => new Webhook(secrets[1]!).verify(`${body}\n`, headers)).toThrow(
        'No matching signature',
      );
    } finally {
      jest.useRealTimers();
    }
  });
});

describe('validSecrets', () => {
  const now = new Date('2026-01-02T00:00:00.000Z');
  test.each([
    ['a lone current secret', [{ value: 'a', createdAt: '2026-01-01T00:00:00Z' }], ['a']],
    [
      'a rotation within its 24 hours',
      [
        { value: 'new', createdAt: '2026-01-01T12:00:00Z' },
        { value: 'old', createdAt: '2025-12-01T00:00:00Z', expiresAt: '2026-01-02T12:00:00Z' },
      ],
      ['new', 'old'],
    ],
    [
      'a rotation whose 24 hours are over',
      [
        { value: 'new', createdAt: '2026-01-01T00:00:00Z' },
        { value: 'old', createdAt: '2025-12-01T00:00:00Z', expiresAt: '2026-01-02T00:00:00Z' },
      ],
      ['new'],
    ],
    ['a deleted webhook', [], []],
  ])('%s', (_case, secrets, expected) => {
    expect(validSecrets(secrets, now).map((secret) => secret.value)).toEqual(expected);
  });
});

describe('the destination checked before each delivery', () => {
  /** An address in the URL is checked as written: no name to resolve, so no lookup at all. */
  const noLookup: HostLookup = async (host) => {
    throw new Error(`looked up ${host}`);
  };

  // Registered before a rule existed, or rules changed since: delivery checks the URL again.
  test.each([
    'https://[64:ff9b::a9fe:a9fe]/hook',
    'https://[2002:a9fe:a9fe::]/hook',
    'https://[::a9fe:a9fe]/hook',
    'https://[::ffff:a9fe:a9fe]/hook',
    'https://[2001:0:4136:e378:8000:63bf:5601:5601]/hook',
  ])('%s is not delivered to', async (url) => {
    await expect(destinationProblem(url, false, noLookup)).resolves.toMatch(/^Not delivered/);
  });

  test('an IPv6 address that embeds a public IPv4 address is delivered to', async () => {
    await expect(
      destinationProblem('https://[64:ff9b::808:808]/hook', false, noLookup),
    ).resolves.toBe(undefined);
  });
});
