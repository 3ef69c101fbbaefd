import {
  customerBody,
  MCA_SIGNER,
  PROFILE_DE,
  startTestStack,
  type Partner,
  type TestStack,
} from './support/testStack';
import { partnerDocuments, queueMessage as putMessage } from './support/storeAccess';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
}, 60_000);

afterAll(async () => {
  await stack?.close();
});

const documentsOf = (partner: Partner, type: string) => partnerDocuments(stack, partner, type);
const queueMessage = (queue: string, message: object) => putMessage(stack, queue, message);

describe('races and redelivery', () => {
  test('twenty clicks on one link at once give one acceptance, one MCA attestation and one relationship', async () => {
    const partner = await stack.partnerWithProfile();
    const body = customerBody();
    const created = await partner.api('/api/invitations', { method: 'POST', json: body });
    const admin = await stack.customerAdmin(body.customer.domain);
    const clicks = await Promise.all(
      Array.from({ length: 20 }, () => admin.accept(created.body.acceptUrl, MCA_SIGNER)),
    );
    expect(new Set(clicks.map((c) => c.status))).toEqual(new Set([303]));
    expect(new Set(clicks.map((c) => c.headers.get('location'))).size).toBe(1);
    await stack.waitForIdle(15_000);

    const invitation = await partner.api(`/api/invitations/${created.body.id}`);
    const transitions = invitation.body.history.map((h: { to: string }) => h.to);
    expect(transitions.filter((t: string) => t === 'accepted')).toHaveLength(1);
    expect(transitions.filter((t: string) => t === 'active')).toHaveLength(1);
    const relationships = await documentsOf(partner, 'relationship');
    expect(relationships).toHaveLength(1);
    expect(relationships[0].invitationIds).toEqual([created.body.id]);
    const { resources: attestations } = await stack.container.items
      .query({
        query: "SELECT * FROM c WHERE c.type = 'mcaAttestation' AND c.customerId = @id",
        parameters: [{ name: '@id', value: created.body.customerId }],
      })
      .fetchAll();
    expect(attestations).toHaveLength(1);
  });

  test('sending twice at once sends one email', async () => {
    const partner = await stack.partnerWithProfile();
    const body = customerBody();
    const created = await partner.api('/api/invitations', { method: 'POST', json: body });
    const sends = await Promise.all(
      [1, 2, 3].map(() =>
        partner.api(`/api/invitations/${created.body.id}/send`, { method: 'POST' }),
      ),
    );
    expect(sends.map((s) => s.status)).toEqual([202, 202, 202]);
    expect(sends.filter((s) => s.body.queued)).toHaveLength(1);
    await stack.waitForIdle(15_000);
    const again = await partner.api(`/api/invitations/${created.body.id}/send`, { method: 'POST' });
    expect(again.status).toBe(202);
    expect(again.body.queued).toBe(false);
    await stack.waitForIdle(15_000);
    expect(
      stack.sendgrid.messages().filter((m) => m.to.includes(body.customer.email)),
    ).toHaveLength(1);
  });

  test('a redelivered dispatch message does not send again', async () => {
    const partner = await stack.partnerWithProfile();
    const body = customerBody();
    const created = await partner.api('/api/invitations', { method: 'POST', json: body });
    await partner.api(`/api/invitations/${created.body.id}/send`, { method: 'POST' });
    await stack.waitForIdle(15_000);
    const [doc] = (await documentsOf(partner, 'invitation')) as [{ dispatch: { id: string } }];
    await queueMessage('invitation-email', {
      partnerTenantId: partner.tenantId,
      invitationId: created.body.id,
      dispatchId: doc.dispatch.id,
    });
    await stack.waitForIdle(15_000);
    expect(
      stack.sendgrid.messages().filter((m) => m.to.includes(body.customer.email)),
    ).toHaveLength(1);
  });

  test('a redelivered activation message changes nothing', async () => {
    const partner = await stack.partnerWithProfile();
    const body = customerBody();
    const created = await partner.api('/api/invitations', { method: 'POST', json: body });
    const admin = await stack.customerAdmin(body.customer.domain);
    await admin.accept(created.body.acceptUrl, MCA_SIGNER);
    await stack.waitForIdle(15_000);
    const [before] = await documentsOf(partner, 'relationship');
    const invitationBefore = await partner.api(`/api/invitations/${created.body.id}`);

    const message = { partnerTenantId: partner.tenantId, invitationId: created.body.id };
    await queueMessage('relationship-activation', message);
    await queueMessage('relationship-activation', message);
    await stack.waitForIdle(15_000);

    const [after] = await documentsOf(partner, 'relationship');
    expect(after._etag).toBe(before._etag);
    const invitationAfter = await partner.api(`/api/invitations/${created.body.id}`);
    expect(invitationAfter.body.history).toEqual(invitationBefore.body.history);
  });

  test('concurrent creates with one Idempotency-Key leave one invitation and one event', async () => {
    const partner = await stack.partnerWithProfile();
    const body = customerBody();
    const creates = await Promise.all(
      Array.from({ length: 20 }, () =>
        partner.api('/api/invitations', {
          method: 'POST',
          json: body,
          headers: { 'Idempotency-Key': 'one-key-twenty-tries' },
        }),
      ),
    );
    expect(new Set(creates.map((c) => c.status))).toEqual(new Set([200, 201]));
    expect(new Set(creates.map((c) => c.body.acceptUrl)).size).toBe(1);
    const invitations = await documentsOf(partner, 'invitation');
    expect(invitations.map((invitation) => invitation.id)).toEqual([creates[0]!.body.id]);
    const created = (await documentsOf(partner, 'auditEvent')).filter(
      (event) => event.action === 'invitation.created',
    );
    expect(created).toHaveLength(1);
  });

  test('twenty concurrent first PUTs of the profile each win in turn: one 201, the rest 200', async () => {
    const partner = await stack.newPartner();
    const bodies = Array.from({ length: 20 }, (_, i) => ({
      ...PROFILE_DE,
      mpnId: `${1000000 + i}`,
    }));
    const puts = await Promise.all(
      bodies.map((json) => partner.api('/api/partner', { method: 'PUT', json })),
    );
    const statuses = puts.map((p) => p.status).sort();
    expect(statuses).toEqual([201, ...Array<number>(19).fill(200)].sort());
    const saved = (await documentsOf(partner, 'auditEvent')).filter(
      (e) => e.action === 'partnerProfile.saved',
    );
    expect(saved).toHaveLength(20);
    const profile = await partner.api('/api/partner');
    expect(bodies.map((b) => b.mpnId)).toContain(profile.body.mpnId);
  });

  test('a malformed queue message ends on the poison queue, kept for an operator', async () => {
    const errors = stack.expectHostErrors(/Malformed message on activateRelationship/);
    await queueMessage('relationship-activation', { nonsense: true });
    await stack.waitForIdle(30_000);
    // Each try fails naming the bad fields, until host.json's maxDequeueCount (5) is used up.
    expect(errors).toHaveLength(5);
    expect(errors.map((error) => /DequeueCount=(\d+)/.exec(error)?.[1])).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
    ]);
    expect(errors[0]).toMatch(/partnerTenantId: Invalid input/);
    const poison = stack.queueService.getQueueClient('relationship-activation-poison');
    const peeked = await poison.peekMessages({ numberOfMessages: 32 });
    const texts = peeked.peekedMessageItems.map((m) =>
      Buffer.from(m.messageText, 'base64').toString('utf8'),
    );
    expect(texts).toContain(JSON.stringify({ nonsense: true }));
  });
});
