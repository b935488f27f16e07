/**
 * Hub-to-hub sync between real hubs, each on its own database with its own keys: hub A (home of
 * us-ofac) serves signed bundles, hub B (home of gb-ofsi) pulls them, hub C (home of de-bafa)
 * pulls from B. What B holds is exactly what A releases to gb-ofsi; changes and delistings
 * follow; a tampered bundle or one made for another hub changes nothing; re-pulling is a no-op;
 * a record travels no further than its owner's agreement allows.
 */
import { count, eq, sql } from 'drizzle-orm';
import { queryRows } from '../../src/db/client.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeFeed, syncPeerState, syncReceivedRecords } from '../../src/db/schema/index.ts';
import type { AgreementFile } from '../../src/policy/agreement-files.ts';
import { startTestHub, type As, type TestHub } from '../support/hub.ts';
import { connectPeers, pull } from '../support/sync/peering.ts';
import { loadPeerSetup, syncStatus } from '../../src/modules/sync/peer-sync.ts';
import path from 'node:path';
import { MAX_PEER_HUB_PAGE } from '../../src/modules/changes/changes-cursor.ts';

const OFAC: As = { agency: 'us-ofac', roles: ['analyst'] };
const OFSI: As = { agency: 'gb-ofsi', roles: ['analyst'] };
const BAFA: As = { agency: 'de-bafa', roles: ['analyst'] };

const terms = {
  grantor: 'us-ofac',
  grantees: ['gb-ofsi', 'de-bafa'],
  purposes: ['sanctions-screening', 'hub-sync'],
  validFrom: '2026-01-01T00:00:00Z',
  ceiling: 'AMBER',
} satisfies Partial<AgreementFile>;
/** Terrorism listings: identity and listing, and one hub more may relay them. */
const WATCHLIST: AgreementFile = {
  id: 'us-ofac-watchlist',
  title: 'identity and listing of terrorism designations',
  ...terms,
  grants: [{ type: 'Designation', fields: ['identity', 'listing'], where: { program: ['SDGT'] } }],
  reshare: { hops: 1 },
};
/**
 * Proliferation listings: identity, status and programs (the receiving hub applies the same
 * agreement to its copy, so the attribute it conditions on must travel), not to be passed on.
 */
const PROLIFERATION: AgreementFile = {
  id: 'us-ofac-proliferation',
  title: 'identity of proliferation designations',
  ...terms,
  grants: [{ type: 'Designation', fields: ['identity', 'status', 'programs'], where: { program: ['NPWMD'] } }],
};

/** The threat library and control list: what an entry is, not why (descriptions of controls withheld), not to be passed on. */
const LIBRARY: AgreementFile = {
  id: 'us-ofac-library',
  title: 'threat library and control list',
  ...terms,
  grants: [
    { type: 'ThreatEntry', fields: ['summary', 'evidence'] },
    { type: 'ControlListEntry', fields: ['classification'] },
  ],
};

const FIELDS = `id owner { id } marking subjectType primaryName aliases { name kind strength } identifiers { type value issuingCountry }
  addresses { city country } nationalities datesOfBirth { date rangeEnd approximate } placesOfBirth programs status effectiveFrom
  sunsetDate delistedAt sourceList legalBasis rationale remarks delistingReason version`;
const GET = `query Get($id: ID!) { designation(id: $id) { ${FIELDS} } }`;

describe('sync between real hubs', () => {
  let a: TestHub;
  let b: TestHub;
  let c: TestHub;

  beforeAll(async () => {
    c = await startTestHub({ sync: { issuer: 'http://hub-c.test/' }, agreements: [WATCHLIST, PROLIFERATION, LIBRARY] });
    b = await startTestHub({ sync: { issuer: 'http://hub-b.test/' }, agreements: [WATCHLIST, PROLIFERATION, LIBRARY], trustAgencyKeysOf: { keysDir: c.keysDir, agencies: ['de-bafa'] } });
    a = await startTestHub({
      sync: { issuer: 'http://hub-a.test/' },
      agreements: [WATCHLIST, PROLIFERATION, LIBRARY],
      trustAgencyKeysOf: { keysDir: b.keysDir, agencies: ['gb-ofsi'] },
    });
    await connectPeers(a, [
      { id: 'hub-b', hub: b, originFor: ['gb-ofsi'] },
      { id: 'hub-c', hub: c, originFor: ['de-bafa'] },
    ]);
    await connectPeers(b, [
      { id: 'hub-a', hub: a, originFor: ['us-ofac'], pullAs: 'gb-ofsi' },
      { id: 'hub-c', hub: c, originFor: ['de-bafa'] },
    ]);
    await connectPeers(c, [
      { id: 'hub-b', hub: b, originFor: ['gb-ofsi'], speaksFor: ['gb-ofsi', 'us-ofac'], pullAs: 'de-bafa' },
      { id: 'hub-a', hub: a, originFor: ['us-ofac'] },
    ]);
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop(), c?.stop()]);
  });

  const designate = async (input: Record<string, unknown>) => {
    const r = await a.graphql<{ createDesignation: { id: string; version: number } }>(
      `mutation($input: CreateDesignationInput!) { createDesignation(input: $input) { id version } }`,
      {
        input: {
          subjectType: 'INDIVIDUAL',
          status: 'ACTIVE',
          marking: 'GREEN',
          programs: ['SDGT'],
          rationale: 'Financier of a listed group.',
          legalBasis: 'E.O. 13224',
          aliases: [{ name: 'Абу Пример', kind: 'AKA', strength: 'STRONG' }],
          identifiers: [{ type: 'PASSPORT', value: 'X1234567', issuingCountry: 'SY' }],
          addresses: [{ city: 'Damascus', country: 'SY' }],
          nationalities: ['SY'],
          datesOfBirth: [{ date: '1970-03', approximate: true }],
          ...input,
        },
      },
      OFAC,
    );
    expect(r.errors).toBeUndefined();
    return r.data!.createDesignation;
  };
  const answer = async (hub: TestHub, id: string, as: As) => {
    const r = await hub.graphql<{ designation: Record<string, unknown> | null }>(GET, { id }, as);
    return { data: r.data?.designation ?? null, withheld: (r.errors ?? []).map((e) => `${e.path?.join('.')}:${String(e.extensions?.code)}`).sort() };
  };
  const feedSize = async (hub: TestHub) => (await hub.db.select({ n: count() }).from(changeFeed))[0]!.n;
  const peerState = async (hub: TestHub, peer: string) => (await hub.db.select().from(syncPeerState).where(eq(syncPeerState.peerId, peer)))[0];

  let financier: { id: string; version: number };
  let proliferator: { id: string; version: number };

  it('B holds exactly the fields A releases to gb-ofsi: field by field what A answers gb-ofsi directly', async () => {
    financier = await designate({ primaryName: 'Abu Example' });
    proliferator = await designate({ primaryName: 'Example Procurement Front', subjectType: 'ENTITY', programs: ['NPWMD'], datesOfBirth: [] });
    const red = await designate({ primaryName: 'Red Source', marking: 'RED' });
    const other = await designate({ primaryName: 'Counter-Narcotics Target', programs: ['SDNTK'] });

    const result = await pull(b, 'hub-a');
    expect(result).toMatchObject({ ok: true, hasMore: false });
    expect(result.counts.applied).toBe(2);

    for (const record of [financier, proliferator]) {
      const atB = await answer(b, record.id, OFSI);
      const atA = await answer(a, record.id, OFSI);
      expect(atB.data).not.toBeNull();
      expect(atB).toEqual(atA);
    }
    expect((await answer(b, proliferator.id, OFSI)).data).toMatchObject({ primaryName: 'Example Procurement Front', programs: ['NPWMD'], status: 'ACTIVE', effectiveFrom: null });
    // Withheld values never left A: B's own copy has none of them, even for the owner agency.
    const ownerViewAtB = (await answer(b, financier.id, OFAC)).data!;
    expect(ownerViewAtB).toMatchObject({ primaryName: 'Abu Example', programs: ['SDGT'], rationale: null, legalBasis: null, owner: { id: 'us-ofac' } });
    for (const hidden of [red, other]) expect((await answer(b, hidden.id, OFAC)).data).toBeNull();
    const state = await peerState(b, 'hub-a');
    expect(state).toMatchObject({ consecutiveFailures: 0, lastError: null });
    expect(state!.cursor).toBe(result.cursor);
  });

  it('re-pulling is a no-op: nothing applied, nothing in the feed', async () => {
    const before = await feedSize(b);
    const again = await pull(b, 'hub-a');
    expect(again.ok).toBe(true);
    expect(again.counts).toMatchObject({ applied: 0, deleted: 0, withdrawn: 0 });
    expect(await feedSize(b)).toBe(before);
  });

  it('an update and a delisting on A reach B', async () => {
    const r = await a.graphql<{ updateDesignation: { id: string; version: number } }>(
      `mutation($input: UpdateDesignationInput!) { updateDesignation(input: $input) { id version } }`,
      { input: { id: financier.id, expectedVersion: financier.version, primaryName: 'Abu Example Renamed' } },
      OFAC,
    );
    expect(r.errors).toBeUndefined();
    financier = r.data!.updateDesignation;
    const d = await a.graphql(`mutation($input: DelistDesignationInput!) { delistDesignation(input: $input) { id } }`, {
      input: { id: proliferator.id, expectedVersion: proliferator.version, reason: 'court order' },
    }, OFAC);
    expect(d.errors).toBeUndefined();

    const result = await pull(b, 'hub-a');
    expect(result).toMatchObject({ ok: true, counts: { applied: 1, deleted: 1 } });
    expect(await answer(b, financier.id, OFSI)).toEqual(await answer(a, financier.id, OFSI));
    expect((await answer(b, financier.id, OFSI)).data).toMatchObject({ primaryName: 'Abu Example Renamed' });
    // Delisted at its origin: B keeps it, as delisted, at the origin's version.
    const delisted = await answer(b, proliferator.id, OFAC);
    expect(delisted.data).toMatchObject({ status: 'DELISTED', primaryName: 'Example Procurement Front' });
  });

  it('a tampered bundle and a bundle made for another hub are rejected whole, with nothing applied', async () => {
    const next = await designate({ primaryName: 'Not Yet Delivered' });
    const before = await peerState(b, 'hub-a');
    const feed = await feedSize(b);

    const flipByte = (jws: string) => {
      const [header, payload, signature] = jws.split('.') as [string, string, string];
      const at = Math.floor(payload.length / 2);
      const flipped = payload[at] === 'A' ? 'B' : 'A';
      return [header, payload.slice(0, at) + flipped + payload.slice(at + 1), signature].join('.');
    };
    const tampering: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      return new Response(flipByte(await response.text()), { status: response.status, headers: response.headers });
    };
    const tampered = await pull(b, 'hub-a', { fetch: tampering });
    expect(tampered).toMatchObject({ ok: false, bundles: 0, error: { reason: 'bad_signature' } });

    // A bundle A made for hub C (de-bafa's hub: its first page), offered to B.
    const forC: typeof fetch = async (input, init) => {
      const url = new URL(String(input));
      url.searchParams.delete('after');
      const headers = new Headers(init?.headers);
      headers.set('authorization', `Bearer ${await a.token('de-bafa')}`);
      return fetch(url, { ...init, headers });
    };
    const misdirected = await pull(b, 'hub-a', { fetch: forC });
    expect(misdirected).toMatchObject({ ok: false, bundles: 0, error: { reason: 'wrong_audience' } });

    const after = await peerState(b, 'hub-a');
    expect(after!.cursor).toBe(before!.cursor);
    expect(after).toMatchObject({ lastError: expect.stringMatching(/^wrong_audience/), consecutiveFailures: 2 });
    expect(await feedSize(b)).toBe(feed);
    expect((await answer(b, next.id, OFAC)).data).toBeNull();

    // The real bundle then lands, and the failures are cleared.
    expect(await pull(b, 'hub-a')).toMatchObject({ ok: true, counts: { applied: 1 } });
    expect((await answer(b, next.id, OFSI)).data).toMatchObject({ primaryName: 'Not Yet Delivered' });
    expect(await peerState(b, 'hub-a')).toMatchObject({ consecutiveFailures: 0 });
  });

  it('serves bundles only to a peer hub: no token is 401, an agency no peer speaks for is 403', async () => {
    const anonymous = await fetch(`${a.url}/sync/bundles`);
    expect(anonymous.status).toBe(401);
    const stranger = await fetch(`${a.url}/sync/bundles?limit=5`, { headers: { authorization: `Bearer ${await a.token('jp-meti')}` } });
    expect(stranger.status).toBe(403);
    expect(await stranger.json()).toMatchObject({ error: { code: 'NOT_A_PEER' } });
    const served = await fetch(`${a.url}/sync/bundles?limit=1`, { headers: { authorization: `Bearer ${await b.token('gb-ofsi')}` } });
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toMatch(/^application\/jose/);
    expect((await served.text()).split('.')).toHaveLength(3);
    const badLimit = await fetch(`${a.url}/sync/bundles?limit=0`, { headers: { authorization: `Bearer ${await b.token('gb-ofsi')}` } });
    expect(badLimit.status).toBe(400);
    // A peer hub may ask for pages larger than GraphQL's 500, up to MAX_PEER_HUB_PAGE.
    const large = await fetch(`${a.url}/sync/bundles?limit=${MAX_PEER_HUB_PAGE}`, { headers: { authorization: `Bearer ${await b.token('gb-ofsi')}` } });
    expect(large.status).toBe(200);
    const tooLarge = await fetch(`${a.url}/sync/bundles?limit=${MAX_PEER_HUB_PAGE + 1}`, { headers: { authorization: `Bearer ${await b.token('gb-ofsi')}` } });
    expect(tooLarge.status).toBe(400);
  });

  it('A → B → C: B relays with the origin proof as far as the hop limit, and no further', async () => {
    const result = await pull(c, 'hub-b');
    expect(result.ok).toBe(true);
    // The terrorism listings (one relay allowed) reach C; the proliferation listing (none) does not.
    expect((await answer(c, financier.id, BAFA)).data).toMatchObject({ primaryName: 'Abu Example Renamed', programs: ['SDGT'] });
    expect(await answer(c, financier.id, BAFA)).toEqual(await answer(a, financier.id, BAFA));
    expect((await answer(b, proliferator.id, OFAC)).data).not.toBeNull();
    expect((await answer(c, proliferator.id, OFAC)).data).toBeNull();
    const [held] = await c.db.select().from(syncReceivedRecords).where(eq(syncReceivedRecords.recordId, financier.id));
    expect(held).toMatchObject({ originHub: a.issuer, receivedFromHub: b.issuer, hops: 2, hopsLeft: 0 });
  });

  it('a pull stopped mid-way and started again ends with the same records as one uninterrupted pull', async () => {
    for (let i = 0; i < 7; i++) await designate({ primaryName: `Batch Listing ${i}` });
    const stopped = new AbortController();
    const first = await pull(b, 'hub-a', { limit: 2, maxBundles: 1 });
    expect(first).toMatchObject({ ok: true, bundles: 1, hasMore: true });
    let applied = 0;
    const crashed = await pull(b, 'hub-a', {
      limit: 2,
      onEntryApplied: () => {
        applied += 1;
        if (applied === 3) throw new Error('killed');
      },
      signal: stopped.signal,
    });
    expect(crashed.ok).toBe(false);
    expect(await pull(b, 'hub-a', { limit: 2 })).toMatchObject({ ok: true, hasMore: false });
    const names = async (hub: TestHub, as: As) => {
      const r = await hub.graphql<{ designations: { edges: { node: { primaryName: string } }[] } }>(
        `{ designations(filter: { text: "Batch Listing" }, first: 50) { edges { node { primaryName } } } }`,
        {},
        as,
      );
      expect(r.errors).toBeUndefined();
      return r.data!.designations.edges.map((e) => e.node.primaryName).sort();
    };
    expect(await names(b, OFSI)).toEqual(await names(a, OFSI));
    expect(await names(b, OFSI)).toHaveLength(7);
  });

  it('sync status shows the lag in changes (as A counts what it would send gb-ofsi) and in seconds, last success and last error', async () => {
    const statusOf = async (options: Parameters<typeof syncStatus>[2] = {}) => {
      const rows = await syncStatus(b.database.handle.db, loadPeerSetup(path.join(b.dir, 'policies'), b.issuer!), options);
      return rows.find((row) => row.peer === 'hub-a')!;
    };
    expect(await pull(b, 'hub-a')).toMatchObject({ ok: true, hasMore: false });
    const current = await statusOf();
    expect(current).toMatchObject({ lagChanges: 0, lagChangesComplete: true, lagSeconds: 0, lagError: null, consecutiveFailures: 0 });
    expect(Date.parse(current.lastSuccessAt!)).toBeGreaterThan(Date.now() - 60_000);

    // Three changes gb-ofsi may see, and two it may not (RED; a program no agreement shares): A counts three.
    for (let i = 0; i < 3; i++) await designate({ primaryName: `Lagging Listing ${i}` });
    await designate({ primaryName: 'Lagging Red Source', marking: 'RED' });
    await designate({ primaryName: 'Lagging Narcotics Target', programs: ['SDNTK'] });
    const later = new Date(Date.now() + 90_000);
    const behind = await statusOf({ now: later });
    expect(behind).toMatchObject({ lagChanges: 3, lagChangesComplete: true, lagError: null });
    expect(behind.lagSeconds).toBeGreaterThanOrEqual(90);

    // A is down: the lag cannot be asked, the pull fails and is reported; nothing throws.
    const down: typeof fetch = async () => {
      throw new TypeError('connect ECONNREFUSED');
    };
    expect(await pull(b, 'hub-a', { fetch: down })).toMatchObject({ ok: false, error: { reason: 'unreachable' } });
    expect(await statusOf({ fetch: down })).toMatchObject({ lagChanges: null, lagError: 'unreachable', lastError: expect.stringMatching(/^unreachable/), consecutiveFailures: 1 });

    expect(await pull(b, 'hub-a')).toMatchObject({ ok: true, counts: { applied: 3 } });
    expect(await statusOf()).toMatchObject({ lagChanges: 0, lagSeconds: 0, consecutiveFailures: 0 });
  });

  it('answers /sync/pending only to a peer hub, counting from its cursor', async () => {
    expect((await fetch(`${a.url}/sync/pending`)).status).toBe(401);
    const stranger = await fetch(`${a.url}/sync/pending`, { headers: { authorization: `Bearer ${await a.token('jp-meti')}` } });
    expect(stranger.status).toBe(403);
    const fromStart = await fetch(`${a.url}/sync/pending`, { headers: { authorization: `Bearer ${await b.token('gb-ofsi')}` } });
    expect(fromStart.status).toBe(200);
    const { changes, complete } = (await fromStart.json()) as { changes: number; complete: boolean };
    expect(complete).toBe(true);
    // From the start: one upsert per record gb-ofsi may see now, nothing of those it never could.
    const visible = await a.graphql<{ designations: { totalCount: number } }>('{ designations { totalCount } }', {}, OFSI);
    expect(changes).toBe(visible.data!.designations.totalCount);
    const garbage = await fetch(`${a.url}/sync/pending?after=not-a-cursor`, { headers: { authorization: `Bearer ${await b.token('gb-ofsi')}` } });
    expect(garbage.status).toBe(400);
  });

  it('threat-library and control-list entries travel too: signed by their origin, verified, read-only at B, with provenance', async () => {
    const OFAC_WRITER: As = { agency: 'us-ofac', roles: ['analyst', 'licensing_officer'] };
    const THREAT = 'id owner { id } marking kind title status description indicators version';
    const CONTROL = 'id owner { id } marking classificationCode title controlReasons status provisional sunsetDate reviewDate description version';
    const mutate = async <T,>(name: string, input: Record<string, unknown>, hub: TestHub = a) => {
      const type = `${name[0]!.toUpperCase()}${name.slice(1)}Input`;
      return hub.graphql<Record<string, T>>(`mutation($input: ${type}!) { ${name}(input: $input) { id version } }`, { input }, OFAC_WRITER);
    };
    const read = async (hub: TestHub, query: string, id: string, as: As) => {
      const r = await hub.graphql<Record<string, Record<string, unknown> | null>>(query, { id }, as);
      return { data: Object.values(r.data ?? {})[0] ?? null, withheld: (r.errors ?? []).map((e) => `${e.path?.join('.')}:${String(e.extensions?.code)}`).sort() };
    };
    const threatAt = (hub: TestHub, id: string, as: As) => read(hub, `query($id: ID!) { threatEntry(id: $id) { ${THREAT} } }`, id, as);
    const controlAt = (hub: TestHub, id: string, as: As) => read(hub, `query($id: ID!) { controlListEntry(id: $id) { ${CONTROL} } }`, id, as);

    const control = await mutate<{ id: string; version: number }>('createControlListEntry', {
      classificationCode: '1C351.d',
      title: 'Human and animal pathogens',
      description: 'Why it is controlled, for the owner only',
      controlReasons: ['CB'],
      marking: 'GREEN',
      provisional: true,
      sunsetDate: '2027-06-30',
    });
    expect(control.errors).toBeUndefined();
    const threat = await mutate<{ id: string; version: number }>('createThreatEntry', {
      kind: 'RED_FLAG',
      title: 'Freight forwarder named as end user',
      description: 'The consignee is a logistics company with no use for the goods.',
      indicators: ['end user is a forwarder', 'payment from a third country'],
      marking: 'GREEN',
      controlListEntryIds: [control.data!.createControlListEntry!.id],
    });
    expect(threat.errors).toBeUndefined();
    const ids = { control: control.data!.createControlListEntry!.id, threat: threat.data!.createThreatEntry!.id };

    const first = await pull(b, 'hub-a');
    expect(first).toMatchObject({ ok: true, hasMore: false, counts: { applied: 2 } });
    // gb-ofsi reads each at B exactly as at A, the withheld control description FORBIDDEN at both.
    expect((await threatAt(b, ids.threat, OFSI)).data).toMatchObject({ title: 'Freight forwarder named as end user', indicators: ['end user is a forwarder', 'payment from a third country'] });
    expect(await threatAt(b, ids.threat, OFSI)).toEqual(await threatAt(a, ids.threat, OFSI));
    expect(await controlAt(b, ids.control, OFSI)).toEqual(await controlAt(a, ids.control, OFSI));
    expect((await controlAt(b, ids.control, OFSI)).withheld).toEqual(expect.arrayContaining(['controlListEntry.description:FORBIDDEN']));
    // The withheld value never left A: the owner's view at B has none.
    expect((await controlAt(b, ids.control, OFAC)).data).toMatchObject({ classificationCode: '1C351.D', description: null, provisional: true, sunsetDate: '2027-06-30' });

    // Proof and provenance: signed by A as origin, delivered straight from it.
    const held = await b.db.select().from(syncReceivedRecords).where(eq(syncReceivedRecords.recordId, ids.threat));
    expect(held).toMatchObject([{ recordType: 'ThreatEntry', originHub: a.issuer, receivedFromHub: a.issuer, hops: 1, ownerAgencyId: 'us-ofac' }]);
    const provenance = await b.graphql<{ threatEntry: { provenance: unknown }; controlListEntry: { provenance: unknown } }>(
      `query($t: ID!, $c: ID!) { threatEntry(id: $t) { provenance { hub origin hops } } controlListEntry(id: $c) { provenance { hub origin hops } } }`,
      { t: ids.threat, c: ids.control },
      OFAC,
    );
    expect(provenance.data).toEqual({
      threatEntry: { provenance: { hub: a.issuer, origin: a.issuer, hops: 1 } },
      controlListEntry: { provenance: { hub: a.issuer, origin: a.issuer, hops: 1 } },
    });

    // Read-only at B, for the owner's own users too.
    const atB = await mutate('updateThreatEntry', { id: ids.threat, expectedVersion: 1, title: 'Overwritten at B' }, b);
    expect(atB.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    const controlAtB = await mutate('updateControlListEntry', { id: ids.control, expectedVersion: 1, title: 'Overwritten at B' }, b);
    expect(controlAtB.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);

    // An update reaches B; a marking raised above the agreement's ceiling withdraws B's copy.
    expect((await mutate('updateThreatEntry', { id: ids.threat, expectedVersion: 1, title: 'Forwarder as end user', status: 'RETIRED' })).errors).toBeUndefined();
    expect((await mutate('updateControlListEntry', { id: ids.control, expectedVersion: 1, marking: 'AMBER_STRICT' })).errors).toBeUndefined();
    expect(await pull(b, 'hub-a')).toMatchObject({ ok: true, counts: { applied: 1, withdrawn: 1 } });
    expect((await threatAt(b, ids.threat, OFSI)).data).toMatchObject({ title: 'Forwarder as end user', status: 'RETIRED', version: null });
    expect(await threatAt(b, ids.threat, OFSI)).toEqual(await threatAt(a, ids.threat, OFSI));
    expect((await controlAt(b, ids.control, OFAC)).data).toBeNull();
    // Not to be passed on (hops 0): C gets neither.
    await pull(c, 'hub-b');
    expect((await threatAt(c, ids.threat, OFAC)).data).toBeNull();
  });

  it('a large pull leaves the receiving hub with planner statistics of what it received, as an import does', async () => {
    // The embedded database has no autovacuum: without this its planner would guess from empty tables for ever.
    const estimate = async () => {
      const rows = await queryRows<{ reltuples: number }>(b.db, sql`SELECT reltuples::float8 AS reltuples FROM pg_class WHERE oid = 'designations'::regclass`);
      return Number(rows[0]!.reltuples);
    };
    await b.db.execute(sql`ANALYZE designations`);
    const before = await estimate();
    for (let i = 0; i < 60; i++) await designate({ primaryName: `Statistics Front ${i}`, subjectType: 'ENTITY', datesOfBirth: [] });
    expect(await pull(b, 'hub-a')).toMatchObject({ ok: true, counts: { applied: 60 } });
    expect(await estimate()).toBeGreaterThanOrEqual(before + 60);
  });
});
