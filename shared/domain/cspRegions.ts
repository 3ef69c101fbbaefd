import { CSP_REGION_TABLE, type CspRegion } from './cspRegions.data';

export type { CspRegion };

/** Every CSP region with its markets; the data and its source live in `cspRegions.data.ts`. */
export const CSP_REGIONS: readonly CspRegion[] = CSP_REGION_TABLE;

const REGION_BY_COUNTRY: ReadonlyMap<string, CspRegion> = new Map(
  CSP_REGIONS.flatMap((region) => region.countries.map((country) => [country, region] as const)),
);

/**
 * Upper-cases only plain two-letter input: `toUpperCase` alone would turn `ß` into `SS`
 * (South Sudan) and a ligature like `ﬀ` into `FF`.
 */
function normalizeCountry(country: string): string | undefined {
  return /^[A-Za-z]{2}$/.test(country) ? country.toUpperCase() : undefined;
}

/**
 * Finds the CSP region a market belongs to, so callers can name the partner's region when they
 * refuse a customer. Country codes arrive from JSON bodies and tokens in any case, hence
 * case-insensitive; anything that is not a listed market has no region.
 */
export function cspRegionOf(country: string): CspRegion | undefined {
  const code = normalizeCountry(country);
  return code === undefined ? undefined : REGION_BY_COUNTRY.get(code);
}

/**
 * Whether CSP partners can transact in this market at all: a country outside every region
 * (e.g. China, served by a separately operated Partner Center) can be neither a partner's
 * location nor a customer's, so it is worth a validation error before any other rule runs.
 */
export function isKnownCountry(country: string): boolean {
  return cspRegionOf(country) !== undefined;
}

/**
 * Regional authorization: a partner may only ask for a reseller relationship with a customer in
 * its own country or in another market of its CSP region; single-market regions (e.g. Brazil)
 * therefore allow only the partner's own country. The same-country case holds even for a market
 * missing from the table, because the table can only ever lag behind Microsoft's list, and a
 * partner selling at home is never a cross-region sale.
 */
export function isCustomerInPartnerRegion(
  partnerCountry: string,
  customerCountry: string,
): boolean {
  const partner = normalizeCountry(partnerCountry);
  if (partner === undefined) {
    return false;
  }
  if (partner === normalizeCountry(customerCountry)) {
    return true;
  }
  const partnerRegion = cspRegionOf(partner);
  return partnerRegion !== undefined && partnerRegion === cspRegionOf(customerCountry);
}
