import { createPublicKey, KeyObject, randomBytes } from 'node:crypto';
import { chmod, link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK } from 'jose';
import type { JWK, KeyLike } from 'jose';

export const DEV_SIGNING_ALG = 'RS256';

export interface DevSigningKey {
  readonly privateKey: KeyLike;
  /** Public members only (kty, n, e) plus kid, alg and use: safe to serve as a JWKS entry. */
  readonly publicJwk: JWK;
  readonly kid: string;
  /** True when this call generated the key, so a CLI can say where it was written. */
  readonly created: boolean;
}

/**
 * The key lives under the project's gitignored `.local/` so that the dev issuer, the CLI and
 * the app's configured JWKS all agree on one key across restarts.
 */
export function defaultDevSigningKeyFile(projectRoot: string): string {
  return path.join(projectRoot, '.local', 'dev-signing-key.json');
}

/**
 * Tokens minted earlier (pasted into a shell, kept in a test fixture) stay valid only if the
 * key survives restarts, so it is persisted on first use and reused after. Creation is
 * race-safe: concurrent first callers all end up with the key that reached the file first.
 */
export async function loadOrCreateDevSigningKey(file: string): Promise<DevSigningKey> {
  const existing = await readKeyFile(file);
  if (existing !== undefined) {
    return fromPrivateJwk(existing, file, false);
  }
  const { privateKey } = await generateKeyPair(DEV_SIGNING_ALG, {
    modulusLength: 2048,
    extractable: true,
  });
  const jwk = await exportJWK(privateKey);
  const kid = await calculateJwkThumbprint(jwk);
  const content = `${JSON.stringify({ ...jwk, kid, alg: DEV_SIGNING_ALG, use: 'sig' }, null, 2)}\n`;

  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(temporary, content, { mode: 0o600, flag: 'wx' });
  let created = true;
  try {
    await chmod(temporary, 0o600);
    // link() fails with EEXIST instead of overwriting: the first writer wins, atomically.
    await link(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
      throw error;
    }
    created = false;
  } finally {
    await unlink(temporary).catch(() => undefined);
  }
  const stored = await readKeyFile(file);
  if (stored === undefined) {
    throw new Error(`The dev signing key file ${file} vanished right after being written`);
  }
  return fromPrivateJwk(stored, file, created);
}

async function readKeyFile(file: string): Promise<JWK | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return undefined;
    }
    throw error;
  }
  try {
    return JSON.parse(text) as JWK;
  } catch {
    throw new Error(
      `The dev signing key file ${file} is not valid JSON; delete it to generate a new key`,
    );
  }
}

async function fromPrivateJwk(jwk: JWK, file: string, created: boolean): Promise<DevSigningKey> {
  if (jwk.kty !== 'RSA' || typeof jwk.n !== 'string' || typeof jwk.d !== 'string') {
    throw new Error(
      `The dev signing key file ${file} does not hold an RSA private JWK; delete it to generate a new key`,
    );
  }
  const privateKey = await importJWK(jwk, DEV_SIGNING_ALG);
  if (!(privateKey instanceof KeyObject)) {
    throw new Error(`The dev signing key file ${file} did not import as an asymmetric key`);
  }
  // Derived from the private key rather than by deleting members, so nothing private can leak.
  const publicOnly = await exportJWK(createPublicKey(privateKey));
  const kid = await calculateJwkThumbprint(publicOnly);
  return {
    privateKey,
    publicJwk: { ...publicOnly, kid, alg: DEV_SIGNING_ALG, use: 'sig' },
    kid,
    created,
  };
}
