import type { Locale, PartnerCloud } from './cloud';

/**
 * The link to the Microsoft Customer Agreement text shown beside the MCA checkbox. The
 * configured pattern may name `{locale}` (lower case, e.g. `de-de`, as microsoft.com's paths
 * are) and `{cloud}`; the result must be an absolute https URL, since it is shown to the
 * customer as the agreement they sign.
 */
export function buildMcaAgreementUrl(
  pattern: string,
  values: { readonly locale: Locale; readonly cloud: PartnerCloud },
): string {
  const url = pattern
    .replaceAll('{locale}', encodeURIComponent(values.locale.toLowerCase()))
    .replaceAll('{cloud}', encodeURIComponent(values.cloud));
  if (!URL.canParse(url) || new URL(url).protocol !== 'https:') {
    throw new Error(`The MCA agreement URL must be an absolute https URL: ${url}`);
  }
  return url;
}
