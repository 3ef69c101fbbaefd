import { describe, expect, it } from 'vitest';
import { customerCountries } from './countryOptions';

const names = (code: string) => new Intl.DisplayNames(['en-US'], { type: 'region' }).of(code)!;

describe('customerCountries', () => {
  it.each([
    ['DE', 'FR', 'in'],
    ['DE', 'CH', 'in'], // EFTA shares the European region
    ['DE', 'US', 'out'],
    ['US', 'US', 'in'],
    ['US', 'CA', 'out'], // the United States is a single-market region
    ['BR', 'AR', 'out'],
  ])('a partner in %s sees %s %s its region, as the API decides', (partner, customer, where) => {
    const countries = customerCountries(partner, names, 'en-US');
    const list = where === 'in' ? countries.inRegion : countries.outsideRegion;
    expect(list.map((c) => c.code)).toContain(customer);
  });

  it('names the region and sorts by the localized name', () => {
    const countries = customerCountries('DE', names, 'en-US');
    expect(countries.regionName).toBe('Europe');
    const sorted = [...countries.inRegion].sort((a, b) => a.name.localeCompare(b.name, 'en-US'));
    expect(countries.inRegion).toEqual(sorted);
  });
});
