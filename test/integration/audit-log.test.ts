import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateHubKey, loadHubKeys, type HubSigningKeys } from '../../src/auth/hub-keys.ts';
import { queryRows, type Database, type Executor } from '../../src/db/client.ts';
import { appendAuditEntries, AuditAppender } from '../../src/modules/audit/audit-log.ts';
import type { AccessLogRow } from '../../src/modules/audit/access-log.ts';
import { checkAuditLog } from '../../src/modules/audit/audit-check.ts';
import { canonicalEntry, type AuditEntry } from '../../src/modules/audit/audit-entry.ts';
import { leafHash, verifyConsistency, verifyInclusion } from '../../src/modules/audit/merkle.ts';
import type { AgreementFile } from '../../src/policy/agreement-files.ts';
import { startTestHub, type As, type TestHub } from '../support/hub.ts';

const OFAC: As = { agency: 'us-ofac', roles: ['analyst'] };
const BAFA: As = { agency: 'de-bafa', roles: ['analyst'] };
const METI: As = { agency: 'jp-meti', roles: ['analyst'] };

const AGREEMENTS: AgreementFile[] = [
  {
    id: 'ofac-to-bafa-watchlist',
    title: 'identity and listing',
    grantor: 'us-ofac',
    grantees: ['de-bafa'],
    purposes: ['licensing'],
    validFrom: '2026-01-01',
    ceiling: 'AMBER',
    grants: [{ type: 'Designation', fields: ['identity', 'listing'] }],
  },
];

type AccessRow = Omit<AccessLogRow, 'id' | 'at'>;
const ACCESS_LOG = `query Access($recordId: String, $agency: String, $first: Int, $after: String) {
  accessLog(recordId: $recordId, agency: $agency, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { agency user operation recordType recordId owner fields agreements entry } }
  }
}`;

/** Runs `tamper` on the log with its triggers off (what only a superuser could do) and verifies, then rolls it all back. */
async function verifiedAfter(db: Database, keys: HubSigningKeys, tamper: (tx: Executor) => Promise<unknown>) {
  let result: Awaited<ReturnType<typeof checkAuditLog>> | undefined;
  await db
    .transaction(async (tx) => {
      await tx.execute(sql`ALTER TABLE audit_entries DISABLE TRIGGER USER`);
      await tamper(tx);
      result = await checkAuditLog(tx, keys.published);
      throw new RolledBack();
    })
    .catch((error: unknown) => {
      if (!(error instanceof RolledBack)) throw error;
    });
  return result!;
}
class RolledBack extends Error {}

describe('audit log', () => {
  let hub: TestHub;
  let keys: HubSigningKeys;
  let designationId: string;
  let keysDir: string;

  beforeAll(async () => {
    keysDir = await fs.mkdtemp(path.join(os.tmpdir(), 'interlock-audit-keys-'));
    await generateHubKey(keysDir);
    keys = (await loadHubKeys(keysDir))!;
    hub = await startTestHub({ agreements: AGREEMENTS, hubKeys: keys });
    const created = await hub.graphql<{ createDesignation: { id: string; version: number } }>(
      `mutation Create($input: CreateDesignationInput!) { createDesignation(input: $input) { id version } }`,
      { input: { subjectType: 'ENTITY', primaryName: 'Audit Trading FZE', status: 'ACTIVE', programs: ['NPWMD'], marking: 'GREEN', rationale: 'secret reasons' } },
      OFAC,
    );
    designationId = created.data!.createDesignation.id;
    const updated = await hub.graphql(
      `mutation Update($input: UpdateDesignationInput!) { updateDesignation(input: $input) { id version } }`,
      { input: { id: designationId, expectedVersion: 1, remarks: "checked" } },
      OFAC,
    );
    expect(updated.errors).toBeUndefined();
  });
  afterAll(async () => {
    await hub?.stop();
    await fs.rm(keysDir, { recursive: true, force: true });
  });

  it("shows the owner a partner's access with exactly the fields released and the agreement that released them", async () => {
    const read = await hub.graphql<{ designation: { id: string; primaryName: string; rationale: string | null } }>(
      `query Partner($id: ID!) { designation(id: $id) { id primaryName status rationale } }`,
      { id: designationId },
      BAFA,
    );
    expect(read.data!.designation.primaryName).toBe('Audit Trading FZE');
    expect(read.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);

    const ownerView = await hub.graphql<{ accessLog: { totalCount: number; edges: { node: AccessRow }[] } }>(ACCESS_LOG, { recordId: designationId, agency: 'de-bafa' }, OFAC);
    expect(ownerView.errors).toBeUndefined();
    expect(ownerView.data!.accessLog.edges.map((e) => e.node)).toEqual([
      expect.objectContaining({
        agency: 'de-bafa',
        operation: 'Partner',
        recordType: 'Designation',
        recordId: designationId,
        owner: 'us-ofac',
        // `rationale` was asked for and withheld: it is not in the log as released.
        fields: ['id', 'primaryName', 'status'],
        agreements: ['ofac-to-bafa-watchlist'],
      }),
    ]);
    // The partner sees its own request; an agency neither owner nor requester sees nothing.
    const partnerView = await hub.graphql<{ accessLog: { edges: { node: AccessRow }[] } }>(ACCESS_LOG, { recordId: designationId }, BAFA);
    expect(partnerView.data!.accessLog.edges.map((e) => [e.node.agency, e.node.fields])).toEqual([['de-bafa', ['id', 'primaryName', 'status']]]);
    const stranger = await hub.graphql<{ accessLog: { totalCount: number } }>(ACCESS_LOG, { recordId: designationId }, METI);
    expect(stranger.data!.accessLog.totalCount).toBe(0);

    const csv = await hub.graphql<{ accessLogCsv: string }>(`{ accessLogCsv(agency: "de-bafa") }`, undefined, OFAC);
    const lines = csv.data!.accessLogCsv.trim().split('\r\n');
    expect(lines[0]).toBe('at,agency,user,operation,recordType,recordId,owner,fields,agreements,entry');
    expect(lines.slice(1).some((line) => line.includes(`de-bafa,`) && line.includes(`,${designationId},us-ofac,id;primaryName;status,ofac-to-bafa-watchlist,`))).toBe(true);
  });

  it('pages the access log', async () => {
    for (let i = 0; i < 3; i++) await hub.graphql(`query Again($id: ID!) { designation(id: $id) { id } }`, { id: designationId }, BAFA);
    const first = await hub.graphql<{ accessLog: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string }; edges: { node: AccessRow }[] } }>(
      ACCESS_LOG,
      { recordId: designationId, agency: 'de-bafa', first: 2 },
      OFAC,
    );
    expect(first.data!.accessLog.totalCount).toBeGreaterThanOrEqual(4);
    expect(first.data!.accessLog.pageInfo.hasNextPage).toBe(true);
    const second = await hub.graphql<{ accessLog: { edges: { node: AccessRow }[] } }>(
      ACCESS_LOG,
      { recordId: designationId, agency: 'de-bafa', first: 2, after: first.data!.accessLog.pageInfo.endCursor },
      OFAC,
    );
    const entries = [...first.data!.accessLog.edges, ...second.data!.accessLog.edges].map((e) => e.node.entry);
    expect(new Set(entries).size).toBe(4);
  });

  it('records writes with their versions, redacts variables, and records refusals', async () => {
    const entries = (await queryRows<{ entry: string }>(hub.db, sql`SELECT entry FROM audit_entries ORDER BY entry_index`)).map((r) => JSON.parse(r.entry) as AuditEntry);
    // Applying the agreements at start was recorded as a policy change, before any request.
    expect(entries[0]).toMatchObject({ kind: 'policy_change', index: 0, previous: null, agreements: [{ id: 'ofac-to-bafa-watchlist', change: 'added' }] });
    const writes = entries.flatMap((e) => (e.kind === 'request' ? e.writes : []));
    expect(writes).toEqual([
      { type: 'Designation', id: designationId, owner: 'us-ofac', before: null, after: 1 },
      { type: 'Designation', id: designationId, owner: 'us-ofac', before: 1, after: 2 },
    ]);
    const create = entries.find((e) => e.kind === 'request' && e.operation.name === 'Create') as Extract<AuditEntry, { kind: 'request' }>;
    expect(create.agency).toBe('us-ofac');
    expect(create.roles).toEqual(['analyst']);
    expect(create.operation.documentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(create.variables)).not.toContain('secret reasons');
    expect(create.variables).toMatchObject({ input: { primaryName: '[redacted]', status: 'ACTIVE', rationale: '[redacted]' } });
    const partner = entries.find((e) => e.kind === 'request' && e.operation.name === 'Partner') as Extract<AuditEntry, { kind: 'request' }>;
    expect(partner).toMatchObject({ outcome: 'partial', errorCodes: ['FORBIDDEN'] });

    const refused = await hub.graphql(`query Missing { designation(id: "00000000-0000-4000-8000-000000000000") { id } }`, undefined, METI);
    expect(refused.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const [last] = await queryRows<{ entry: string }>(hub.db, sql`SELECT entry FROM audit_entries ORDER BY entry_index DESC LIMIT 1`);
    expect(JSON.parse(last!.entry)).toMatchObject({ agency: 'jp-meti', outcome: 'error', errorCodes: ['NOT_FOUND'], released: [] });
  });

  it('signs tree heads on demand, with inclusion and consistency proofs that verify', async () => {
    const PUBLISH = `mutation { publishAuditTreeHead { treeSize rootHash signedAt signature } }`;
    const first = (await hub.graphql<{ publishAuditTreeHead: { treeSize: number; rootHash: string; signature: string } }>(PUBLISH, undefined, BAFA)).data!.publishAuditTreeHead;
    await hub.graphql(`query More($id: ID!) { designation(id: $id) { id } }`, { id: designationId }, BAFA);
    const second = (await hub.graphql<{ publishAuditTreeHead: { treeSize: number; rootHash: string; signature: string } }>(PUBLISH, undefined, BAFA)).data!.publishAuditTreeHead;
    expect(second.treeSize).toBeGreaterThan(first.treeSize);
    expect(second.signature.split('.')).toHaveLength(3);

    const proof = await hub.graphql<{ auditProof: { leafHash: string; path: string[]; treeSize: number; entryText: string | null; treeHead: { rootHash: string } } }>(
      `query { auditProof(entry: 1) { leafHash path treeSize entryText treeHead { rootHash } } }`,
      undefined,
      OFAC,
    );
    const { leafHash: leaf, path: auditPath, treeSize, entryText, treeHead } = proof.data!.auditProof;
    expect(treeSize).toBe(second.treeSize);
    expect(treeHead.rootHash).toBe(second.rootHash);
    // Entry 1 is OFAC's create (entry 0 the agreements applied at start): OFAC gets its text and can hash it itself.
    expect(leafHash(entryText!).toString('hex')).toBe(leaf);
    const hex = (h: string) => Buffer.from(h, 'hex');
    expect(verifyInclusion(1, treeSize, hex(leaf), auditPath.map(hex), hex(second.rootHash))).toBe(true);
    expect(verifyInclusion(1, treeSize, leafHash('{"forged":true}'), auditPath.map(hex), hex(second.rootHash))).toBe(false);
    // Another agency's entry: the proof, not the text.
    const foreign = await hub.graphql<{ auditProof: { entryText: string | null } }>(`query { auditProof(entry: 1) { entryText } }`, undefined, BAFA);
    expect(foreign.data!.auditProof.entryText).toBeNull();

    const consistency = await hub.graphql<{ auditConsistency: { proof: string[] } }>(
      `query C($from: Int!, $to: Int!) { auditConsistency(from: $from, to: $to) { proof } }`,
      { from: first.treeSize, to: second.treeSize },
      BAFA,
    );
    const steps = consistency.data!.auditConsistency.proof.map(hex);
    expect(verifyConsistency(first.treeSize, second.treeSize, hex(first.rootHash), hex(second.rootHash), steps)).toBe(true);
    expect(verifyConsistency(first.treeSize, second.treeSize, leafHash('another history'), hex(second.rootHash), steps)).toBe(false);

    const bad = await hub.graphql(`query { auditProof(entry: 100000) { leafHash } }`, undefined, BAFA);
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it("refuses UPDATE, DELETE and TRUNCATE on the audit tables to the hub's role", async () => {
    for (const statement of [
      sql`UPDATE audit_entries SET entry = '{}' WHERE entry_index = 0`,
      sql`DELETE FROM audit_entries WHERE entry_index = 0`,
      sql`TRUNCATE audit_entries CASCADE`,
      sql`UPDATE audit_release_sets SET fields = '{}'`,
      sql`DELETE FROM audit_release_sets`,
      sql`DELETE FROM audit_tree_heads`,
      sql`UPDATE audit_tree_heads SET root_hash = 'x'`,
    ]) {
      const failure = await hub.db.execute(statement).then(
        () => undefined,
        (error: unknown) => error as Error & { cause?: Error },
      );
      expect(String(failure?.cause?.message ?? failure?.message)).toMatch(/append-only|permission denied/);
    }
    const [{ n }] = (await queryRows<{ n: string | number }>(hub.db, sql`SELECT count(*) AS n FROM audit_entries`)) as [{ n: string | number }];
    expect(Number(n)).toBeGreaterThan(5);
  });

  it('verifies an untouched log, and names the first entry edited, removed, inserted or reordered', async () => {
    await hub.graphql(`mutation { publishAuditTreeHead { treeSize } }`, undefined, OFAC);
    const clean = await checkAuditLog(hub.db, keys.published);
    expect(clean.problems).toEqual([]);
    expect(clean.entries).toBeGreaterThan(5);
    expect(clean.treeHeads).toBeGreaterThanOrEqual(3);

    // Edited in place: the text no longer hashes to its leaf.
    const edited = await verifiedAfter(hub.db, keys, (tx) => tx.execute(sql`UPDATE audit_entries SET entry = replace(entry, 'de-bafa', 'jp-meti') WHERE entry_index = 3`));
    expect(edited.problems[0]).toMatchObject({ kind: 'edited', entry: 3 });

    // Edited with its stored leaf hash recomputed: the next entry still names it.
    const careful = await verifiedAfter(hub.db, keys, async (tx) => {
      const [row] = await queryRows<{ entry: string }>(tx, sql`SELECT entry FROM audit_entries WHERE entry_index = 2`);
      const forged = canonicalEntry({ ...(JSON.parse(row!.entry) as AuditEntry), at: '2020-01-01T00:00:00.000Z' });
      await tx.execute(sql`UPDATE audit_entries SET entry = ${forged}, leaf_hash = ${leafHash(forged).toString('hex')} WHERE entry_index = 2`);
    });
    expect(careful.problems[0]).toMatchObject({ kind: 'edited', entry: 2 });
    expect(careful.problems.some((p) => p.kind === 'tree_head_mismatch')).toBe(true);

    const removed = await verifiedAfter(hub.db, keys, async (tx) => {
      await tx.execute(sql`ALTER TABLE audit_release_sets DISABLE TRIGGER USER`);
      await tx.execute(sql`DELETE FROM audit_release_sets WHERE entry_index = 4`);
      await tx.execute(sql`DELETE FROM audit_entries WHERE entry_index = 4`);
    });
    expect(removed.problems[0]).toMatchObject({ kind: 'removed', entry: 4 });

    // Removed, and the later rows renumbered to close the gap.
    const closed = await verifiedAfter(hub.db, keys, async (tx) => {
      await tx.execute(sql`ALTER TABLE audit_release_sets DISABLE TRIGGER USER`);
      await tx.execute(sql`ALTER TABLE audit_release_sets DROP CONSTRAINT audit_release_sets_entry_index_fkey`);
      await tx.execute(sql`DELETE FROM audit_entries WHERE entry_index = 4`);
      const later = await queryRows<{ entry_index: string | number }>(tx, sql`SELECT entry_index FROM audit_entries WHERE entry_index > 4 ORDER BY entry_index`);
      for (const row of later) await tx.execute(sql`UPDATE audit_entries SET entry_index = entry_index - 1 WHERE entry_index = ${Number(row.entry_index)}`);
    });
    expect(closed.problems[0]).toMatchObject({ kind: 'removed', entry: 4 });

    const reordered = await verifiedAfter(hub.db, keys, async (tx) => {
      await tx.execute(sql`UPDATE audit_entries SET entry_index = -1 WHERE entry_index = 5`);
      await tx.execute(sql`UPDATE audit_entries SET entry_index = 5 WHERE entry_index = 6`);
      await tx.execute(sql`UPDATE audit_entries SET entry_index = 6 WHERE entry_index = -1`);
    });
    expect(reordered.problems[0]).toMatchObject({ kind: 'reordered', entry: 5 });

    // Inserted with a correct index, chain and leaf hash, the later rows moved up by one.
    const inserted = await verifiedAfter(hub.db, keys, async (tx) => {
      await tx.execute(sql`ALTER TABLE audit_release_sets DISABLE TRIGGER USER`);
      await tx.execute(sql`ALTER TABLE audit_release_sets DROP CONSTRAINT audit_release_sets_entry_index_fkey`);
      const rows = await queryRows<{ entry_index: string | number }>(tx, sql`SELECT entry_index FROM audit_entries WHERE entry_index >= 3 ORDER BY entry_index DESC`);
      for (const row of rows) await tx.execute(sql`UPDATE audit_entries SET entry_index = entry_index + 1 WHERE entry_index = ${Number(row.entry_index)}`);
      const [before] = await queryRows<{ leaf_hash: string }>(tx, sql`SELECT leaf_hash FROM audit_entries WHERE entry_index = 2`);
      const forged = canonicalEntry({
        kind: 'policy_change',
        agreements: [],
        v: 1,
        index: 3,
        at: '2026-01-01T00:00:00.000Z',
        previous: before!.leaf_hash,
      });
      await tx.execute(sql`INSERT INTO audit_entries (entry_index, recorded_at, kind, entry, leaf_hash) VALUES (3, now(), 'policy_change', ${forged}, ${leafHash(forged).toString('hex')})`);
    });
    expect(inserted.problems[0]).toMatchObject({ kind: 'inserted', entry: 3 });

    // Entries past the last tree head, removed from the end: the head still names them.
    const truncated = await verifiedAfter(hub.db, keys, async (tx) => {
      await tx.execute(sql`ALTER TABLE audit_release_sets DISABLE TRIGGER USER`);
      const [state] = await queryRows<{ size: string | number }>(tx, sql`SELECT size FROM audit_log_state`);
      const size = Number(state!.size);
      await tx.execute(sql`DELETE FROM audit_release_sets WHERE entry_index >= ${size - 2}`);
      await tx.execute(sql`DELETE FROM audit_entries WHERE entry_index >= ${size - 2}`);
      await tx.execute(sql`UPDATE audit_log_state SET size = ${size - 2}`);
    });
    expect(truncated.problems[0]).toMatchObject({ kind: 'removed' });
  });

  it('appends concurrently without two entries at one index or a gap', async () => {
    const db = hub.db;
    const [before] = await queryRows<{ size: string | number }>(db, sql`SELECT size FROM audit_log_state`);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        appendAuditEntries(db, [{ content: { kind: 'policy_change', agreements: [{ id: `concurrent-${i}`, change: 'test', documentHash: null }] }, at: new Date() }, { content: { kind: 'policy_change', agreements: [] }, at: new Date() }]),
      ),
    );
    const rows = await queryRows<{ entry_index: string | number }>(db, sql`SELECT entry_index FROM audit_entries ORDER BY entry_index`);
    expect(rows.map((r) => Number(r.entry_index))).toEqual(rows.map((_, i) => i));
    expect(rows.length).toBe(Number(before!.size) + 40);
    expect((await checkAuditLog(db, keys.published)).problems).toEqual([]);
  });
  it('keeps the log dense and verifiable when several appenders (as several hub processes would) and locked appends interleave', async () => {
    const db = hub.db;
    const [before] = await queryRows<{ size: string | number }>(db, sql`SELECT size FROM audit_log_state`);
    const appenders = [new AuditAppender(db), new AuditAppender(db), new AuditAppender(db)];
    const change = (id: string) => ({ kind: 'policy_change' as const, agreements: [{ id, change: 'test', documentHash: null }] });
    // A write whose audit entry rolls back with it: the appenders' remembered log end is then stale.
    const rolledBack = db
      .transaction(async (tx) => {
        await appendAuditEntries(tx, [{ content: change('rolled-back'), at: new Date() }]);
        throw new RolledBack();
      })
      .catch((error: unknown) => {
        if (!(error instanceof RolledBack)) throw error;
      });
    await Promise.all([
      rolledBack,
      ...Array.from({ length: 30 }, (_, i) => appenders[i % 3]!.append(change(`appender-${i}`))),
      ...Array.from({ length: 5 }, (_, i) => appendAuditEntries(db, [{ content: change(`locked-${i}`), at: new Date() }])),
    ]);
    await Promise.all(appenders.slice(0, 2).map((appender, i) => appender.append(change(`after-${i}`))));
    const rows = await queryRows<{ entry_index: string | number; entry: string }>(db, sql`SELECT entry_index, entry FROM audit_entries ORDER BY entry_index`);
    expect(rows.map((r) => Number(r.entry_index))).toEqual(rows.map((_, i) => i));
    expect(rows.length).toBe(Number(before!.size) + 37);
    expect(rows.some((r) => r.entry.includes('rolled-back'))).toBe(false);
    expect((await checkAuditLog(db, keys.published)).problems).toEqual([]);
  });
  it('withholds the answer when its audit entry cannot be stored', async () => {
    // A real failure of the append (a trigger refusing this one operation's entry), not a mocked appender.
    await hub.db.execute(sql`CREATE FUNCTION refuse_unrecordable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.operation = 'Unrecordable' THEN RAISE EXCEPTION 'audit storage refused'; END IF; RETURN NEW; END $$`);
    await hub.db.execute(sql`CREATE TRIGGER refuse_unrecordable BEFORE INSERT ON audit_entries FOR EACH ROW EXECUTE FUNCTION refuse_unrecordable()`);
    try {
      const refused = await hub.graphql(`query Unrecordable { designations(first: 5) { edges { node { id primaryName } } } }`, undefined, BAFA);
      expect(refused.status).toBe(500);
      expect(refused.data ?? null).toBeNull();
      expect(JSON.stringify(refused)).not.toContain('Audit Trading FZE');
      expect(refused.errors?.map((e) => e.extensions?.code)).toEqual(['AUDIT_UNAVAILABLE']);
      expect(JSON.stringify(refused.errors)).not.toContain('audit storage refused');
      const recorded = await hub.graphql(`query Recordable { designations(first: 5) { edges { node { id primaryName } } } }`, undefined, BAFA);
      expect(recorded.status).toBe(200);
      expect(JSON.stringify(recorded.data)).toContain('Audit Trading FZE');
    } finally {
      await hub.db.execute(sql`DROP TRIGGER refuse_unrecordable ON audit_entries`);
      await hub.db.execute(sql`DROP FUNCTION refuse_unrecordable()`);
    }
  });
  it('pages through the records one request released, each once and in order, with the count the pages add up to', async () => {
    for (const name of ['Paging One LLC', 'Paging Two LLC', 'Paging Three LLC']) {
      await hub.graphql(`mutation Create($input: CreateDesignationInput!) { createDesignation(input: $input) { id } }`, {
        input: { subjectType: 'ENTITY', primaryName: name, status: 'ACTIVE', programs: ['NPWMD'], marking: 'GREEN' },
      }, OFAC);
    }
    const listed = await hub.graphql<{ designations: { edges: { node: { id: string } }[] } }>(`query Listing { designations(first: 10) { edges { node { id primaryName } } } }`, undefined, BAFA);
    const released = listed.data!.designations.edges.map((e) => e.node.id);
    expect(released.length).toBeGreaterThanOrEqual(4);
    const seen: { entry: number; recordId: string; operation: string | null }[] = [];
    let after: string | null = null;
    let total = 0;
    for (;;) {
      const page: { data?: null | { accessLog: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string }; edges: { node: AccessRow }[] } } } = await hub.graphql(ACCESS_LOG, { agency: 'de-bafa', first: 2, after }, OFAC);
      total = page.data!.accessLog.totalCount;
      seen.push(...page.data!.accessLog.edges.map((e) => e.node));
      if (!page.data!.accessLog.pageInfo.hasNextPage) break;
      after = page.data!.accessLog.pageInfo.endCursor;
    }
    expect(seen.length).toBe(total);
    const listing = seen.filter((row) => row.operation === 'Listing');
    expect(listing.map((row) => row.recordId).sort()).toEqual([...released].sort());
    expect(new Set(seen.map((row) => `${row.entry}/${row.recordId}`)).size).toBe(seen.length);
    expect(seen.map((row) => row.entry)).toEqual([...seen.map((row) => row.entry)].sort((a, b) => a - b));
  });
});
