import { createLocalJWKSet, exportJWK, calculateJwkThumbprint, generateKeyPair, type CryptoKey, type JWK } from 'jose';
import type { HubSigner } from '../../../src/modules/sync/signed-json.ts';
import { createHubDirectory, type HubDirectory, type KnownHub } from '../../../src/modules/sync/hub-directory.ts';
import { signGrantLink, extendChain, verifyHopChain } from '../../../src/modules/sync/hop-chain.ts';
import { releaseFields, signRecordVersion, type RecordVersion, type SignedRecordVersion } from '../../../src/modules/sync/record-proof.ts';
import type { RecordEntry } from '../../../src/modules/sync/bundle.ts';

/** A hub with a real Ed25519 key, as another hub would know it from its peers file. */
export interface TestHubIdentity {
  readonly issuer: string;
  readonly signer: HubSigner;
  readonly publicJwk: JWK;
  known(options: { originFor?: string[]; speaksFor?: string[] }): KnownHub;
}

export async function hubIdentity(issuer: string): Promise<TestHubIdentity> {
  const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const jwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(jwk);
  const publicJwk = { ...jwk, kid, alg: 'EdDSA', use: 'sig' };
  return {
    issuer,
    signer: { issuer, key: { kid, privateKey: privateKey as CryptoKey } },
    publicJwk,
    known: ({ originFor = [], speaksFor = originFor }) => ({
      id: new URL(issuer).hostname.split('.')[0]!,
      issuer,
      originFor,
      speaksFor,
      keys: createLocalJWKSet({ keys: [publicJwk] }),
    }),
  };
}

/** The directory of the receiving hub `self`. */
export const directoryOf = (self: TestHubIdentity, hubs: KnownHub[]): HubDirectory => createHubDirectory(self.issuer, hubs);

/** A designation version as its origin signs it. */
export function designationVersion(id: string, version: number, overrides: Partial<Record<string, unknown>> = {}, deleted = false): RecordVersion {
  return {
    type: 'Designation',
    id,
    owner: 'us-ofac',
    version,
    deleted,
    values: {
      subjectType: 'ENTITY',
      primaryName: `Example Trading ${version}`,
      status: deleted ? 'DELISTED' : 'ACTIVE',
      marking: 'GREEN',
      programs: ['NPWMD'],
      aliases: [{ name: 'Пример Трейдинг', kind: 'AKA', strength: 'STRONG' }],
      identifiers: [{ type: 'IMO_NUMBER', value: 'IMO 9176187', issuingCountry: null, note: null }],
      addresses: [{ street: null, city: 'Dubai', region: null, postalCode: null, country: 'AE' }],
      datesOfBirth: [],
      nationalities: [],
      placesOfBirth: [],
      rationale: 'Procurement agent for a listed programme.',
      ...overrides,
    },
  };
}

/**
 * Delivers a signed version along `path` (origin first, receiver last): the origin grants
 * `hops`, each relay extends the chain. Released fields default to all but `rationale`.
 */
export async function deliver(
  signed: SignedRecordVersion,
  path: TestHubIdentity[],
  hops: number,
  released: string[] = Object.keys(signed.values).filter((f) => f !== 'rationale'),
): Promise<RecordEntry> {
  const [origin, ...rest] = path;
  const record = { type: signed.claims.type, id: signed.claims.id, version: signed.claims.version };
  let chain = [await signGrantLink(origin!.signer, record, rest[0]!.issuer, hops)];
  for (let i = 1; i < rest.length; i++) {
    const relay = rest[i - 1]!;
    const relayDirectory = createHubDirectory(relay.issuer, path.map((hub) => hub.known({})));
    const verified = await verifyHopChain(chain, { record, origin: origin!.issuer, deliveredBy: path[i - 1]!.issuer, self: relay.issuer, keysOf: (iss) => relayDirectory.byIssuer(iss)?.keys }, 'chain');
    const extended = await extendChain(relay.signer, record, verified, rest[i]!.issuer);
    if (!('chain' in extended)) throw new Error(`relay refused: ${extended.refused}`);
    chain = extended.chain;
  }
  return { type: signed.claims.type, id: signed.claims.id, owner: signed.claims.owner, ...releaseFields(signed, released), chain };
}

export { signRecordVersion };
