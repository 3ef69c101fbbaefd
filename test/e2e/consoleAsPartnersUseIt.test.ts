import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { de } from '../../console/src/i18n/de';
import { en } from '../../console/src/i18n/en';
import { customerBody, MCA_SIGNER, type ApiResponse } from '../integration/support/testStack';
import { DESKTOP, describeInBrowser, PHONE, saveScreenshot } from './support/browser';
import { consoleTestBed, expectConsoleAccessible, signInToConsole } from './support/consoleSession';

type PartnerApi = (path: string, init?: Record<string, unknown>) => Promise<ApiResponse>;

/**
 * The console as a partner meets it (issue 26), at 1280 px and 390 px, in English and German:
 * every list reachable without sideways scrolling, what the API knows on screen (tenant id,
 * the decline, webhook deliveries, the audit log as sentences), field messages that say what to
 * enter with the focus on the error summary, states as words and a live status on Review, the
 * warning for an email outside the domain, and the Customers search asking the API. Each
 * screen is checked for raw `{placeholders}` and `[object Object]` in the DOM and in the
 * accessibility tree, and with axe.
 */
describeInBrowser('the console as partners use it', () => {
  jest.setTimeout(240_000);
  // Local receivers are http://127.0.0.1; one attempt, so a failed delivery is failed at once.
  const bed = consoleTestBed({ WEBHOOK_ALLOW_HTTP_LOOPBACK: 'true', WEBHOOK_MAX_ATTEMPTS: '1' });
  let receiver: Server;
  let receiverUrl: string;
  beforeAll(async () => {
    // A receiver that is down for maintenance: every delivery fails, so it can be redelivered.
    receiver = createServer((_, res) => res.writeHead(503).end());
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/reseller`;
  });
  afterAll(() => new Promise((resolve) => receiver.close(resolve)));

  const cases = [
    ['en-US', 'desktop', DESKTOP, en],
    ['en-US', 'phone', PHONE, en],
    ['de-DE', 'desktop', DESKTOP, de],
    ['de-DE', 'phone', PHONE, de],
  ] as const;

  test.each(cases)('%s on a %s', async (locale, device, viewport, t) => {
    const phone = device === 'phone';
    const n = randomUUID().slice(0, 8);
    const tenantId = randomUUID();
    const context = await bed.browser.newContext({ viewport, locale });
    const page = await context.newPage();
    await signInToConsole(
      page,
      bed.consoleUrl,
      tenantId,
      ['AdminAgent'],
      locale === 'de-DE' ? 'Anmelden' : 'Sign in',
    );

    // 8. First run: empty fields say what to enter, and the focus goes to the error summary.
    await page.getByRole('heading', { name: t.firstRun.title }).waitFor();
    await page.getByRole('button', { name: t.firstRun.submit }).click();
    await page.getByText(t.fieldHints.displayName!).waitFor();
    await page.getByText(t.fieldHints.country!).waitFor();
    expect(await page.getByText(t.fieldErrors.INVALID_VALUE!).count()).toBe(0);
    expect(await focusedIsErrorSummary(page)).toBe(true);
    await expectClean(page);
    await page.getByLabel(t.firstRun.displayName).fill('Contoso Cloud Partner GmbH');
    await page
      .getByRole('combobox', { name: new RegExp(`^${t.firstRun.country}`) })
      .selectOption('DE');
    await page.getByLabel(t.firstRun.mpnId).fill('1234567');
    await page.getByRole('button', { name: t.firstRun.submit }).click();
    await page.getByText(t.customers.empty).waitFor();

    // The partner's world, made through the API: two customers (one on a very long domain), a
    // declined invitation with a comment, a draft to send, a webhook whose receiver is down.
    const token = await bed.stack.mintToken(tenantId, ['AdminAgent']);
    const api = (path: string, init: Record<string, unknown> = {}) =>
      bed.stack.api(path, { token, ...init });
    const longDomain = `kundenverwaltungsgesellschaft-${n}-mit-sehr-langem-namen.onmicrosoft.com`;
    const alpha = await activeCustomer(api, `Alpha Handel ${n}`, longDomain);
    const zeta = await activeCustomer(api, `Zeta Logistik ${n}`, `zeta-${n}.onmicrosoft.com`);
    const declinedDomain = `declined-${n}.onmicrosoft.com`;
    await declinedInvitation(api, `Gamma ${n}`, declinedDomain);
    const draft = await api('/api/invitations', {
      method: 'POST',
      json: customerBody({ locale }),
    });
    await api('/api/webhooks', {
      method: 'POST',
      json: { url: receiverUrl, events: ['relationship.activated'] },
    });

    // 4, 6, 7, 12. Customers: the tenant id on the row, a named actions column, a long domain
    // kept in its cell, and a search that asks the API instead of filtering what is loaded.
    await page.reload();
    const alphaRow = page.getByRole('row').filter({ hasText: alpha.companyName });
    await alphaRow.waitFor();
    await alphaRow.getByText(`${t.customers.tenantId}: ${alpha.tenantId}`).waitFor();
    expect(
      await page.getByRole('columnheader', { name: t.customers.actions, exact: true }).count(),
    ).toBe(1);
    await expectCellsHoldTheirText(page);
    await expectNothingScrollsSideways(page);
    await expectClean(page);
    // The desktop Customers screenshot is consoleFlow's (with the customer it manages).
    if (locale === 'en-US' && phone) await saveScreenshot(page, 'console-customers-phone.png');
    const searched = page.waitForRequest(
      (r) => new URL(r.url()).searchParams.get('search') === `zeta ${n}`.toUpperCase(),
    );
    await page.getByRole('searchbox').fill(`ZETA ${n}`.toUpperCase());
    await searched;
    await page.getByRole('row').filter({ hasText: zeta.companyName }).waitFor();
    await alphaRow.waitFor({ state: 'detached' });
    await page.getByRole('searchbox').fill('');
    await alphaRow.waitFor();
    // The expanded row: its headings stand apart from their text, nothing cut off on a phone.
    await alphaRow
      .getByRole('button', { name: format(t.customers.manage, { company: alpha.companyName }) })
      .click();
    const daHeading = page.getByRole('heading', { name: t.customers.daTitle });
    // Classic DAP was asked for and Microsoft has not confirmed it: it says what it waits for.
    const daText = page.getByText(new RegExp(`^${t.customers.daStatus.approvalPending}\\.`));
    expect((await daText.boundingBox())!.y).toBeGreaterThanOrEqual(
      (await daHeading.boundingBox())!.y + (await daHeading.boundingBox())!.height - 1,
    );
    const removeHeading = page.getByRole('heading', { name: t.customers.removeTitle });
    const removeButton = page.getByRole('button', { name: t.customers.remove });
    expect((await removeButton.boundingBox())!.y).toBeGreaterThanOrEqual(
      (await removeHeading.boundingBox())!.y + (await removeHeading.boundingBox())!.height - 1,
    );
    await expectNothingScrollsSideways(page);
    await expectClean(page);

    // 2, 3. Invitations: the decline on the row (who, when, why, the comment), as cards on a
    // phone with every action reachable.
    await page.getByRole('link', { name: t.nav.invitations, exact: true }).click();
    const declinedRow = page.getByRole('row').filter({ hasText: `admin@${declinedDomain}` });
    await declinedRow
      .getByText(
        new RegExp(
          `^${escape(format(t.invitations.declinedBy, { user: `admin@${declinedDomain}`, date: 'DATE' })).replace('DATE', '.+')}$`,
        ),
      )
      .waitFor();
    await declinedRow
      .getByText(
        format(t.invitations.declineReason, {
          reason: t.invitations.declineReasons['other-partner']!,
        }),
      )
      .waitFor();
    await declinedRow
      .getByText(
        format(t.invitations.declineComment, { comment: 'Wir bleiben bei unserem Partner.' }),
      )
      .waitFor();
    const details = declinedRow.getByRole('button', {
      name: format(t.invitations.details, { company: `Gamma ${n}` }),
    });
    await expectInViewport(page, details);
    expect(
      await page.getByRole('columnheader', { name: t.invitations.actions, exact: true }).count(),
    ).toBe(1);
    await expectCellsHoldTheirText(page);
    await expectNothingScrollsSideways(page);
    await expectClean(page);
    if (locale === 'en-US') {
      await saveScreenshot(page, `console-invitations${phone ? '-phone' : ''}.png`);
    }

    // 9. Review: states as words, and the status follows the send without a reload.
    await page.goto(`${bed.consoleUrl}/invitations/${draft.body.id}/review`);
    // Pressed from the keyboard: on a phone the pointer click landed beside the button while the
    // email preview below it was still laying out (the status stayed Draft, no notice, no error).
    await page.getByText(draft.body.draft.subject).first().waitFor();
    await page.getByRole('button', { name: t.review.send }).press('Enter');
    await page.getByText(format(t.review.sent, { email: draft.body.customer.email })).waitFor();
    await page.getByText(format(t.review.status, { status: t.invitations.statuses.sent })).waitFor({
      timeout: 30_000,
    });
    await page.getByText(t.review.notEditable.sent).waitFor();
    expect(await page.locator('main').textContent()).not.toMatch(
      new RegExp(`\\b(${Object.values(t.invitations.statuses).join('|')});`),
    );
    await expectNothingScrollsSideways(page);
    await expectClean(page);

    // 10. Request: an email outside the invited domain is warned about while typing, not refused.
    await page.goto(`${bed.consoleUrl}/customers/request`);
    const domain = `contoso-${n}.onmicrosoft.com`;
    await page.getByRole('textbox', { name: new RegExp(`^${t.request.domain}`) }).fill(domain);
    await page.getByLabel(t.request.email).fill('someone@gmail.com');
    const warning = page.getByText(format(t.request.emailOutsideDomain, { domain }));
    await warning.waitFor();
    expect(await page.getByLabel(t.request.email).getAttribute('aria-invalid')).not.toBe('true');
    await expectClean(page);
    await page.getByLabel(t.request.email).fill(`admin@${domain}`);
    await warning.waitFor({ state: 'detached' });

    // 1, 5, 8, 11. Admin: each webhook's test event, deliveries with redelivery and a new
    // secret; a bad URL says what to enter; the audit log as sentences.
    await page.getByRole('link', { name: t.nav.admin, exact: true }).click();
    await page.getByRole('heading', { name: t.admin.webhooks }).waitFor();
    await page.getByRole('button', { name: t.admin.ping }).click();
    await page.getByText(format(t.admin.pinged, { url: receiverUrl })).waitFor();
    const failed = t.admin.deliveryStatuses.failed!;
    const pingLine = page.getByRole('list', { name: t.admin.deliveries }).getByRole('listitem');
    for (let tries = 0; (await pingLine.filter({ hasText: failed }).count()) === 0; tries++) {
      if (tries > 60) throw new Error('the ping delivery never failed');
      await page.waitForTimeout(500);
      await page.getByRole('button', { name: t.admin.hideDeliveries }).click();
      await page.getByRole('button', { name: t.admin.showDeliveries }).click();
    }
    await pingLine
      .filter({ hasText: 'webhook.ping' })
      .filter({ hasText: 'HTTP 503' })
      .first()
      .waitFor();
    await page.getByRole('button', { name: t.admin.redeliver }).first().click();
    await page.getByText(t.admin.redelivered).waitFor();
    await page.getByRole('button', { name: t.admin.rotate }).click();
    await page
      .getByText(new RegExp(escape(t.admin.rotated).replace('\\{secret\\}', '\\S+')))
      .waitFor();
    await page.getByLabel(t.admin.webhookUrl).fill('ftp://partner.example/hooks');
    await page.getByRole('button', { name: t.admin.addWebhook }).click();
    await page
      .getByText(t.fieldErrors.WEBHOOK_URL_NOT_ALLOWED!)
      .or(page.getByText(t.fieldHints.url!))
      .waitFor();
    expect(await page.getByText(t.fieldErrors.INVALID_VALUE!).count()).toBe(0);
    expect(await focusedIsErrorSummary(page)).toBe(true);
    const audit = page.getByRole('list', { name: t.admin.audit });
    await audit
      .getByText(
        format(t.admin.auditLine, {
          what: t.admin.actions['invitation.declined']!,
          who: t.admin.actors.customerAdmin,
        }),
      )
      .first()
      .waitFor();
    await audit
      .getByText(
        format(t.admin.auditLine, {
          what: t.admin.actions['partnerProfile.saved']!,
          who: format(t.admin.actors.you, { name: 'Grace Hopper' }),
        }),
      )
      .waitFor();
    await audit.getByText('reason: other-partner').first().waitFor();
    expect(await audit.textContent()).not.toContain('partner:');
    await expectNothingScrollsSideways(page);
    await expectClean(page);
    if (locale === 'en-US') {
      await saveScreenshot(page, `console-admin${phone ? '-phone' : ''}.png`);
    }
    await context.close();
  });

  /** An active customer: invited, accepted by its Global Administrator, activated. */
  async function activeCustomer(api: PartnerApi, companyName: string, domain: string) {
    const body = customerBody();
    const customer = { ...body.customer, companyName, domain, email: `admin@${domain}` };
    const created = await api('/api/invitations', { method: 'POST', json: { ...body, customer } });
    await api(`/api/invitations/${created.body.id}/send`, { method: 'POST' });
    const admin = await bed.stack.customerAdmin(domain);
    await admin.accept(created.body.acceptUrl, MCA_SIGNER);
    await bed.stack.waitForIdle(15_000);
    return { companyName, tenantId: admin.tenantId };
  }

  /** A sent invitation its customer's admin declined, with a reason and a comment. */
  async function declinedInvitation(api: PartnerApi, companyName: string, domain: string) {
    const body = customerBody();
    const customer = { ...body.customer, companyName, domain, email: `admin@${domain}` };
    const created = await api('/api/invitations', { method: 'POST', json: { ...body, customer } });
    await api(`/api/invitations/${created.body.id}/send`, { method: 'POST' });
    await bed.stack.waitForIdle(15_000);
    const admin = await bed.stack.customerAdmin(domain);
    const declined = await admin.api(
      `/api/accept/${created.body.acceptUrl.split('/').pop()}/decline`,
      {
        method: 'POST',
        json: { reason: 'other-partner', comment: 'Wir bleiben bei unserem Partner.' },
        headers: { Accept: 'application/json' },
      },
    );
    expect(declined.status).toBe(200);
  }
});

function format(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Axe (serious and critical, Fluent's focus sentinels left out) and no page overflow; then no
 * raw `{placeholder}` or `[object Object]` in the page's text, attributes or accessibility tree.
 */
async function expectClean(page: Page): Promise<void> {
  await expectConsoleAccessible(page);
  const raw = /\{[a-zA-Z]+\}|\[object Object\]/;
  const dom = await page.evaluate<string>(
    `[document.body.innerText, ...[...document.querySelectorAll('*')].flatMap((e) =>
      ['aria-label', 'title', 'placeholder', 'alt'].map((a) => e.getAttribute(a) ?? ''))].join('\\n')`,
  );
  expect(dom).not.toMatch(raw);
  expect(await page.locator('body').ariaSnapshot()).not.toMatch(raw);
}

/**
 * Nothing inside the page scrolls sideways and nothing reaches past the viewport: the
 * project's page-level check passed while a table scrolled sideways inside it (issue 26).
 */
async function expectNothingScrollsSideways(page: Page): Promise<void> {
  const offenders = await page.evaluate<string[]>(`(() => {
    const width = document.documentElement.clientWidth;
    return [...document.querySelectorAll('main *')].flatMap((e) => {
      const style = getComputedStyle(e);
      if (style.visibility === 'hidden' || style.display === 'none') return [];
      const box = e.getBoundingClientRect();
      if (box.width === 0 || box.height === 0 || e.closest('.skip-link, .fui-TableHeader')) return [];
      // Inside a collapsed box (a search box's dismiss button while empty): clipped, not shown.
      for (let up = e.parentElement; up && up.tagName !== 'MAIN'; up = up.parentElement) {
        const s = getComputedStyle(up);
        if (s.overflow !== 'visible' && (up.clientWidth === 0 || up.clientHeight === 0)) return [];
      }
      const scrolls = ['auto', 'scroll'].includes(style.overflowX) && e.scrollWidth > e.clientWidth + 1;
      const past = box.right > width + 1 || box.left < -1;
      const name = e.tagName + '.' + (e.getAttribute('class') || '') + ' in ' +
        (e.parentElement && e.parentElement.getAttribute('class')) + ' ' + Math.round(box.left) + '-' + Math.round(box.right);
      return scrolls || past ? [name + ' ' + (e.textContent || '').slice(0, 40)] : [];
    });
  })()`);
  expect(offenders).toEqual([]);
}

/** No table cell's text runs past the cell (a long domain over the next column). */
async function expectCellsHoldTheirText(page: Page): Promise<void> {
  const spilling = await page.evaluate<string[]>(
    `[...document.querySelectorAll('main td, main th')]
      .filter((c) => c.scrollWidth > c.clientWidth + 1)
      .map((c) => (c.textContent || '').slice(0, 60))`,
  );
  expect(spilling).toEqual([]);
}

async function expectInViewport(page: Page, locator: ReturnType<Page['locator']>): Promise<void> {
  const box = (await locator.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(page.viewportSize()!.width);
}

async function focusedIsErrorSummary(page: Page): Promise<boolean> {
  return page.evaluate<boolean>(
    `document.activeElement !== null && document.activeElement.classList.contains('error-summary')`,
  );
}
