import type { PartnerCloud } from './cloud';

/**
 * Where a customer of each cloud accepts a reseller relationship (the design's table). Operators
 * can override them per cloud; `{partnerTenantId}` and `{dap}` are filled in by `buildPortalUrl`.
 */
export const DEFAULT_PORTAL_URL_PATTERNS: Readonly<Record<PartnerCloud, string>> = {
  public:
    'https://admin.microsoft.com/Adminportal/Home?invType=ResellerRelationship&partnerId={partnerTenantId}&msppId=0&DAP={dap}#/BillingAccounts/partner-invitation',
  germany:
    'https://portal.office.de/partner/partnersignup.aspx?type=ResellerRelationship&id={partnerTenantId}&csp=1&msppid=0',
  usgov:
    'https://portal.office365.us/partner/partnersignup.aspx?type=ResellerRelationship&id={partnerTenantId}&csp=1&msppid=0',
};

export interface PortalUrlValues {
  partnerTenantId: string;
  includeDelegatedAdmin: boolean;
}

const PLACEHOLDER = /\{([^{}]*)\}/g;

/** Any tenant id will do to try a pattern out; this one is obviously not a real tenant. */
const SAMPLE_VALUES: PortalUrlValues = {
  partnerTenantId: '00000000-0000-0000-0000-000000000000',
  includeDelegatedAdmin: true,
};

/**
 * Builds the address the acceptance trigger redirects the customer to. Values are
 * percent-encoded so a tenant id can never add query parameters or change the host, and the
 * result must be an absolute https URL because the customer's browser follows it with their
 * admin session. Throws on a pattern that cannot produce such a URL, which is why configuration
 * validation runs every configured pattern through it once at start-up.
 */
export function buildPortalUrl(pattern: string, values: PortalUrlValues): string {
  if (values.partnerTenantId === '') {
    throw new Error('The partner tenant id for the portal URL is empty.');
  }
  const substitutions: Readonly<Record<string, string>> = {
    partnerTenantId: values.partnerTenantId,
    dap: values.includeDelegatedAdmin ? 'true' : 'false',
  };
  const url = pattern.replace(PLACEHOLDER, (placeholder: string, name: string) => {
    const value = Object.hasOwn(substitutions, name) ? substitutions[name] : undefined;
    if (value === undefined) {
      throw new Error(
        `The portal URL pattern has an unknown placeholder ${placeholder}; ` +
          'only {partnerTenantId} and {dap} are filled in.',
      );
    }
    return encodeURIComponent(value);
  });
  // Substituted values are encoded, so any brace left over is a typo in the pattern itself.
  if (/[{}]/.test(url)) {
    throw new Error(`The portal URL pattern has an unmatched brace: ${pattern}`);
  }
  if (!isAbsoluteHttpsUrl(url)) {
    throw new Error(
      `The portal URL pattern does not produce an absolute https:// URL ` +
        `in printable ASCII: ${pattern}`,
    );
  }
  return url;
}

/**
 * Checks an operator-supplied pattern before any customer is redirected with it. Beyond what
 * `buildPortalUrl` enforces, the pattern must use `{partnerTenantId}`: without it the portal
 * cannot tell which partner the customer is accepting. Returns the problem, or undefined.
 */
export function validatePortalUrlPattern(pattern: string): string | undefined {
  if (!pattern.includes('{partnerTenantId}')) {
    return 'The portal URL pattern must contain the {partnerTenantId} placeholder.';
  }
  try {
    buildPortalUrl(pattern, SAMPLE_VALUES);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

function isAbsoluteHttpsUrl(candidate: string): boolean {
  // The URL parser forgives `https:/host`, `https:///host`, spaces and raw non-ASCII; a Location
  // header must be printable ASCII and should not rely on every browser forgiving the same way.
  // Requiring the host right after `https://` also refuses `user@host` look-alikes.
  if (!candidate.startsWith('https://') || /[^\x21-\x7e]/.test(candidate)) {
    return false;
  }
  try {
    const { host } = new URL(candidate);
    return host !== '' && candidate.toLowerCase().startsWith(`https://${host}`);
  } catch {
    return false;
  }
}
