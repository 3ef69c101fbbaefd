import { randomUUID } from 'node:crypto';
import { de } from '../../console/src/i18n/de';
import { en } from '../../console/src/i18n/en';
import { customerBody, PROFILE_DE } from '../integration/support/testStack';
import { describeInBrowser, NARROW_PHONE, PHONE } from './support/browser';
import { consoleTestBed, signInToConsole } from './support/consoleSession';

/*
 * The review page on a touch phone: the partner taps "Send it for me" with a finger (a touch
 * event, not the keyboard or a mouse click) as soon as the page shows the email, and the
 * invitation is sent. The email preview above the buttons must not move them under the finger.
 */
describeInBrowser('review page, tapped on a phone', () => {
  jest.setTimeout(120_000);
  const bed = consoleTestBed();

  test.each([
    ['en-US', PHONE, en],
    ['de-DE', NARROW_PHONE, de],
  ] as const)('%s: a tap on Send sends', async (locale, viewport, t) => {
    const stack = bed.stack;
    const tenantId = randomUUID();
    const token = await stack.mintToken(tenantId, ['AdminAgent']);
    expect(
      (await stack.api('/api/partner', { token, method: 'PUT', json: PROFILE_DE })).status,
    ).toBe(201);
    const draft = await stack.api('/api/invitations', {
      token,
      method: 'POST',
      json: customerBody({ locale }),
    });
    expect(draft.status).toBe(201);

    const context = await bed.browser.newContext({
      viewport,
      locale,
      hasTouch: true,
      isMobile: true,
    });
    const page = await context.newPage();
    await signInToConsole(page, bed.consoleUrl, tenantId, ['AdminAgent'], t.signIn);
    await page.goto(`${bed.consoleUrl}/invitations/${draft.body.id}/review`);
    await page.getByText(draft.body.draft.subject).first().waitFor();
    // Below the fold on a phone: the partner scrolls to it first, then taps.
    const send = page.getByRole('button', { name: t.review.send });
    await send.scrollIntoViewIfNeeded();
    // Two animation frames: the scroll is laid out before the finger comes down.
    await page.evaluate(
      'new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))',
    );
    await send.tap();
    await page
      .getByText(t.review.sent.replace('{email}', String(draft.body.customer.email)))
      .waitFor();
    await page
      .getByText(t.review.status.replace('{status}', t.invitations.statuses.sent))
      .waitFor({ timeout: 30_000 });
    const sent = await stack.api(`/api/invitations/${draft.body.id}`, { token });
    expect(sent.body.status).toBe('sent');
    await context.close();
  });
});
