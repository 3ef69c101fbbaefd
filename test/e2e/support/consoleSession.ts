import { rmSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { startTestStack, type TestStack } from '../../integration/support/testStack';
import { horizontalOverflow, launchBrowser, seriousAccessibilityViolations } from './browser';
import { buildConsole } from './consoleBuild';
import { signInOnDevIssuerPage } from './devIssuerSignIn';

/** What a console browser test works against, available from its `beforeAll` on. */
export interface ConsoleTestBed {
  readonly stack: TestStack;
  readonly browser: Browser;
  readonly consoleUrl: string;
}

/**
 * Registers the `beforeAll`/`afterAll` of a console browser test file: the console built from
 * the current sources, the real local stack serving it (with `settings` on top of the test
 * stack's), Chromium; all gone afterwards.
 */
export function consoleTestBed(settings: Record<string, string> = {}): ConsoleTestBed {
  let distDir: string | undefined;
  let stack: TestStack | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    distDir = buildConsole();
    stack = await startTestStack(settings, { console: { distDir } });
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
    if (distDir !== undefined) rmSync(distDir, { recursive: true, force: true });
  });
  return {
    get stack() {
      return stack!;
    },
    get browser() {
      return browser!;
    },
    get consoleUrl() {
      return stack!.consoleUrl!;
    },
  };
}

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
