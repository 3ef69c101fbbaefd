import {
  CSP_REGIONS,
  cspRegionOf,
  isCustomerInPartnerRegion,
} from '../../../shared/domain/cspRegions';

export interface CountryOption {
  readonly code: string;
  readonly name: string;
}

/** Every market a CSP partner can be in or sell to, by its name in the user's language. */
export function allCountries(
  countryName: (code: string) => string,
  locale: string,
): CountryOption[] {
  const codes = [...new Set(CSP_REGIONS.flatMap((region) => region.countries))];
  return sortByName(
    codes.map((code) => ({ code, name: countryName(code) })),
    locale,
  );
}

export interface CustomerCountries {
  /** The partner's CSP region, named as Microsoft names it. */
  readonly regionName: string;
  readonly inRegion: CountryOption[];
  /** Shown, but not selectable: the API would refuse them (`CUSTOMER_OUTSIDE_REGION`). */
  readonly outsideRegion: CountryOption[];
}

/**
 * Splits the countries by the regional-authorization rule the API applies
 * (`isCustomerInPartnerRegion`), so the picker marks what the API would refuse.
 */
export function customerCountries(
  partnerCountry: string,
  countryName: (code: string) => string,
  locale: string,
): CustomerCountries {
  const all = allCountries(countryName, locale);
  return {
    regionName: cspRegionOf(partnerCountry)?.name ?? countryName(partnerCountry),
    inRegion: all.filter((c) => isCustomerInPartnerRegion(partnerCountry, c.code)),
    outsideRegion: all.filter((c) => !isCustomerInPartnerRegion(partnerCountry, c.code)),
  };
}

function sortByName(options: CountryOption[], locale: string): CountryOption[] {
  const collator = new Intl.Collator(locale);
  return options.sort((a, b) => collator.compare(a.name, b.name));
}
