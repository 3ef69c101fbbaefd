import { relationshipAfter } from '../../../shared/services/activation';
import type {
  CustomerDocument,
  InvitationDocument,
  RelationshipDocument,
} from '../../../shared/store/documents';

const at = '2026-11-24T10:00:00.000Z';
const earlier = '2026-01-01T00:00:00.000Z';

const invitation = (includeDelegatedAdmin: boolean, id = 'inv-2') =>
  ({
    id,
    pk: 'partner:p',
    partnerTenantId: 'p',
    customerId: 'c',
    includeDelegatedAdmin,
    partner: { displayName: 'Contoso', mpnId: '1234567' },
    customer: {
      companyName: 'Fabrikam',
      domain: 'fabrikam.example',
      country: 'FR',
      email: 'a@f.example',
    },
  }) as unknown as InvitationDocument;

const customer = {
  mca: { dateAgreed: earlier },
} as unknown as CustomerDocument;

const existing = (
  status: 'active' | 'removed',
  dap: 'active' | 'none' | 'removed',
): RelationshipDocument =>
  ({
    id: 'relationship:c',
    pk: 'partner:p',
    type: 'relationship',
    status,
    customer: {
      companyName: 'Fabrikam',
      domain: 'fabrikam.example',
      country: 'FR',
      email: 'a@f.example',
      tenantId: 'tenant-of-fabrikam',
    },
    delegatedAdmin: { state: dap, changedAt: earlier },
    supportContact: { tenantId: 't', mpnId: '123456', name: 'Support' },
    invitationIds: ['inv-1'],
    createdAt: earlier,
    activatedAt: earlier,
  }) as unknown as RelationshipDocument;

describe('the relationship an activation leaves', () => {
  test.each([
    ['a new relationship with DAP: requested, not confirmed', undefined, true, 'none', at, at],
    ['a new relationship without DAP', undefined, false, 'none', at, at],
    [
      'DAP asked for again after the customer removed it: requested, not confirmed',
      existing('active', 'removed'),
      true,
      'none',
      at,
      earlier,
    ],
    [
      'DAP kept when already active',
      existing('active', 'active'),
      true,
      'active',
      earlier,
      earlier,
    ],
    [
      'an invitation without DAP leaves an active grant alone',
      existing('active', 'active'),
      false,
      'active',
      earlier,
      earlier,
    ],
    [
      'an invitation without DAP leaves a removal alone',
      existing('active', 'removed'),
      false,
      'removed',
      earlier,
      earlier,
    ],
    [
      'a removed relationship re-established without DAP',
      existing('removed', 'removed'),
      false,
      'none',
      at,
      at,
    ],
    [
      'a removed relationship re-established with DAP: requested, not confirmed',
      existing('removed', 'removed'),
      true,
      'none',
      at,
      at,
    ],
  ] as const)('%s', (_name, before, dap, state, changedAt, activatedAt) => {
    const after = relationshipAfter(before, invitation(dap), customer, at);
    expect(after.status).toBe('active');
    expect(after.delegatedAdmin).toMatchObject({ state, changedAt });
    expect(after.partner).toEqual({ displayName: 'Contoso', mpnId: '1234567' });
    expect(after.activatedAt).toBe(activatedAt);
    expect(after.invitationIds).toEqual([...(before?.invitationIds ?? []), 'inv-2']);
    expect(after.createdAt).toBe(before?.createdAt ?? at);
    expect(after.supportContact).toEqual(before?.supportContact ?? null);
    expect(after.mca).toEqual({ accepted: true, acceptedAt: earlier });
  });

  test('the classic checkbox is recorded as requested (approvalPending) with the classic roles, never as active', () => {
    const after = relationshipAfter(undefined, invitation(true), customer, at);
    expect(after.delegatedAdmin).toEqual({
      state: 'none',
      changedAt: at,
      changedBy: 'system',
      status: 'approvalPending',
      roles: ['62e90394-69f5-4237-9190-012177145e10', '729827e3-9c14-49f7-bb1b-9608f156bbb8'],
      duration: null,
      autoExtend: false,
      invitationId: 'inv-2',
    });
  });

  test('carries the customer tenant bound at acceptance, and keeps one known before', () => {
    const bound = { ...customer, tenantId: 'bound-tenant' } as CustomerDocument;
    expect(relationshipAfter(undefined, invitation(true), bound, at).customer.tenantId).toBe(
      'bound-tenant',
    );
    expect(
      relationshipAfter(existing('active', 'active'), invitation(false), customer, at).customer
        .tenantId,
    ).toBe('tenant-of-fabrikam');
    expect(
      relationshipAfter(undefined, invitation(true), customer, at).customer,
    ).not.toHaveProperty('tenantId');
  });
});
