import {
  autoExtendDurationOf,
  gdapApprovalUrl,
  gdapDisplayName,
  GDAP_DISPLAY_NAME_MAX,
} from '../../../shared/domain/gdapRelationship';

const ID = '3f2a9c1e-7b4d-4e8f-a0c2-9d8e7f6a5b4c';

describe('gdapDisplayName', () => {
  test.each([
    ['Contoso Ltd', 'Contoso Ltd 3f2a9c1e'],
    ['Müller & Söhne GmbH', 'Muller Sohne GmbH 3f2a9c1e'],
    ['  <script>x</script>  ', 'scriptxscript 3f2a9c1e'],
    ['***', 'Customer 3f2a9c1e'],
    ['A'.repeat(80), `${'A'.repeat(GDAP_DISPLAY_NAME_MAX - 9)} 3f2a9c1e`],
  ])('%p → %p', (company, expected) => {
    const name = gdapDisplayName(company, ID);
    expect(name).toBe(expected);
    expect(name.length).toBeLessThanOrEqual(GDAP_DISPLAY_NAME_MAX);
  });

  test('differs for two invitations of one company', () => {
    expect(gdapDisplayName('Contoso', ID)).not.toBe(
      gdapDisplayName('Contoso', '0b1c2d3e-0000-4000-8000-000000000000'),
    );
  });
});

test('autoExtendDurationOf gives Graph its two values', () => {
  expect(autoExtendDurationOf(true)).toBe('P180D');
  expect(autoExtendDurationOf(false)).toBe('PT0S');
});

test("gdapApprovalUrl is the admin center's granular relationship page", () => {
  expect(gdapApprovalUrl('https://admin.microsoft.com/', 'a-b')).toBe(
    'https://admin.microsoft.com/AdminPortal/Home#/partners/invitation/granularAdminRelationships/a-b',
  );
});
