#!/usr/bin/env node
/*
 * Writes the partner console's runtime config (dist/console/config.json) from the azd
 * environment, and narrows the Static Web App's CSP `connect-src` to the API and sign-in origins.
 * azure.yaml runs it after `azd provision` and again before the console is deployed (a
 * stand-alone `azd deploy` rebuilds dist/console, which empties it). azd hands its environment
 * values, the template outputs among them, to hooks as environment variables:
 *
 *   API_BASE_URL               the function app (output of infra/main.bicep)
 *   CONSOLE_AUTHORITY          https://<sign-in host of the cloud>/organizations/v2.0 (output)
 *   CONSOLE_SIGN_IN_CLIENT_ID  the app registration the console signs in as (output)
 *   CONSOLE_API_SCOPE          api://<API app>/access_as_user (output)
 *
 *   node tools/writeConsoleConfig.mjs [--out <dir>]   (default: dist/console)
 *
 * Cross-platform on purpose: azd runs it from sh and from pwsh alike.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import console from 'node:console';
import process from 'node:process';
import { URL } from 'node:url';

const REPO_ROOT = join(import.meta.dirname, '..');
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Each config key, the azd variable it comes from, and what makes its value usable. */
const FIELDS = [
  { key: 'apiBaseUrl', variable: 'API_BASE_URL', check: httpsUrl },
  { key: 'authority', variable: 'CONSOLE_AUTHORITY', check: httpsUrl },
  {
    key: 'clientId',
    variable: 'CONSOLE_SIGN_IN_CLIENT_ID',
    check: (value) =>
      GUID.test(value)
        ? undefined
        : 'is not an Application (client) ID; when AUTH_AUDIENCE is an Application ID URI, ' +
          'set CONSOLE_CLIENT_ID to the client id (azd env set CONSOLE_CLIENT_ID <id>) and run azd provision',
  },
  {
    key: 'apiScope',
    variable: 'CONSOLE_API_SCOPE',
    check: (value) =>
      /^\S+:\/\/\S+\/access_as_user$/.test(value)
        ? undefined
        : 'is not <Application ID URI>/access_as_user',
  },
];

function httpsUrl(value) {
  try {
    return new URL(value).protocol === 'https:' ? undefined : 'is not an https URL';
  } catch {
    return 'is not a URL';
  }
}

/** The config, or the list of what is missing or wrong (each naming its azd variable). */
export function consoleConfigFrom(env) {
  const problems = [];
  const config = {};
  for (const { key, variable, check } of FIELDS) {
    const value = (env[variable] ?? '').trim();
    const problem = value === '' ? 'is not set (run azd provision first)' : check(value);
    if (problem) problems.push(`${variable} ${problem}`);
    else config[key] = key === 'apiBaseUrl' ? value.replace(/\/+$/, '') : value;
  }
  return problems.length > 0 ? { problems } : { config };
}

/** The CSP with `connect-src` limited to the console itself, the API and the sign-in host. */
export function narrowConnectSrc(csp, config) {
  const connectSrc = `connect-src 'self' ${new URL(config.apiBaseUrl).origin} ${new URL(config.authority).origin}`;
  return csp
    .split(';')
    .map((directive) => directive.trim())
    .filter((directive) => directive !== '')
    .map((directive) => (/^connect-src\b/i.test(directive) ? connectSrc : directive))
    .join('; ');
}

function main(argv) {
  const outIndex = argv.indexOf('--out');
  const outDir =
    outIndex >= 0 ? resolve(argv[outIndex + 1] ?? '') : join(REPO_ROOT, 'dist', 'console');
  const result = consoleConfigFrom(process.env);
  if (result.problems) {
    console.error(`Cannot write the console's config.json:\n  ${result.problems.join('\n  ')}`);
    return 1;
  }
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'config.json'), `${JSON.stringify(result.config, null, 2)}\n`);
  const swaConfigPath = join(outDir, 'staticwebapp.config.json');
  if (existsSync(swaConfigPath)) {
    const swaConfig = JSON.parse(readFileSync(swaConfigPath, 'utf8'));
    const headers = swaConfig.globalHeaders ?? {};
    if (typeof headers['Content-Security-Policy'] === 'string') {
      headers['Content-Security-Policy'] = narrowConnectSrc(
        headers['Content-Security-Policy'],
        result.config,
      );
      writeFileSync(swaConfigPath, `${JSON.stringify(swaConfig, null, 2)}\n`);
    }
  }
  const shown = relative(process.cwd(), outDir) || '.';
  console.log(
    `Console config written to ${join(shown, 'config.json')}: API ${result.config.apiBaseUrl}`,
  );
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  process.exitCode = main(process.argv.slice(2));
}
