import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ConfigurationError,
  DEFAULT_MCA_TEMPLATE_ID,
  loadAppConfig,
} from '../../../shared/config/appConfig';
import { APP_SETTINGS } from '../../../shared/config/appSettings';
import { DEFAULT_PORTAL_URL_PATTERNS } from '../../../shared/domain/portalUrl';

const local = {
  AzureWebJobsStorage: 'UseDevelopmentStorage=true',
  COSMOS_ENDPOINT: 'http://127.0.0.1:8081',
  COSMOS_KEY: 'a2V5',
  COSMOS_DATABASE: 'reseller',
  COSMOS_CONTAINER: 'items',
  SENDGRID_API_KEY: 'SG.x',
  MAIL_FROM_ADDRESS: 'invitations@partner.example',
  PUBLIC_BASE_URL: 'https://invitations.example/',
  AUTH_ISSUER: 'https://login.microsoftonline.com/{tid}/v2.0',
  AUTH_AUDIENCE: 'api://invitations',
  AUTH_JWKS_URI: 'https://login.microsoftonline.com/common/discovery/v2.0/keys',
  AUTH_CLIENT_ID: '00000000-0000-0000-0000-00000000c11e',
  AUTH_CLIENT_SECRET: 'client-secret',
  SESSION_SECRET: 'x'.repeat(32),
};

describe('app configuration', () => {
  test('local settings give keys for the emulators and defaults for the rest', () => {
    const config = loadAppConfig(local);
    expect(config.storage).toEqual({
      kind: 'connectionString',
      connectionString: 'UseDevelopmentStorage=true',
    });
    expect(config.cosmos.key).toBe('a2V5');
    expect(config.publicBaseUrl).toBe('https://invitations.example');
    expect(config.invitationLifetimeDays).toBe(90);
    expect(config.mail.maxAttempts).toBe(5);
    expect(config.portalUrlPatterns).toEqual(DEFAULT_PORTAL_URL_PATTERNS);
    expect(config.mcaTemplateId).toBe(DEFAULT_MCA_TEMPLATE_ID);
  });

  test('Azure settings use the managed identity: no keys', () => {
    const { AzureWebJobsStorage: _s, COSMOS_KEY: _k, ...azure } = local;
    const config = loadAppConfig({
      ...azure,
      AzureWebJobsStorage__queueServiceUri: 'https://st.queue.core.windows.net',
      AZURE_CLIENT_ID: '00000000-0000-0000-0000-000000000001',
      INVITATION_LIFETIME_DAYS: '30',
    });
    expect(config.storage).toEqual({
      kind: 'identity',
      queueServiceUri: 'https://st.queue.core.windows.net',
      clientId: '00000000-0000-0000-0000-000000000001',
    });
    expect(config.cosmos.key).toBeUndefined();
    expect(config.invitationLifetimeDays).toBe(30);
  });

  test.each([
    [{ COSMOS_ENDPOINT: undefined }, /COSMOS_ENDPOINT: is not set/],
    [{ MAIL_FROM_ADDRESS: 'nobody' }, /MAIL_FROM_ADDRESS/],
    [{ INVITATION_LIFETIME_DAYS: '0' }, /INVITATION_LIFETIME_DAYS/],
    [{ INVITATION_LIFETIME_DAYS: 'ninety' }, /INVITATION_LIFETIME_DAYS/],
    [{ PORTAL_URL_PUBLIC: 'http://insecure.example/{partnerTenantId}' }, /PORTAL_URL_PUBLIC/],
    [{ AzureWebJobsStorage: undefined }, /AzureWebJobsStorage/],
  ])('a bad or missing setting is named: %p', (change, message) => {
    expect(() => loadAppConfig({ ...local, ...change })).toThrow(ConfigurationError);
    expect(() => loadAppConfig({ ...local, ...change })).toThrow(message);
  });

  test('local.settings.example.json lists every setting the code reads locally', () => {
    const example = JSON.parse(
      readFileSync(join(__dirname, '..', '..', '..', 'local.settings.example.json'), 'utf8'),
    ) as { Values: Record<string, string> };
    const identityOnly = new Set([
      'AzureWebJobsStorage__queueServiceUri',
      'AzureWebJobsStorage__clientId',
      'AZURE_CLIENT_ID',
    ]);
    const expected = APP_SETTINGS.filter(
      (s) => s.scope !== 'host' && !identityOnly.has(s.name),
    ).map((s) => s.name);
    expect(Object.keys(example.Values).sort()).toEqual([...expected].sort());
    expect(loadAppConfig(example.Values).cosmos.database).toBe(example.Values.COSMOS_DATABASE);
  });

  test("SendGrid's event webhook key: optional, a P-256 public key in base64 DER or PEM", () => {
    const key = (namedCurve: string) =>
      generateKeyPairSync('ec', { namedCurve }).publicKey.export({ type: 'spki', format: 'der' });
    const p256 = key('P-256').toString('base64');
    expect(loadAppConfig(local).mail.eventWebhookPublicKey).toBeUndefined();
    expect(
      loadAppConfig({ ...local, SENDGRID_EVENT_WEBHOOK_PUBLIC_KEY: p256 }).mail
        .eventWebhookPublicKey,
    ).toBe(p256);
    const pem = `-----BEGIN PUBLIC KEY-----\n${p256.slice(0, 64)}\n${p256.slice(64)}\n-----END PUBLIC KEY-----\n`;
    expect(
      loadAppConfig({ ...local, SENDGRID_EVENT_WEBHOOK_PUBLIC_KEY: pem }).mail
        .eventWebhookPublicKey,
    ).toBe(p256);
    for (const wrong of [key('P-384').toString('base64'), 'bm90IGEga2V5']) {
      expect(() => loadAppConfig({ ...local, SENDGRID_EVENT_WEBHOOK_PUBLIC_KEY: wrong })).toThrow(
        /SENDGRID_EVENT_WEBHOOK_PUBLIC_KEY: must be a base64 P-256/,
      );
    }
  });
});
