import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { authorizeUrl, startTestIssuer, type TestIssuer } from '../../integration/local/testIssuer';
import {
  describeInBrowser,
  horizontalOverflow,
  launchBrowser,
  NARROW_PHONE,
  seriousAccessibilityViolations,
} from '../support/browser';

/**
 * The issuer's sign-in page as a person meets it: in Chromium on a narrow phone, with the
 * page's own Content-Security-Policy in force, following the redirect back to an app.
 */
describeInBrowser('dev token issuer sign-in page in a browser', () => {
  let issuer: TestIssuer;
  let app: http.Server;
  let callbackBase: string;
  let browser: Browser;

  beforeAll(async () => {
    issuer = await startTestIssuer({ audience: 'api://default' });
    // Stands in for the app's callback on another loopback port.
    app = http.createServer((_req, res) => res.end('back at the app'));
    await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
    callbackBase = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => app?.close(resolve));
    await issuer?.close();
  });

  const openSignIn = async (tenant: string) => {
    // A page of its own context: axe needs one.
    const context = await browser.newContext({ viewport: NARROW_PHONE });
    const page = await context.newPage();
    const policyViolations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) {
        policyViolations.push(message.text());
      }
    });
    const url = authorizeUrl(issuer.issuer, tenant, {
      client_id: 'acceptance-app',
      redirect_uri: `${callbackBase}/api/auth/callback`,
      scope: 'openid profile email',
      state: 'state-e2e',
    });
    await page.goto(url.href);
    return { page, policyViolations };
  };

  /** Every control a finger uses: text fields, buttons, and the checkbox rows (their labels). */
  const smallTouchTargets = (page: Page) =>
    page.$$eval('input[type=text], button, label.check', (elements) =>
      elements
        .map((element) => ({ element, box: element.getBoundingClientRect() }))
        .filter(({ box }) => box.height < 44 || box.width < 44)
        .map(({ element, box }) => `${element.outerHTML.slice(0, 60)} ${box.width}x${box.height}`),
    );

  it('fits 320 px without horizontal scrolling, with large enough targets and no serious axe violations', async () => {
    const { page, policyViolations } = await openSignIn('contoso.com');

    expect(await page.title()).toBe('Sign in — local test accounts');
    expect(await horizontalOverflow(page)).toBe(0);
    expect(await smallTouchTargets(page)).toEqual([]);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect(policyViolations).toEqual([]);
    await page.context().close();
  });

  it('signs in and returns to the app with a code and the state, within its policy', async () => {
    const { page, policyViolations } = await openSignIn('organizations');
    await page.getByLabel('Sign-in name').fill('agent@partner.example');
    await page.getByLabel('CustomerAdmin').check();

    await Promise.all([
      page.waitForURL(`${callbackBase}/api/auth/callback?**`),
      page.getByRole('button', { name: 'Sign in' }).click(),
    ]);

    const back = new URL(page.url());
    expect(back.searchParams.get('code')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(back.searchParams.get('state')).toBe('state-e2e');
    expect(policyViolations).toEqual([]);
    await page.context().close();
  });

  it('goes back with access_denied on Cancel, even with a field left empty', async () => {
    const { page } = await openSignIn('organizations');
    await page.getByLabel('Display name').fill('');

    await Promise.all([
      page.waitForURL(`${callbackBase}/api/auth/callback?**`),
      page.getByRole('button', { name: 'Cancel' }).click(),
    ]);

    expect(new URL(page.url()).searchParams.get('error')).toBe('access_denied');
    await page.context().close();
  });
});
