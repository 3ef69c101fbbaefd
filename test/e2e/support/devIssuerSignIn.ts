import type { Page } from 'playwright-core';

export interface TestAccountInput {
  username: string;
  displayName: string;
  /** Only where the authority lets the user name a tenant (`organizations`). */
  tenantId?: string;
  firstName?: string;
  lastName?: string;
  globalAdmin?: boolean;
  roles?: readonly ('AdminAgent' | 'SalesAgent' | 'CustomerAdmin')[];
}

/**
 * On the dev issuer's sign-in page (already open): picks the test account and presses
 * "Sign in"; resolves when the browser is back at `returnUrl`.
 */
export async function signInOnDevIssuerPage(
  page: Page,
  account: TestAccountInput,
  returnUrl: RegExp,
): Promise<void> {
  await page.waitForURL(/\/oauth2\/v2\.0\/authorize/);
  if (account.tenantId !== undefined) await page.getByLabel('Tenant id').fill(account.tenantId);
  await page.getByLabel('Sign-in name').fill(account.username);
  await page.getByLabel('Display name').fill(account.displayName);
  if (account.firstName !== undefined) await page.getByLabel('First name').fill(account.firstName);
  if (account.lastName !== undefined) await page.getByLabel('Last name').fill(account.lastName);
  if (account.globalAdmin !== undefined) {
    await page.getByLabel('Global Administrator').setChecked(account.globalAdmin);
  }
  if (account.roles !== undefined) {
    for (const role of ['AdminAgent', 'SalesAgent', 'CustomerAdmin'] as const) {
      await page.getByLabel(role, { exact: true }).setChecked(account.roles.includes(role));
    }
  }
  await Promise.all([
    page.waitForURL(returnUrl),
    page.getByRole('button', { name: 'Sign in', exact: true }).click(),
  ]);
}
