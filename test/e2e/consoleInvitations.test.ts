import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { customerBody, PROFILE_DE, type TestStack } from '../integration/support/testStack';
import { describeInBrowser, PHONE, seriousAccessibilityViolations } from './support/browser';
import {
  CONSOLE_AXE_SCOPE,
  consoleTestBed,
  expectConsoleAccessible,
  signInToConsole,
} from './support/consoleSession';

/**
 * The Invitations screen of the partner console beyond single invitations, in Chromium at phone
 * width against the real local stack: a CSV upload, the batch page following the queues to the
 * end, the failed line with its reason, the failed lines downloaded with the bearer token; and
 * an email that bounced, shown on the list and fixed with a new invitation to the right address.
 */
describeInBrowser('bulk invitations and email delivery in the partner console', () => {
  jest.setTimeout(120_000);
  const bed = consoleTestBed();
  let stack: TestStack;
  let browser: Browser;
  let consoleUrl: string;
  let filesDir: string;
  beforeAll(() => {
    ({ stack, browser, consoleUrl } = bed);
    filesDir = mkdtempSync(join(tmpdir(), 'console-batch-files-'));
  });
  afterAll(() => rmSync(filesDir, { recursive: true, force: true }));

  /** A partner tenant with its profile (Germany: France is in its CSP region, Japan is not). */
  async function partnerTenant(): Promise<{ tenantId: string; token: string }> {
    const tenantId = randomUUID();
    const token = await stack.mintToken(tenantId, ['AdminAgent']);
    await stack.api('/api/partner', { method: 'PUT', token, json: PROFILE_DE });
    return { tenantId, token };
  }

  function csvFile(name: string, lines: readonly string[]): string {
    const path = join(filesDir, name);
    writeFileSync(path, `${lines.join('\r\n')}\r\n`);
    return path;
  }

  test('en-US: upload with one bad line, follow it to the end, see the reason, download the failed line', async () => {
    const { tenantId, token } = await partnerTenant();
    const n = randomUUID().slice(0, 8);
    const file = csvFile('customers.csv', [
      'email,companyName,domain,country,includeDelegatedAdmin,locale',
      `admin@alpha-${n}.example,Alpha ${n},alpha-${n}.onmicrosoft.com,FR,true,en-US`,
      `admin@beta-${n}.example,Beta ${n},beta-${n}.onmicrosoft.com,JP,false,en-US`,
      `admin@gamma-${n}.example,Gamma ${n},gamma-${n}.onmicrosoft.com,AT,false,de-DE`,
    ]);
    const context = await browser.newContext({ viewport: PHONE, locale: 'en-US' });
    const page = await context.newPage();
    await signInToConsole(page, consoleUrl, tenantId, ['AdminAgent']);

    await page.getByRole('link', { name: 'Invitations' }).click();
    await page.getByRole('heading', { name: 'Invite many customers' }).waitFor();
    await expectConsoleAccessible(page);
    await page.getByLabel('CSV file').setInputFiles(file);
    await page.getByLabel('Send the emails now').check();
    await page.getByRole('button', { name: 'Upload CSV' }).click();

    await page.waitForURL(/\/invitations\/batches\/[0-9a-f-]+$/);
    const batchId = page.url().split('/').at(-1)!;
    await page.getByText('Completed, some lines failed').waitFor({ timeout: 60_000 });
    await page.getByText('3 of 3 lines (100 %)').waitFor();
    expect(await page.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('1');
    const batch = await stack.api(`/api/invitation-batches/${batchId}`, { token });
    expect([batch.body.send, batch.body.counts]).toEqual([
      true,
      { total: 3, created: 2, failed: 1, pending: 0 },
    ]);
    await expectConsoleAccessible(page);

    await page.getByLabel('Show').selectOption('failed');
    const failedRow = page.getByRole('row').filter({ hasText: 'Failed' }).filter({ hasText: '3' });
    await failedRow.getByText('This country is outside your CSP region.').waitFor();
    expect(await failedRow.getByRole('cell').allTextContents()).toEqual([
      '3',
      'Failed',
      'country',
      'This country is outside your CSP region.',
    ]);
    // The failed line is on the unfiltered page too: wait for the filtered one to replace it.
    await page.getByRole('link', { name: 'Review' }).first().waitFor({ state: 'detached' });
    expect(await page.getByRole('link', { name: 'Review' }).count()).toBe(0);
    await expectConsoleAccessible(page);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download failed lines' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`invitation-batch-${batchId}-failed.csv`);
    const downloaded = readFileSync((await download.path())!, 'utf8');
    const [header, ...rows] = downloaded
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(header).toBe(
      'line,status,invitationId,code,field,message,email,companyName,domain,country,includeDelegatedAdmin,locale',
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatch(/^3,failed,,CUSTOMER_OUTSIDE_REGION,country,/);
    expect(rows[0]).toContain(`admin@beta-${n}.example`);

    // The two created invitations' emails were queued with the upload's send=true.
    await stack.waitForIdle(15_000);
    const mail = JSON.stringify(await (await fetch(`${stack.sendgrid.url}/messages`)).json());
    expect(mail).toContain(`admin@alpha-${n}.example`);
    expect(mail).toContain(`admin@gamma-${n}.example`);
    expect(mail).not.toContain(`admin@beta-${n}.example`);

    await page.getByRole('link', { name: 'Invitation batches' }).click();
    await page
      .getByRole('row')
      .filter({ hasText: 'Completed, some lines failed' })
      .getByRole('link', { name: /^Batch of / })
      .waitFor();
    await expectConsoleAccessible(page);
    await context.close();
  });

  test('de-DE: a file without the email column is refused, with what to change per column in German', async () => {
    const { tenantId, token } = await partnerTenant();
    const file = csvFile('falsche-spalten.csv', [
      'mail;companyName;domain;country;includeDelegatedAdmin',
      'admin@fabrikam.example;Fabrikam GmbH;fabrikam.onmicrosoft.com;DE;FALSCH',
    ]);
    const context = await browser.newContext({ viewport: PHONE, locale: 'de-DE' });
    const page = await context.newPage();
    await signInToConsole(page, consoleUrl, tenantId, ['AdminAgent'], 'Anmelden');
    await page.goto(`${consoleUrl}/invitations/batches`);
    await page.getByRole('heading', { name: 'Einladungsstapel' }).waitFor();
    await page.getByText(/Noch keine Uploads/).waitFor();

    await page.getByLabel('CSV-Datei').setInputFiles(file);
    await page.getByRole('button', { name: 'CSV hochladen' }).click();
    const alert = page.getByRole('alert');
    await alert.getByText('Die erste Zeile der Datei muss die Spalten benennen.').waitFor();
    expect(await alert.getByRole('listitem').allTextContents()).toEqual([
      'Die Spalte „email“ fehlt: Ergänzen Sie sie in der ersten Zeile.',
      '„mail“ ist keine Spalte einer Einladungsdatei: Benennen Sie sie um oder entfernen Sie sie.',
    ]);
    expect(page.url()).toBe(`${consoleUrl}/invitations/batches`);
    const batches = await stack.api('/api/invitation-batches', { token });
    expect(batches.body.items).toEqual([]);
    await expectConsoleAccessible(page);
    await context.close();
  });

  test('en-US: a bounced email is shown on the list, and fixing the address sends a new invitation and revokes the old one', async () => {
    const { tenantId, token } = await partnerTenant();
    const body = customerBody();
    const { domain, companyName } = body.customer;
    body.customer.email = `bounce-typo@${domain}`;
    const created = await stack.api('/api/invitations', { method: 'POST', token, json: body });
    const bouncedId: string = created.body.id;
    await stack.api(`/api/invitations/${bouncedId}/send`, { method: 'POST', token });
    await waitForDeliveryState(token, bouncedId, 'bounced');

    const context = await browser.newContext({ viewport: PHONE, locale: 'en-US' });
    const page = await context.newPage();
    await signInToConsole(page, consoleUrl, tenantId, ['AdminAgent']);
    await page.getByRole('link', { name: 'Invitations' }).click();
    const row = page.getByRole('row').filter({ hasText: `bounce-typo@${domain}` });
    await row.getByText('Email bounced').waitFor();
    await expectConsoleAccessible(page);

    await row.getByRole('button', { name: `Details for ${companyName}` }).click();
    await page.getByText(/The email to bounce-typo@.* did not arrive .*: 550 5\.1\.1/).waitFor();
    await page.getByRole('button', { name: 'Fix the address and resend' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('heading', { name: `Send ${companyName} a new invitation` }).waitFor();
    expect(await seriousAccessibilityViolations(page, CONSOLE_AXE_SCOPE)).toEqual([]);
    await dialog.getByRole('textbox', { name: /Correct email address/ }).fill(`admin@${domain}`);
    await dialog.getByRole('button', { name: 'Send new invitation' }).click();
    await page
      .getByText(
        `A new invitation is on its way to admin@${domain}; the one to bounce-typo@${domain} is revoked.`,
      )
      .waitFor();
    await page
      .getByRole('row')
      .filter({ hasText: `admin@${domain}` })
      .first()
      .waitFor();
    await expectConsoleAccessible(page);

    const invitations = await stack.api('/api/invitations', { token });
    const byEmail = Object.fromEntries(
      invitations.body.items.map((i: { customer: { email: string }; status: string }) => [
        i.customer.email,
        i.status,
      ]),
    );
    expect(byEmail[`bounce-typo@${domain}`]).toBe('revoked');
    expect(['sending', 'sent']).toContain(byEmail[`admin@${domain}`]);
    const replacement = invitations.body.items.find(
      (i: { customer: { email: string } }) => i.customer.email === `admin@${domain}`,
    );
    expect(replacement).toMatchObject({
      customer: { companyName, domain, country: body.customer.country },
      includeDelegatedAdmin: body.includeDelegatedAdmin,
      locale: body.locale,
    });
    await waitForDeliveryState(token, replacement.id, 'delivered');
    await context.close();
  });

  async function waitForDeliveryState(token: string, id: string, state: string): Promise<void> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const invitation = await stack.api(`/api/invitations/${id}`, { token });
      if (invitation.body.delivery?.state === state) return;
      if (Date.now() > deadline) {
        throw new Error(`delivery ${JSON.stringify(invitation.body.delivery)}, wanted ${state}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
});
