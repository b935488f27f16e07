/**
 * The hub's trust configuration: which partner agencies' identity providers it accepts
 * tokens from, and how each one's signatures are checked. Loaded once at boot; the hub
 * does not start on a file with any problem, and every problem is reported at once.
 *
 * `policies/trust.yaml`:
 *
 * ```yaml
 * audience: interlock-hub                # default `aud` for every issuer (default: interlock-hub)
 * issuers:                               # one entry per partner agency; [] trusts nobody
 *   - agency: us-ofac                    # the agency this issuer speaks for (unique)
 *     issuer: https://id.us-ofac.example/  # the exact `iss` (unique)
 *     audience: interlock-hub            # optional: overrides the default
 *     algorithms: [ES256]                # allow-list (RFC 8725 §3.1); `none` is never accepted
 *     jwksFile: ../.interlock/keys/us-ofac.jwks.json  # public JWKS, relative to this file's folder
 *     # jwks: { keys: [...] }            # or: the public JWKS inline
 *     # jwksUrl: https://id.us-ofac.example/jwks.json  # or: fetched, cached 10 min, refetched
 *     #                                  #   on an unknown kid at most once per 30 s
 *     # secretFile: ../secrets/x.key     # or, for HS256/HS384/HS512 only: the shared secret
 *     tokenType: at+jwt                  # required `typ` header (RFC 9068; default at+jwt)
 *     maxTokenLifetime: 8h               # longest exp - iat accepted (s, m, h or d; default 24h)
 * ```
 *
 * Exactly one key source per issuer. Asymmetric and HMAC algorithms never share an issuer:
 * a verifier that holds a public key and also accepts HS256 can be fooled into using that
 * public key as an HMAC secret (RFC 8725 §2.1). Key sets must hold public keys only.
 */
import fs from 'node:fs';
import path from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';

export const ASYMMETRIC_ALGORITHMS = ['ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519', 'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512'] as const;
export const HMAC_ALGORITHMS = ['HS256', 'HS384', 'HS512'] as const;
export const TRUSTED_ALGORITHMS = [...ASYMMETRIC_ALGORITHMS, ...HMAC_ALGORITHMS] as const;
export type TrustedAlgorithm = (typeof TRUSTED_ALGORITHMS)[number];

export const DEFAULT_AUDIENCE = 'interlock-hub';
export const DEFAULT_TOKEN_TYPE = 'at+jwt';
/**
 * A stolen token is only as dangerous as it is long-lived: issuers that mint day-long or
 * never-ending access tokens are refused unless the trust file says otherwise for them.
 */
export const DEFAULT_MAX_TOKEN_LIFETIME_SECONDS = 24 * 3_600;

const DURATION_UNITS: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3_600, d: 86_400 };
export const duration = z
  .union([z.number(), z.string()])
  .transform((value, ctx) => {
    const match = typeof value === 'number' ? null : /^(\d+)\s*([smhd])$/.exec(value.trim());
    const seconds = typeof value === 'number' ? value : match ? Number(match[1]) * DURATION_UNITS[match[2]!]! : NaN;
    if (!Number.isSafeInteger(seconds) || seconds < 1) {
      ctx.addIssue({ code: 'custom', message: 'must be a duration such as 900s, 15m, 8h or 1d' });
      return z.NEVER;
    }
    return seconds;
  });

/** Agency ids are short slugs (`us-bis`); they also name key files, so nothing else is allowed. */
export const AGENCY_ID = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/** Members that only a private or symmetric JWK has (RFC 7518 §6.2.2, §6.3.2, §6.4; ML-DSA `priv`). */
const PRIVATE_JWK_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k', 'priv'] as const;

const KEY_TYPE_FOR: Record<TrustedAlgorithm, string> = {
  ES256: 'EC', ES384: 'EC', ES512: 'EC', EdDSA: 'OKP', Ed25519: 'OKP',
  RS256: 'RSA', RS384: 'RSA', RS512: 'RSA', PS256: 'RSA', PS384: 'RSA', PS512: 'RSA',
  HS256: 'oct', HS384: 'oct', HS512: 'oct',
};

const isHmac = (alg: string) => (HMAC_ALGORITHMS as readonly string[]).includes(alg);
const isLoopback = (host: string) => host === 'localhost' || host === '127.0.0.1' || host === '[::1]';

/** A field's own message, except when the field is missing altogether. */
function orRequired(message: string) {
  return (issue: { input?: unknown }) => (issue.input === undefined ? 'is required' : message);
}

const algorithm = z.enum(TRUSTED_ALGORITHMS, {
  error: (issue) =>
    String(issue.input).toLowerCase() === 'none'
      ? '"none" is never accepted: tokens must be signed (RFC 8725 §3.1)'
      : `must be one of ${TRUSTED_ALGORITHMS.join(', ')}`,
});

// Keys fetched over plain HTTP could be swapped by anyone on the path; loopback is for tests.
export const jwksUrl = z.url({ error: orRequired('must be a URL such as https://id.agency.example/jwks.json') }).refine((value) => {
  const url = new URL(value);
  return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback(url.hostname));
}, 'must be an https:// URL (http:// only for localhost)');

const issuerEntry = z
  .strictObject({
    agency: z.string().max(63).regex(AGENCY_ID, 'must be a lowercase slug such as us-bis'),
    issuer: z.url({ error: orRequired('must be a URL such as https://id.agency.example/') }),
    audience: z.string().min(1).optional(),
    algorithms: z.array(algorithm).min(1, 'must list at least one algorithm'),
    jwks: z.record(z.string(), z.unknown()).optional(),
    jwksFile: z.string().min(1).optional(),
    jwksUrl: jwksUrl.optional(),
    secretFile: z.string().min(1).optional(),
    tokenType: z.string().min(1).default(DEFAULT_TOKEN_TYPE),
    maxTokenLifetime: duration.optional(),
  })
  .superRefine((entry, ctx) => {
    const sources = (['jwks', 'jwksFile', 'jwksUrl', 'secretFile'] as const).filter((key) => entry[key] !== undefined);
    if (sources.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        path: [],
        message:
          sources.length === 0
            ? 'needs one key source: jwks, jwksFile, jwksUrl (or secretFile for HS*)'
            : `has ${sources.join(' and ')}; give exactly one key source`,
      });
    }
    const symmetric = entry.secretFile !== undefined;
    entry.algorithms.forEach((alg, index) => {
      if (isHmac(alg) && !symmetric) {
        ctx.addIssue({ code: 'custom', path: ['algorithms', index], message: `${alg} is only accepted with a secretFile` });
      } else if (!isHmac(alg) && symmetric) {
        ctx.addIssue({ code: 'custom', path: ['algorithms', index], message: `${alg} needs public keys; a secretFile issuer may list HS* only` });
      }
    });
  });

const trustFileSchema = z
  .strictObject({
    audience: z.string().min(1).default(DEFAULT_AUDIENCE),
    issuers: z.array(issuerEntry),
  })
  .superRefine((file, ctx) => {
    for (const key of ['agency', 'issuer'] as const) {
      const firstIndex = new Map<string, number>();
      file.issuers.forEach((entry, index) => {
        const earlier = firstIndex.get(entry[key]);
        if (earlier === undefined) firstIndex.set(entry[key], index);
        else ctx.addIssue({ code: 'custom', path: ['issuers', index, key], message: `${JSON.stringify(entry[key])} is already used by issuers[${earlier}]` });
      });
    }
  });

/** The file as written, checked for shape only: key files are not read. */
export type TrustFile = z.infer<typeof trustFileSchema>;
export type TrustFileIssuer = TrustFile['issuers'][number];

export interface JsonWebKeySet {
  readonly keys: readonly Record<string, unknown>[];
}

export type IssuerKeys =
  | { readonly kind: 'jwks'; readonly jwks: JsonWebKeySet }
  | { readonly kind: 'remote'; readonly url: string }
  | { readonly kind: 'secret'; readonly secret: Uint8Array };

export interface TrustedIssuer {
  readonly agency: string;
  /** The exact `iss` value. */
  readonly issuer: string;
  readonly audience: string;
  readonly algorithms: readonly TrustedAlgorithm[];
  /** The required `typ` header. */
  readonly tokenType: string;
  /** The longest lifetime (`exp - iat`) accepted from this issuer, in seconds. */
  readonly maxTokenLifetimeSeconds: number;
  readonly keys: IssuerKeys;
}

export interface TrustConfig {
  readonly file: string;
  readonly issuers: readonly TrustedIssuer[];
}

export interface TrustProblem {
  /** Where in the file, e.g. `issuers[2].algorithms[0]`, or `line 3, column 5` for YAML syntax. */
  readonly path: string;
  readonly reason: string;
}

export class TrustConfigError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly TrustProblem[],
  ) {
    super(`Invalid trust configuration ${file}:\n${problems.map((p) => `  - ${p.path}: ${p.reason}`).join('\n')}`);
    this.name = 'TrustConfigError';
  }
}

/** Reads and validates the trust file, including every key set it names. */
export function loadTrustConfig(trustFile: string): TrustConfig {
  const file = path.resolve(trustFile);
  const contents = readTrustFile(file);
  const problems: TrustProblem[] = [];
  const issuers = contents.issuers.flatMap((entry, index) => {
    const keys = resolveKeys(entry, `issuers[${index}]`, path.dirname(file), problems);
    if (!keys) return [];
    const issuer: TrustedIssuer = {
      agency: entry.agency,
      issuer: entry.issuer,
      audience: entry.audience ?? contents.audience,
      algorithms: Object.freeze([...entry.algorithms]),
      tokenType: entry.tokenType,
      maxTokenLifetimeSeconds: entry.maxTokenLifetime ?? DEFAULT_MAX_TOKEN_LIFETIME_SECONDS,
      keys: Object.freeze(keys),
    };
    return [Object.freeze(issuer)];
  });
  if (problems.length > 0) throw new TrustConfigError(file, problems);
  return Object.freeze({ file, issuers: Object.freeze(issuers) });
}

/** Reads the trust file and checks its shape, without reading the key files it names. */
export function readTrustFile(trustFile: string): TrustFile {
  const file = path.resolve(trustFile);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const reason = isNotFound(error) ? 'file not found' : `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`;
    throw new TrustConfigError(file, [{ path: '(file)', reason }]);
  }
  return parseTrustFile(text, file);
}

/** Checks the shape of trust-file text; `file` only names it in errors. */
export function parseTrustFile(text: string, file: string): TrustFile {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (document.errors.length > 0) {
    throw new TrustConfigError(
      file,
      document.errors.map((error) => {
        const { line, col } = lineCounter.linePos(error.pos[0]);
        return { path: `line ${line}, column ${col}`, reason: error.message.split('\n')[0] ?? error.code };
      }),
    );
  }
  const data: unknown = document.toJS();
  if (data == null) throw new TrustConfigError(file, [{ path: '(file)', reason: 'is empty; it needs at least `issuers: []`' }]);
  const parsed = trustFileSchema.safeParse(data, { error: describeIssue });
  if (!parsed.success) {
    throw new TrustConfigError(
      file,
      parsed.error.issues.map((issue) => ({ path: formatPath(issue.path) || '(file)', reason: issue.message })),
    );
  }
  return parsed.data;
}

/** Zod's defaults name types; these name what the file's author has to do. */
export function describeIssue(issue: z.core.$ZodRawIssue): string | undefined {
  if (issue.code === 'invalid_type' && issue.input === undefined) return 'is required';
  if (issue.code === 'unrecognized_keys') return `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}`;
  return undefined;
}

export function formatPath(segments: readonly PropertyKey[]): string {
  return segments.reduce<string>(
    (out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)),
    '',
  );
}

function resolveKeys(entry: TrustFileIssuer, at: string, baseDir: string, problems: TrustProblem[]): IssuerKeys | undefined {
  if (entry.jwks) {
    const found = publicKeySetProblems(entry.jwks, entry.algorithms);
    problems.push(...found.map((p) => ({ path: `${at}.jwks${p.path}`, reason: p.reason })));
    return found.length === 0 ? { kind: 'jwks', jwks: entry.jwks as unknown as JsonWebKeySet } : undefined;
  }
  if (entry.jwksUrl) return { kind: 'remote', url: entry.jwksUrl };
  if (entry.jwksFile) return readKeySetFile(entry, `${at}.jwksFile`, baseDir, problems);
  if (entry.secretFile) return readSecretFile(entry, `${at}.secretFile`, baseDir, problems);
  return undefined;
}

function readKeySetFile(entry: TrustFileIssuer, at: string, baseDir: string, problems: TrustProblem[]): IssuerKeys | undefined {
  const file = path.resolve(baseDir, entry.jwksFile!);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    problems.push({
      path: at,
      reason: isNotFound(error)
        ? `${file} does not exist; create the keys for agency ${JSON.stringify(entry.agency)} with \`interlock keys generate --agency ${entry.agency}\``
        : `${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    });
    return undefined;
  }
  let jwks: unknown;
  try {
    jwks = JSON.parse(text);
  } catch {
    problems.push({ path: at, reason: `${file} is not valid JSON` });
    return undefined;
  }
  const found = publicKeySetProblems(jwks, entry.algorithms);
  problems.push(...found.map((p) => ({ path: at, reason: `${file}: ${p.path ? `${p.path.slice(1)} ` : ''}${p.reason}` })));
  return found.length === 0 ? { kind: 'jwks', jwks: jwks as JsonWebKeySet } : undefined;
}

/** RFC 8725 §3.5: an HMAC key must be at least as long as the hash output. */
function readSecretFile(entry: TrustFileIssuer, at: string, baseDir: string, problems: TrustProblem[]): IssuerKeys | undefined {
  const file = path.resolve(baseDir, entry.secretFile!);
  let secret: Buffer;
  try {
    secret = fs.readFileSync(file);
  } catch (error) {
    problems.push({ path: at, reason: isNotFound(error) ? `${file} does not exist` : `${file} cannot be read` });
    return undefined;
  }
  let end = secret.length;
  while (end > 0 && (secret[end - 1] === 0x0a || secret[end - 1] === 0x0d)) end -= 1;
  const bytes = new Uint8Array(secret.subarray(0, end));
  const needed = Math.max(...entry.algorithms.map((alg) => Number(alg.slice(2)) / 8));
  if (bytes.length < needed) {
    problems.push({ path: at, reason: `${file} holds ${bytes.length} bytes; ${entry.algorithms.join(', ')} needs at least ${needed}` });
    return undefined;
  }
  return { kind: 'secret', secret: bytes };
}

/**
 * Problems with a key set meant for verification: it must be `{ keys: [...] }`, hold only
 * public keys, and each key must suit one of the issuer's algorithms. Paths are relative
 * (`.keys[1]`).
 */
export function publicKeySetProblems(jwks: unknown, algorithms: readonly TrustedAlgorithm[]): TrustProblem[] {
  if (typeof jwks !== 'object' || jwks === null || !Array.isArray((jwks as { keys?: unknown }).keys)) {
    return [{ path: '', reason: 'must be a JSON Web Key Set: an object with a "keys" array' }];
  }
  const keys = (jwks as { keys: unknown[] }).keys;
  if (keys.length === 0) return [{ path: '.keys', reason: 'holds no keys' }];
  const usableTypes = new Set(algorithms.map((alg) => KEY_TYPE_FOR[alg]));
  const seenKids = new Set<string>();
  const problems: TrustProblem[] = [];
  keys.forEach((key, index) => {
    const at = `.keys[${index}]`;
    if (typeof key !== 'object' || key === null || Array.isArray(key)) {
      problems.push({ path: at, reason: 'must be a JSON Web Key object' });
      return;
    }
    const jwk = key as Record<string, unknown>;
    const secrets = PRIVATE_JWK_MEMBERS.filter((member) => member in jwk);
    if (secrets.length > 0) {
      problems.push({ path: at, reason: `contains private key material (${secrets.map((m) => `"${m}"`).join(', ')}); a verification key set must hold public keys only` });
      return;
    }
    if (typeof jwk.kty !== 'string' || !usableTypes.has(jwk.kty)) {
      problems.push({ path: at, reason: `has kty ${JSON.stringify(jwk.kty)}, which none of ${algorithms.join(', ')} can use` });
    }
    if (jwk.alg !== undefined && !(algorithms as readonly unknown[]).includes(jwk.alg)) {
      problems.push({ path: at, reason: `has alg ${JSON.stringify(jwk.alg)}, which is not in the issuer's algorithms` });
    }
    if (typeof jwk.kid === 'string') {
      if (seenKids.has(jwk.kid)) problems.push({ path: at, reason: `repeats kid ${JSON.stringify(jwk.kid)}` });
      seenKids.add(jwk.kid);
    }
  });
  return problems;
}

function isNotFound(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}
