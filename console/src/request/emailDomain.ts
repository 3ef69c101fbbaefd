/**
 * Whether the email is clearly outside the domain being invited: only an admin who signs in to
 * the customer's tenant can accept, so an address elsewhere (a typo, a private mailbox) is
 * worth a warning while typing. Not a refusal: a tenant can have more verified domains than the
 * one invited (contoso.com beside contoso.onmicrosoft.com), which the console cannot know.
 * Nothing is said until both look complete.
 */
export function emailOutsideDomain(email: string, domain: string): boolean {
  const at = email.trim().lastIndexOf('@');
  const wanted = domain.trim().toLowerCase().replace(/\.$/, '');
  if (at < 1 || !wanted.includes('.')) return false;
  const emailDomain = email
    .trim()
    .slice(at + 1)
    .toLowerCase();
  if (!emailDomain.includes('.')) return false;
  return emailDomain !== wanted && !emailDomain.endsWith(`.${wanted}`);
}
