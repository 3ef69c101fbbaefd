import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadOrCreateDevSigningKey, type DevSigningKey } from '../../../local/devSigningKey';
import {
  startDevTokenIssuer,
  type DevTokenIssuer,
  type DevTokenIssuerOptions,
} from '../../../local/servers/devTokenIssuer';

export interface TestIssuer {
  readonly issuer: DevTokenIssuer;
  readonly key: DevSigningKey;
  close(): Promise<void>;
}

/** A dev token issuer with a signing key of its own in a temporary folder. */
export async function startTestIssuer(
  options: Omit<DevTokenIssuerOptions, 'key'>,
): Promise<TestIssuer> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'dev-issuer-'));
  const key = await loadOrCreateDevSigningKey(path.join(dir, 'key.json'));
  const issuer = await startDevTokenIssuer({ ...options, key });
  return {
    issuer,
    key,
    close: async () => {
      await issuer.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * An authorization request as a client builds one (PKCE S256 over a fresh verifier);
 * `null` leaves a parameter out.
 */
export function authorizeUrl(
  issuer: DevTokenIssuer,
  tenant: string,
  parameters: Readonly<Record<string, string | null>>,
): URL {
  const verifier = randomBytes(32).toString('base64url');
  const url = new URL(`${issuer.url}/${tenant}/oauth2/v2.0/authorize`);
  const all = {
    response_type: 'code',
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
    ...parameters,
  };
  for (const [name, value] of Object.entries(all)) {
    if (value !== null) {
      url.searchParams.set(name, value);
    }
  }
  return url;
}
