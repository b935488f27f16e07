/**
 * The change feed over HTTP: a partner follows the owner's designations and gets each record
 * as a query would release it to it, withdrawals when it stops seeing one (delisted, marking
 * raised, releasability narrowed, agreement expired, revoked or changed), and never a word
 * of records it could never see — not in changes, not in its cursor, not in errors.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgreementFile } from '../../src/policy/agreement-files.ts';
import { changesPage, Follower, queriedDesignations, WITHHELD } from '../support/change-follower.ts';
import { errorCodes, startTestHub, type As, type TestHub } from '../support/hub.ts';

const OFAC: As = { agency: 'us-ofac', roles: ['analyst'] };
const OFSI: As = { agency: 'gb-ofsi', roles: ['analyst'] };
const METI: As = { agency: 'jp-meti', roles: ['analyst'] };
const BAFA: As = { agency: 'de-bafa', roles: ['analyst'] };

const WATCHLIST: AgreementFile = {
  id: 'ofac-to-ofsi-watchlist',
  title: 'identity and listing of active and provisional listings',
  grantor: 'us-ofac',
  grantees: ['gb-ofsi'],
  purposes: ['sanctions-screening'],
  validFrom: '2026-01-01T00:00:00Z',
  validUntil: '2031-01-01T00:00:00Z',
  ceiling: 'AMBER',
  grants: [{ type: 'Designation', fields: ['identity', 'listing'], where: { status: ['ACTIVE', 'PROVISIONAL'] } }],
};

describe('changes: the feed as each caller may see it', () => {
  let hub: TestHub;
  /** The hub's clock: the system's unless a test moves it. */
  let now: Date | null = null;

  const create = async (input: Record<string, unknown>) => {
    const r = await hub.graphql<{ createDesignation: { id: string; version: number } }>(
      `mutation($input: CreateDesignationInput!) { createDesignation(input: $input) { id version } }`,
      { input: { subjectType: 'ENTITY', status: 'ACTIVE', marking: 'GREEN', programs: ['SDGT'], rationale: 'why', ...input } },
      OFAC,
    );
    expect(r.errors).toBeUndefined();
    return r.data!.createDesignation;
  };
  const update = async (record: { id: string; version: number }, input: Record<string, unknown>) => {
    const r = await hub.graphql<{ updateDesignation: { id: string; version: number } }>(
      `mutation($input: UpdateDesignationInput!) { updateDesignation(input: $input) { id version } }`,
      { input: { id: record.id, expectedVersion: record.version, ...input } },
      OFAC,
    );
    expect(r.errors).toBeUndefined();
    return r.data!.updateDesignation;
  };
  const delist = async (record: { id: string; version: number }) => {
    const r = await hub.graphql(`mutation($input: DelistDesignationInput!) { delistDesignation(input: $input) { id } }`, {
      input: { id: record.id, expectedVersion: record.version, reason: 'court order' },
    }, OFAC);
    expect(r.errors).toBeUndefined();
  };
  const ids = (changes: { kind: string; id: string }[], kind: string) => changes.filter((c) => c.kind === kind).map((c) => c.id).sort();

  beforeAll(async () => {
    hub = await startTestHub({ agreements: [WATCHLIST], clock: () => now ?? new Date() });
  });
  afterAll(() => hub?.stop());

  it('gives the partner its records with exactly the released fields, then a withdrawal for each it stops seeing, and nothing of the rest', async () => {
    const partner = new Follower();
    expect(await partner.drain(hub, OFSI)).toEqual([]);

    const shared = await create({ primaryName: 'Shared Trading' });
    const raised = await create({ primaryName: 'Raised Later' });
    const narrowed = await create({ primaryName: 'Narrowed Later' });
    const red = await create({ primaryName: 'Red Holdings', marking: 'RED' });
    const forBafa = await create({ primaryName: 'Only For Bafa', releasableTo: ['de-bafa'] });
    const suspended = await create({ primaryName: 'Suspended Co', status: 'SUSPENDED' });

    const first = await partner.drain(hub, OFSI);
    expect(ids(first, 'UPSERT')).toEqual([shared.id, raised.id, narrowed.id].sort());
    expect(ids(first, 'WITHDRAWAL')).toEqual([]);
    const record = first.find((c) => c.id === shared.id)!.record!;
    expect(record).toMatchObject({ primaryName: 'Shared Trading', status: 'ACTIVE', programs: ['SDGT'], owner: { id: 'us-ofac' }, marking: 'GREEN' });
    expect(record.rationale).toBe(WITHHELD);
    expect(record.version).toBe(WITHHELD);
    expect(partner.held).toEqual(await queriedDesignations(hub, OFSI));

    await delist(shared);
    await update(raised, { marking: 'RED' });
    await update(narrowed, { releasableTo: ['de-bafa'] });
    await update(red, { primaryName: 'Red Holdings Renamed' });
    await update(forBafa, { primaryName: 'Only For Bafa Renamed' });
    await update(suspended, { primaryName: 'Still Suspended' });
    const second = await partner.drain(hub, OFSI);
    expect(second.map((c) => [c.kind, c.id]).sort()).toEqual(
      [['WITHDRAWAL', shared.id], ['WITHDRAWAL', raised.id], ['WITHDRAWAL', narrowed.id]].sort(),
    );
    expect(partner.held).toEqual(await queriedDesignations(hub, OFSI));
    // A withdrawal names the last version the partner could have held, not the owner's later ones.
    expect(second.find((c) => c.id === raised.id)!.version).toBe(raised.version);

    // The owner follows its own feed whole.
    const owner = new Follower();
    await owner.drain(hub, OFAC, 2);
    expect(owner.held).toEqual(await queriedDesignations(hub, OFAC));
    expect(owner.held.get(red.id)!.rationale).toBe('why');
  });

  it('withdraws what an expired agreement released, brings it back under a new one, and withdraws it again when revoked', async () => {
    await create({ primaryName: 'Agreement Probe' });
    const partner = new Follower();
    await partner.drain(hub, OFSI);
    const visible = [...partner.held.keys()].sort();
    expect(visible.length).toBeGreaterThan(0);

    now = new Date('2031-02-01T00:00:00Z');
    try {
      const expired = await partner.drain(hub, OFSI, 1);
      expect(expired.map((c) => c.kind)).toEqual(visible.map(() => 'WITHDRAWAL'));
      expect(expired.map((c) => c.id).sort()).toEqual(visible);
      expect(partner.held.size).toBe(0);
      expect(await partner.drain(hub, OFSI)).toEqual([]);
    } finally {
      now = null;
    }
    // Back in the window: the same records return whole.
    const renewed = await partner.drain(hub, OFSI);
    expect(ids(renewed, 'UPSERT')).toEqual(visible);
    expect(partner.held).toEqual(await queriedDesignations(hub, OFSI));

    // A narrower version of the agreement: the same records, fewer fields.
    await hub.applyAgreements([{ ...WATCHLIST, grants: [{ type: 'Designation', fields: ['identity'], where: { status: ['ACTIVE', 'PROVISIONAL'] } }] }]);
    const narrower = await partner.drain(hub, OFSI);
    expect(ids(narrower, 'UPSERT')).toEqual(visible);
    expect([...partner.held.values()].every((r) => r.status === WITHHELD && r.primaryName !== WITHHELD)).toBe(true);
    expect(partner.held).toEqual(await queriedDesignations(hub, OFSI));

    await hub.applyAgreements([{ ...WATCHLIST, revokedAt: '2026-02-01T00:00:00Z' }]);
    const revoked = await partner.drain(hub, OFSI);
    expect(ids(revoked, 'WITHDRAWAL')).toEqual(visible);
    expect(partner.held.size).toBe(0);
    await hub.applyAgreements([WATCHLIST]);
    await partner.drain(hub, OFSI);
    expect(partner.held).toEqual(await queriedDesignations(hub, OFSI));
  });

  it('finishes moving a follower between agreements when they change again halfway through the move', async () => {
    for (let i = 0; i < 3; i++) await create({ primaryName: `Halfway ${i}` });
    const partner = new Follower();
    await partner.drain(hub, OFSI);
    expect(partner.held.size).toBeGreaterThan(1);
    await hub.applyAgreements([]);
    const firstWithdrawal = await partner.poll(hub, OFSI, 1);
    expect(firstWithdrawal.changes.map((c) => c.kind)).toEqual(['WITHDRAWAL']);
    expect(firstWithdrawal.hasMore).toBe(true);
    // Back to the first terms before the follower has heard of every withdrawal.
    await hub.applyAgreements([WATCHLIST]);
    await partner.drain(hub, OFSI, 1);
    expect(partner.held).toEqual(await queriedDesignations(hub, OFSI));
  });

  it('tells an agency with no agreement nothing: no entries, no more pages, and cursor bytes that do not follow the owner', async () => {
    const idle = new Follower();
    expect(await idle.drain(hub, METI)).toEqual([]);
    const cursors = new Set<string>();
    const lengths = new Set<number>();
    for (let round = 0; round < 3; round++) {
      const before = idle.cursor!;
      await create({ primaryName: `Unseen ${round}` });
      const page = await changesPage(hub, METI, { after: before });
      expect(page.changes).toEqual([]);
      expect(page.hasMore).toBe(false);
      // Asking again with the same cursor and nothing new: new bytes all the same.
      const again = await changesPage(hub, METI, { after: before });
      for (const cursor of [page.cursor, again.cursor]) {
        expect(cursors.has(cursor)).toBe(false);
        cursors.add(cursor);
        lengths.add(cursor.length);
      }
      idle.cursor = page.cursor;
    }
    expect(lengths.size).toBe(1);
  });

  it('pages with hasMore and a cursor that resumes exactly where the last page stopped', async () => {
    const partner = new Follower();
    const pages: number[] = [];
    for (;;) {
      const page = await partner.poll(hub, OFSI, 1);
      pages.push(page.changes.length);
      if (!page.hasMore) break;
    }
    expect(pages.every((n) => n === 1)).toBe(true);
    expect(partner.held).toEqual(await queriedDesignations(hub, OFSI));
  });

  it('refuses a tampered cursor, another agency’s, one for other types, and a bad page size, as BAD_USER_INPUT', async () => {
    const { cursor } = await changesPage(hub, OFSI, {});
    const tampered = `${cursor.slice(0, 20)}${cursor[20] === 'A' ? 'B' : 'A'}${cursor.slice(21)}`;
    const ask = (as: As, variables: Record<string, unknown>) => hub.graphql(`query($after: String, $first: Int, $types: [RecordType!]) { changes(after: $after, first: $first, types: $types) { cursor } }`, variables, as);
    expect(errorCodes(await ask(OFSI, { after: tampered }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await ask(OFSI, { after: 'not-a-cursor' }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await ask(BAFA, { after: cursor }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await ask(OFSI, { after: cursor, types: ['Designation'] }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await ask(OFSI, { first: 501 }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await ask(OFSI, { types: [] }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await ask(null, {}))).toEqual(['UNAUTHENTICATED']);
    expect(errorCodes(await ask(OFSI, { after: cursor }))).toEqual([]);
  });
});
