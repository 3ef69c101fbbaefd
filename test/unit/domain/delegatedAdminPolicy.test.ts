import { PARTNER_CLOUDS, type PartnerCloud } from '../../../shared/domain/cloud';
import { canRequestDelegatedAdmin } from '../../../shared/domain/delegatedAdminPolicy';

describe('canRequestDelegatedAdmin', () => {
  const expectations: Record<PartnerCloud, boolean> = {
    public: true,
    germany: false,
    usgov: false,
  };

  test.each(PARTNER_CLOUDS.map((cloud) => [cloud, expectations[cloud]] as const))(
    'partners in the %s cloud: %s',
    (cloud, allowed) => {
      expect(canRequestDelegatedAdmin(cloud)).toBe(allowed);
    },
  );

  test('the table above covers every cloud', () => {
    expect(Object.keys(expectations).sort()).toEqual([...PARTNER_CLOUDS].sort());
  });

  test.each(['china', 'constructor', 'toString', ''])(
    'a value outside PartnerCloud (%p) is refused',
    (cloud) => {
      expect(canRequestDelegatedAdmin(cloud as PartnerCloud)).toBe(false);
    },
  );
});
