import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
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
    copyFileSync(
      join(REPO_ROOT, 'console', 'public', 'staticwebapp.config.json'),
      join(outDir, 'staticwebapp.config.json'),
    );
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

  it('lets the deployed console connect only to itself, the API and the sign-in host', () => {
    expect(run(AZD_OUTPUTS).status).toBe(0);
    const { globalHeaders, navigationFallback, routes } = readJson('staticwebapp.config.json') as {
      globalHeaders: Record<string, string>;
      navigationFallback: unknown;
      routes: unknown;
    };
    const directives = globalHeaders['Content-Security-Policy']!.split('; ');
    expect(directives).toContain(
      "connect-src 'self' https://func-api-abc123.azurewebsites.net https://login.microsoftonline.us",
    );
    expect(directives).toContain("script-src 'self'");
    expect(directives).toContain("frame-ancestors 'none'");
    // The rest of the file is kept: screens fall back to index.html, config.json is never cached.
    expect(navigationFallback).toEqual({
      rewrite: '/index.html',
      exclude: ['/assets/*', '/config.json'],
    });
    expect(routes).toContainEqual({
      route: '/config.json',
      headers: { 'Cache-Control': 'no-store' },
    });
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
