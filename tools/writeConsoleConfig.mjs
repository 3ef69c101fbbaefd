#!/usr/bin/env node
/*
 * Writes the partner console's runtime config (dist/console/config.json) from the azd
 * environment, and the Static Web App's configuration (dist/console/staticwebapp.config.json:
 * screens fall back to index.html, caching, and a CSP whose `connect-src` names only the API and
 * the sign-in host). azure.yaml runs it after `azd provision` and again before the console is
 * deployed (a stand-alone `azd deploy` rebuilds dist/console, which empties it). azd hands its
 * environment values, the template outputs among them, to hooks as environment variables:
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
import { mkdirSync, writeFileSync } from 'node:fs';
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

/**
 * The Static Web App's configuration, as local/servers/consoleServer.ts serves the console
 * locally: every screen path answered with index.html, config.json never cached, the hashed
 * assets cached for good, and a CSP that lets the page connect only to itself, the API and the
 * sign-in host (Fluent UI writes its styles at run time, hence the inline styles).
 *
 * It is written here, not kept in console/public: the SWA CLI takes the first
 * staticwebapp.config.json it finds under the service's folder (console/) over the one in the
 * uploaded build, so a copy in the sources would win over this one.
 */
export function staticWebAppConfig(config) {
  const connectSrc = ['self', config.apiBaseUrl, config.authority].map((source) =>
    source === 'self' ? "'self'" : new URL(source).origin,
  );
  return {
    navigationFallback: { rewrite: '/index.html', exclude: ['/assets/*', '/config.json'] },
    routes: [
      { route: '/config.json', headers: { 'Cache-Control': 'no-store' } },
      { route: '/assets/*', headers: { 'Cache-Control': 'public, max-age=31536000, immutable' } },
    ],
    globalHeaders: {
      'Content-Security-Policy': [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        `connect-src ${connectSrc.join(' ')}`,
        "frame-src 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "form-action 'none'",
      ].join('; '),
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    },
  };
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
  const write = (name, value) =>
    writeFileSync(join(outDir, name), `${JSON.stringify(value, null, 2)}\n`);
  write('config.json', result.config);
  write('staticwebapp.config.json', staticWebAppConfig(result.config));
  const shown = relative(process.cwd(), outDir) || '.';
  console.log(
    `Console config written to ${join(shown, 'config.json')}: API ${result.config.apiBaseUrl}`,
  );
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  process.exitCode = main(process.argv.slice(2));
}
