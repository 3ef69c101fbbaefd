import type { Page } from 'playwright-core';
import { horizontalOverflow, seriousAccessibilityViolations } from './browser';
import { signInOnDevIssuerPage } from './devIssuerSignIn';

/**
 * What axe leaves out of the partner console: the email preview (the customer's email, in a
 * sandboxed frame without scripts that axe cannot enter) and Fluent UI's focus sentinels
 * (Tabster's `<i aria-hidden tabindex=0 data-tabster-dummy>`, which hand focus straight on and
 * are never read out).
 */
export const CONSOLE_AXE_SCOPE = { exclude: ['iframe.preview-html', '[data-tabster-dummy]'] };

/** No serious or critical axe violation, and nothing wider than the viewport. */
export async function expectConsoleAccessible(page: Page): Promise<void> {
  expect(await seriousAccessibilityViolations(page, CONSOLE_AXE_SCOPE)).toEqual([]);
  expect(await horizontalOverflow(page)).toBe(0);
}

/**
 * Opens the console's Customers screen, presses the sign-in button (its label in the page's
 * language) and signs in on the dev issuer's page as a user of `tenantId` with `roles`.
 */
export async function signInToConsole(
  page: Page,
  consoleUrl: string,
  tenantId: string,
  roles: readonly ('AdminAgent' | 'SalesAgent')[],
  signInLabel = 'Sign in',
): Promise<void> {
  await page.goto(`${consoleUrl}/customers`);
  await page.getByRole('button', { name: signInLabel }).click();
  await signInOnDevIssuerPage(
    page,
    { tenantId, username: 'grace@partner.example', displayName: 'Grace Hopper', roles },
    new RegExp(`^${consoleUrl}/customers$`),
  );
}
