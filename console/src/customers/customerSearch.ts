/** Whether a customer matches the search box: company name or domain, ignoring case and accents. */
export function matchesCustomerSearch(
  customer: { companyName: string; domain: string },
  query: string,
): boolean {
  const wanted = fold(query.trim());
  return (
    wanted === '' ||
    fold(customer.companyName).includes(wanted) ||
    fold(customer.domain).includes(wanted)
  );
}

function fold(value: string): string {
  return value.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase('en');
}
