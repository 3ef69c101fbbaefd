import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findProjectRoot } from '../../../local/projectRoot';
import {
  FALLBACK_TOKEN_DEFAULTS,
  issuerBaseFromIssuer,
  parseTokenArgs,
  readTokenDefaults,
  TOKEN_USAGE,
} from '../../../local/token';
import { writeStackFile } from '../../../local/stackFile';

const TENANT = '6f1a2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b';
const DEFAULTS = { audience: 'api://from-settings', issuerBaseUrl: 'http://127.0.0.1:7072' };

describe('parseTokenArgs', () => {
  it('builds a request from the required options and the defaults', () => {
    expect(
      parseTokenArgs(['--tenant', TENANT, '--roles', 'AdminAgent,SalesAgent'], DEFAULTS),
    ).toEqual({
      kind: 'token',
      request: {
        tenantId: TENANT,
        roles: ['AdminAgent', 'SalesAgent'],
        audience: 'api://from-settings',
        issuerBaseUrl: 'http://127.0.0.1:7072',
        expiresInSeconds: 3600,
      },
    });
  });

  it('lets every option override its default', () => {
    const args = parseTokenArgs(
      [
        `--tenant=${TENANT}`,
        '--roles',
        ' AdminAgent , ',
        '--audience',
        'api://other',
        '--name',
        'Jane Partner',
        '--issuer-base-url',
        'https://issuer.example/',
        '--expires-in',
        '600',
      ],
      DEFAULTS,
    );

    expect(args).toEqual({
      kind: 'token',
      request: {
        tenantId: TENANT,
        roles: ['AdminAgent'],
        audience: 'api://other',
        name: 'Jane Partner',
        issuerBaseUrl: 'https://issuer.example',
        expiresInSeconds: 600,
      },
    });
  });

  it('accepts an explicitly empty role list', () => {
    const args = parseTokenArgs(['--tenant', TENANT, '--roles', ''], DEFAULTS);

    expect(args.kind === 'token' && args.request.roles).toEqual([]);
  });

  it('recognises --help', () => {
    expect(parseTokenArgs(['-h'], DEFAULTS)).toEqual({ kind: 'help' });
  });

  it.each([
    ['a missing tenant', ['--roles', 'AdminAgent'], /--tenant <guid> is required/],
    ['a tenant that is not a GUID', ['--tenant', 'contoso', '--roles', 'A'], /GUID/],
    ['a tenant without its value', ['--roles', 'A', '--tenant'], /--tenant/],
    ['missing roles', ['--tenant', TENANT], /--roles is required/],
    ['an unknown option', ['--tenant', TENANT, '--roles', 'A', '--role', 'B'], /--role/],
    ['a positional argument', ['--tenant', TENANT, '--roles', 'A', 'extra'], /extra/],
    ['a zero lifetime', ['--tenant', TENANT, '--roles', 'A', '--expires-in', '0'], /expires-in/],
    ['a fractional lifetime', ['--tenant', TENANT, '--roles', 'A', '--expires-in', '1.5'], /1\.5/],
    ['a too long lifetime', ['--tenant', TENANT, '--roles', 'A', '--expires-in', '86401'], /86400/],
    [
      'a non-http issuer',
      ['--tenant', TENANT, '--roles', 'A', '--issuer-base-url', 'ftp://x'],
      /http/,
    ],
    ['an empty audience', ['--tenant', TENANT, '--roles', 'A', '--audience', ' '], /audience/],
    ['an empty name', ['--tenant', TENANT, '--roles', 'A', '--name', ''], /name/],
  ])('reports %s as an error', (_case, argv, message) => {
    const args = parseTokenArgs(argv, DEFAULTS);

    expect(args.kind).toBe('error');
    expect(args.kind === 'error' && args.message).toMatch(message);
  });
});

describe('issuerBaseFromIssuer', () => {
  it.each([
    ['http://127.0.0.1:7072/{tid}/v2.0', 'http://127.0.0.1:7072'],
    ['http://127.0.0.1:7072/{tid}/v2.0/', 'http://127.0.0.1:7072'],
    [`https://login.microsoftonline.com/${TENANT}/v2.0`, 'https://login.microsoftonline.com'],
    ['http://localhost:7072/issuer/{tid}/v2.0', 'http://localhost:7072/issuer'],
    ['http://127.0.0.1:7072/{tid}', undefined],
    ['not a url', undefined],
  ])('%s gives %s', (issuer, base) => {
    expect(issuerBaseFromIssuer(issuer)).toBe(base);
  });
});

describe('readTokenDefaults', () => {
  let root: string;

  beforeEach(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'token-defaults-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const writeSettings = (name: string, values: Record<string, string>) =>
    writeFileSync(path.join(root, name), JSON.stringify({ IsEncrypted: false, Values: values }));

  it('falls back to built-in defaults without settings files', () => {
    expect(readTokenDefaults(root)).toEqual(FALLBACK_TOKEN_DEFAULTS);
  });

  it('prefers local.settings.json over the example, value by value', () => {
    writeSettings('local.settings.example.json', {
      AUTH_AUDIENCE: 'api://example',
      AUTH_ISSUER: 'http://127.0.0.1:9999/{tid}/v2.0',
    });
    writeSettings('local.settings.json', { AUTH_AUDIENCE: 'api://mine' });

    expect(readTokenDefaults(root)).toEqual({
      audience: 'api://mine',
      issuerBaseUrl: 'http://127.0.0.1:9999',
    });
  });

  it('takes the issuer of the running stack (.local/stack.json) first, so moved ports just work', () => {
    writeSettings('local.settings.json', {
      AUTH_AUDIENCE: 'api://mine',
      AUTH_ISSUER: 'http://127.0.0.1:9999/{tid}/v2.0',
    });
    mkdirSync(path.join(root, '.local'));
    writeStackFile(path.join(root, '.local', 'stack.json'), {
      pid: 1,
      startedAt: '2026-11-28T00:00:00.000Z',
      endpoints: {
        queueConnectionString: 'UseDevelopmentStorage=true',
        cosmosEndpoint: 'http://127.0.0.1:18081',
        cosmosKey: 'a2V5',
        sendgridUrl: 'http://127.0.0.1:17073',
        sendgridEventPublicKey: 'bm90LXJlYWQtaGVyZQ==',
        issuerUrl: 'http://127.0.0.1:17072',
        microsoftUrl: 'https://127.0.0.1:17075',
        microsoftCertificatePem: '',
        identityEndpoint: 'http://127.0.0.1:17076/msi/token',
        identityHeader: 'not-read-here',
      },
    });

    expect(readTokenDefaults(root)).toEqual({
      audience: 'api://mine',
      issuerBaseUrl: 'http://127.0.0.1:17072',
    });
  });

  it('names the settings file that is not valid JSON', () => {
    writeFileSync(path.join(root, 'local.settings.json'), '{ "Values": ');

    expect(() => readTokenDefaults(root)).toThrow(/local\.settings\.json is not valid JSON/);
  });
});

describe('findProjectRoot', () => {
  let root: string;

  beforeEach(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'project-root-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('walks up from a compiled folder to the folder with package.json', () => {
    writeFileSync(path.join(root, 'package.json'), '{}');
    const compiled = path.join(root, 'dist', 'local');
    mkdirSync(compiled, { recursive: true });

    expect(findProjectRoot(compiled)).toBe(root);
  });

  it('finds this repository from the local tools folder', () => {
    expect(findProjectRoot(path.join(__dirname, '..', '..', '..', 'local'))).toBe(
      path.resolve(__dirname, '..', '..', '..'),
    );
  });
});

describe('--username', () => {
  const defaults = { audience: 'api://x', issuerBaseUrl: 'http://127.0.0.1:7072' };
  const tenant = '11111111-2222-3333-4444-555555555555';

  test('becomes the preferred_username of the token', () => {
    const args = parseTokenArgs(
      ['--tenant', tenant, '--roles', 'CustomerAdmin', '--username', 'admin@contoso.example'],
      defaults,
    );
    expect(args).toMatchObject({
      kind: 'token',
      request: { preferredUsername: 'admin@contoso.example' },
    });
  });

  test.each(['admin', 'a@b@c', 'admin @contoso.example'])('refuses %p', (username) => {
    const args = parseTokenArgs(
      ['--tenant', tenant, '--roles', 'X', '--username', username],
      defaults,
    );
    expect(args).toMatchObject({ kind: 'error', message: expect.stringContaining('--username') });
  });
});

describe('directory roles', () => {
  const defaults = { audience: 'api://x', issuerBaseUrl: 'http://127.0.0.1:7072' };
  const tenant = '11111111-2222-3333-4444-555555555555';
  const globalAdministrator = '62e90394-69f5-4237-9190-012177145e10';

  test('--global-admin adds the Global Administrator role template id', () => {
    const args = parseTokenArgs(['--tenant', tenant, '--roles', '', '--global-admin'], defaults);

    expect(args).toMatchObject({
      kind: 'token',
      request: { roles: [], directoryRoles: [globalAdministrator] },
    });
  });

  test('a CustomerAdmin token is a Global Administrator token too', () => {
    const args = parseTokenArgs(
      ['--tenant', tenant, '--roles', 'SalesAgent,CustomerAdmin'],
      defaults,
    );

    expect(args).toMatchObject({ request: { directoryRoles: [globalAdministrator] } });
  });

  test('partner roles alone carry no directory roles', () => {
    const args = parseTokenArgs(['--tenant', tenant, '--roles', 'AdminAgent'], defaults);

    expect(args.kind === 'token' && args.request).not.toHaveProperty('directoryRoles');
  });

  test('--global-admin takes no value', () => {
    const args = parseTokenArgs(
      ['--tenant', tenant, '--roles', '', '--global-admin=yes'],
      defaults,
    );

    expect(args).toMatchObject({ kind: 'error', message: expect.stringContaining('global-admin') });
  });

  test('is in the usage text', () => {
    expect(TOKEN_USAGE).toContain('--global-admin');
  });
});
