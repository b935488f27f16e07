/**
 * Signing keys and tokens for development and demos, when no real agency identity
 * provider is at hand. Each agency gets an ES256 key pair: the private JWK stays in the
 * keys folder (mode 0600), the public key joins the agency's JWKS, and the trust file
 * gains an entry pointing at that JWKS, so the hub verifies these tokens exactly as it
 * would an agency's own.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import { Document, isMap, isSeq, parseDocument, YAMLSeq } from 'yaml';
import { ROLES, type Role } from './caller.ts';
import { readPublishedKeys, writeFileAtomically } from './key-files.ts';
import { AGENCY_ID, DEFAULT_AUDIENCE, DEFAULT_TOKEN_TYPE, parseTrustFile, type TrustFile, type TrustFileIssuer } from './trust.ts';

export const DEFAULT_TOKEN_TTL_SECONDS = 3_600;
export const MAX_TOKEN_TTL_SECONDS = 86_400;
const ALGORITHM = 'ES256';

export type KeyToolProblem = 'invalid_agency' | 'unknown_agency' | 'invalid_role' | 'invalid_ttl' | 'conflicting_trust_entry' | 'invalid_key_file';

/** A request the key tooling cannot carry out; the message says what to do instead. */
export class KeyToolError extends Error {
  constructor(
    readonly problem: KeyToolProblem,
    message: string,
  ) {
    super(message);
    this.name = 'KeyToolError';
  }
}

export const privateKeyFileFor = (keysDir: string, agency: string) => path.resolve(keysDir, `${agency}.private.jwk.json`);
export const jwksFileFor = (keysDir: string, agency: string) => path.resolve(keysDir, `${agency}.jwks.json`);
export const defaultIssuerFor = (agency: string) => `https://${agency}.agencies.interlock.local/`;

export interface GenerateAgencyKeysOptions {
  agency: string;
  keysDir: string;
  trustFile: string;
  /** `iss` for a new trust entry; default `https://<agency>.agencies.interlock.local/`. */
  issuer?: string;
  /** `aud` for a new trust entry, when it differs from the file's default audience. */
  audience?: string;
}

export interface GeneratedAgencyKeys {
  agency: string;
  kid: string;
  issuer: string;
  privateKeyFile: string;
  jwksFile: string;
  /** How many keys the agency's JWKS now holds; older keys stay so their tokens keep verifying. */
  publishedKeys: number;
  trustFile: string;
  trustEntry: 'added' | 'kept';
}

/** Creates a new signing key for `agency` (a rotation when one exists) and makes the hub trust it. */
export async function generateAgencyKeys(options: GenerateAgencyKeysOptions): Promise<GeneratedAgencyKeys> {
  const agency = checkedAgency(options.agency);
  const trustFile = path.resolve(options.trustFile);
  const jwksFile = jwksFileFor(options.keysDir, agency);
  const privateKeyFile = privateKeyFileFor(options.keysDir, agency);

  // Everything that can fail is checked before any file is written.
  const trust = readTrustText(trustFile);
  const existing = trust === undefined ? undefined : parseTrustFile(trust, trustFile).issuers.find((entry) => entry.agency === agency);
  if (existing) checkEntryUsesLocalKeys(existing, trustFile, jwksFile, options.issuer);
  const issuer = existing?.issuer ?? options.issuer ?? defaultIssuerFor(agency);
  const updatedTrust = existing ? undefined : withIssuerEntry(trust, trustFile, agency, issuer, jwksFile, options.audience);
  if (updatedTrust) parseTrustFile(updatedTrust, trustFile);
  const published = readPublishedKeys(jwksFile);

  const { publicKey, privateKey } = await generateKeyPair(ALGORITHM, { extractable: true });
  const publicJwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  const keys = [...published, { ...publicJwk, kid, alg: ALGORITHM, use: 'sig' }];

  fs.mkdirSync(path.resolve(options.keysDir), { recursive: true, mode: 0o700 });
  writeFileAtomically(jwksFile, `${JSON.stringify({ keys }, null, 2)}\n`, 0o644);
  writeFileAtomically(privateKeyFile, `${JSON.stringify({ ...(await exportJWK(privateKey)), kid, alg: ALGORITHM, use: 'sig' }, null, 2)}\n`, 0o600);
  if (updatedTrust) {
    fs.mkdirSync(path.dirname(trustFile), { recursive: true });
    writeFileAtomically(trustFile, updatedTrust, 0o644);
  }
  return { agency, kid, issuer, privateKeyFile, jwksFile, publishedKeys: keys.length, trustFile, trustEntry: existing ? 'kept' : 'added' };
}

export interface MintTokenOptions {
  agency: string;
  roles: readonly string[];
  /** Default 1 h, at most 24 h. */
  ttlSeconds?: number;
  keysDir: string;
  trustFile: string;
  /** `sub`; default `dev-<agency>`. */
  subject?: string;
}

/** Signs an RFC 9068 access token for `agency` with its newest key (the one generated last). */
export async function mintToken(options: MintTokenOptions): Promise<string> {
  const agency = checkedAgency(options.agency);
  const roles = checkedRoles(options.roles);
  const ttl = options.ttlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS;
  if (!Number.isSafeInteger(ttl) || ttl < 1 || ttl > MAX_TOKEN_TTL_SECONDS) {
    throw new KeyToolError('invalid_ttl', `A token lives between 1 second and ${MAX_TOKEN_TTL_SECONDS / 3_600} hours; ${ttl} seconds is out of range.`);
  }
  const trust = readTrustFileIfAny(options.trustFile);
  const entry = trust?.issuers.find((candidate) => candidate.agency === agency);
  const privateJwk = readPrivateKey(options.keysDir, agency);
  if (!entry || !privateJwk) throw unknownAgency(agency, options.keysDir, options.trustFile);
  if (!entry.algorithms.includes(ALGORITHM)) {
    throw new KeyToolError('conflicting_trust_entry', `The trust entry for ${agency} does not accept ${ALGORITHM}, so its tokens would be refused.`);
  }
  const key = await importJWK(privateJwk, ALGORITHM);
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ roles })
    .setProtectedHeader({ alg: ALGORITHM, kid: privateJwk.kid!, typ: DEFAULT_TOKEN_TYPE })
    .setIssuer(entry.issuer)
    .setAudience(entry.audience ?? trust!.audience)
    .setSubject(options.subject ?? `dev-${agency}`)
    .setIssuedAt(now)
    .setNotBefore(now)
    .setExpirationTime(now + ttl)
    .setJti(randomUUID())
    .sign(key);
}

/** Agencies with both a private key in `keysDir` and a trust entry, sorted. */
export function listMintableAgencies(keysDir: string, trustFile: string): string[] {
  const trusted = new Set(readTrustFileIfAny(trustFile)?.issuers.map((entry) => entry.agency) ?? []);
  let files: string[];
  try {
    files = fs.readdirSync(path.resolve(keysDir));
  } catch {
    return [];
  }
  return files
    .map((file) => /^(.+)\.private\.jwk\.json$/.exec(file)?.[1])
    .filter((agency): agency is string => agency !== undefined && trusted.has(agency))
    .sort();
}

function checkedAgency(agency: string): string {
  if (!AGENCY_ID.test(agency) || agency.length > 63) {
    throw new KeyToolError('invalid_agency', `${JSON.stringify(agency)} is not an agency id: use a lowercase slug such as us-bis.`);
  }
  return agency;
}

function checkedRoles(roles: readonly string[]): Role[] {
  const unknown = roles.filter((role) => !(ROLES as readonly string[]).includes(role));
  if (unknown.length > 0) {
    throw new KeyToolError('invalid_role', `Unknown role${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}; roles are ${ROLES.join(', ')}.`);
  }
  return [...new Set(roles as readonly Role[])];
}

function unknownAgency(agency: string, keysDir: string, trustFile: string): KeyToolError {
  return new KeyToolError(
    'unknown_agency',
    `Cannot mint for ${agency}: it needs a private key in ${path.resolve(keysDir)} and an entry in ${path.resolve(trustFile)}. Run \`interlock keys generate --agency ${agency}\`.`,
  );
}

function checkEntryUsesLocalKeys(entry: TrustFileIssuer, trustFile: string, jwksFile: string, issuer: string | undefined): void {
  const entryJwks = entry.jwksFile && path.resolve(path.dirname(trustFile), entry.jwksFile);
  if (entryJwks !== jwksFile) {
    throw new KeyToolError(
      'conflicting_trust_entry',
      `${trustFile} already trusts ${entry.agency} with keys from elsewhere (not ${jwksFile}); edit or remove that entry first.`,
    );
  }
  if (issuer !== undefined && issuer !== entry.issuer) {
    throw new KeyToolError('conflicting_trust_entry', `${trustFile} already trusts ${entry.agency} as issuer ${entry.issuer}; edit that entry to change it.`);
  }
}

function readTrustText(trustFile: string): string | undefined {
  try {
    return fs.readFileSync(trustFile, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function readTrustFileIfAny(trustFile: string): TrustFile | undefined {
  const file = path.resolve(trustFile);
  const text = readTrustText(file);
  return text === undefined ? undefined : parseTrustFile(text, file);
}

const NEW_TRUST_FILE_COMMENT = ` Issuers the hub trusts: one entry per partner agency. The format is described in src/auth/trust.ts.`;

/** The trust file's text with a new entry; the YAML document model keeps comments and layout. */
function withIssuerEntry(
  text: string | undefined,
  trustFile: string,
  agency: string,
  issuer: string,
  jwksFile: string,
  audience: string | undefined,
): string {
  const document = text === undefined ? newTrustDocument() : parseDocument(text);
  const fileAudience: unknown = document.get('audience') ?? DEFAULT_AUDIENCE;
  let issuers = document.get('issuers');
  if (!isSeq(issuers)) {
    issuers = new YAMLSeq();
    document.set('issuers', issuers);
  }
  const seq = issuers as YAMLSeq;
  if (seq.items.length === 0) seq.flow = false;
  const jwksPath = path.relative(path.dirname(trustFile), jwksFile).split(path.sep).join('/');
  const entry = document.createNode({
    agency,
    issuer,
    ...(audience !== undefined && audience !== fileAudience ? { audience } : {}),
    algorithms: [ALGORITHM],
    jwksFile: jwksPath,
    tokenType: DEFAULT_TOKEN_TYPE,
  });
  const algorithms = entry.get('algorithms', true);
  if (isSeq(algorithms)) algorithms.flow = true;
  seq.add(entry);
  return document.toString({ flowCollectionPadding: false });
}

function newTrustDocument(): Document {
  const document = new Document({ audience: DEFAULT_AUDIENCE, issuers: [] });
  document.commentBefore = NEW_TRUST_FILE_COMMENT;
  if (!isMap(document.contents)) throw new Error('a new trust document must be a map');
  return document;
}

function readPrivateKey(keysDir: string, agency: string): JWK | undefined {
  const file = privateKeyFileFor(keysDir, agency);
  let jwk: JWK;
  try {
    jwk = JSON.parse(fs.readFileSync(file, 'utf8')) as JWK;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new KeyToolError('invalid_key_file', `${file} is not a private JSON Web Key.`);
  }
  if (typeof jwk.kid !== 'string' || typeof jwk.d !== 'string') {
    throw new KeyToolError('invalid_key_file', `${file} is not a private JSON Web Key with a kid.`);
  }
  return jwk;
}
