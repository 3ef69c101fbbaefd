import { DEV_SIGNING_ALG } from '../../devSigningKey';
import { entraIssuerFor } from './devTokens';
import { OIDC_SCOPES } from './requestedScopes';
import type { TenantAuthority } from './tenantAuthority';

/**
 * Entra's v2 discovery document for one authority. The endpoints keep the authority as it was
 * asked for (so a sign-in at `/contoso.com/` stays there); the issuer names the tenant, and for
 * `organizations`/`common` is Entra's `{tenantid}` template, filled from each token's `tid`.
 */
export function openidConfiguration(baseUrl: string, authority: TenantAuthority) {
  const tenantBase = `${baseUrl}/${authority.segment}`;
  return {
    issuer: entraIssuerFor(baseUrl, authority.kind === 'multi' ? '{tenantid}' : authority.tenantId),
    authorization_endpoint: `${tenantBase}/oauth2/v2.0/authorize`,
    token_endpoint: `${tenantBase}/oauth2/v2.0/token`,
    jwks_uri: `${tenantBase}/discovery/v2.0/keys`,
    response_types_supported: ['code'],
    response_modes_supported: ['query'],
    grant_types_supported: ['authorization_code'],
    code_challenge_methods_supported: ['S256'],
    scopes_supported: OIDC_SCOPES,
    token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic', 'none'],
    id_token_signing_alg_values_supported: [DEV_SIGNING_ALG],
    subject_types_supported: ['pairwise'],
    request_uri_parameter_supported: false,
    claims_supported: [
      'iss',
      'aud',
      'sub',
      'exp',
      'iat',
      'nbf',
      'nonce',
      'tid',
      'oid',
      'ver',
      'name',
      'given_name',
      'family_name',
      'preferred_username',
      'email',
      'roles',
      'wids',
    ],
  };
}
