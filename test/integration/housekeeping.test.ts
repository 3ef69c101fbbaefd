import { customerBody, startTestStack, type Partner, type TestStack } from './support/testStack';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({ INVITATION_REMINDER_DAYS: '7' });
}, 60_000);

afterAll(async () => {
  await stack?.close();
});

/** Moves an invitation's expiry, as time passing would. */
async function expireIn(partner: Partner, id: string, ms: number): Promise<void> {
  const item = stack.container.item(id, `partner:${partner.tenantId}`);
  const { resource } = await item.read();
  await item.replace({ ...resource, expiresAt: new Date(Date.now() + ms).toISOString() });
}

async function sentInvitation(partner: Partner) {
  const body = customerBody();
  const created = await partner.api('/api/invitations', { method: 'POST', json: body });
  await partner.api(`/api/invitations/${created.body.id}/send`, { method: 'POST' });
  await stack.waitForIdle(15_000);
  return { id: created.body.id as string, email: body.customer.email };
}

describe('the housekeeping timer', () => {
  test('stores `expired` on overdue invitations once, with an event, and leaves others alone', async () => {
    const partner = await stack.partnerWithProfile();
    const overdue = await partner.api('/api/invitations', { method: 'POST', json: customerBody() });
    const fresh = await partner.api('/api/invitations', { method: 'POST', json: customerBody() });
    await expireIn(partner, overdue.body.id, -1000);

    await stack.runTimer('invitationHousekeeping');
    await stack.runTimer('invitationHousekeeping');
    await stack.waitForIdle(15_000);

    const stored = await stack.container
      .item(overdue.body.id, `partner:${partner.tenantId}`)
      .read();
    expect(stored.resource.status).toBe('expired');
    expect(stored.resource.history.at(-1)).toMatchObject({
      from: 'draft',
      to: 'expired',
      actor: 'system',
    });
    expect((await partner.api(`/api/invitations/${fresh.body.id}`)).body.status).toBe('draft');
    const events = await partner.api('/api/audit-events');
    const expired = events.body.items.filter(
      (e: { action: string }) => e.action === 'invitation.expired',
    );
    expect(expired).toHaveLength(1);
    expect(expired[0].subject.id).toBe(overdue.body.id);
  });

  test('sends one reminder to a sent invitation inside the reminder window, never two', async () => {
    const partner = await stack.partnerWithProfile();
    const due = await sentInvitation(partner);
    const later = await sentInvitation(partner);
    await expireIn(partner, due.id, 2 * 86_400_000);
    await expireIn(partner, later.id, 30 * 86_400_000);

    await stack.runTimer('invitationHousekeeping');
    await stack.waitForIdle(15_000);
    await stack.runTimer('invitationHousekeeping');
    await stack.waitForIdle(15_000);

    const dueMails = stack.sendgrid.messages().filter((m) => m.to.includes(due.email));
    expect(dueMails.map((m) => m.subject?.startsWith('Reminder: '))).toEqual([false, true]);
    expect(stack.sendgrid.messages().filter((m) => m.to.includes(later.email))).toHaveLength(1);
    const invitation = await partner.api(`/api/invitations/${due.id}`);
    expect(invitation.body.status).toBe('sent');
    expect(invitation.body.reminderRequestedAt).toEqual(expect.any(String));
    const actions = (await partner.api('/api/audit-events')).body.items.map(
      (e: { action: string }) => e.action,
    );
    expect(actions.filter((a: string) => a === 'invitation.reminded')).toHaveLength(1);
  });

  test('runs on demand through the admin endpoint, as with Core Tools', async () => {
    const partner = await stack.partnerWithProfile();
    const overdue = await partner.api('/api/invitations', { method: 'POST', json: customerBody() });
    await expireIn(partner, overdue.body.id, -1000);
    const response = await fetch(`${stack.functionsUrl}/admin/functions/invitationHousekeeping`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ input: '' }),
    });
    expect(response.status).toBe(202);
    const deadline = Date.now() + 10_000;
    for (;;) {
      const stored = await stack.container
        .item(overdue.body.id, `partner:${partner.tenantId}`)
        .read();
      if (stored.resource.status === 'expired') break;
      if (Date.now() > deadline) throw new Error('housekeeping did not run');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });
});
