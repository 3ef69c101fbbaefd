import { randomUUID } from 'node:crypto';
import { de } from '../../console/src/i18n/de';
import { en } from '../../console/src/i18n/en';
import { entraRole } from '../../shared/domain/entraRoles';
import { granularBody, LICENSE_ADMIN, USER_ADMIN, waitFor } from '../integration/support/gdap';
import { MCA_SIGNER, PROFILE_DE } from '../integration/support/testStack';
import { DESKTOP, describeInBrowser, PHONE } from './support/browser';
import { consoleTestBed, expectConsoleAccessible, signInToConsole } from './support/consoleSession';

/*
 * Issue 23, granular roles as Microsoft grants them, walked as the people do: the partner has a
 * connected tenant and an access template (a security group with two roles); a granular
 * request; the customer's administrator accepts on our page and approves the roles on the
 * (stand-in) admin center page in the browser; Partner Center's signed event has the service
 * read Graph; the partner opens the customer and sees the roles active and the group assigned,
 * as Graph says. English on a desktop, German on a phone.
 */
describeInBrowser('granular roles approved at Microsoft, groups assigned', () => {
  jest.setTimeout(240_000);
  // Re-checks a second apart, so the assignment's pending → active is seen within the test.
  const bed = consoleTestBed({ GRAPH_RECHECK_BASE_SECONDS: '1' });

  test.each([
    ['en-US', DESKTOP, en],
    ['de-DE', PHONE, de],
  ] as const)('%s', async (locale, viewport, t) => {
    const stack = bed.stack;
    const tenantId = randomUUID();
    const token = await stack.mintToken(tenantId, ['AdminAgent']);
    const api = (path: string, init: Record<string, unknown> = {}) =>
      stack.api(path, { token, ...init });
    expect((await api('/api/partner', { method: 'PUT', json: PROFILE_DE })).status).toBe(201);
    await stack.connectToMicrosoft(tenantId);
    stack.microsoft.state.partnerCenterWebhooks.set(
      tenantId.toLowerCase(),
      `${stack.functionsUrl}/api/partner-center/events/${tenantId}`,
    );
    const groupName = `Helpdesk ${tenantId.slice(0, 8)}`;
    const template = await api('/api/partner/access-template', {
      method: 'PUT',
      json: {
        assignments: [{ groupId: randomUUID(), groupName, roles: [USER_ADMIN, LICENSE_ADMIN] }],
      },
    });
    expect(template.status).toBe(200);

    const body = granularBody([USER_ADMIN, LICENSE_ADMIN]) as {
      customer: { companyName: string; domain: string };
    };
    const created = await api('/api/invitations', { method: 'POST', json: body });
    expect(created.status).toBe(201);
    const admin = await stack.customerAdmin(body.customer.domain);
    const accepted = await admin.accept(created.body.acceptUrl, MCA_SIGNER);
    expect(accepted.status).toBe(303);
    await stack.waitForIdle(15_000);

    const context = await bed.browser.newContext({ viewport, locale, ignoreHTTPSErrors: true });
    const page = await context.newPage();
    await signInToConsole(page, bed.consoleUrl, tenantId, ['AdminAgent'], t.signIn);
    const openCustomer = async () => {
      await page.getByRole('link', { name: t.nav.customers }).first().click();
      const row = page.getByRole('row').filter({ hasText: body.customer.companyName });
      await row
        .getByRole('button', {
          name: t.customers.manage.replace('{company}', body.customer.companyName),
        })
        .click();
      await page.getByRole('heading', { name: t.microsoft.accessTitle }).waitFor();
    };
    // Before the customer approves, the partner reads Graph's state in words and what it waits
    // for, in the page's language (never Graph's raw `approvalPending`).
    const relationshipLine = (status: string) =>
      page.getByText(`${t.microsoft.accessRelationship.split('{status}')[0]}${status} (`, {
        exact: false,
      });
    await openCustomer();
    await relationshipLine(t.microsoft.graphStatus.approvalPending!).waitFor();
    await page.getByText(t.microsoft.waitingFor.customerApproval).waitFor();
    expect(await page.getByText('approvalPending').count()).toBe(0);

    // The customer's administrator approves in Microsoft's admin center (the stand-in's page,
    // where our acceptance sent them).
    const portal = await context.newPage();
    await portal.goto(accepted.headers.get('location')!);
    await portal
      .getByLabel('Signed in as (customer administrator)')
      .fill(`admin@${body.customer.domain}`);
    await portal.getByRole('button', { name: 'Approve all roles' }).click();
    await portal.waitForLoadState();
    await portal.close();

    const customerId = String(created.body.customerId);
    await waitFor(
      'the group assigned in Graph',
      async () => {
        const access = await api(`/api/customers/${customerId}/delegated-admin/access`);
        const statuses = (access.body.assignments as Array<{ status: string }>).map(
          (a) => a.status,
        );
        return statuses.length === 1 && statuses[0] === 'active' ? true : undefined;
      },
      60_000,
    );

    // The partner's view: roles active as Microsoft granted them, the group holding them.
    await page.reload();
    await openCustomer();
    await relationshipLine(t.microsoft.graphStatus.active!).waitFor();
    expect(await page.getByText(t.microsoft.waitingFor.customerApproval).count()).toBe(0);
    const roles = [USER_ADMIN, LICENSE_ADMIN].map((id) => entraRole(id)!.name[locale]);
    const assignment = page
      .getByRole('table', { name: t.microsoft.accessTitle })
      .getByRole('row')
      .filter({ hasText: groupName });
    await assignment.getByText(roles.join(', ')).waitFor();
    await assignment
      .getByRole('cell', { name: t.microsoft.accessStatus.active!, exact: true })
      .waitFor();
    await page
      .getByText(new RegExp(`^${t.customers.daStatus.active}\\.`))
      .first()
      .waitFor();
    await expectConsoleAccessible(page);
    await context.close();
  });
});
