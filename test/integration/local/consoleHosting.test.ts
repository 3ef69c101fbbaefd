import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestStack, type TestStack } from '../support/testStack';

/**
 * The local stack serves the console apart from the API, as Azure does: its own origin with the
 * runtime config.json, the API answering CORS for that origin only, and the API's contract at
 * /api/openapi.yaml.
 */
describe('console hosting on the local stack', () => {
  let stack: TestStack;
  let distDir: string;

  beforeAll(async () => {
    distDir = mkdtempSync(join(tmpdir(), 'console-dist-'));
    mkdirSync(join(distDir, 'assets'));
    writeFileSync(join(distDir, 'index.html'), '<!doctype html><title>console</title>');
    writeFileSync(join(distDir, 'assets', 'app-1.js'), 'console.log(1)');
    stack = await startTestStack({}, { console: { distDir } });
  }, 60_000);

  afterAll(async () => {
    await stack?.close();
    rmSync(distDir, { recursive: true, force: true });
  });

  it('serves index.html for every screen path, assets by name, and nothing outside the folder', async () => {
    const screen = await fetch(`${stack.consoleUrl}/invitations/abc/review`);
    expect(screen.status).toBe(200);
    expect(await screen.text()).toContain('<title>console</title>');
    expect(screen.headers.get('content-security-policy')).toContain(
      `connect-src 'self' ${stack.functionsUrl}`,
    );
    const asset = await fetch(`${stack.consoleUrl}/assets/app-1.js`);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    const escape = await fetch(`${stack.consoleUrl}/..%2f..%2fpackage.json`);
    expect(await escape.text()).toContain('<title>console</title>');
  });

  it('tells the console where the API and the sign-in are', async () => {
    const config = await (await fetch(`${stack.consoleUrl}/config.json`)).json();
    expect(config).toEqual({
      apiBaseUrl: stack.functionsUrl,
      authority: `${stack.issuerUrl}/organizations/v2.0`,
      clientId: 'reseller-console-local',
      apiScope: 'api://reseller-invitations-local/access_as_user',
    });
  });

  it('answers CORS for the console origin only', async () => {
    const preflight = (origin: string) =>
      fetch(`${stack.functionsUrl}/api/invitations`, {
        method: 'OPTIONS',
        headers: {
          Origin: origin,
          'Access-Control-Request-Method': 'POST',
          'Access-Control-Request-Headers': 'authorization, content-type, idempotency-key',
        },
      });
    const allowed = await preflight(stack.consoleUrl!);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(stack.consoleUrl);
    expect(allowed.headers.get('access-control-allow-headers')).toContain('idempotency-key');
    const other = await preflight('http://127.0.0.1:1');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();

    const partner = await stack.partnerWithProfile();
    const created = await partner.api('/api/partner', { headers: { Origin: stack.consoleUrl! } });
    expect(created.headers.get('access-control-allow-origin')).toBe(stack.consoleUrl);
    // Sent by the app, not the host: Azure's platform CORS exposes nothing by itself.
    expect(created.headers.get('access-control-expose-headers')).toBe(
      'ETag, Location, Retry-After',
    );
    const missing = await partner.api('/api/invitations/00000000000000000000000000', {
      headers: { Origin: stack.consoleUrl! },
    });
    expect(missing.status).toBe(404);
    expect(missing.headers.get('access-control-expose-headers')).toContain('Retry-After');
  });

  it('serves its OpenAPI document, anonymously', async () => {
    const response = await fetch(`${stack.functionsUrl}/api/openapi.yaml`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/yaml');
    expect(await response.text()).toBe(
      readFileSync(join(__dirname, '..', '..', '..', 'openapi.yaml'), 'utf8'),
    );
  });
});
