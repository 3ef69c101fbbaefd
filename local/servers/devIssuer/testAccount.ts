import type { TenantAuthority } from './tenantAuthority';

/** Who signs in on the local sign-in page: a made-up account, no password. */
export interface TestAccount {
  readonly tenantId: string;
  readonly username: string;
  readonly displayName: string;
  readonly givenName: string;
  readonly familyName: string;
  readonly globalAdministrator: boolean;
  readonly roles: readonly string[];
}

export interface AccountFieldError {
  /** The form field's name, which is also its input's id. */
  readonly field: keyof typeof ACCOUNT_FIELDS | 'role';
  readonly message: string;
}

export type TestAccountResult =
  | { readonly ok: true; readonly account: TestAccount }
  | { readonly ok: false; readonly entered: TestAccount; readonly errors: AccountFieldError[] };

/** The app roles of this app's registration that the page offers. */
export const APP_ROLES = ['AdminAgent', 'SalesAgent', 'CustomerAdmin'] as const;

/** The partner tenant the README's examples use, offered when the user's tenant is open. */
export const DEFAULT_PARTNER_TENANT_ID = '11111111-2222-3333-4444-555555555555';

export const ACCOUNT_FIELDS = {
  tenant_id: 'Tenant id',
  username: 'Sign-in name',
  display_name: 'Display name',
  given_name: 'First name',
  family_name: 'Last name',
} as const;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SIGN_IN_NAME = /^[^@\s]+@[^@\s]+$/;
const MAX_FIELD_LENGTH = 256;

/**
 * What the page offers before anyone types: a customer admin when the app signs in at a
 * customer's domain (`/contoso.com/`), a partner agent when any organization may sign in.
 */
export function defaultTestAccount(
  authority: TenantAuthority,
  loginHint: string | undefined,
): TestAccount {
  if (authority.kind === 'domain') {
    return {
      tenantId: authority.tenantId,
      username: loginHint ?? `admin@${authority.domain}`,
      displayName: 'Customer Admin',
      givenName: 'Customer',
      familyName: 'Admin',
      globalAdministrator: true,
      roles: [],
    };
  }
  return {
    tenantId: authority.kind === 'tenant' ? authority.tenantId : DEFAULT_PARTNER_TENANT_ID,
    username: loginHint ?? 'dev.user@partner.example',
    displayName: 'Dev User',
    givenName: 'Dev',
    familyName: 'User',
    globalAdministrator: false,
    roles: authority.kind === 'multi' ? ['AdminAgent', 'SalesAgent'] : [],
  };
}

/**
 * Reads the account from the posted form. The tenant of a GUID or domain authority is the
 * authority's, whatever the (read-only) field says: the URL decides, as it does in Entra.
 */
export function parseTestAccount(
  form: URLSearchParams,
  authority: TenantAuthority,
): TestAccountResult {
  const text = (name: string) => (form.get(name) ?? '').trim();
  const entered: TestAccount = {
    tenantId: authority.kind === 'multi' ? text('tenant_id').toLowerCase() : authority.tenantId,
    username: text('username'),
    displayName: text('display_name'),
    givenName: text('given_name'),
    familyName: text('family_name'),
    globalAdministrator: form.get('global_admin') === 'on',
    roles: [...new Set(form.getAll('role'))],
  };
  const errors: AccountFieldError[] = [];
  if (!GUID.test(entered.tenantId)) {
    errors.push({
      field: 'tenant_id',
      message: 'Enter a tenant id like 11111111-2222-3333-4444-555555555555.',
    });
  }
  if (!SIGN_IN_NAME.test(entered.username)) {
    errors.push({ field: 'username', message: 'Enter a sign-in name like user@contoso.com.' });
  }
  if (entered.displayName === '') {
    errors.push({ field: 'display_name', message: 'Enter a display name.' });
  }
  for (const [field, label] of Object.entries(ACCOUNT_FIELDS)) {
    if (text(field).length > MAX_FIELD_LENGTH) {
      errors.push({
        field: field as keyof typeof ACCOUNT_FIELDS,
        message: `${label} must be at most ${MAX_FIELD_LENGTH} characters.`,
      });
    }
  }
  const unknownRole = entered.roles.find(
    (role) => !(APP_ROLES as readonly string[]).includes(role),
  );
  if (unknownRole !== undefined) {
    errors.push({ field: 'role', message: `Choose app roles from ${APP_ROLES.join(', ')}.` });
  }
  return errors.length === 0 ? { ok: true, account: entered } : { ok: false, entered, errors };
}
