import type http from 'node:http';
import type { AuthorizationCodeStore } from './authorizationCodes';
import { errorRedirectLocation, parseAuthorizeRequest } from './authorizeRequest';
import { sendHtml, sendRedirect } from './httpReplies';
import { readFormBody } from './requestBody';
import { pageSecurityHeaders, renderRefusalPage, renderSignInPage } from './signInPage';
import type { TenantAuthority } from './tenantAuthority';
import { defaultTestAccount, parseTestAccount } from './testAccount';

const FORM_MAX_BYTES = 64 * 1024;

/**
 * Entra's v2 authorize endpoint, with a page to pick a test account instead of a password:
 * GET validates the request and shows the page; POST (its form) validates the carried request
 * again, then returns a one-time code to the redirect URI, or `access_denied` on Cancel.
 */
export async function handleAuthorize(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  target: {
    readonly path: string;
    readonly query: URLSearchParams;
    readonly authority: TenantAuthority;
  },
  codes: AuthorizationCodeStore,
): Promise<void> {
  let params = target.query;
  if (req.method === 'POST') {
    const body = await readFormBody(req, FORM_MAX_BYTES);
    if (!body.ok) {
      return sendHtml(res, 400, renderRefusalPage(body.description), pageSecurityHeaders());
    }
    params = body.form;
  }
  const parsed = parseAuthorizeRequest(params);
  if (parsed.kind === 'refused') {
    return sendHtml(res, 400, renderRefusalPage(parsed.description), pageSecurityHeaders());
  }
  if (parsed.kind === 'redirect-error') {
    const { redirectUri, state, error, description } = parsed;
    return sendRedirect(res, errorRedirectLocation(redirectUri, state, error, description));
  }
  const { request } = parsed;
  const { authority } = target;
  const showPage = (status: number, page: Parameters<typeof renderSignInPage>[0]) =>
    sendHtml(res, status, renderSignInPage(page), pageSecurityHeaders(request.redirectUri));
  if (req.method !== 'POST') {
    const account = defaultTestAccount(authority, request.loginHint);
    return showPage(200, { action: target.path, authority, request, account, errors: [] });
  }
  if (params.get('action') === 'cancel') {
    return sendRedirect(
      res,
      errorRedirectLocation(
        request.redirectUri,
        request.state,
        'access_denied',
        'AADSTS65004: User declined to consent to access the app.',
      ),
    );
  }
  const account = parseTestAccount(params, authority);
  if (!account.ok) {
    const { entered, errors } = account;
    return showPage(400, { action: target.path, authority, request, account: entered, errors });
  }
  const code = codes.issue({
    clientId: request.clientId,
    redirectUri: request.redirectUri,
    codeChallenge: request.codeChallenge,
    nonce: request.nonce,
    scopes: request.scopes,
    account: account.account,
  });
  const location = new URL(request.redirectUri);
  location.searchParams.set('code', code);
  if (request.state !== undefined) {
    location.searchParams.set('state', request.state);
  }
  sendRedirect(res, location.href);
}
