import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { approveInAdminCenter, waitFor } from '../integration/support/gdap';
import { customerBody, type TestStack } from '../integration/support/testStack';
import {
  DESKTOP,
  describeInBrowser,
  PHONE,
  saveScreenshot,
  seriousAccessibilityViolations,
} from './support/browser';
import {
  CONSOLE_AXE_SCOPE as AXE_SCOPE,
  consoleTestBed,
  expectConsoleAccessible as expectAccessible,
  signInToConsole as signInAt,
} from './support/consoleSession';
import { signInOnDevIssuerPage } from './support/devIssuerSignIn';

/**
 * The partner console in Chromium against the real local stack: a partner signs in on the
 * (local) Microsoft sign-in page, sets up the profile, requests a relationship with delegated
 * admin, copies and sends the draft; the customer's Global Administrator accepts in a second
 * browser; the partner manages the customer on Customers. In German on a phone too; axe on
 * every screen. `UPDATE_SCREENSHOTS=1` refreshes the README's screenshots.
 */
describeInBrowser('the partner console', () => {
  jest.setTimeout(120_000);
  const bed = consoleTestBed();
  let stack: TestStack;
  let browser: Browser;
  let consoleUrl: string;
  beforeAll(() => ({ stack, browser, consoleUrl } = bed));

  async function newPage(viewport: { width: number; height: number }, locale: string) {
    const context = await browser.newContext({ viewport, locale });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: consoleUrl });
    const page = await context.newPage();
    return { context, page };
  }

  const signInToConsole = (
    page: Page,
    tenantId: string,
    roles: readonly ('AdminAgent' | 'SalesAgent')[],
    signInLabel?: string,
  ) => signInAt(page, consoleUrl, tenantId, roles, signInLabel);

  test('en-US on a desktop: first run, request with DAP, copy, send, the customer accepts, the partner assigns a support contact and removes the relationship', async () => {
    const tenantId = randomUUID();
    const customer = customerBody().customer;
    const { context, page } = await newPage(DESKTOP, 'en-US');

    await signInToConsole(page, tenantId, ['AdminAgent', 'SalesAgent']);
    await page.getByRole('heading', { name: 'Set up your partner profile' }).waitFor();
    await expectAccessible(page);
    await page.getByLabel('Display name').fill('Contoso Cloud Partner GmbH');
    await page.getByLabel('Country').selectOption('DE');
    await page.getByLabel('MPN (Partner) ID').fill('1234567');
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await page.getByText(/No customers yet/).waitFor();
    await expectAccessible(page);
    // Granular roles are created in Microsoft Graph: the partner tenant is connected first.
    await stack.connectToMicrosoft(tenantId);

    await page.getByRole('link', { name: 'Request a reseller relationship' }).click();
    await page.waitForURL(`${consoleUrl}/customers/request`);
    const country = page.getByLabel('Country');
    // France shares the partner's CSP region (Europe); the United States does not.
    expect(await country.locator('option[value="FR"]').isDisabled()).toBe(false);
    expect(await country.locator('option[value="US"]').textContent()).toMatch(
      /outside your CSP region/,
    );
    expect(await country.locator('option[value="US"]').isDisabled()).toBe(true);
    const dap = page.getByLabel(
      'Include delegated admin privileges for Microsoft Entra ID and Office 365',
    );
    expect(await dap.isChecked()).toBe(true);
    // Granular: a task template's least-privileged roles, a year, auto-extended; Global
    // Administrator would rule auto-extension out, and the form says why.
    await page.getByRole('radio', { name: /Only the roles needed/ }).check();
    await page.getByLabel('Start from a task').selectOption('users-and-licenses');
    expect(await page.getByRole('checkbox', { name: /^User Administrator/ }).isChecked()).toBe(
      true,
    );
    expect(await page.getByRole('checkbox', { name: /^License Administrator/ }).isChecked()).toBe(
      true,
    );
    const autoExtend = page.getByRole('checkbox', { name: /Extend automatically/ });
    await page.getByRole('checkbox', { name: /^Global Administrator/ }).check();
    expect(await autoExtend.isDisabled()).toBe(true);
    const autoExtendReason = (await autoExtend.getAttribute('aria-describedby'))!;
    expect(await page.locator(`[id="${autoExtendReason}"]`).textContent()).toBe(
      'Not possible with Global Administrator among the roles.',
    );
    await page.getByRole('checkbox', { name: /^Global Administrator/ }).uncheck();
    await autoExtend.check();
    await page.getByLabel(/^Days of access/).fill('365');
    await page.getByText(/Ends .+ if the customer approves now\./).waitFor();
    await page.getByLabel('Customer email').fill(customer.email);
    await page.getByLabel('Company name').fill(customer.companyName);
    await page.getByRole('textbox', { name: /^Domain/ }).fill(customer.domain);
    await country.selectOption('FR');
    await expectAccessible(page);
    await saveScreenshot(page, 'console-request.png');
    await page.getByRole('button', { name: 'Create the invitation email' }).click();

    await page.waitForURL(/\/invitations\/[^/]+\/review$/);
    await page.getByRole('heading', { name: 'Review the email' }).waitFor();
    await expectAccessible(page);
    const invitationId = page.url().split('/').at(-2)!;
    const partner = await stack.mintToken(tenantId, ['AdminAgent']);
    const invitation = await stack.api(`/api/invitations/${invitationId}`, { token: partner });
    expect(invitation.body.includeDelegatedAdmin).toBe(true);
    expect(invitation.body.delegatedAdmin).toMatchObject({
      status: 'approvalPending',
      roles: ['fe930be7-5e62-47db-91af-98c3a49a38b1', '4d6ac14f-3453-41d0-bef9-a3e0c569773a'],
      duration: 'P365D',
      autoExtend: true,
    });
    const acceptUrl: string = invitation.body.acceptUrl;
    expect(await page.getByRole('link', { name: 'Open in email app' }).getAttribute('href')).toBe(
      invitation.body.mailtoUrl,
    );

    // Editing away the link is refused before saving, next to the field.
    await page.getByRole('button', { name: 'Edit' }).click();
    await page.getByLabel('Message').fill('Please accept.');
    await page.getByText(`The message must keep the link ${acceptUrl}.`).waitFor();
    expect(await page.getByRole('button', { name: 'Save' }).isDisabled()).toBe(true);
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Cancel' }).click();
    // Saving sends If-Match with the ETag the console read: the API must expose that header to
    // a page on another origin (Azure's platform CORS does not, the app does).
    await page.getByRole('button', { name: 'Edit' }).click();
    const subject = `Reseller relationship for ${customer.companyName}`;
    await page.getByRole('textbox', { name: 'Subject' }).fill(subject);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Changes saved.').waitFor();
    const edited = await stack.api(`/api/invitations/${invitationId}`, { token: partner });
    expect(edited.body.draft.subject).toBe(subject);
    await saveScreenshot(page, 'console-review.png');

    await page.getByRole('button', { name: 'Copy to clipboard' }).click();
    await page.getByText(/Copied \(HTML and plain text\)/).waitFor();
    const clipboard = await page.evaluate<{ text: string; html: string }>(`(async () => {
      const [item] = await navigator.clipboard.read();
      return {
        text: await (await item.getType('text/plain')).text(),
        html: await (await item.getType('text/html')).text(),
      };
    })()`);
    expect(clipboard.text).toBe(invitation.body.draft.text);
    expect(clipboard.text).toContain(acceptUrl);
    expect(clipboard.html).toContain(`href="${acceptUrl}"`);

    await page.getByRole('button', { name: 'Send it for me' }).click();
    await page.getByText(/Sent\. It is queued/).waitFor();
    await stack.waitForIdle(15_000);
    const mail = await (await fetch(`${stack.sendgrid.url}/messages`)).json();
    expect(JSON.stringify(mail)).toContain(customer.email);

    // The customer's Global Administrator accepts in a browser of their own.
    const customerBrowser = await browser.newContext({ viewport: PHONE, locale: 'en-US' });
    const customerPage = await customerBrowser.newPage();
    await customerPage.goto(acceptUrl);
    await customerPage.getByRole('link', { name: /Sign in with Microsoft/ }).click();
    await signInOnDevIssuerPage(
      customerPage,
      {
        username: `admin@${customer.domain}`,
        displayName: 'Ada Lovelace',
        firstName: 'Ada',
        lastName: 'Lovelace',
        globalAdmin: true,
      },
      /\/api\/accept\/[A-Za-z0-9_-]+$/,
    );
    await customerPage.getByLabel(/I accept/).check();
    await Promise.all([
      // Granular roles: Microsoft's approval page of the relationship created in Graph (the
      // local stand-in's admin center), rather than the reseller portal.
      customerPage.waitForRequest((r) => r.url() === `${stack.microsoft.url}/AdminPortal/Home`),
      customerPage.getByRole('button', { name: 'Accept and continue' }).click(),
    ]);
    await customerBrowser.close();
    await stack.waitForIdle(15_000);
    // Accepting on our page grants nothing: the customer's admin approves the roles in
    // Microsoft's admin center, and Partner Center's signed event has the service re-read Graph.
    stack.microsoft.state.partnerCenterWebhooks.set(
      tenantId.toLowerCase(),
      `${stack.functionsUrl}/api/partner-center/events/${tenantId}`,
    );
    await approveInAdminCenter(
      stack,
      String(invitation.body.delegatedAdmin.graphRelationshipId),
      customer.domain,
    );
    await waitFor('roles active', async () => {
      const found = await stack.api(`/api/customers/${invitation.body.customerId}`, {
        token: partner,
      });
      return found.body?.delegatedAdmin?.status === 'active' ? true : undefined;
    });

    await page.getByRole('button', { name: 'Done' }).click();
    await page.waitForURL(`${consoleUrl}/customers`);
    const manage = page.getByRole('button', { name: `Manage ${customer.companyName}` });
    await manage.waitFor();
    // The domain and, under it, the customer's tenant id.
    await page
      .getByRole('cell', { name: new RegExp(`^${customer.domain}\\s*Tenant ID: [0-9a-f-]{36}$`) })
      .waitFor();
    await expectAccessible(page);
    await saveScreenshot(page, 'console-customers.png');

    await page.getByRole('cell', { name: /^Active, until / }).waitFor();

    await manage.click();
    expect(await manage.getAttribute('aria-expanded')).toBe('true');
    await page.getByText('Roles: User Administrator, License Administrator').waitFor();
    await page.getByText('Extends automatically by 180 days at the end.').waitFor();
    await page.getByRole('textbox', { name: /^Name/ }).fill('Grace Hopper (support)');
    await page.getByRole('button', { name: 'Assign support contact' }).click();
    await page.getByText('Support contact assigned: Grace Hopper (support).').waitFor();
    await page.getByRole('cell', { name: 'Grace Hopper (support)' }).waitFor();
    await expectAccessible(page);

    // Ending soon: a year of access does not end within 30 days.
    await page.getByRole('switch', { name: /ending within 30 days/ }).check();
    await page.getByText(/No customer’s delegated admin access ends within 30 days/).waitFor();
    await expectAccessible(page);
    await page.getByRole('switch', { name: /ending within 30 days/ }).uncheck();
    // The list is back, the row still expanded.
    expect(await manage.getAttribute('aria-expanded')).toBe('true');

    await page.getByRole('button', { name: 'Remove reseller relationship' }).click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.getByRole('heading').textContent()).toBe(
      `Remove the reseller relationship with ${customer.companyName}?`,
    );
    expect(await seriousAccessibilityViolations(page, AXE_SCOPE)).toEqual([]);
    await dialog.getByRole('button', { name: 'Remove relationship' }).click();
    await page
      .getByText(`The reseller relationship with ${customer.companyName} was removed.`)
      .waitFor();
    const customers = await stack.api('/api/customers', { token: partner });
    expect(customers.body.items).toEqual([]);

    await page.getByRole('link', { name: 'Invitations' }).click();
    await page.getByRole('button', { name: `Details for ${customer.companyName}` }).click();
    await page.getByText(/Accepted → Active/).waitFor();
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Admin' }).click();
    await page.getByRole('heading', { name: 'Audit log' }).waitFor();
    await page
      .getByRole('list', { name: 'Audit log' })
      .getByText(/^Reseller relationship removed by you \(Grace Hopper\)\.$/)
      .waitFor();
    await expectAccessible(page);
    await context.close();
  });

  test('de-DE on a phone: the request shows errors in German next to the field, then the German draft', async () => {
    const tenantId = randomUUID();
    const token = await stack.mintToken(tenantId, ['AdminAgent']);
    await stack.api('/api/partner', {
      method: 'PUT',
      token,
      json: {
        displayName: 'Contoso Partner GmbH',
        country: 'DE',
        cloud: 'public',
        mpnId: '7654321',
      },
    });
    await stack.connectToMicrosoft(tenantId);
    const customer = customerBody().customer;
    const { context, page } = await newPage(PHONE, 'de-DE');
    await signInToConsole(page, tenantId, ['AdminAgent'], 'Anmelden');
    expect(await page.locator('html').getAttribute('lang')).toBe('de-DE');
    await page.getByText(/Noch keine Kunden/).waitFor();

    await page.getByRole('link', { name: 'Handelspartnerbeziehung anfordern' }).click();
    await page.getByRole('heading', { name: 'Handelspartnerbeziehung anfordern' }).waitFor();
    await page.getByLabel('E-Mail-Adresse des Kunden').fill(customer.email);
    await page.getByLabel('Firmenname').fill(customer.companyName);
    await page.getByRole('textbox', { name: /^Domäne/ }).fill('not a domain');
    await page.getByLabel('Land').selectOption('AT');
    await page.getByRole('button', { name: 'Einladungs-E-Mail erstellen' }).click();
    const domainError = page.getByText('Geben Sie eine Domäne wie contoso.onmicrosoft.com ein.');
    await domainError.waitFor();
    expect(await page.getByRole('textbox', { name: /^Domäne/ }).getAttribute('aria-invalid')).toBe(
      'true',
    );
    await expectAccessible(page);

    await page.getByRole('textbox', { name: /^Domäne/ }).fill(customer.domain);
    // Granular without a role and with zero days: the API's 422 names both, in German here.
    await page.getByRole('radio', { name: /Nur die nötigen Rollen/ }).check();
    await page.getByLabel(/^Tage Zugriff/).fill('0');
    await page.getByRole('button', { name: 'Einladungs-E-Mail erstellen' }).click();
    await page.getByRole('group').getByText('Wählen Sie mindestens eine Rolle.').waitFor();
    await page.getByText('Geben Sie 1 bis 730 Tage ein.').waitFor();
    await expectAccessible(page);
    await page.getByLabel('Mit einer Aufgabe beginnen').selectOption('helpdesk');
    expect(await page.getByRole('checkbox', { name: /^Helpdeskadministrator/ }).isChecked()).toBe(
      true,
    );
    await page.getByLabel(/^Tage Zugriff/).fill('90');
    await page.getByRole('button', { name: 'Einladungs-E-Mail erstellen' }).click();
    await page.getByRole('heading', { name: 'E-Mail prüfen' }).waitFor();
    const invitationId = page.url().split('/').at(-2)!;
    const invitation = await stack.api(`/api/invitations/${invitationId}`, { token });
    expect(invitation.body.locale).toBe('de-DE');
    expect(invitation.body.delegatedAdmin).toMatchObject({
      roles: [
        '729827e3-9c14-49f7-bb1b-9608f156bbb8',
        'f023fd81-a637-4b56-95fd-791ac0226033',
        '88d8e3e3-8f55-4a1e-953a-9b9898b8876b',
      ],
      duration: 'P90D',
      autoExtend: false,
    });
    await page.getByText(invitation.body.draft.subject).waitFor();
    expect(
      await page.getByRole('link', { name: 'In E-Mail-App öffnen' }).getAttribute('href'),
    ).toMatch(/^mailto:/);
    await expectAccessible(page);
    await context.close();
  });

  test('a Sales agent of a US Government partner: no Admin screen, and the DAP checkbox is disabled with the reason', async () => {
    const tenantId = randomUUID();
    const admin = await stack.mintToken(tenantId, ['AdminAgent']);
    await stack.api('/api/partner', {
      method: 'PUT',
      token: admin,
      json: { displayName: 'Gov Partner LLC', country: 'US', cloud: 'usgov', mpnId: '7654321' },
    });
    const { context, page } = await newPage(PHONE, 'en-US');
    await signInToConsole(page, tenantId, ['SalesAgent']);
    await page.getByRole('link', { name: 'Invitations' }).waitFor();
    expect(await page.getByRole('link', { name: 'Admin' }).count()).toBe(0);
    await page.goto(`${consoleUrl}/admin`);
    await page.getByText('Only Admin agents can see this page.').waitFor();

    await page.getByRole('link', { name: 'Request a reseller relationship' }).click();
    const dap = page.getByLabel(
      'Include delegated admin privileges for Microsoft Entra ID and Office 365',
    );
    expect(await dap.isDisabled()).toBe(true);
    expect(await dap.isChecked()).toBe(false);
    const reasonId = (await dap.getAttribute('aria-describedby'))!;
    expect(await page.locator(`[id="${reasonId}"]`).textContent()).toBe(
      'Not available: partners in Microsoft Cloud for US Government cannot request delegated admin privileges.',
    );
    await expectAccessible(page);
    await context.close();
  });
});
