import { CosmosClient } from '@azure/cosmos';
import { startLocalCosmos, type LocalCosmos } from '../../../local/servers/cosmosServer';
import { SessionRevocations } from '../../../shared/auth/sessionRevocations';
import { CosmosDocumentStore } from '../../../shared/store/cosmosDocumentStore';

/**
 * Server-side sign-out through the app's store adapter and the real @azure/cosmos client. The
 * local server has no TTL, so the record's own expiry is what ends it: checked on every read.
 */
let cosmos: LocalCosmos;
let client: CosmosClient;
let store: CosmosDocumentStore;
let clock: Date;
let revocations: SessionRevocations;

beforeAll(async () => {
  cosmos = await startLocalCosmos({ database: 'sessions', container: 'items' });
  client = new CosmosClient({
    endpoint: cosmos.endpoint,
    key: cosmos.key,
    connectionPolicy: { enableEndpointDiscovery: false },
  });
  store = new CosmosDocumentStore(client.database('sessions').container('items'));
  revocations = new SessionRevocations(store, () => clock);
}, 30_000);

afterAll(async () => {
  client?.dispose();
  await cosmos?.close();
});

describe('SessionRevocations', () => {
  test('a revoked session stays refused until it would have expired, then the record no longer counts', async () => {
    clock = new Date('2026-12-04T10:00:00Z');
    const expiresAt = new Date('2026-12-04T10:20:00Z');
    expect(await revocations.isRevoked('s1')).toBe(false);
    await revocations.revoke('s1', expiresAt);
    expect(await revocations.isRevoked('s1')).toBe(true);
    clock = new Date('2026-12-04T10:19:59Z');
    expect(await revocations.isRevoked('s1')).toBe(true);
    clock = new Date('2026-12-04T10:20:00Z');
    expect(await revocations.isRevoked('s1')).toBe(false);
    // The record is still stored (no TTL): only its expiry made it stop counting.
    expect(await store.read('session:s1', 'revoked')).toMatchObject({
      type: 'sessionRevocation',
      expiresAt: expiresAt.toISOString(),
    });
  });

  test('revoking twice is revoking once; other sessions are not touched', async () => {
    clock = new Date('2026-12-04T10:00:00Z');
    const expiresAt = new Date('2026-12-04T10:20:00Z');
    await revocations.revoke('s2', expiresAt);
    await expect(revocations.revoke('s2', expiresAt)).resolves.toBeUndefined();
    expect(await revocations.isRevoked('s2')).toBe(true);
    expect(await revocations.isRevoked('s3')).toBe(false);
  });
});
