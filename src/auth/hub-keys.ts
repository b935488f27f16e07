/**
 * The hub's own signing key, for what it says to other hubs: bundles, origin signatures of
 * its agencies' records, and the hop links that hand a record to the next hub. Kept like the
 * agency keys (src/auth/keys.ts): the private JWK of the current key in the keys folder (mode
 * 0600), every public key ever made in a JWKS that only grows, so that signatures made before a
 * rotation keep verifying. Ed25519 (EdDSA): small, fast, deterministic signatures.
 */
import fs from 'node:fs';
import path from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';
import { KeyFileError, readPublishedKeys, writeFileAtomically } from './key-files.ts';

export const HUB_SIGNING_ALGORITHM = 'EdDSA';

/** A folder of its own: agency ids are slugs and could be `hub`, but never contain a slash. */
export const hubKeysDirIn = (keysDir: string) => path.resolve(keysDir, 'hub');
export const hubPrivateKeyFileIn = (keysDir: string) => path.join(hubKeysDirIn(keysDir), 'private.jwk.json');
export const hubJwksFileIn = (keysDir: string) => path.join(hubKeysDirIn(keysDir), 'jwks.json');

export interface GeneratedHubKey {
  kid: string;
  privateKeyFile: string;
  jwksFile: string;
  /** How many public keys the hub's JWKS now lists; older ones stay verifiable. */
  publishedKeys: number;
}

/** Public keys as the hub publishes them at /.well-known/jwks.json. */
export interface PublicKeySet {
  readonly keys: readonly JWK[];
}

/** The current key, to sign with, and every public key, to publish. */
export interface HubSigningKeys {
  readonly current: HubSigningKey;
  readonly published: PublicKeySet;
}

export interface HubSigningKey {
  readonly kid: string;
  readonly privateKey: CryptoKey;
}

/** Makes a new current signing key for this hub (a rotation when it has one). */
export async function generateHubKey(keysDir: string): Promise<GeneratedHubKey> {
  const jwksFile = hubJwksFileIn(keysDir);
  const privateKeyFile = hubPrivateKeyFileIn(keysDir);
  const published = readPublishedKeys(jwksFile);

  const { publicKey, privateKey } = await generateKeyPair(HUB_SIGNING_ALGORITHM, { crv: 'Ed25519', extractable: true });
  const publicJwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  const keys = [...published, { ...publicJwk, kid, alg: HUB_SIGNING_ALGORITHM, use: 'sig' }];

  fs.mkdirSync(hubKeysDirIn(keysDir), { recursive: true, mode: 0o700 });
  // The public set first: a crash in between leaves an unused public key, never a private key
  // whose signatures no one can check.
  writeFileAtomically(jwksFile, `${JSON.stringify({ keys }, null, 2)}\n`, 0o644);
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: HUB_SIGNING_ALGORITHM, use: 'sig' };
  writeFileAtomically(privateKeyFile, `${JSON.stringify(privateJwk, null, 2)}\n`, 0o600);
  return { kid, privateKeyFile, jwksFile, publishedKeys: keys.length };
}

/** The hub's keys, or undefined when `interlock keys generate --hub` has not been run. */
export async function loadHubKeys(keysDir: string): Promise<HubSigningKeys | undefined> {
  const privateKeyFile = hubPrivateKeyFileIn(keysDir);
  let privateJwk: JWK;
  try {
    privateJwk = JSON.parse(fs.readFileSync(privateKeyFile, 'utf8')) as JWK;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new KeyFileError(`${privateKeyFile} is not a private JSON Web Key.`);
  }
  if (typeof privateJwk.kid !== 'string' || typeof privateJwk.d !== 'string' || privateJwk.crv !== 'Ed25519') {
    throw new KeyFileError(`${privateKeyFile} is not a private Ed25519 JSON Web Key with a kid.`);
  }
  const jwksFile = hubJwksFileIn(keysDir);
  const keys = readPublishedKeys(jwksFile).map(publicPart);
  if (!keys.some((key) => key.kid === privateJwk.kid)) {
    throw new KeyFileError(`${jwksFile} does not list the current key ${privateJwk.kid}; run \`interlock keys generate --hub\` again.`);
  }
  const privateKey = (await importJWK(privateJwk, HUB_SIGNING_ALGORITHM)) as CryptoKey;
  return Object.freeze({
    current: Object.freeze({ kid: privateJwk.kid, privateKey }),
    published: Object.freeze({ keys: Object.freeze(keys) }),
  });
}

/** Only what verifies: a hand-edited file must never publish a private member. */
function publicPart(jwk: JWK): JWK {
  const { kty, crv, x, kid, alg, use } = jwk;
  return { kty, crv, x, kid, alg, use };
}
