import {
  isDeliveryFailure,
  MAX_DELIVERY_EVENTS,
  withDeliveryEvents,
  type DeliveryEvent,
  type EmailEventType,
} from '../../../shared/domain/emailDelivery';

const at = (second: number) => new Date(Date.UTC(2026, 0, 1, 9, 0, second)).toISOString();
const event = (
  id: string,
  type: EmailEventType,
  second: number,
  reason?: string,
): DeliveryEvent => ({
  sgEventId: id,
  event: type,
  at: at(second),
  ...(reason === undefined ? {} : { reason }),
});

describe('email delivery state', () => {
  test.each([
    [
      'delivered after processed',
      [event('a', 'processed', 0), event('b', 'delivered', 2)],
      'delivered',
    ],
    [
      'processed arriving late does not undo delivered',
      [event('b', 'delivered', 2), event('a', 'processed', 0)],
      'delivered',
    ],
    [
      'same second: delivered beats processed',
      [event('b', 'delivered', 1), event('a', 'processed', 1)],
      'delivered',
    ],
    [
      'deferred, then delivered',
      [event('a', 'deferred', 1), event('b', 'delivered', 9)],
      'delivered',
    ],
    ['bounce', [event('a', 'processed', 0), event('b', 'bounce', 1, '550 5.1.1')], 'bounced'],
    ['dropped', [event('a', 'dropped', 0, 'Bounced Address')], 'dropped'],
    ['opened', [event('a', 'delivered', 0), event('b', 'open', 5)], 'opened'],
    ['spam report', [event('a', 'delivered', 0), event('b', 'spamreport', 5)], 'spam-reported'],
    [
      'a later send (resend) after a bounce',
      [event('a', 'bounce', 0), event('b', 'processed', 60)],
      'processed',
    ],
  ])('%s', (_name, events, state) => {
    const { delivery } = withDeliveryEvents(undefined, events);
    expect(delivery?.state).toBe(state);
    expect(delivery?.events.map((e) => e.at)).toEqual([...events.map((e) => e.at)].sort());
  });

  test('the state carries the time and reason of the latest event', () => {
    const { delivery } = withDeliveryEvents(undefined, [
      event('a', 'processed', 0),
      event('b', 'bounce', 3, '550 5.1.1 no such user'),
    ]);
    expect(delivery).toMatchObject({
      state: 'bounced',
      at: at(3),
      reason: '550 5.1.1 no such user',
    });
  });

  test('an event already recorded (same sg_event_id) is left out; a pure replay adds nothing', () => {
    const first = withDeliveryEvents(undefined, [
      event('a', 'processed', 0),
      event('b', 'bounce', 1),
    ]);
    const replay = withDeliveryEvents(first.delivery, [event('b', 'bounce', 1)]);
    expect(replay.added).toEqual([]);
    expect(replay.delivery).toBe(first.delivery);
    const twiceInOneBatch = withDeliveryEvents(undefined, [
      event('x', 'open', 0),
      event('x', 'open', 0),
    ]);
    expect(twiceInOneBatch.delivery?.events).toHaveLength(1);
  });

  test(`keeps the newest ${MAX_DELIVERY_EVENTS} events`, () => {
    const many = Array.from({ length: MAX_DELIVERY_EVENTS + 5 }, (_, i) =>
      event(`e${i}`, 'open', i),
    );
    const { delivery } = withDeliveryEvents(undefined, many);
    expect(delivery?.events).toHaveLength(MAX_DELIVERY_EVENTS);
    expect(delivery?.events[0]?.sgEventId).toBe('e5');
  });

  test.each([
    ['bounce', true],
    ['dropped', true],
    ['deferred', false],
    ['spamreport', false],
    ['delivered', false],
  ] as const)('%s is a delivery failure: %s', (type, failure) => {
    expect(isDeliveryFailure(type)).toBe(failure);
  });
});
