import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';

/**
 * Browser tests drive Debian's Chromium (`apt-get install chromium`) with playwright-core;
 * never a browser a test tool downloads. Where no Chromium is installed the tests say so
 * loudly and are skipped — except in CI (CI=true), where a missing browser fails the run.
 */
const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];

export const chromiumPath = CANDIDATES.find(
  (path): path is string => path !== undefined && path !== '' && existsSync(path),
);

if (chromiumPath === undefined) {
  const message =
    'No Chromium found (looked for $CHROMIUM_PATH, /usr/bin/chromium): the BROWSER TESTS DID NOT RUN. ' +
    'Install it with `apt-get install chromium` (Debian) to run them.';
  if (process.env.CI === 'true') {
    throw new Error(message);
  }
  process.stderr.write(`\n*** ${message} ***\n\n`);
}

/** `describe` when a browser is available, `describe.skip` (announced above) otherwise. */
export const describeInBrowser = chromiumPath === undefined ? describe.skip : describe;

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath!,
    headless: true,
    // As root in a sandbox, with no network but loopback: no sandbox, no background traffic.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export const PHONE = { width: 390, height: 844 };
export const NARROW_PHONE = { width: 320, height: 640 };
export const DESKTOP = { width: 1280, height: 900 };

/** Serious and critical accessibility violations on the page, by rule id and target. */
export async function seriousAccessibilityViolations(
  page: Page,
  options: { exclude?: readonly string[] } = {},
): Promise<string[]> {
  // A dialog fading in has text at partial opacity, which axe reads as low contrast: let the
  // page's finite animations and transitions finish first (a string: no DOM types here).
  await page.evaluate(
    `Promise.all(document.getAnimations()
      .filter((a) => a.effect && a.effect.getComputedTiming().endTime !== Infinity)
      .map((a) => a.finished.catch(() => undefined))).then(() => undefined)`,
  );
  const builder = new AxeBuilder({ page });
  // E.g. a sandboxed frame without scripts (the console's email preview), which axe cannot enter.
  for (const selector of options.exclude ?? []) builder.exclude(selector);
  const results = await builder.analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
}

/** How far the page is wider than the viewport (0 = no horizontal scrolling). */
export async function horizontalOverflow(page: Page): Promise<number> {
  // A string, not a function: the project's TypeScript has no DOM types, and this runs there.
  return page.evaluate<number>(
    'document.documentElement.scrollWidth - document.documentElement.clientWidth',
  );
}

/** Writes a README screenshot (docs/screenshots/) when UPDATE_SCREENSHOTS=1; otherwise nothing. */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  if (process.env.UPDATE_SCREENSHOTS !== '1') return;
  const dir = join(__dirname, '..', '..', '..', 'docs', 'screenshots');
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, name), fullPage: true });
}
