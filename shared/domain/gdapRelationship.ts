/**
 * The pure parts of a granular delegated admin relationship as this service creates it in
 * Microsoft Graph: its display name, its auto-extension value and Microsoft's approval address.
 */

/** Graph refuses display names longer than this. */
export const GDAP_DISPLAY_NAME_MAX = 50;

/**
 * The relationship's display name: the customer's company (what the customer's admin recognises
 * on Microsoft's approval page) and the invitation's first id characters, which keep it unique
 * among the partner's relationships as Graph requires, within Graph's 50 characters. Characters
 * other than letters, digits, spaces and `-_.` are dropped.
 */
export function gdapDisplayName(companyName: string, invitationId: string): string {
  const suffix = ` ${invitationId.replace(/-/g, '').slice(0, 8)}`;
  const company = companyName
    .normalize('NFKD')
    .replace(/[^\p{L}\p{N} ._-]/gu, '')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, GDAP_DISPLAY_NAME_MAX - suffix.length)
    .trim();
  return `${company === '' ? 'Customer' : company}${suffix}`;
}

/** Graph's `autoExtendDuration`: 180 days, or `PT0S` for none. */
export function autoExtendDurationOf(autoExtend: boolean): 'P180D' | 'PT0S' {
  return autoExtend ? 'P180D' : 'PT0S';
}

/** Where the customer's administrator approves the relationship in the Microsoft 365 admin center. */
export function gdapApprovalUrl(adminCenterUrl: string, relationshipId: string): string {
  return `${adminCenterUrl.replace(/\/+$/, '')}/AdminPortal/Home#/partners/invitation/granularAdminRelationships/${encodeURIComponent(relationshipId)}`;
}
