import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { stringify as toYaml } from 'yaml';
import { createIdentityVerifier } from '../../src/auth/identity.ts';
import { generateHubKey, loadHubKeys, type HubSigningKeys } from '../../src/auth/hub-keys.ts';
import { generateAgencyKeys, jwksFileFor, mintToken } from '../../src/auth/keys.ts';
import type { PeerHub } from '../../src/policy/peer-files.ts';
import { loadTrustConfig } from '../../src/auth/trust.ts';
import type { Database } from '../../src/db/client.ts';
import { AgencyService } from '../../src/modules/agencies/agency.service.ts';
import { AgreementService } from '../../src/modules/agreements/agreement.service.ts';
import type { AgreementFile } from '../../src/policy/agreement-files.ts';
import type { Role } from '../../src/auth/caller.ts';
import { startHub, type RunningHub } from '../../src/server/hub.ts';
import type { ConcurrencyLimits, QueryLimits, RateLimits } from '../../src/config/limits.ts';
import { givenAgencies, TEST_AGENCIES } from './builders.ts';
import { createTestDatabase, type TestDatabase } from './database.ts';

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; locations?: { line: number; column: number }[]; extensions?: Record<string, unknown> }[];
}

/** Who sends a request: an agency and roles (a real token is minted), a raw header, or nobody. */
export type As = { agency: string; roles?: Role[] } | { authorization: string } | null;

export interface TestHub {
  readonly url: string;
  readonly db: Database;
  readonly database: TestDatabase;
  /** Where this hub's trust file and keys live. */
  readonly trustFile: string;
  readonly keysDir: string;
  /** POSTs an operation to /graphql over real HTTP, by default as us-ofac with the analyst role. */
  graphql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, as?: As): Promise<GraphQLResponse<T>>;
  /** A real signed token for an agency. */
  token(agency: string, roles?: Role[]): Promise<string>;
  /** The hub's directory: policies/ and keys/ live below it. */
  readonly dir: string;
  /** The sync issuer, when started with `sync`. */
  readonly issuer?: string;
  /** The hub's published signing keys (JWKS), when it has any. */
  readonly hubJwks?: unknown;
  /** Replaces the peers this hub serves bundles to (as a reloaded policies/peers.yaml would). */
  setPeers(peers: readonly PeerHub[]): void;
  /** Writes and applies agreements (replacing the previous set), as `interlock policies apply` does. */
  applyAgreements(agreements: readonly AgreementFile[]): Promise<void>;
  stop(): Promise<void>;
}

export const DEFAULT_CALLER = { agency: 'us-ofac', roles: ['analyst'] as Role[] };

export interface TestHubOptions {
  agreements?: readonly AgreementFile[];
  /** The hub's own signing keys, published at /.well-known/jwks.json. */
  hubKeys?: HubSigningKeys;
  authorization?: 'enforced' | 'disabled-for-benchmark';
  /** The hub's clock for agreements' validity windows (tests move it to expire an agreement). */
  clock?: () => Date;
  /** Serve sync bundles under this issuer: the hub makes its own key (unless `hubKeys`) and reads `peers` on each request. */
  sync?: { issuer: string };
  /** Trust these agencies' tokens as another hub's keys sign them (their published JWKS is copied before this hub adds its own). */
  trustAgencyKeysOf?: { keysDir: string; agencies: readonly string[] };
  /** Production mode (introspection, suggestions and exposed limits off unless the limits say otherwise). */
  production?: boolean;
  queryLimits?: QueryLimits;
  rateLimits?: RateLimits;
  /** How often the license watch reads the change feed (default 1 s); a test counting statements moves it out of the way. */
  licenseWatchIntervalMs?: number;
  concurrency?: ConcurrencyLimits;
  /** A database made beforehand (and disposed of by the caller), e.g. for two hubs on one PostgreSQL. */
  database?: TestDatabase;
  /** The GraphiQL explorer for browsers (default: on unless production). */
  explorer?: boolean;
}

/**
 * Starts a real hub on a random port over a fresh test database, with the test agencies,
 * each with its own signing keys in a temporary trust file, and the given agreements.
 */
export async function startTestHub(options: TestHubOptions = {}): Promise<TestHub> {
  const database = options.database ?? (await createTestDatabase());
  const ownDatabase = options.database === undefined;
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'interlock-hub-'));
  const trustFile = path.join(dir, 'policies', 'trust.yaml');
  const keysDir = path.join(dir, 'keys');
  const agreementsDir = path.join(dir, 'policies', 'agreements');
  await fs.mkdir(agreementsDir, { recursive: true });
  const db = database.handle.db;
  let hub: RunningHub;
  let peers: readonly PeerHub[] = [];
  let hubKeys = options.hubKeys;
  try {
    await fs.mkdir(keysDir, { recursive: true });
    for (const agency of options.trustAgencyKeysOf?.agencies ?? []) {
      await fs.copyFile(jwksFileFor(options.trustAgencyKeysOf!.keysDir, agency), jwksFileFor(keysDir, agency));
    }
    for (const agency of TEST_AGENCIES) await generateAgencyKeys({ agency: agency.id, keysDir, trustFile });
    if (options.sync && !hubKeys) {
      await generateHubKey(keysDir);
      hubKeys = await loadHubKeys(keysDir);
    }
    await givenAgencies(db);
    hub = await startHub({
      config: {
        port: 0,
        host: '127.0.0.1',
        shutdownGraceMs: 2_000,
        production: options.production ?? false,
        explorer: options.explorer,
        queryLimits: options.queryLimits,
        rateLimits: options.rateLimits,
        licenseWatchIntervalMs: options.licenseWatchIntervalMs,
        concurrency: options.concurrency,
      },
      log: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
      database: database.handle,
      identity: createIdentityVerifier(loadTrustConfig(trustFile)),
      authorization: options.authorization ?? 'enforced',
      hubKeys,
      clock: options.clock,
      ...(options.sync ? { sync: { issuer: options.sync.issuer, peers: () => peers } } : {}),
    });
  } catch (error) {
    if (ownDatabase) await database.dispose();
    throw error;
  }
  const tokens = new Map<string, Promise<string>>();
  const token = (agency: string, roles: Role[] = ['analyst']) => {
    const key = `${agency}:${roles.join(',')}`;
    if (!tokens.has(key)) tokens.set(key, mintToken({ agency, roles, keysDir, trustFile, ttlSeconds: 3_600 }));
    return tokens.get(key)!;
  };
  const applyAgreements = async (agreements: readonly AgreementFile[]) => {
    for (const name of await fs.readdir(agreementsDir)) await fs.rm(path.join(agreementsDir, name));
    for (const agreement of agreements) {
      await fs.writeFile(path.join(agreementsDir, `${agreement.id}.yaml`), toYaml(agreement));
    }
    await new AgreementService(db, new AgencyService(db)).applyFiles(agreementsDir);
    hub.policy.invalidate();
  };
  if (options.agreements) await applyAgreements(options.agreements);

  return {
    url: hub.url,
    dir,
    ...(options.sync ? { issuer: options.sync.issuer } : {}),
    ...(hubKeys ? { hubJwks: hubKeys.published } : {}),
    setPeers: (next) => (peers = next),
    db,
    database,
    trustFile,
    keysDir,
    token,
    applyAgreements,
    async graphql(query, variables, as = DEFAULT_CALLER) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (as && 'authorization' in as) headers.authorization = as.authorization;
      else if (as) headers.authorization = `Bearer ${await token(as.agency, as.roles)}`;
      const response = await fetch(`${hub.url}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
      const body = (await response.json()) as GraphQLResponse<never>;
      return { ...body, status: response.status };
    },
    async stop() {
      await hub.stop();
      if (ownDatabase) await database.dispose();
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}

/** The `extensions.code` of each error, for compact assertions. */
export const errorCodes = (response: GraphQLResponse<unknown>) => (response.errors ?? []).map((e) => e.extensions?.code);
