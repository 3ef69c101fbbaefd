import { escapeHtml } from '../../shared/domain/escapeHtml';
import { entraRole } from '../../shared/domain/entraRoles';
import type { RelationshipRecord } from './graphState';

/*
 * The Microsoft 365 admin center's page where a customer's administrator approves a partner's
 * granular delegated admin relationship. Microsoft's address carries the relationship in the
 * fragment (`/AdminPortal/Home#/partners/invitation/granularAdminRelationships/{id}`), which a
 * server never sees, so `/AdminPortal/Home` forwards to a page that names it in the path.
 */

const PAGE_HEAD = `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">`;

/** `/AdminPortal/Home`: forwards a relationship fragment to its approval page. */
export function renderAdminCenterHome(): string {
  return `${PAGE_HEAD}<title>Microsoft 365 admin center (local)</title></head><body><main>
<h1>Microsoft 365 admin center (local stand-in)</h1><p id="what">Nothing to approve here.</p></main>
<script>
const match = /granularAdminRelationships\\/([0-9a-fA-F-]+)/.exec(location.hash);
if (match) location.replace('/AdminPortal/granularAdminRelationships/' + match[1]);
</script></body></html>`;
}

/** What the approval page shows for one relationship, and the form to approve it. */
export function renderApprovalPage(
  relationship: RelationshipRecord,
  message?: { readonly kind: 'done' | 'refused'; readonly text: string },
): string {
  const roles = relationship.accessDetails.unifiedRoles
    .map((role) => {
      const name = entraRole(role.roleDefinitionId)?.name['en-US'] ?? role.roleDefinitionId;
      return `<li>${escapeHtml(name)}</li>`;
    })
    .join('');
  const form =
    relationship.status === 'approvalPending'
      ? `<form method="post"><p><label for="admin">Signed in as (customer administrator)</label>
<input id="admin" name="admin" type="email" required autocomplete="username"></p>
<button type="submit">Approve all roles</button></form>`
      : '';
  const note =
    message === undefined
      ? ''
      : `<p role="${message.kind === 'done' ? 'status' : 'alert'}">${escapeHtml(message.text)}</p>`;
  return `${PAGE_HEAD}<title>Approve the partner's admin relationship</title></head><body><main>
<h1>Approve the partner's admin relationship</h1>${note}
<dl><dt>Relationship</dt><dd>${escapeHtml(relationship.displayName)}</dd>
<dt>Partner tenant</dt><dd><code>${escapeHtml(relationship.partnerTenantId)}</code></dd>
<dt>Duration</dt><dd>${escapeHtml(relationship.duration)}</dd>
<dt>Status</dt><dd id="status">${escapeHtml(relationship.status)}</dd></dl>
<h2>Microsoft Entra roles</h2><ul>${roles}</ul>${form}</main></body></html>`;
}

/**
 * The admin center's reseller invitation (`/Adminportal/Home?invType=ResellerRelationship&
 * partnerId=…`), where our acceptance sends the customer: their administrator accepts the
 * partner as reseller, after which the partner's tenant holds a `ResellerPartner` contract.
 */
export function renderResellerAcceptancePage(
  partnerTenantId: string,
  includeDelegatedAdmin: boolean,
  message?: { readonly kind: 'done' | 'refused'; readonly text: string },
): string {
  const note =
    message === undefined
      ? ''
      : `<p role="${message.kind === 'done' ? 'status' : 'alert'}">${escapeHtml(message.text)}</p>`;
  const form =
    message?.kind === 'done'
      ? ''
      : `<form method="post"><p><label for="admin">Signed in as (customer administrator)</label>
<input id="admin" name="admin" type="email" required autocomplete="username"></p>
<p><label><input type="checkbox" name="agree" value="yes" required> I authorize this partner as our Microsoft Cloud Solution Provider</label></p>
<button type="submit">Accept and authorize</button></form>`;
  return `${PAGE_HEAD}<title>Accept the partner's reseller relationship</title></head><body><main>
<h1>Accept the partner's reseller relationship</h1>${note}
<dl><dt>Partner tenant</dt><dd><code>${escapeHtml(partnerTenantId)}</code></dd>
<dt>Delegated admin privileges</dt><dd>${includeDelegatedAdmin ? 'requested' : 'not requested'}</dd></dl>
${form}</main></body></html>`;
}
