import { randomUUID } from 'node:crypto';
import { de } from '../../console/src/i18n/de';
import { en } from '../../console/src/i18n/en';
import { customerBody, MCA_SIGNER, PROFILE_DE } from '../integration/support/testStack';
import { DESKTOP, describeInBrowser, PHONE } from './support/browser';
import { consoleTestBed, expectConsoleAccessible, signInToConsole } from './support/consoleSession';

/*
 * Issue 23, the reseller relationship confirmed by Microsoft, as a partner and a customer walk
 * it: Admin → Connect to Microsoft (admin consent on the Microsoft stand-in, back to the console,
 * checked), an invitation, the customer's acceptance on our page and then on the stand-in admin
 * center's reseller page, and the partner sees "Confirmed" on the Customers list. English on a
 * desktop, German on a phone.
 */
describeInBrowser('reseller relationship confirmed by Microsoft', () => {
  jest.setTimeout(240_000);
  const bed = consoleTestBed();

  test.each([
    ['en-US', DESKTOP, en],
    ['de-DE', PHONE, de],
  ] as const)('%s', async (locale, viewport, t) => {
    const tenantId = randomUUID();
    const token = await bed.stack.mintToken(tenantId, ['AdminAgent']);
    const api = (path: string, init: Record<string, unknown> = {}) =>
      bed.stack.api(path, { token, ...init });
    expect((await api('/api/partner', { method: 'PUT', json: PROFILE_DE })).status).toBe(201);

    // The stand-in's pages are HTTPS with a certificate made at its start.
    const context = await bed.browser.newContext({ viewport, locale, ignoreHTTPSErrors: true });
    const page = await context.newPage();
    await signInToConsole(page, bed.consoleUrl, tenantId, ['AdminAgent'], t.signIn);

    // Connect to Microsoft: consent missing, the admin consent link, back and checked.
    await page.getByRole('link', { name: t.nav.admin }).first().click();
    await page.getByRole('heading', { name: t.microsoft.connectTitle }).waitFor();
    await page
      .getByText(t.microsoft.stateLine.replace('{state}', t.microsoft.state.consentMissing!))
      .waitFor();
    // What the consent grants, as the API names it: both Graph permissions the service uses.
    await page
      .getByText(
        t.microsoft.permission.replace(
          '{permission}',
          'DelegatedAdminRelationship.ReadWrite.All, Directory.Read.All',
        ),
      )
      .waitFor();
    await expectConsoleAccessible(page);
    await page.getByRole('link', { name: t.microsoft.consentLink }).click();
    await page.getByRole('button', { name: 'Accept' }).click();
    await page.getByText(t.microsoft.connectedNow).waitFor();
    await page
      .getByText(t.microsoft.stateLine.replace('{state}', t.microsoft.state.connected!))
      .waitFor();

    // A request, accepted by the customer's Global Administrator on our page (API: the
    // acceptance pages have their own browser tests), then in the admin center.
    const body = customerBody();
    const created = await api('/api/invitations', { method: 'POST', json: body });
    expect(created.status).toBe(201);
    const admin = await bed.stack.customerAdmin(body.customer.domain);
    const accepted = await admin.accept(created.body.acceptUrl, MCA_SIGNER);
    expect(accepted.status).toBe(303);
    await bed.stack.waitForIdle(15_000);

    // The partner's list: awaiting the customer, found by the filter.
    await page.getByRole('link', { name: t.nav.customers }).first().click();
    await page.getByRole('switch', { name: t.microsoft.awaitingFilter }).check();
    const row = page.getByRole('row').filter({ hasText: body.customer.companyName });
    await row
      .getByText(t.microsoft.confirmationState.awaitingCustomer!, { exact: false })
      .waitFor();
    await expectConsoleAccessible(page);

    const portal = await context.newPage();
    await portal.goto(accepted.headers.get('location')!);
    await portal
      .getByLabel('Signed in as (customer administrator)')
      .fill(`admin@${body.customer.domain}`);
    await portal.getByRole('checkbox').check();
    await portal.getByRole('button', { name: 'Accept and authorize' }).click();
    await portal.getByRole('status').waitFor();
    await portal.close();

    // No Partner Center event URL is registered here: the partner asks Microsoft now.
    await row.getByRole('button', { name: new RegExp(body.customer.companyName) }).click();
    await page.getByRole('button', { name: t.microsoft.checkNow }).click();
    await page.getByRole('switch', { name: t.microsoft.awaitingFilter }).uncheck();
    const confirmedRow = page.getByRole('row').filter({ hasText: body.customer.companyName });
    await confirmedRow
      .getByText(t.microsoft.confirmedBy.graphCheck!, { exact: false })
      .first()
      .waitFor();
    await expectConsoleAccessible(page);
    await context.close();
  });
});
