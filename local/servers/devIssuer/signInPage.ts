import { createHash } from 'node:crypto';
import type { OutgoingHttpHeaders } from 'node:http';
import { escapeHtml } from '../../../shared/domain/escapeHtml';
import type { AuthorizeRequest } from './authorizeRequest';
import type { TenantAuthority } from './tenantAuthority';
import { ACCOUNT_FIELDS, APP_ROLES, type AccountFieldError, type TestAccount } from './testAccount';

export const SIGN_IN_TITLE = 'Sign in — local test accounts';

export interface SignInPageModel {
  /** The authorize endpoint's path: the form posts back to it. */
  readonly action: string;
  readonly authority: TenantAuthority;
  readonly request: AuthorizeRequest;
  readonly account: TestAccount;
  readonly errors: readonly AccountFieldError[];
}

const STYLE = `*,*::before,*::after{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1b1b1b;background:#f0f0f0}
main{max-width:34rem;margin:0 auto;padding:1rem 1rem 2rem;background:#fff;min-height:100vh}
h1{font-size:1.375rem;line-height:1.3;margin:.5rem 0 1rem}
p,dd,.hint{overflow-wrap:anywhere}
dl{font-size:.875rem;margin:0 0 1rem}dt{font-weight:600}dd{margin:0 0 .5rem}
label{display:block;font-weight:600;margin-top:1rem}
input[type=text]{display:block;width:100%;min-height:44px;margin-top:.25rem;padding:.5rem .75rem;font:inherit;color:inherit;border:1px solid #6b6b6b;border-radius:4px;background:#fff}
input[readonly]{background:#ececec}
#tenant_id{font-size:.875rem}
.hint{display:block;font-size:.875rem;font-weight:400;color:#4d4d4d}
fieldset{border:0;padding:0;margin:1.25rem 0 0;min-width:0}legend{font-weight:600;padding:0}
label.check{display:flex;align-items:center;gap:.75rem;min-height:44px;margin:0;font-weight:400}
label.check input{width:1.5rem;height:1.5rem;margin:0;flex:none}
.actions{display:flex;flex-wrap:wrap;gap:.75rem;margin-top:1.5rem}
button{min-height:44px;min-width:44px;padding:.5rem 1.25rem;font:inherit;font-weight:600;border-radius:4px;border:2px solid #0f5fa8;background:#0f5fa8;color:#fff;cursor:pointer}
button.secondary{background:#fff;color:#0f5fa8}
:focus-visible{outline:3px solid #1b1b1b;outline-offset:2px}
.error{color:#a4262c;font-weight:600;margin:.25rem 0}
.summary{border:2px solid #a4262c;border-radius:4px;padding:.5rem 1rem;margin:1rem 0}
.summary h2{font-size:1.125rem;margin:.25rem 0}
.summary ul{margin:.25rem 0;padding-left:1.25rem}
.summary a{color:#a4262c}`;

const STYLE_HASH = createHash('sha256').update(STYLE).digest('base64');

/**
 * A strict policy for the issuer's pages: only the inline stylesheet, no script, and forms may
 * go only to the issuer — and, because browsers apply form-action to the redirect that answers
 * the form, to the origin of the validated redirect URI the sign-in returns to.
 */
export function pageSecurityHeaders(redirectUri?: string): OutgoingHttpHeaders {
  const formTargets = [
    "'self'",
    ...(redirectUri === undefined ? [] : [new URL(redirectUri).origin]),
  ];
  return {
    'Content-Security-Policy': [
      "default-src 'none'",
      `style-src 'sha256-${STYLE_HASH}'`,
      `form-action ${formTargets.join(' ')}`,
      "base-uri 'none'",
      "frame-ancestors 'none'",
    ].join('; '),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  };
}

/** The page where a developer picks who signs in (Entra's sign-in, minus passwords). */
export function renderSignInPage(model: SignInPageModel): string {
  const { authority, request, account, errors } = model;
  const errorFor = (field: string) => errors.find((e) => e.field === field);
  const textField = (
    name: keyof typeof ACCOUNT_FIELDS,
    value: string,
    extra: string,
    hint = '',
  ) => {
    const error = errorFor(name);
    const describedBy = [hint && `${name}-hint`, error && `${name}-error`].filter(Boolean);
    return `<label for="${name}">${ACCOUNT_FIELDS[name]}</label>
${hint && `<span class="hint" id="${name}-hint">${escapeHtml(hint)}</span>\n`}${error ? `<p class="error" id="${name}-error">${escapeHtml(error.message)}</p>\n` : ''}<input type="text" id="${name}" name="${name}" value="${escapeHtml(value)}" maxlength="256" spellcheck="false" autocapitalize="none"${extra}${describedBy.length ? ` aria-describedby="${describedBy.join(' ')}"` : ''}${error ? ' aria-invalid="true"' : ''}>`;
  };
  const checkbox = (id: string, name: string, value: string, label: string, checked: boolean) =>
    `<label class="check"><input type="checkbox" id="${id}" name="${name}" value="${escapeHtml(value)}"${checked ? ' checked' : ''}> ${escapeHtml(label)}</label>`;
  const roleError = errorFor('role');
  const tenantFixed = authority.kind !== 'multi';
  const tenantHint = tenantFixed
    ? `Fixed by the sign-in address (${authority.segment}).`
    : 'Any tenant may sign in here: type the one this account belongs to.';

  return page(`<h1>${SIGN_IN_TITLE}</h1>
<p>The local token issuer stands in for Microsoft Entra ID. Choose who signs in; nothing is checked and there is no password.</p>
<dl>
<dt>Application (client) id</dt><dd>${escapeHtml(request.clientId)}</dd>
<dt>Returns to</dt><dd>${escapeHtml(request.redirectUri)}</dd>
<dt>Asks for</dt><dd>${escapeHtml(request.scopes.all.join(' '))}</dd>
</dl>
${
  errors.length > 0
    ? `<div class="summary" role="alert"><h2>Check the account</h2><ul>${errors
        .map(
          (e) =>
            `<li><a href="#${e.field === 'role' ? `role-${APP_ROLES[0]}` : e.field}">${escapeHtml(e.message)}</a></li>`,
        )
        .join('')}</ul></div>`
    : ''
}<form method="post" action="${escapeHtml(model.action)}">
${request.parameters.map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`).join('\n')}
${textField('tenant_id', account.tenantId, tenantFixed ? ' readonly' : ' required', tenantHint)}
${textField('username', account.username, ' required inputmode="email" autocomplete="username"')}
${textField('display_name', account.displayName, ' required autocomplete="name"')}
${textField('given_name', account.givenName, ' autocomplete="given-name"')}
${textField('family_name', account.familyName, ' autocomplete="family-name"')}
<fieldset>
<legend>Directory role</legend>
${checkbox('global_admin', 'global_admin', 'on', 'Global Administrator', account.globalAdministrator)}
</fieldset>
<fieldset${roleError ? ' aria-describedby="role-error"' : ''}>
<legend>App roles</legend>
${roleError ? `<p class="error" id="role-error">${escapeHtml(roleError.message)}</p>` : ''}${APP_ROLES.map((role) => checkbox(`role-${role}`, 'role', role, role, account.roles.includes(role))).join('\n')}
</fieldset>
<div class="actions">
<button type="submit" name="action" value="sign-in">Sign in</button>
<button type="submit" name="action" value="cancel" class="secondary" formnovalidate>Cancel</button>
</div>
</form>`);
}

/** Shown instead of redirecting when the client or its redirect URI cannot be trusted. */
export function renderRefusalPage(description: string): string {
  return page(`<h1>${SIGN_IN_TITLE}</h1>
<h2>This sign-in request was refused</h2>
<p>${escapeHtml(description)}</p>
<p>Nothing was sent back to the application.</p>`);
}

function page(content: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${SIGN_IN_TITLE}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${content}
</main>
</body>
</html>
`;
}
