import { customerBody, MCA_SIGNER, type Partner, type TestStack } from './testStack';

/*
 * Granular invitations taken to the point where Microsoft holds a relationship awaiting the
 * customer's approval, for the tests of what happens next (events, re-checks, assignments).
 */

export const USER_ADMIN = 'fe930be7-5e62-47db-91af-98c3a49a38b1';
export const LICENSE_ADMIN = '4d6ac14f-3453-41d0-bef9-a3e0c569773a';
export const HELPDESK_ADMIN = '729827e3-9c14-49f7-bb1b-9608f156bbb8';
export const RELATIONSHIPS = '/tenantRelationships/delegatedAdminRelationships';

export function granularBody(roles = [USER_ADMIN, LICENSE_ADMIN]): Record<string, unknown> {
  const { includeDelegatedAdmin: _classic, ...body } = customerBody();
  return { ...body, delegatedAdmin: { roles, duration: 'P90D', autoExtend: false } };
}

/** Invites with granular roles, has the customer's Global Administrator accept, waits for activation. */
export async function acceptedGranular(stack: TestStack, partner: Partner, roles?: string[]) {
  const created = await partner.api('/api/invitations', {
    method: 'POST',
    json: granularBody(roles),
  });
  if (created.status !== 201) throw new Error(`not created: ${created.status} ${created.text}`);
  const admin = await stack.customerAdmin(created.body.customer.domain);
  const accepted = await admin.accept(created.body.acceptUrl, MCA_SIGNER);
  if (accepted.status !== 303) throw new Error(`not accepted: ${accepted.status}`);
  await stack.waitForIdle(15_000);
  return {
    customerId: created.body.customerId as string,
    graphId: created.body.delegatedAdmin.graphRelationshipId as string,
    domain: created.body.customer.domain as string,
    admin,
  };
}

/** Polls `probe` until it gives a value (the queues work on their own schedule). */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The partner's relationship document as stored (its `gdap` tracking included). */
export async function relationshipDoc(stack: TestStack, partner: Partner, customerId: string) {
  const { resource } = await stack.container
    .item(`relationship:${customerId}`, `partner:${partner.tenantId}`)
    .read();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return resource as any;
}

/** The customer's admin approves the relationship on the stand-in's admin center page. */
export async function approveInAdminCenter(stack: TestStack, graphId: string, domain: string) {
  const response = await fetch(
    `${stack.microsoft.url}/AdminPortal/granularAdminRelationships/${graphId}`,
    {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ admin: `admin@${domain}` }).toString(),
      // The stand-in's self-signed certificate: trusted for this call only.
      dispatcher: trustingDispatcher(stack),
    } as RequestInit,
  );
  await response.text();
  if (response.status !== 200) throw new Error(`approval refused: ${response.status}`);
}

let dispatcher: unknown;
function trustingDispatcher(stack: TestStack): unknown {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Agent } = require('undici') as typeof import('undici');
  dispatcher ??= new Agent({ connect: { ca: stack.microsoft.caCertificatePem } });
  return dispatcher;
}

/** What Microsoft or the customer did elsewhere (`/__control/relationships/{id}`), no event sent. */
export async function changeInMicrosoft(stack: TestStack, graphId: string, status: string) {
  const response = await fetch(`${stack.microsoft.url}/__control/relationships/${graphId}`, {
    method: 'PATCH',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ status }),
    dispatcher: trustingDispatcher(stack),
  } as RequestInit);
  await response.text();
  if (response.status !== 200) throw new Error(`not changed: ${response.status}`);
}
