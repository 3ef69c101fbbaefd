import type { AcceptanceEligibility } from '../domain/acceptanceEligibility';
import type { Locale } from '../domain/cloud';
import { durationDays } from '../domain/delegatedAdminRequest';
import { entraRole } from '../domain/entraRoles';
import { escapeHtml } from '../domain/escapeHtml';
import type { FieldError } from '../domain/problem';
import { ACCEPTANCE_TEXT, type AcceptanceText } from './acceptanceText';

/**
 * The pages a customer's admin sees behind the invitation link. Every value that came from a
 * partner, a customer or a sign-in is escaped; the pages load nothing from elsewhere (see the
 * CSP), work from 320 px wide, and name each error next to its field.
 */

/** Who is signed in on the page, as far as the page needs to know. */
export type PageSignIn =
  | { readonly kind: 'signed-out' }
  | {
      readonly kind: 'signed-in';
      readonly username: string;
      readonly tenantId: string;
      readonly eligibility: AcceptanceEligibility;
      readonly csrf: string;
    };

export interface AcceptancePageModel {
  readonly locale: Locale;
  readonly partnerName: string;
  readonly companyName: string;
  readonly domain: string;
  readonly includeDelegatedAdmin: boolean;
  /** The roles asked for and their term (end as if approved now); absent or null for none. */
  readonly delegatedAdmin?: {
    readonly roles: readonly string[];
    readonly duration: string | null;
    readonly endsAt: string | null;
    readonly autoExtend: boolean;
  } | null;
  readonly expiresAt: string;
  readonly mcaRequired: boolean;
  readonly agreementUrl: string;
  /** `/api/accept/{token}`: the form's action and the base of the sign-in links. */
  readonly path: string;
  readonly signIn: PageSignIn;
  readonly values?: Readonly<Record<string, string>>;
  readonly errors?: readonly FieldError[];
  /** A problem code to explain above the form (e.g. an expired form or sign-in). */
  readonly notice?: string;
}

const STYLE = [
  '*,*::before,*::after{box-sizing:border-box}',
  'body{font-family:system-ui,"Segoe UI",sans-serif;max-width:40rem;margin:0 auto;padding:1rem;line-height:1.5;color:#242424;overflow-wrap:anywhere}',
  'h1{font-size:1.5rem;line-height:1.25}h2{font-size:1.2rem;margin-top:1.5rem}',
  'label{display:block;margin:.9rem 0 .2rem;font-weight:600}',
  'input[type=text],input[type=email],input[type=tel]{display:block;width:100%;max-width:100%;min-height:44px;padding:.5rem;font:inherit;border:1px solid #616161;border-radius:4px}',
  '[aria-invalid=true]{border:2px solid #a4262c}',
  'textarea{display:block;width:100%;padding:.5rem;font:inherit;border:1px solid #616161;border-radius:4px}',
  'details{margin-top:2rem;border-top:1px solid #d1d1d1;padding-top:1rem}summary{cursor:pointer;min-height:44px;display:flex;align-items:center;color:#0f548c}',
  'fieldset{border:0;padding:0;margin:.5rem 0}legend{font-weight:600}',
  '.check{display:flex;gap:.6rem;align-items:flex-start;font-weight:400;min-height:44px;padding:.4rem 0}',
  '.check input{flex:none;width:24px;height:24px;margin:.1rem 0 0}',
  '.button,button{display:inline-flex;align-items:center;justify-content:center;min-height:44px;min-width:44px;padding:.6rem 1.2rem;margin:1rem .5rem 0 0;font:inherit;background:#0f6cbd;color:#fff;border:0;border-radius:4px;text-decoration:none;cursor:pointer}',
  '.secondary{background:#fff;color:#0f6cbd;border:1px solid #0f6cbd}',
  '.inline{display:inline}',
  '.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}',
  '.error,.req{color:#a4262c}.field-error{color:#a4262c;margin:.2rem 0 0}',
  '.notice{border-left:4px solid #a4262c;background:#fdf3f4;padding:.6rem .9rem;margin:1rem 0}',
  '.info{border-left:4px solid #0f6cbd;background:#ebf3fc;padding:.6rem .9rem;margin:1rem 0}',
  'a{color:#0f548c}a.button{color:#fff}a.button.secondary{color:#0f6cbd}',
].join('');

function layout(locale: Locale, title: string, body: string): string {
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>`;
}

const expiryFormats = new Map<Locale, Intl.DateTimeFormat>();

/**
 * Date, time and time zone, e.g. "March 1, 2027 at 2:00 PM UTC". One formatter per language for
 * the process: making one costs ~0.4 ms, a sixth of the acceptance page's CPU in `npm run bench`.
 */
export function formatExpiry(locale: Locale, iso: string): string {
  let format = expiryFormats.get(locale);
  if (format === undefined) {
    format = new Intl.DateTimeFormat(locale, {
      dateStyle: 'long',
      timeStyle: 'short',
      timeZone: 'UTC',
    });
    expiryFormats.set(locale, format);
  }
  return `${format.format(new Date(iso))} UTC`;
}

const FIELDS = ['firstName', 'lastName', 'email', 'phoneNumber'] as const;

function errorFor(t: AcceptanceText, field: string): string {
  return t.fieldErrors[field] ?? t.fieldErrorFallback;
}

function fieldErrorsByName(errors: readonly FieldError[] | undefined): Map<string, FieldError> {
  const byField = new Map<string, FieldError>();
  for (const error of errors ?? []) {
    const field = error.field === 'mca' ? 'acceptMca' : error.field;
    if (!byField.has(field)) byField.set(field, error);
  }
  return byField;
}

function textInput(
  t: AcceptanceText,
  name: (typeof FIELDS)[number],
  model: AcceptancePageModel,
  errors: Map<string, FieldError>,
): string {
  const spec = {
    firstName: { label: t.firstName, type: 'text', max: 100, auto: 'given-name', required: true },
    lastName: { label: t.lastName, type: 'text', max: 100, auto: 'family-name', required: true },
    email: { label: t.email, type: 'email', max: 254, auto: 'email', required: true },
    phoneNumber: { label: t.phone, type: 'tel', max: 30, auto: 'tel', required: false },
  }[name];
  const invalid = errors.has(name);
  const marker = spec.required
    ? ` <span class="req" aria-hidden="true">*</span><span class="sr">(${t.required})</span>`
    : ` <span>(${t.optional})</span>`;
  return `<label for="${name}">${spec.label}${marker}</label>
<input id="${name}" type="${spec.type}" name="${name}" maxlength="${spec.max}" autocomplete="${spec.auto}"${spec.required ? ' required aria-required="true"' : ''} value="${escapeHtml(model.values?.[name] ?? '')}"${invalid ? ` aria-invalid="true" aria-describedby="${name}-error"` : ''}>
${invalid ? `<p id="${name}-error" class="field-error">${escapeHtml(errorFor(t, name))}</p>` : ''}`;
}

function mcaSection(
  t: AcceptanceText,
  model: AcceptancePageModel,
  errors: Map<string, FieldError>,
): string {
  if (!model.mcaRequired) {
    return `<p>${t.mcaDone}</p>`;
  }
  const invalid = errors.has('acceptMca');
  const checked = model.values?.acceptMca === 'true' || model.values?.acceptMca === 'on';
  return `<h2>${t.mcaHeading}</h2>
<p>${t.mcaIntro}</p>
<p><a href="${escapeHtml(model.agreementUrl)}" target="_blank" rel="noopener noreferrer">${t.mcaLink}</a></p>
<p class="info">${t.mcaPrefilled}</p>
${FIELDS.map((name) => textInput(t, name, model, errors)).join('\n')}
<label class="check" for="acceptMca"><input id="acceptMca" type="checkbox" name="acceptMca" value="true" required aria-required="true"${checked ? ' checked' : ''}${invalid ? ' aria-invalid="true" aria-describedby="acceptMca-error"' : ''}><span>${t.agree} <span class="req" aria-hidden="true">*</span></span></label>
${invalid ? `<p id="acceptMca-error" class="field-error">${escapeHtml(errorFor(t, 'acceptMca'))}</p>` : ''}`;
}

function errorSummary(t: AcceptanceText, errors: Map<string, FieldError>): string {
  if (errors.size === 0) {
    return '';
  }
  const items = [...errors.keys()]
    .map(
      (field) =>
        `<li><a href="#${escapeHtml(field === 'reason' ? 'reason-not-needed' : field)}">${escapeHtml(errorFor(t, field))}</a></li>`,
    )
    .join('');
  return `<div class="notice" role="alert"><p>${t.fixErrors}</p><ul>${items}</ul></div>`;
}

function signOutForm(t: AcceptanceText, model: AcceptancePageModel, csrf: string): string {
  return `<form class="inline" method="post" action="${escapeHtml(model.path)}/signout"><input type="hidden" name="csrf" value="${escapeHtml(csrf)}"><button type="submit" class="secondary">${t.signOut}</button></form>`;
}

function signInSection(
  t: AcceptanceText,
  model: AcceptancePageModel,
  errors: Map<string, FieldError>,
): string {
  const domain = escapeHtml(model.domain);
  const signInLink = (label: string, other: boolean) =>
    `<a class="button${other ? ' secondary' : ''}" href="${escapeHtml(model.path)}/signin${other ? '?account=other' : ''}">${label}</a>`;
  if (model.signIn.kind === 'signed-out') {
    return `<h2>${t.signInHeading}</h2>
<p>${t.signInNeeded(domain)}</p>
<p>${signInLink(t.signIn, false)}</p>`;
  }
  const { username, tenantId, eligibility, csrf } = model.signIn;
  const who = `<p>${t.signedInAs(escapeHtml(username), escapeHtml(tenantId))}</p>`;
  if (eligibility.kind === 'refused') {
    const refusal = {
      TENANT_MISMATCH: t.refusedTenant,
      DOMAIN_MISMATCH: t.refusedDomain,
      NOT_GLOBAL_ADMIN: t.refusedRole,
    }[eligibility.reason](escapeHtml(username), domain);
    return `<h2>${t.signInHeading}</h2>
${who}
<div class="notice" role="alert"><p>${refusal}</p></div>
<p>${signInLink(t.signInOther, false)} ${signOutForm(t, model, csrf)}</p>`;
  }
  return `${who}
<p>${signOutForm(t, model, csrf)}</p>
${errorSummary(t, errors)}
<form method="post" action="${escapeHtml(model.path)}" novalidate>
<input type="hidden" name="csrf" value="${escapeHtml(csrf)}">
${mcaSection(t, model, errors)}
<button type="submit">${t.accept}</button>
</form>
${declineSection(t, model, errors, csrf)}`;
}

/** The other answer, kept one click away so that accepting stays the obvious path. */
function declineSection(
  t: AcceptanceText,
  model: AcceptancePageModel,
  errors: Map<string, FieldError>,
  csrf: string,
): string {
  const chosen = model.values?.reason;
  const reasonInvalid = errors.has('reason');
  const commentInvalid = errors.has('comment');
  const reasons = (Object.keys(t.declineReasons) as Array<keyof AcceptanceText['declineReasons']>)
    .map(
      (reason) =>
        `<label class="check" for="reason-${reason}"><input id="reason-${reason}" type="radio" name="reason" value="${reason}"${chosen === reason ? ' checked' : ''}${reasonInvalid ? ' aria-invalid="true" aria-describedby="reason-error"' : ''}><span>${t.declineReasons[reason]}</span></label>`,
    )
    .join('\n');
  return `<details${reasonInvalid || commentInvalid ? ' open' : ''}>
<summary>${t.declineSummary}</summary>
<p>${t.declineIntro(escapeHtml(model.partnerName))}</p>
<form method="post" action="${escapeHtml(model.path)}/decline" novalidate>
<input type="hidden" name="csrf" value="${escapeHtml(csrf)}">
<fieldset>
<legend>${t.declineReasonLegend} <span class="req" aria-hidden="true">*</span></legend>
${reasonInvalid ? `<p id="reason-error" class="field-error">${escapeHtml(errorFor(t, 'reason'))}</p>` : ''}${reasons}
</fieldset>
<label for="comment">${t.declineComment} <span>(${t.optional})</span></label>
<textarea id="comment" name="comment" maxlength="500" rows="3"${commentInvalid ? ' aria-invalid="true" aria-describedby="comment-error"' : ''}>${escapeHtml(model.values?.comment ?? '')}</textarea>
${commentInvalid ? `<p id="comment-error" class="field-error">${escapeHtml(errorFor(t, 'comment'))}</p>` : ''}
<button type="submit" class="secondary">${t.decline}</button>
</form>
</details>`;
}

/**
 * What the admin privileges asked for allow: each role by its name and what it lets the partner
 * do, how long, until when (UTC) and whether it extends itself, before anyone approves.
 */
function delegatedAdminSection(t: AcceptanceText, model: AcceptancePageModel): string {
  const request = model.delegatedAdmin;
  if (request === undefined || request === null) {
    return `<p>${model.includeDelegatedAdmin ? t.dap : t.noDap}</p>`;
  }
  const roles = request.roles
    .map((templateId) => {
      const role = entraRole(templateId);
      return role === undefined
        ? `<li>${escapeHtml(templateId)}</li>`
        : `<li><strong>${escapeHtml(role.name[model.locale])}</strong>: ${escapeHtml(
            role.description[model.locale],
          )}</li>`;
    })
    .join('\n');
  const days = request.duration === null ? undefined : durationDays(request.duration);
  const term =
    days === undefined || request.endsAt === null
      ? `<p>${t.rolesNoEnd}</p>`
      : `<p>${t.rolesTerm(
          escapeHtml(String(days)),
          escapeHtml(formatExpiry(model.locale, request.endsAt)),
        )}</p>\n<p>${request.autoExtend ? t.autoExtendOn : t.autoExtendOff}</p>`;
  return `<section aria-labelledby="roles-heading">
<h2 id="roles-heading">${t.rolesHeading}</h2>
<p>${t.rolesIntro(escapeHtml(model.partnerName))}</p>
<ul class="roles">
${roles}
</ul>
${term}
<p>${t.rolesRemovable}</p>
</section>`;
}

/** The page behind a valid link: the request, the sign-in, then the MCA form and accept. */
export function renderAcceptancePage(model: AcceptancePageModel): string {
  const t = ACCEPTANCE_TEXT[model.locale];
  const errors = fieldErrorsByName(model.errors);
  const notice =
    model.notice === undefined
      ? ''
      : `<div class="notice" role="alert"><p>${escapeHtml(
          (t.notices[model.notice] ?? (() => t.noticeFallback))(model.domain, model.partnerName),
        )}</p></div>`;
  return layout(
    model.locale,
    t.title,
    `<h1>${t.title}</h1>
<p>${t.intro(escapeHtml(model.partnerName), escapeHtml(model.companyName))}</p>
${delegatedAdminSection(t, model)}
<p>${t.expires(escapeHtml(formatExpiry(model.locale, model.expiresAt)))}</p>
${notice}
${signInSection(t, model, errors)}`,
  );
}

/** After acceptance (or on a later visit): where to go next. */
export function renderAcceptedPage(locale: Locale, portalUrl: string): string {
  const t = ACCEPTANCE_TEXT[locale];
  return layout(
    locale,
    t.acceptedHeading,
    `<h1>${t.acceptedHeading}</h1>
<p>${t.acceptedBody}</p>
<p><a class="button" href="${escapeHtml(portalUrl)}">${t.continue}</a></p>`,
  );
}

/** A link that does not (or no longer) work, in the invitation's or the browser's language. */
export function renderLinkErrorPage(locale: Locale, code: string): string {
  const t = ACCEPTANCE_TEXT[locale];
  const text = t.linkErrors[code] ?? t.linkErrors.LINK_NOT_FOUND!;
  return layout(
    locale,
    text.title,
    `<h1>${escapeHtml(text.title)}</h1>\n<p>${escapeHtml(text.body)}</p>`,
  );
}

/** A sign-in that did not complete, with the way back to the invitation when it is known. */
export function renderSignInProblemPage(
  locale: Locale,
  code: string,
  context: { readonly domain: string; readonly partnerName: string; readonly backPath?: string },
): string {
  const t = ACCEPTANCE_TEXT[locale];
  const message = (t.notices[code] ?? (() => t.noticeFallback))(
    context.domain,
    context.partnerName,
  );
  const back =
    context.backPath === undefined
      ? ''
      : `<p><a class="button" href="${escapeHtml(context.backPath)}">${t.backToInvitation}</a></p>`;
  return layout(
    locale,
    t.signInProblemTitle,
    `<h1>${t.signInProblemTitle}</h1>\n<div class="notice" role="alert"><p>${escapeHtml(message)}</p></div>\n${back}`,
  );
}

/**
 * Headers for every acceptance page: no caching, no referrer (the URL holds the token), and a
 * CSP under which forms post only to this app — plus, because browsers apply `form-action` to
 * the redirect that follows a form, the customer's admin portal the acceptance leads to.
 */
export function pageHeaders(portalOrigin?: string): Record<string, string> {
  const formAction = portalOrigin === undefined ? "'self'" : `'self' ${portalOrigin}`;
  return {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    'Referrer-Policy': 'no-referrer',
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': `default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action ${formAction}`,
  };
}
