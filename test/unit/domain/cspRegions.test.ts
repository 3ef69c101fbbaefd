import {
  CSP_REGIONS,
  cspRegionOf,
  isCustomerInPartnerRegion,
  isKnownCountry,
} from '../../../shared/domain/cspRegions';

describe('CSP region table', () => {
  const allCountries = CSP_REGIONS.flatMap((region) => region.countries);

  test('no country belongs to two regions and none is listed twice', () => {
    const seen = new Map<string, string>();
    const duplicates: string[] = [];
    for (const region of CSP_REGIONS) {
      for (const country of region.countries) {
        const earlier = seen.get(country);
        if (earlier !== undefined) {
          duplicates.push(`${country} in ${earlier} and ${region.id}`);
        }
        seen.set(country, region.id);
      }
    }
    expect(duplicates).toEqual([]);
  });

  test('every code is two uppercase letters', () => {
    expect(allCountries.filter((country) => !/^[A-Z]{2}$/.test(country))).toEqual([]);
  });

  test('region ids are unique, kebab-case, and every region has a name and countries', () => {
    const ids = CSP_REGIONS.map((region) => region.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const region of CSP_REGIONS) {
      expect(region.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(region.name.trim()).not.toBe('');
      expect(region.countries.length).toBeGreaterThan(0);
    }
  });

  // Sizes as transcribed from the source page; a change here means the data was edited.
  test.each([
    ['africa', 47],
    ['asia-pacific', 18],
    ['australia', 23],
    ['brazil', 1],
    ['canada', 2],
    ['europe', 45],
    ['india', 1],
    ['japan', 1],
    ['korea', 1],
    ['latin-america-caribbean', 51],
    ['middle-east-central-eastern-europe', 45],
    ['new-zealand', 4],
    ['russia', 1],
    ['taiwan', 1],
    ['united-states', 2],
  ])('region %s has %i markets', (id, size) => {
    expect(CSP_REGIONS.find((region) => region.id === id)?.countries).toHaveLength(size);
  });

  test('the EU member states and EFTA states are all in Europe', () => {
    const eu = 'AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE';
    const efta = 'IS LI NO CH';
    const europe = CSP_REGIONS.find((region) => region.id === 'europe');
    expect(europe?.countries).toEqual(expect.arrayContaining(`${eu} ${efta}`.split(' ')));
  });
});

describe('cspRegionOf', () => {
  test.each([
    ['DE', 'europe'],
    ['de', 'europe'],
    ['dE', 'europe'],
    ['NO', 'europe'],
    ['GB', 'europe'],
    ['US', 'united-states'],
    ['UM', 'united-states'],
    ['CA', 'canada'],
    ['PM', 'canada'],
    ['BR', 'brazil'],
    ['PR', 'latin-america-caribbean'],
    ['ZA', 'middle-east-central-eastern-europe'],
    ['KE', 'africa'],
    ['SG', 'asia-pacific'],
    ['NZ', 'new-zealand'],
    ['XK', 'middle-east-central-eastern-europe'],
  ])('%s is in %s', (country, regionId) => {
    expect(cspRegionOf(country)?.id).toBe(regionId);
  });

  test.each([
    ['China (separately operated Partner Center)', 'CN'],
    ['a code that is not assigned', 'ZZ'],
    ['an alpha-3 code', 'DEU'],
    ['a single letter', 'D'],
    ['empty', ''],
    ['surrounding whitespace', ' DE'],
    ['a sharp s, which upper-cases to SS (South Sudan)', 'ß'],
    ['a ligature, which upper-cases to FF', 'ﬀ'],
    ['a country name', 'Germany'],
  ])('%s has no region', (_name, country) => {
    expect(cspRegionOf(country)).toBeUndefined();
  });
});

describe('isKnownCountry', () => {
  test.each([
    ['DE', true],
    ['us', true],
    ['VA', true],
    ['CN', false],
    ['ZZ', false],
    ['', false],
    ['DEU', false],
  ])('%p: %p', (country, known) => {
    expect(isKnownCountry(country)).toBe(known);
  });
});

describe('isCustomerInPartnerRegion', () => {
  test.each([
    // Europe spans the EU and EFTA.
    ['DE', 'FR', true, 'EU to EU'],
    ['DE', 'NO', true, 'EU to EFTA'],
    ['CH', 'DE', true, 'EFTA to EU'],
    ['DE', 'GB', true, 'the UK is in the Europe region'],
    ['de', 'fr', true, 'codes in lower case'],
    ['DE', 'DE', true, 'same country'],
    ['DE', 'US', false, 'Europe to the United States'],
    ['DE', 'RU', false, 'Europe to Russia'],
    ['DE', 'TR', false, 'Turkey is in the Middle East, Central and Eastern Europe region'],
    // The United States region is the US and its outlying islands only.
    ['US', 'US', true, 'same country'],
    ['US', 'UM', true, 'U.S. Outlying Islands'],
    ['US', 'CA', false, 'Canada is its own region'],
    ['CA', 'US', false, 'and the other way round'],
    ['US', 'PR', false, 'Puerto Rico is in Latin America and the Caribbean'],
    ['US', 'MX', false, 'Mexico is in Latin America and the Caribbean'],
    ['CA', 'PM', true, 'Canada includes Saint Pierre and Miquelon'],
    // Single-country regions.
    ['BR', 'BR', true, 'same country'],
    ['BR', 'AR', false, 'Brazil is a single-country region'],
    ['IN', 'LK', false, 'India is a single-country region'],
    ['JP', 'KR', false, 'Japan and Korea are separate regions'],
    ['TW', 'HK', false, 'Taiwan is a single-country region'],
    // Multi-country regions outside Europe.
    ['MX', 'PR', true, 'Latin America and the Caribbean'],
    ['SG', 'VN', true, 'Asia and Pacific'],
    ['AU', 'FJ', true, 'Australia region'],
    ['NZ', 'AS', true, 'New Zealand region'],
    ['AU', 'NZ', false, 'Australia and New Zealand are separate regions'],
    ['KE', 'NG', true, 'Africa'],
    ['KE', 'ZA', false, 'South Africa is in the Middle East, Central and Eastern Europe region'],
    ['AE', 'ZA', true, 'the same region, as the source lists it'],
    // Unknown and malformed input.
    ['CN', 'CN', true, 'same country even when the table does not list it'],
    ['CN', 'HK', false, 'an unlisted partner country has no region to share'],
    ['DE', 'CN', false, 'an unlisted customer country'],
    ['', '', false, 'empty codes are not a country'],
    ['DEU', 'DEU', false, 'alpha-3 codes are not accepted'],
    ['ß', 'SS', false, 'a sharp s is not South Sudan'],
  ])('partner %p, customer %p: %p (%s)', (partner, customer, allowed) => {
    expect(isCustomerInPartnerRegion(partner, customer)).toBe(allowed);
  });
});
