import type { Browser, BrowserContext, Page } from 'playwright-core';
import { tenantIdForDomain } from '../../local/servers/devTokenIssuer';
import { customerBody, startTestStack, type TestStack } from '../integration/support/testStack';
import {
  DESKTOP,
  describeInBrowser,
  horizontalOverflow,
  launchBrowser,
  NARROW_PHONE,
  PHONE,
  saveScreenshot,
  seriousAccessibilityViolations,
} from './support/browser';
import { signInOnDevIssuerPage } from './support/devIssuerSignIn';

/**
 * The customer's Global Administrator in a real browser: opens the emailed link, signs in on
 * the (local) Microsoft sign-in page, accepts the MCA and lands on the admin portal; others are
 * refused. In English and German, on a phone and a desktop, with an accessibility check.
 * `UPDATE_SCREENSHOTS=1` refreshes the README's screenshot.
 */

describeInBrowser('the customer accepts in a browser', () => {
  jest.setTimeout(90_000);
  let stack: TestStack;
  let browser: Browser;

  beforeAll(async () => {
    stack = await startTestStack();
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  async function invite(
    locale: 'en-US' | 'de-DE',
    includeDelegatedAdmin = true,
    delegatedAdmin?: Record<string, unknown>,
  ) {
    const partner = await stack.partnerWithProfile();
    const body = customerBody({
      locale,
      includeDelegatedAdmin,
      ...(delegatedAdmin === undefined ? {} : { delegatedAdmin }),
    });
    const created = await partner.api('/api/invitations', { method: 'POST', json: body });
    expect(created.status).toBe(201);
    return { partner, created: created.body, domain: body.customer.domain as string };
  }

  /** A fresh browser profile. */
  async function newPage(
    viewport: { width: number; height: number },
    locale: string,
  ): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport, locale });
    return { context, page: await context.newPage() };
  }

  async function signInAs(
    page: Page,
    username: string,
    globalAdmin: boolean,
    signInLabel: RegExp,
  ): Promise<void> {
    await page.getByRole('link', { name: signInLabel }).click();
    await signInOnDevIssuerPage(
      page,
      {
        username,
        displayName: 'Ada Lovelace',
        firstName: 'Ada',
        lastName: 'Lovelace',
        globalAdmin,
      },
      /\/api\/accept\/[A-Za-z0-9_-]+$/,
    );
  }

  const HELPDESK_ADMIN = '729827e3-9c14-49f7-bb1b-9608f156bbb8';
  const USER_ADMIN = 'fe930be7-5e62-47db-91af-98c3a49a38b1';
  const GLOBAL_ADMIN = '62e90394-69f5-4237-9190-012177145e10';

  test.each([
    [
      'en-US',
      PHONE,
      /Sign in with Microsoft/,
      'Accept and continue',
      'I accept',
      { roles: [HELPDESK_ADMIN, USER_ADMIN], duration: 'P180D', autoExtend: true },
      {
        roles: [
          'Helpdesk Administrator: Reset passwords of users who are not administrators',
          'User Administrator: Create and manage users and groups',
        ],
        term: /For 180 days from your approval, until .+ UTC\./,
        autoExtend: /Extended automatically by 180 days/,
      },
    ],
    [
      'de-DE',
      DESKTOP,
      /Mit Microsoft anmelden/,
      'Annehmen und fortfahren',
      'Ich akzeptiere',
      { roles: [GLOBAL_ADMIN], duration: 'P730D', autoExtend: false },
      {
        roles: ['Globaler Administrator: Alles im Mandanten'],
        term: /Für 730 Tage ab Ihrer Zustimmung, bis .+ UTC\./,
        autoExtend: /Keine automatische Verlängerung/,
      },
    ],
  ] as const)(
    'in %s: a Global Administrator reads the roles asked for, signs in, approves them with the MCA and lands on the admin portal; the partner lists the customer with the roles',
    async (locale, viewport, signInLabel, acceptLabel, agreeLabel, delegatedAdmin, shown) => {
      const { partner, created, domain } = await invite(locale, true, delegatedAdmin);
      const { context, page } = await newPage(viewport, locale);

      await page.goto(created.acceptUrl);
      expect(await page.locator('html').getAttribute('lang')).toBe(locale);
      const roles = page.getByRole('region', {
        name:
          locale === 'en-US' ? 'Administrator roles requested' : 'Angefragte Administratorrollen',
      });
      const items = await roles.getByRole('listitem').allTextContents();
      expect(items.map((item, i) => item.startsWith(shown.roles[i]!))).toEqual(
        shown.roles.map(() => true),
      );
      expect(await roles.textContent()).toMatch(shown.term);
      expect(await roles.textContent()).toMatch(shown.autoExtend);
      expect(await horizontalOverflow(page)).toBe(0);
      expect(await seriousAccessibilityViolations(page)).toEqual([]);

      await signInAs(page, `ada@${domain}`, true, signInLabel);
      await expect(page.getByText(`ada@${domain}`).first()).toBeTruthy();
      expect(await page.getByLabel(/^(First name|Vorname)/).inputValue()).toBe('Ada');
      expect(await horizontalOverflow(page)).toBe(0);
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      if (locale === 'en-US') await saveScreenshot(page, 'acceptance-signed-in.png');

      // Submitting without ticking the agreement: the error is next to the checkbox, in the
      // page language, and the typed values stay.
      await page.getByLabel(/^(Phone|Telefon)/).fill('+49 30 1234567');
      await page.getByRole('button', { name: acceptLabel }).click();
      const checkbox = page.getByLabel(new RegExp(agreeLabel));
      expect(await checkbox.getAttribute('aria-invalid')).toBe('true');
      expect(await page.locator('#acceptMca-error').textContent()).toMatch(
        locale === 'en-US' ? /Tick the box/ : /Setzen Sie das Häkchen/,
      );
      expect(await page.getByLabel(/^(Phone|Telefon)/).inputValue()).toBe('+49 30 1234567');
      expect(await seriousAccessibilityViolations(page)).toEqual([]);

      await checkbox.check();
      // The browser follows the 303 (its CSP allows that form redirect) to Microsoft's approval
      // page of the granular relationship created in Graph (the local stand-in's admin center);
      // the request is what is checked (a fragment never reaches a server).
      const approvalUrl = String(created.delegatedAdmin.approvalUrl);
      expect(approvalUrl).toContain(
        `#/partners/invitation/granularAdminRelationships/${created.delegatedAdmin.graphRelationshipId}`,
      );
      const [approvalRequest] = await Promise.all([
        page.waitForRequest((request) => request.url() === approvalUrl.split('#')[0]),
        page.getByRole('button', { name: acceptLabel }).click(),
      ]);
      expect(approvalRequest.isNavigationRequest()).toBe(true);

      await stack.waitForIdle(15_000);
      const customers = await partner.api('/api/customers');
      expect(customers.body.items).toEqual([
        expect.objectContaining({
          id: created.customerId,
          tenantId: tenantIdForDomain(domain),
          // Accepting here grants nothing: the roles await the approval in Microsoft.
          delegatedAdmin: expect.objectContaining({
            state: 'none',
            status: 'approvalPending',
            roles: delegatedAdmin.roles,
            duration: delegatedAdmin.duration,
            autoExtend: delegatedAdmin.autoExtend,
          }),
          mca: expect.objectContaining({ accepted: true }),
        }),
      ]);
      await context.close();
    },
  );

  test.each([
    [
      'a user who is not a Global Administrator',
      (domain: string) => `bob@${domain}`,
      false,
      /is not a Global Administrator/,
    ],
    [
      'an admin of another domain',
      () => 'admin@fabrikam-elsewhere.example',
      true,
      /is not an account of/,
    ],
  ])(
    '%s is told who must sign in and gets no accept button',
    async (_name, user, admin, message) => {
      const { partner, created, domain } = await invite('en-US', false);
      const { context, page } = await newPage(NARROW_PHONE, 'en-US');
      await page.goto(created.acceptUrl);
      await signInAs(page, user(domain), admin, /Sign in with Microsoft/);

      expect(await page.getByRole('alert').textContent()).toMatch(message);
      expect(await page.getByRole('alert').textContent()).toContain(domain);
      expect(await page.getByRole('button', { name: 'Accept and continue' }).count()).toBe(0);
      expect(
        await page.getByRole('link', { name: 'Sign in with a different account' }).count(),
      ).toBe(1);
      expect(await horizontalOverflow(page)).toBe(0);
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      const invitation = await partner.api(`/api/invitations/${created.id}`);
      expect(invitation.body.status).toBe('draft');
      await context.close();
    },
  );

  test('in de-DE: the Global Administrator declines with a reason, and the link then says so', async () => {
    const { partner, created, domain } = await invite('de-DE');
    const { context, page } = await newPage(PHONE, 'de-DE');
    await page.goto(created.acceptUrl);
    await signInAs(page, `admin@${domain}`, true, /Mit Microsoft anmelden/);

    await page.getByText('Kein Interesse? Anfrage ablehnen').click();
    await page.getByLabel('Wir arbeiten mit einem anderen Partner').check();
    await page
      .getByLabel(/^Nachricht an den Partner/)
      .fill('Danke, wir bleiben bei unserem Partner.');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect(await horizontalOverflow(page)).toBe(0);
    await Promise.all([
      page.waitForURL(created.acceptUrl),
      page.getByRole('button', { name: 'Anfrage ablehnen' }).click(),
    ]);
    expect(await page.locator('h1').textContent()).toBe('Einladung abgelehnt');

    const invitation = await partner.api(`/api/invitations/${created.id}`);
    expect(invitation.body).toMatchObject({
      status: 'declined',
      decline: { reason: 'other-partner', comment: 'Danke, wir bleiben bei unserem Partner.' },
    });
    await context.close();
  });

  test('the German page fits a 320 px phone with large enough touch targets', async () => {
    const { created, domain } = await invite('de-DE');
    const { context, page } = await newPage(NARROW_PHONE, 'de-DE');
    await page.goto(created.acceptUrl);
    await signInAs(page, `admin@${domain}`, true, /Mit Microsoft anmelden/);
    expect(await horizontalOverflow(page)).toBe(0);
    const small = await page.$$eval(
      'input[type=text], input[type=email], input[type=tel], button, a.button, label.check',
      (elements) =>
        elements
          .map((element) => ({
            html: element.outerHTML.slice(0, 50),
            box: element.getBoundingClientRect(),
          }))
          .filter(({ box }) => box.height < 44)
          .map(({ html, box }) => `${html} ${box.height}`),
    );
    expect(small).toEqual([]);
    await context.close();
  });
});
