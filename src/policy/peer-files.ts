import fs from 'node:fs';
import path from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { AGENCY_ID, describeIssue, duration, formatPath, jwksUrl, publicKeySetProblems, type JsonWebKeySet } from '../auth/trust.ts';

/**
 * policies/peers.yaml — the other hubs this hub exchanges records with (docs/sync.md §4):
 *
 *   peers:
 *     - id: eu-hub                          # slug: names the peer in cursors and `sync status`
 *       issuer: https://hub.eu.example/     # its hub identity: `iss` of what it signs
 *       url: https://hub.eu.example/        # where to pull from; omit for a hub known only as the
 *                                           # origin of records that reach us through a relay
 *       jwksUrl: https://hub.eu.example/.well-known/jwks.json   # or jwks: { keys: [...] }, or jwksFile
 *       originFor: [de-bafa]                # agencies homed there: only it signs their records as origin
 *       speaksFor: [de-bafa, gb-ofsi]       # agencies whose records it may deliver to us, as origin or
 *                                           # relay (default: originFor)
 *       token: { env: EU_HUB_TOKEN }        # or { file: secrets/eu-hub.token }: presented when pulling
 *       pullInterval: 5m                    # default 5m
 */
export const DEFAULT_PULL_INTERVAL_SECONDS = 300;

const isLoopback = (host: string) => host === 'localhost' || host === '127.0.0.1' || host === '[::1]';
// A peer's bundles are signed, but its token is a bearer secret: never sent in clear beyond this machine.
const pullUrl = z.url({ error: 'must be a URL such as https://hub.eu.example/' }).refine((value) => {
  const url = new URL(value);
  return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback(url.hostname));
}, 'must be an https:// URL (http:// only for localhost)');
const agencyId = z.string().max(63).regex(AGENCY_ID, 'must be an agency id such as us-bis');

const tokenSource = z.union([
  z.strictObject({ env: z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'must be an environment variable name such as EU_HUB_TOKEN') }),
  z.strictObject({ file: z.string().min(1) }),
], { error: 'must be { env: VARIABLE } or { file: path }' });

const peerEntry = z
  .strictObject({
    id: z.string().max(63).regex(AGENCY_ID, 'must be a lowercase slug such as eu-hub'),
    issuer: z.url({ error: 'must be a URL such as https://hub.eu.example/' }),
    url: pullUrl.optional(),
    jwks: z.record(z.string(), z.unknown()).optional(),
    jwksFile: z.string().min(1).optional(),
    jwksUrl: jwksUrl.optional(),
    originFor: z.array(agencyId).default([]),
    speaksFor: z.array(agencyId).optional(),
    token: tokenSource.optional(),
    pullInterval: duration.optional(),
  })
  .superRefine((entry, ctx) => {
    const sources = (['jwks', 'jwksFile', 'jwksUrl'] as const).filter((key) => entry[key] !== undefined);
    if (sources.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        path: [],
        message: sources.length === 0 ? 'needs one key source: jwks, jwksFile or jwksUrl' : `has ${sources.join(' and ')}; give exactly one key source`,
      });
    }
    if (entry.url !== undefined && entry.token === undefined) {
      ctx.addIssue({ code: 'custom', path: ['token'], message: 'is required to pull from url' });
    }
    for (const key of ['token', 'pullInterval'] as const) {
      if (entry.url === undefined && entry[key] !== undefined) {
        ctx.addIssue({ code: 'custom', path: [key], message: 'is only used to pull; give url too, or remove it' });
      }
    }
  });

const peersFileSchema = z
  .strictObject({ peers: z.array(peerEntry) })
  .superRefine((file, ctx) => {
    for (const key of ['id', 'issuer'] as const) {
      const firstIndex = new Map<string, number>();
      file.peers.forEach((entry, index) => {
        const earlier = firstIndex.get(entry[key]);
        if (earlier === undefined) firstIndex.set(entry[key], index);
        else ctx.addIssue({ code: 'custom', path: ['peers', index, key], message: `${JSON.stringify(entry[key])} is already used by peers[${earlier}]` });
      });
    }
    // An agency has one home hub: two hubs claiming to be its origin could each forge its records.
    const homes = new Map<string, number>();
    file.peers.forEach((entry, index) => {
      entry.originFor.forEach((agency, position) => {
        const earlier = homes.get(agency);
        if (earlier === undefined) homes.set(agency, index);
        else if (earlier !== index) {
          ctx.addIssue({ code: 'custom', path: ['peers', index, 'originFor', position], message: `${agency} is already homed at peers[${earlier}]` });
        }
      });
    });
  });

type PeersFile = z.infer<typeof peersFileSchema>;
type PeerFileEntry = PeersFile['peers'][number];

export type PeerKeys = { readonly kind: 'jwks'; readonly jwks: JsonWebKeySet } | { readonly kind: 'remote'; readonly url: string };
export type PeerToken = { readonly kind: 'env'; readonly name: string } | { readonly kind: 'file'; readonly path: string };

/** Another hub, as this hub knows it. */
export interface PeerHub {
  readonly id: string;
  /** Its `iss`, exactly. */
  readonly issuer: string;
  readonly keys: PeerKeys;
  /** Agencies whose records it signs as their origin hub. */
  readonly originFor: readonly string[];
  /** Agencies whose records it may deliver to this hub, as origin or relay. */
  readonly speaksFor: readonly string[];
  /** How this hub pulls from it; null for a hub known only as an origin of relayed records. */
  readonly pull: { readonly url: string; readonly token: PeerToken; readonly intervalSeconds: number } | null;
}

export interface PeersConfig {
  readonly file: string;
  readonly peers: readonly PeerHub[];
}

export interface PeersProblem {
  /** Where in the file, e.g. `peers[1].originFor[0]`, or `line 3, column 5` for YAML syntax. */
  readonly path: string;
  readonly reason: string;
}

export class PeersConfigError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly PeersProblem[],
  ) {
    super(`Invalid peers file ${file}:\n${problems.map((p) => `  - ${p.path}: ${p.reason}`).join('\n')}`);
    this.name = 'PeersConfigError';
  }
}

/** Hub keys are what policies/trust.yaml accepts for hub signatures: Ed25519 or P-256. */
const HUB_ALGORITHMS = ['EdDSA', 'Ed25519', 'ES256'] as const;

export interface LoadPeersOptions {
  /** This hub's own issuer: no peer may claim it. */
  selfIssuer: string;
}

/** Reads and validates policies/peers.yaml, including the key files it names; no file: no peers. */
export function loadPeersConfig(peersFile: string, options: LoadPeersOptions): PeersConfig {
  const file = path.resolve(peersFile);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return Object.freeze({ file, peers: Object.freeze([]) });
    throw new PeersConfigError(file, [{ path: '(file)', reason: `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})` }]);
  }
  return parsePeersFile(text, file, options);
}

/** Validates peers-file text; `file` names it in errors and anchors relative paths. */
export function parsePeersFile(text: string, file: string, options: LoadPeersOptions): PeersConfig {
  const contents = checkedShape(text, file);
  const problems: PeersProblem[] = [];
  const peers = contents.peers.flatMap((entry, index) => {
    const at = `peers[${index}]`;
    if (entry.issuer === options.selfIssuer) problems.push({ path: `${at}.issuer`, reason: `is this hub's own issuer (INTERLOCK_HUB_ISSUER)` });
    const keys = resolveKeys(entry, at, path.dirname(file), problems);
    if (!keys) return [];
    const peer: PeerHub = {
      id: entry.id,
      issuer: entry.issuer,
      keys: Object.freeze(keys),
      originFor: Object.freeze([...new Set(entry.originFor)]),
      speaksFor: Object.freeze([...new Set(entry.speaksFor ?? entry.originFor)]),
      pull:
        entry.url === undefined || entry.token === undefined
          ? null
          : Object.freeze({
              url: entry.url,
              token: Object.freeze('env' in entry.token ? { kind: 'env' as const, name: entry.token.env } : { kind: 'file' as const, path: path.resolve(path.dirname(file), entry.token.file) }),
              intervalSeconds: entry.pullInterval ?? DEFAULT_PULL_INTERVAL_SECONDS,
            }),
    };
    return [Object.freeze(peer)];
  });
  if (problems.length > 0) throw new PeersConfigError(file, problems);
  return Object.freeze({ file, peers: Object.freeze(peers) });
}

function checkedShape(text: string, file: string): PeersFile {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (document.errors.length > 0) {
    throw new PeersConfigError(
      file,
      document.errors.map((error) => {
        const { line, col } = lineCounter.linePos(error.pos[0]);
        return { path: `line ${line}, column ${col}`, reason: error.message.split('\n')[0] ?? error.code };
      }),
    );
  }
  const data: unknown = document.toJS();
  if (data == null) return { peers: [] };
  const parsed = peersFileSchema.safeParse(data, { error: describeIssue });
  if (!parsed.success) {
    throw new PeersConfigError(file, parsed.error.issues.map((issue) => ({ path: formatPath(issue.path) || '(file)', reason: issue.message })));
  }
  return parsed.data;
}

function resolveKeys(entry: PeerFileEntry, at: string, baseDir: string, problems: PeersProblem[]): PeerKeys | undefined {
  if (entry.jwksUrl) return { kind: 'remote', url: entry.jwksUrl };
  let jwks: unknown = entry.jwks;
  let where = `${at}.jwks`;
  if (entry.jwksFile) {
    where = `${at}.jwksFile`;
    const keyFile = path.resolve(baseDir, entry.jwksFile);
    try {
      jwks = JSON.parse(fs.readFileSync(keyFile, 'utf8'));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      problems.push({ path: where, reason: code === 'ENOENT' ? `${keyFile} does not exist` : code ? `${keyFile} cannot be read (${code})` : `${keyFile} is not valid JSON` });
      return undefined;
    }
  }
  const found = publicKeySetProblems(jwks, HUB_ALGORITHMS);
  problems.push(...found.map((p) => ({ path: `${where}${p.path}`, reason: p.reason })));
  return found.length === 0 ? { kind: 'jwks', jwks: jwks as JsonWebKeySet } : undefined;
}
