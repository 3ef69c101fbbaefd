import type { TokenCredential } from '@azure/identity';

/* eslint-disable @typescript-eslint/no-require-imports -- loaded on first Graph call only */
const identitySdk = () => require('@azure/identity') as typeof import('@azure/identity');
/* eslint-enable @typescript-eslint/no-require-imports */

/** The audience Entra expects of a managed identity's token used as a federated credential. */
const TOKEN_EXCHANGE_SCOPE = 'api://AzureADTokenExchange/.default';

export interface GraphAppCredentialOptions {
  /** The multi-tenant app registration that holds DelegatedAdminRelationship.ReadWrite.All. */
  readonly clientId: string;
  /** https://login.microsoftonline.com, or the local stand-in. */
  readonly authorityHost: string;
  /** The function app's user-assigned identity; the system-assigned one when absent. */
  readonly managedIdentityClientId?: string;
  /** PEM of a certificate to trust for the authority besides the system's (local only). */
  readonly trustedCertificatePem?: string;
}

/**
 * A factory of app-only credentials, one per partner tenant: the app registration signs in to
 * that tenant with a client assertion that is the function app's managed identity token (a
 * federated identity credential on the app registration), so no client secret exists anywhere.
 */
export function graphAppCredentials(
  options: GraphAppCredentialOptions,
): (partnerTenantId: string) => TokenCredential {
  const { ClientAssertionCredential, ManagedIdentityCredential } = identitySdk();
  const identity = new ManagedIdentityCredential(
    options.managedIdentityClientId === undefined
      ? {}
      : { clientId: options.managedIdentityClientId },
  );
  const assertion = async () => (await identity.getToken(TOKEN_EXCHANGE_SCOPE)).token;
  const trust =
    options.trustedCertificatePem === undefined
      ? []
      : [
          {
            position: 'perCall' as const,
            policy: {
              name: 'trustLocalMicrosoftStandIn',
              sendRequest: (
                request: { tlsSettings?: { ca?: string } },
                next: (r: never) => Promise<never>,
              ) => {
                request.tlsSettings = { ca: options.trustedCertificatePem };
                return next(request as never);
              },
            },
          },
        ];
  const credentials = new Map<string, TokenCredential>();
  return (partnerTenantId) => {
    let credential = credentials.get(partnerTenantId);
    if (credential === undefined) {
      credential = new ClientAssertionCredential(partnerTenantId, options.clientId, assertion, {
        authorityHost: options.authorityHost,
        // Entra's instance discovery knows Microsoft's hosts only, not a stand-in's.
        disableInstanceDiscovery: options.trustedCertificatePem !== undefined,
        additionalPolicies: trust as never,
      });
      credentials.set(partnerTenantId, credential);
    }
    return credential;
  };
}
