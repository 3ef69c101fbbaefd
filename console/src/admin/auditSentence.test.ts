import { describe, expect, it } from 'vitest';
import type { AuditEvent } from '../api/schemas';
import { de } from '../i18n/de';
import { en } from '../i18n/en';
import { actorName, auditSentence } from './auditSentence';

const reader = { userId: 'u-1', name: 'Grace Hopper' };
const event = (overrides: Partial<AuditEvent>): AuditEvent => ({
  id: '0'.repeat(24),
  at: '2026-12-01T10:00:00.000Z',
  actor: 'partner:u-1',
  action: 'invitation.revoked',
  subject: { kind: 'invitation', id: 'inv-1' },
  before: null,
  after: null,
  ...overrides,
});

describe('auditSentence', () => {
  it('names the reader, says what happened and lists each changed field', () => {
    expect(
      auditSentence(
        en,
        event({ before: { status: 'sent' }, after: { status: 'revoked', revokedAt: 'x' } }),
        reader,
      ),
    ).toEqual({
      sentence: 'Invitation revoked by you (Grace Hopper).',
      changes: ['status: sent → revoked', 'revokedAt: x'],
    });
  });

  it('reads nested objects field by field and says what was removed, in German too', () => {
    const removed = event({
      action: 'supportContact.removed',
      before: { supportContact: { name: 'Ada', supportMpnId: '1234567' } },
      after: null,
    });
    expect(auditSentence(de, removed, reader)).toEqual({
      sentence: 'Supportkontakt entfernt durch Sie (Grace Hopper).',
      changes: ['supportContact.name entfernt', 'supportContact.supportMpnId entfernt'],
    });
  });

  it('never prints an object or a placeholder, whatever the action', () => {
    const odd = auditSentence(
      en,
      event({
        // An action this console does not know yet (a newer API): cast past the generated union.
        action: 'something.new' as AuditEvent['action'],
        after: { roles: ['a', 'b'], nested: { deep: { x: 1 } } },
      }),
      reader,
    );
    expect(odd.sentence).toBe('Change recorded (something.new) by you (Grace Hopper).');
    expect(odd.changes).toEqual(['roles: a, b', 'nested.deep.x: 1']);
    expect(JSON.stringify(odd)).not.toMatch(/\[object Object\]|\{\w+\}/);
  });
});

describe('actorName', () => {
  it.each([
    ['partner:u-1', 'you (Grace Hopper)'],
    ['partner:u-2', 'a user of your organization'],
    ['customer', 'the customer'],
    ['customer:admin@contoso.example', 'the customer (admin@contoso.example)'],
    ['customer:tenant-1:user-1', 'an admin of the customer'],
    ['system', 'the service'],
    ['microsoft:graph', 'Microsoft'],
    ['microsoft:partnerCenterEvent', 'Microsoft'],
  ])('%s reads "%s"', (actor, name) => {
    expect(actorName(en, actor, reader)).toBe(name);
  });
});

describe('what Microsoft changed', () => {
  it('is told as Microsoft’s doing, in English and German', () => {
    const changed = event({
      actor: 'microsoft:graph',
      action: 'delegatedAdmin.changed',
      subject: { kind: 'customer', id: 'c-1' },
      before: { status: 'approvalPending' },
      after: { status: 'active' },
    });
    expect(auditSentence(en, changed, reader).sentence).toBe(
      'Delegated admin relationship changed by Microsoft.',
    );
    expect(auditSentence(de, changed, reader).sentence).toBe(
      'Delegierte Administratorbeziehung geändert durch Microsoft.',
    );
  });
});
