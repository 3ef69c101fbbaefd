import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/*
 * azd runs tools/writeConsoleConfig.mjs as its postprovision hook (and before the console's
 * upload) with the template's outputs in the environment; the deployed console reads the
 * config.json it writes, and the Static Web App sends the CSP it narrows.
 */
const REPO_ROOT = join(__dirname, '..', '..', '..');
const SCRIPT = join(REPO_ROOT, 'tools', 'writeConsoleConfig.mjs');
const CLIENT_ID = '6f1c2a4e-8b3d-4e5f-9a7b-0c1d2e3f4a5b';

const AZD_OUTPUTS = {
  API_BASE_URL: 'https://func-api-abc123.azurewebsites.net',
  CONSOLE_AUTHORITY: 'https://login.microsoftonline.us/organizations/v2.0',
  CONSOLE_SIGN_IN_CLIENT_ID: CLIENT_ID,
  CONSOLE_API_SCOPE: `api://${CLIENT_ID}/access_as_user`,
};

describe('the console config written from azd outputs', () => {
  let outDir: string;

  beforeEach(() => {
    outDir = mkdtempSync(join(tmpdir(), 'console-config-'));
  });
  afterEach(() => rmSync(outDir, { recursive: true, force: true }));

  const run = (env: Record<string, string>) =>
    spawnSync(process.execPath, [SCRIPT, '--out', outDir], {
      env: { PATH: process.env.PATH ?? '', ...env },
      encoding: 'utf8',
    });
  const readJson = (name: string): unknown => JSON.parse(readFileSync(join(outDir, name), 'utf8'));

  it('writes apiBaseUrl, authority, clientId and apiScope as the console reads them', () => {
    const result = run({ ...AZD_OUTPUTS, API_BASE_URL: `${AZD_OUTPUTS.API_BASE_URL}/` });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(readJson('config.json')).toEqual({
      apiBaseUrl: 'https://func-api-abc123.azurewebsites.net',
      authority: 'https://login.microsoftonline.us/organizations/v2.0',
      clientId: CLIENT_ID,
      apiScope: `api://${CLIENT_ID}/access_as_user`,
    });
  });

  it('configures the Static Web App: screens fall back to index.html, and the page connects only to itself, the API and the sign-in host', () => {
    expect(run(AZD_OUTPUTS).status).toBe(0);
    const { globalHeaders, navigationFallback, routes } = readJson('staticwebapp.config.json') as {
      globalHeaders: Record<string, string>;
      navigationFallback: unknown;
      routes: unknown;
    };
    expect(navigationFallback).toEqual({
      rewrite: '/index.html',
      exclude: ['/assets/*', '/config.json'],
    });
    expect(routes).toContainEqual({
      route: '/config.json',
      headers: { 'Cache-Control': 'no-store' },
    });
    expect(globalHeaders['Content-Security-Policy']!.split('; ')).toEqual([
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data:",
      "connect-src 'self' https://func-api-abc123.azurewebsites.net https://login.microsoftonline.us",
      "frame-src 'self'",
      "frame-ancestors 'none'",
      "base-uri 'none'",
      "form-action 'none'",
    ]);
    expect(globalHeaders).toMatchObject({
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    });
  });

  it('is the only Static Web App configuration: the SWA CLI would prefer one under console/', () => {
    const under = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
        entry.isDirectory()
          ? under(join(dir, entry.name))
          : entry.name === 'staticwebapp.config.json'
            ? [join(dir, entry.name)]
            : [],
      );
    expect(under(join(REPO_ROOT, 'console'))).toEqual([]);
  });

  it('names every missing output and writes nothing', () => {
    const result = run({ API_BASE_URL: AZD_OUTPUTS.API_BASE_URL });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('CONSOLE_AUTHORITY is not set');
    expect(result.stderr).toContain('CONSOLE_SIGN_IN_CLIENT_ID is not set');
    expect(result.stderr).toContain('CONSOLE_API_SCOPE is not set');
    expect(() => readFileSync(join(outDir, 'config.json'))).toThrow();
  });

  it('refuses an Application ID URI as the client id and says to set CONSOLE_CLIENT_ID', () => {
    const result = run({ ...AZD_OUTPUTS, CONSOLE_SIGN_IN_CLIENT_ID: 'api://contoso-partner-api' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('azd env set CONSOLE_CLIENT_ID');
  });

  it('refuses an API address that is not https', () => {
    const result = run({
      ...AZD_OUTPUTS,
      API_BASE_URL: 'http://func-api-abc123.azurewebsites.net',
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('API_BASE_URL is not an https URL');
  });
});
