import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { defaultDevSigningKeyFile, loadOrCreateDevSigningKey } from './devSigningKey';
import { findProjectRoot } from './projectRoot';
import { readStackFile, stackFilePath } from './stackFile';
import { GLOBAL_ADMINISTRATOR_ROLE_ID, mintDevToken } from './servers/devTokenIssuer';

export const FALLBACK_TOKEN_DEFAULTS: TokenDefaults = {
  audience: 'api://reseller-invitations-local',
  issuerBaseUrl: 'http://127.0.0.1:7072',
};

const MAX_EXPIRES_IN_SECONDS = 24 * 3600;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const TOKEN_USAGE = `Usage: npm run -s token -- --tenant <guid> --roles <role,role> [options]

Prints a dev access token (and nothing else) for the local token issuer.

  --tenant <guid>           partner tenant id (the token's tid)               required
  --roles <a,b>             comma-separated roles, e.g. AdminAgent,SalesAgent  required
                            (--roles '' mints a token without roles)
  --audience <aud>          default: AUTH_AUDIENCE from local.settings.json
  --name <name>             the user's display name
  --username <name>         the sign-in name (preferred_username; also the upn when
                            the tenant owns its domain, else a guest's #EXT# upn); a
                            customer admin needs one in the customer's domain and
                            --tenant of the organization that owns that domain
  --global-admin            add the Global Administrator directory role (wids);
                            --roles with CustomerAdmin adds it too (a customer admin)
  --issuer-base-url <url>   default: AUTH_ISSUER from local.settings.json without /{tid}/v2.0
  --expires-in <seconds>    default: 3600, at most ${MAX_EXPIRES_IN_SECONDS}
  -h, --help                show this help`;

export interface TokenDefaults {
  readonly audience: string;
  readonly issuerBaseUrl: string;
}

export interface TokenRequest {
  readonly tenantId: string;
  readonly roles: readonly string[];
  readonly audience: string;
  readonly issuerBaseUrl: string;
  readonly name?: string;
  readonly preferredUsername?: string;
  /** Directory role template ids (`wids`). */
  readonly directoryRoles?: readonly string[];
  readonly expiresInSeconds: number;
}

export type TokenArgs =
  | { readonly kind: 'token'; readonly request: TokenRequest }
  | { readonly kind: 'help' }
  | { readonly kind: 'error'; readonly message: string };

/**
 * Kept free of I/O so every way a command line can be wrong is unit-tested; the CLI only
 * turns an `error` into stderr and exit code 2.
 */
export function parseTokenArgs(argv: readonly string[], defaults: TokenDefaults): TokenArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        tenant: { type: 'string' },
        roles: { type: 'string' },
        audience: { type: 'string' },
        name: { type: 'string' },
        username: { type: 'string' },
        'global-admin': { type: 'boolean' },
        'issuer-base-url': { type: 'string' },
        'expires-in': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    return { kind: 'error', message: (error as Error).message };
  }
  if (values.help) {
    return { kind: 'help' };
  }
  if (values.tenant === undefined) {
    return { kind: 'error', message: '--tenant <guid> is required (the partner tenant id).' };
  }
  if (!GUID.test(values.tenant)) {
    return { kind: 'error', message: `--tenant must be a GUID, got '${values.tenant}'.` };
  }
  if (values.roles === undefined) {
    return {
      kind: 'error',
      message: "--roles is required, e.g. --roles AdminAgent,SalesAgent (or --roles '' for none).",
    };
  }
  const roles = values.roles
    .split(',')
    .map((role) => role.trim())
    .filter((role) => role !== '');
  const audience = values.audience ?? defaults.audience;
  if (audience.trim() === '') {
    return { kind: 'error', message: '--audience must not be empty.' };
  }
  const issuerBaseInput = values['issuer-base-url'] ?? defaults.issuerBaseUrl;
  const issuerBaseUrl = parseIssuerBaseUrl(issuerBaseInput);
  if (issuerBaseUrl === undefined) {
    return {
      kind: 'error',
      message: `--issuer-base-url must be an http(s) URL, got '${issuerBaseInput}'.`,
    };
  }
  const expiresIn = values['expires-in'] ?? '3600';
  const expiresInSeconds = /^\d+$/.test(expiresIn) ? Number(expiresIn) : NaN;
  if (!(expiresInSeconds >= 1 && expiresInSeconds <= MAX_EXPIRES_IN_SECONDS)) {
    return {
      kind: 'error',
      message: `--expires-in must be whole seconds from 1 to ${MAX_EXPIRES_IN_SECONDS}, got '${expiresIn}'.`,
    };
  }
  if (values.name !== undefined && values.name.trim() === '') {
    return { kind: 'error', message: '--name must not be empty.' };
  }
  if (values.username !== undefined && !/^[^@\s]+@[^@\s]+$/.test(values.username)) {
    return { kind: 'error', message: '--username must look like user@domain.' };
  }
  return {
    kind: 'token',
    request: {
      tenantId: values.tenant,
      roles,
      audience,
      issuerBaseUrl,
      ...(values.name !== undefined ? { name: values.name } : {}),
      ...(values.username !== undefined ? { preferredUsername: values.username } : {}),
      // A customer's admin is a Global Administrator of its tenant, as the app expects.
      ...(values['global-admin'] || roles.includes('CustomerAdmin')
        ? { directoryRoles: [GLOBAL_ADMINISTRATOR_ROLE_ID] }
        : {}),
      expiresInSeconds,
    },
  };
}

function parseIssuerBaseUrl(value: string): string | undefined {
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      return undefined;
    }
    return value.replace(/\/+$/, '');
  } catch {
    return undefined;
  }
}

/**
 * The app's settings name the issuer per tenant (`…/{tid}/v2.0`); the token issuer needs the
 * part before the tenant, so tokens carry exactly the issuer the app will expect.
 */
export function issuerBaseFromIssuer(issuer: string): string | undefined {
  const match = /^(https?:\/\/.+?)\/[^/]+\/v2\.0\/?$/.exec(issuer.trim());
  return match?.[1];
}

/**
 * Reads the defaults from the same settings the app runs with, so a token minted without
 * options is accepted by the local app; each value falls back separately.
 */
export function readTokenDefaults(projectRoot: string): TokenDefaults {
  const sources = [
    runningStackSettings(projectRoot),
    ...['local.settings.json', 'local.settings.example.json'].map((name) =>
      readSettingValues(path.join(projectRoot, name)),
    ),
  ];
  const audience = sources.map((values) => values.AUTH_AUDIENCE).find(isNonEmptyString);
  const issuerBaseUrl = sources
    .map((values) =>
      isNonEmptyString(values.AUTH_ISSUER) ? issuerBaseFromIssuer(values.AUTH_ISSUER) : undefined,
    )
    .find(isNonEmptyString);
  return {
    audience: audience ?? FALLBACK_TOKEN_DEFAULTS.audience,
    issuerBaseUrl: issuerBaseUrl ?? FALLBACK_TOKEN_DEFAULTS.issuerBaseUrl,
  };
}

/** The issuer of the stack that is running (`.local/stack.json`), on whatever port it has. */
function runningStackSettings(projectRoot: string): Record<string, unknown> {
  try {
    const { endpoints } = readStackFile(stackFilePath(projectRoot));
    return { AUTH_ISSUER: `${endpoints.issuerUrl}/{tid}/v2.0` };
  } catch {
    return {};
  }
}

function readSettingValues(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return {};
    }
    throw error;
  }
  let settings: unknown;
  try {
    settings = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file} is not valid JSON: ${(error as Error).message}`);
  }
  const values = (settings as { Values?: unknown } | null)?.Values;
  return typeof values === 'object' && values !== null ? (values as Record<string, unknown>) : {};
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

async function main(): Promise<void> {
  const root = findProjectRoot(__dirname);
  const args = parseTokenArgs(process.argv.slice(2), readTokenDefaults(root));
  if (args.kind === 'help') {
    process.stdout.write(`${TOKEN_USAGE}\n`);
    return;
  }
  if (args.kind === 'error') {
    process.stderr.write(`token: ${args.message}\n\n${TOKEN_USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  const keyFile = defaultDevSigningKeyFile(root);
  const key = await loadOrCreateDevSigningKey(keyFile);
  if (key.created) {
    process.stderr.write(`token: created a dev signing key at ${keyFile}\n`);
  }
  process.stdout.write(`${await mintDevToken(key, args.request)}\n`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`token: ${(error as Error).message}\n`);
    process.exitCode = 1;
  });
}
