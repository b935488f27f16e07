/**
 * The leakage oracle: four agencies under agreements much narrower than the demo's, records of
 * every shared type, and every door of the hub — each list argument, text search, lookup,
 * field, `screen`, submission factors, denial matching, generated texts, error messages and
 * positions — checked against the sharing decision computed independently from the agreement
 * files. The checks are generated from the running hub's schema and from the catalogue: a new
 * filter, field or lookup is checked without anyone adding it here (a filter the oracle does
 * not know fails the coverage test). The rule: an attribute of a record counts only where it
 * is released to the caller for that record; otherwise the record behaves as if it had none.
 */
import type { GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOGUE, RECORD_TYPES } from '../../src/policy/catalogue.ts';
import { startTestHub, type GraphQLResponse, type TestHub } from '../support/hub.ts';
import { AgreementOracle } from '../support/oracle/agreement-oracle.ts';
import { FILTER_RULES, OWN_ACTIVITY_LISTS, OWN_ROWS_ONLY, WHOLE_TO_PARTIES, type FilterRule } from '../support/oracle/filter-rules.ts';
import { AGENCIES, AGREEMENTS, BAFA, OFAC, OFSI, ROLES, seedWorld, tokensIn, type World } from '../support/oracle/leakage-world.ts';
import { inBatches, RecordedHub } from '../support/oracle/recorded-hub.ts';
import { fieldNames, listDoors, lookupDoors, readSchema, selectAll, type ListDoor } from '../support/oracle/schema-doors.ts';
import { readTruth, stringsIn, type Truth, type Values } from '../support/oracle/truth.ts';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
/** Texts the hub composes; a token in them must have come from a field released elsewhere. */
const GENERATED: Readonly<Record<string, readonly string[]>> = { LicenseApplication: ['riskFactors', 'escalations', 'transitions', 'consultations'] };
const SEARCH_DOORS = [...new Set(Object.entries(FILTER_RULES).filter(([, r]) => r.search).map(([k]) => k.split('.')[0]!))];
const FILTER_DOORS = [...new Set(Object.entries(FILTER_RULES).filter(([, r]) => !r.search).map(([k]) => k.split('.')[0]!))];

type Connection = { totalCount: number; edges: { cursor: string; node: Values & { id: string } }[] };

describe('leakage oracle: what an agency receives is what the agreements release', () => {
  const oracle = new AgreementOracle(AGREEMENTS);
  let testHub: TestHub;
  let hub: RecordedHub;
  let schema: GraphQLSchema;
  let doors: ListDoor[];
  let truth: Truth;
  let world: World;

  beforeAll(async () => {
    testHub = await startTestHub({ agreements: AGREEMENTS });
    hub = new RecordedHub(testHub, [...ROLES]);
    world = await seedWorld(hub);
    schema = await readSchema((query) => hub.ask(OFAC, query));
    doors = listDoors(schema);
    // The licence watch re-scores granted licences with new findings in the background (within
    // a pass, about a second): the truth is what the hub holds once two readings a pass apart agree.
    truth = await readTruth(hub, schema, doors, AGENCIES, oracle);
    for (let attempt = 0; attempt < 10; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      const again = await readTruth(hub, schema, doors, AGENCIES, oracle);
      const settled = JSON.stringify(again.records) === JSON.stringify(truth.records);
      truth = again;
      if (settled) break;
    }
  });
  afterAll(() => testHub?.stop());

  const label = (id: string) => {
    const record = truth.byId.get(id);
    return record ? `${record.type}[${tokensIn(JSON.stringify(record.values))[0] ?? id.slice(0, 8)}]` : id;
  };
  const doorOf = (query: string) => doors.find((d) => d.query === query)!;

  /** Every agency × value of one list argument: the ids and the count must be exactly the expected ones. */
  async function checkArgument(door: ListDoor, path: string, rule: FilterRule): Promise<string[]> {
    const [top, inner] = path.split('.') as [string, string | undefined];
    const argument = door.arguments.find((a) => a.path === path)!;
    const values = rule.values({ truth, argument, type: door.nodeType });
    const query = `query($v: ${door.argumentTypes[top]}) { ${door.query}(first: 500, ${top}: $v) { totalCount edges { node { id } } } }`;
    const problems: string[] = [];
    const cases = AGENCIES.flatMap((agency) => values.map((value) => ({ agency, value })));
    await inBatches(cases, 4, async ({ agency, value }) => {
      const answer = await hub.ask<Record<string, Connection>>(agency, query, { v: inner ? { [inner]: value } : value });
      const asked = `${agency} ${door.query}(${path}: ${JSON.stringify(value)})`;
      if (answer.errors) return void problems.push(`${asked}: ${JSON.stringify(answer.errors)}`);
      const expected = truth
        .visibleTo(agency, door.nodeType)
        .filter((r) => rule.matches(value as never, truth.releasedView(agency, r)!))
        .map((r) => r.id);
      const got = answer.data![door.query]!;
      const ids = got.edges.map((e) => e.node.id);
      const extra = ids.filter((id) => !expected.includes(id));
      const missing = expected.filter((id) => !ids.includes(id));
      if (extra.length || missing.length || got.totalCount !== expected.length) {
        problems.push(
          `${asked} selects [${extra.map(label).join(', ')}] by a value withheld from it, misses [${missing.map(label).join(', ')}]; totalCount ${got.totalCount}, expected ${expected.length}`,
        );
      }
    });
    return problems;
  }

  it('knows what every list argument of the schema selects by (a new filter must be added to the oracle)', () => {
    const known = new Set([...Object.keys(FILTER_RULES), ...Object.keys(WHOLE_TO_PARTIES), ...OWN_ROWS_ONLY]);
    const inSchema = doors.flatMap((d) => d.arguments.map((a) => `${d.query}.${a.path}`));
    expect(inSchema.filter((k) => !known.has(k)), 'list arguments the oracle does not cover').toEqual([]);
    expect([...known].filter((k) => !inSchema.includes(k)), 'oracle rules for arguments the schema no longer has').toEqual([]);
  });

  it.each(FILTER_DOORS)('%s: every filter selects only by values released to the caller, and totalCount agrees', async (query) => {
    const door = doorOf(query);
    const problems: string[] = [];
    for (const argument of door.arguments) {
      const rule = FILTER_RULES[`${query}.${argument.path}`];
      if (rule && !rule.search) problems.push(...(await checkArgument(door, argument.path, rule)));
    }
    expect(problems).toEqual([]);
  });

  it.each(SEARCH_DOORS)('%s: text search finds a record only by a token in a field released to the caller', async (query) => {
    const door = doorOf(query);
    const problems: string[] = [];
    for (const argument of door.arguments) {
      const rule = FILTER_RULES[`${query}.${argument.path}`];
      if (rule?.search) problems.push(...(await checkArgument(door, argument.path, rule)));
    }
    expect(problems).toEqual([]);
  });

  it('lists denial consultations only to the two agencies they name, filtering by what both see', async () => {
    for (const [key, field] of Object.entries(WHOLE_TO_PARTIES)) {
      const [query, arg] = key.split('.') as [string, string];
      const door = doorOf(query);
      const argument = door.arguments.find((a) => a.path === arg)!;
      const select = `totalCount edges { node { id ${field} consultingAgency { id } denyingAgency { id } } }`;
      for (const agency of AGENCIES) {
        const all = (await hub.must<Record<string, Connection>>(agency, `{ ${query}(first: 500) { ${select} } }`))[query]!;
        for (const { node } of all.edges) expect([idOf(node.consultingAgency), idOf(node.denyingAgency)], `${agency} sees ${node.id}`).toContain(agency);
        for (const value of argument.enumValues) {
          const got = (await hub.must<Record<string, Connection>>(agency, `query($v: ${door.argumentTypes[arg]}) { ${query}(first: 500, ${arg}: $v) { ${select} } }`, { v: value }))[query]!;
          expect(got.edges.map((e) => e.node.id).sort(), `${agency} ${key}=${value}`).toEqual(all.edges.filter((e) => e.node[field] === value).map((e) => e.node.id).sort());
        }
      }
    }
  });

  it.each(RECORD_TYPES)('%s: every field of every record is released exactly as the agreements say, in lists and lookups; a withheld record looks unknown', async (type) => {
    const records = truth.ofType(type);
    expect(records.length, `the world has ${type} records`).toBeGreaterThan(0);
    expect(fieldNames(schema, type).filter((f) => !CATALOGUE[type].fields.includes(f)), `${type} fields without a catalogue entry`).toEqual([]);
    const list = doors.find((d) => d.nodeType === type)!;
    const lookup = lookupDoors(schema).find((d) => d.nodeType === type)!;
    const problems: string[] = [];
    for (const agency of AGENCIES) {
      const answer = await hub.ask<Record<string, Connection>>(agency, `{ ${list.query}(first: 500) { totalCount edges { node { ${selectAll(schema, type)} } } } }`);
      const listed = answer.data![list.query]!;
      const expectedIds = truth.visibleTo(agency, type).map((r) => r.id).sort();
      const listedIds = listed.edges.map((e) => e.node.id).sort();
      if (JSON.stringify(listedIds) !== JSON.stringify(expectedIds) || listed.totalCount !== expectedIds.length) {
        problems.push(`${agency} lists ${listedIds.map(label).join(', ')} (${listed.totalCount}); expected ${expectedIds.map(label).join(', ')}`);
      }
      listed.edges.forEach(({ node }, i) => problems.push(...fieldProblems(agency, node, answer, [list.query, 'edges', i, 'node'])));
      const unknown = await hub.ask(agency, `query($id: ID!) { ${lookup.query}(id: $id) { ${selectAll(schema, type)} } }`, { id: UNKNOWN_ID });
      for (const record of records) {
        const found = await hub.ask<Record<string, Values>>(agency, `query($id: ID!) { ${lookup.query}(id: $id) { ${selectAll(schema, type)} } }`, { id: record.id });
        if (oracle.isVisible(agency, record)) problems.push(...fieldProblems(agency, found.data?.[lookup.query] ?? { id: record.id }, found, [lookup.query]));
        else if (normalise(found, record.id) !== normalise(unknown, UNKNOWN_ID)) problems.push(`${agency} ${lookup.query}(${label(record.id)}) differs from an unknown id: ${JSON.stringify(found)}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('finds a license application by reference only where the reference is released to the caller; otherwise as an unknown one', async () => {
    const lookup = `query($reference: String!) { licenseApplication(reference: $reference) { id } }`;
    const problems: string[] = [];
    const references = truth.ofType('LicenseApplication').map((record) => ({ record, reference: `${record.owner.toUpperCase()}-${record.id.slice(0, 8).toUpperCase()}` }));
    expect(references.length).toBeGreaterThan(0);
    for (const agency of AGENCIES) {
      for (const { record, reference } of references) {
        const found = await hub.ask<{ licenseApplication: { id: string } | null }>(agency, lookup, { reference });
        const released = oracle.released(agency, record)?.has('reference') ?? false;
        if (released && found.data?.licenseApplication?.id !== record.id) problems.push(`${agency} does not find ${label(record.id)} by its released reference: ${JSON.stringify(found)}`);
        if (!released && !(found.errors?.length === 1 && found.errors[0]!.extensions?.code === 'NOT_FOUND' && found.data?.licenseApplication == null)) {
          problems.push(`${agency} finds ${label(record.id)} by a reference withheld from it: ${JSON.stringify(found)}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  /** Released fields answered without FORBIDDEN; withheld ones null with FORBIDDEN at their path. */
  function fieldProblems(agency: string, node: Values, answer: GraphQLResponse<unknown>, at: (string | number)[]): string[] {
    const record = truth.byId.get(String(node.id));
    if (!record) return [`${agency} got ${String(node.id)} at ${at.join('.')}, which no owner lists`];
    const released = oracle.released(agency, record) ?? new Set<string>();
    const forbidden = new Set(
      (answer.errors ?? [])
        .filter((e) => e.path && e.path.length === at.length + 1 && at.every((p, i) => e.path![i] === p))
        .map((e) => (e.extensions?.code === 'FORBIDDEN' ? String(e.path!.at(-1)) : `!${e.extensions?.code as string}`)),
    );
    const problems: string[] = [];
    for (const field of fieldNames(schema, record.type)) {
      const where = `${agency} ${label(record.id)}.${field}`;
      if (released.has(field) && forbidden.has(field)) problems.push(`${where}: FORBIDDEN, but released`);
      if (!released.has(field) && (node[field] !== null || !forbidden.has(field))) problems.push(`${where}: withheld, but answered ${JSON.stringify(node[field])}`);
    }
    for (const other of forbidden) if (other.startsWith('!')) problems.push(`${agency} ${label(record.id)}: error ${other}`);
    return problems;
  }

  it('screens against names released to the caller only, and shows no withheld name', async () => {
    const names = truth.ofType('Designation').flatMap((r) => [r.values.primaryName, ...(r.values.aliases as { name: string }[]).map((a) => a.name)]) as string[];
    const problems: string[] = [];
    for (const agency of AGENCIES) {
      const data = await hub.must<{ screen: { index: number; matches: { matchedName: string; designation: { id: string } }[] }[] }>(
        agency,
        `query($input: [PartyInput!]!) { screen(input: $input) { index matches { matchedName designation { id } } } }`,
        { input: names.map((name) => ({ name })) },
      );
      for (const { matches } of data.screen) {
        for (const match of matches) {
          const record = truth.byId.get(match.designation.id);
          const view = record && truth.releasedView(agency, record);
          const releasedNames = view ? [view.primaryName, ...((view.aliases as { name: string }[] | undefined) ?? []).map((a) => a.name)] : [];
          if (!releasedNames.includes(match.matchedName)) problems.push(`${agency} matched ${label(match.designation.id)} by ${match.matchedName}, not released to it`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  /** Each agency's own applications with every factor, escalation and consultation. */
  const ownApplications = async (agency: string) => {
    // Partners' applications come back with FORBIDDEN fields; only the agency's own are looked at.
    const answer = await hub.ask<{ licenseApplications: Connection }>(
      agency,
      `{ licenseApplications(first: 500) { edges { node { id owner { id } items { controlListCode }
         riskFactors { code description reference } escalations { kind detail denialNotificationId }
         consultations { id denial { id } denyingAgency { id } } } } } }`,
    );
    return answer.data!.licenseApplications.edges.map((e) => e.node).filter((n) => idOf(n.owner) === agency);
  };

  it("flags a partner's threat entry on a submission only through links released to the licensing agency, naming it only by a released title", async () => {
    const problems: string[] = [];
    const flagsOf = new Map<string, Values[]>();
    for (const agency of AGENCIES) {
      for (const application of await ownApplications(agency)) {
        const flags = (application.riskFactors as Values[]).filter((f) => f.code === 'RED_FLAG');
        flagsOf.set(String(application.id), flags);
        for (const flag of flags) {
          const entry = truth.byId.get(String(flag.reference));
          if (!entry || entry.owner === agency) continue;
          const view = truth.releasedView(agency, entry);
          const codes = (application.items as { controlListCode: string }[]).map((i) => i.controlListCode.toUpperCase());
          const linkedCodes = ((view?.controlListEntries as { id: string }[] | undefined) ?? [])
            .map((link) => truth.byId.get(link.id)!)
            .map((control) => truth.releasedView(agency, control)?.classificationCode);
          const why = [
            !view?.controlListEntries && 'its links are withheld',
            !view?.status && 'its status is withheld',
            !view?.kind && 'its kind is withheld',
            !linkedCodes.some((c) => typeof c === 'string' && codes.includes(c)) && 'no released linked code matches an item',
            !view?.title && String(flag.description).includes(String(entry.values.title)) && 'its withheld title is quoted',
          ].filter(Boolean);
          if (why.length) problems.push(`${agency} ${label(String(application.id))}: RED_FLAG from ${label(entry.id)}, but ${why.join(', ')}`);
        }
      }
    }
    expect(problems).toEqual([]);
    // Not vacuous: OFSI is given the links (not the titles), so its submission is flagged.
    expect(flagsOf.get(world.licenses.ofsiUndercut)?.length, 'OFSI is flagged through released links').toBeGreaterThan(0);
  });

  it('"no undercut" compares only the denied party and codes a denial releases to the licensing agency, and its texts say no more', async () => {
    const problems: string[] = [];
    const undercuts = new Map<string, number>();
    for (const agency of AGENCIES) {
      for (const application of await ownApplications(agency)) {
        const found: [string, string][] = [
          ...(application.riskFactors as Values[]).filter((f) => f.code === 'DENIAL_UNDERCUT').map((f): [string, string] => ['risk factor', String(f.reference)]),
          ...(application.escalations as Values[]).filter((e) => e.kind === 'DENIAL_UNDERCUT').map((e): [string, string] => ['escalation', String(e.denialNotificationId)]),
          // A consultation names its denial only when it is released; the world has one denial.
          ...(application.consultations as Values[]).map((c): [string, string] => ['consultation', idOf(c.denial) ?? world.denial]),
        ];
        undercuts.set(String(application.id), found.length);
        for (const [door, denialId] of found) {
          const denial = truth.byId.get(denialId);
          if (!denial || denial.owner === agency) continue;
          const view = truth.releasedView(agency, denial);
          const withheld = ['partyName', 'controlListCodes', 'validUntil', 'revokedAt'].filter((f) => !view || !(f in view));
          if (withheld.length) problems.push(`${agency} ${label(String(application.id))}: ${door} on ${label(denialId)} although its ${withheld.join(', ')} are withheld`);
        }
      }
    }
    expect(problems).toEqual([]);
    // Not vacuous: OFSI, given the party and the codes, is asked to consult.
    expect(undercuts.get(world.licenses.ofsiUndercut), 'OFSI is matched to the denial').toBeGreaterThan(0);
  });

  it('composes transition reasons only from fields released to the reader (no risk score, rationale or item it withholds)', async () => {
    const problems: string[] = [];
    for (const agency of AGENCIES) {
      const answer = await hub.ask<{ licenseApplications: Connection }>(agency, `{ licenseApplications(first: 500) { edges { node { id transitions { action reason } } } } }`);
      for (const { node } of answer.data!.licenseApplications.edges) {
        const record = truth.byId.get(node.id)!;
        if (record.owner === agency || !node.transitions) continue;
        const view = truth.releasedView(agency, record)!;
        // A withheld value the reader is given in a source field anyway (a state that is also a transition's toState) proves nothing.
        const releasedText = JSON.stringify(Object.entries(view).filter(([field]) => !GENERATED.LicenseApplication!.includes(field)));
        const withheldTexts = truth
          .withheldValues(agency, record)
          .flatMap(stringsIn)
          .filter((s) => s.length >= 6 && !releasedText.includes(s));
        for (const { action, reason } of node.transitions as { action: string; reason: string | null }[]) {
          if (!reason) continue;
          const where = `${agency} ${label(node.id)} ${action}: ${JSON.stringify(reason)}`;
          if (!('riskScore' in view) && (/risk score/i.test(reason) || new RegExp(`\\b${String(record.values.riskScore)}\\b`).test(reason))) problems.push(`${where} quotes the withheld risk score`);
          for (const text of withheldTexts) if (reason.includes(text)) problems.push(`${where} quotes withheld ${JSON.stringify(text)}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('refuses changes to records the caller does not own without a withheld value in the error; a withheld record looks unknown', async () => {
    const mutations = Object.keys(schema.getMutationType()!.getFields());
    const problems: string[] = [];
    for (const type of RECORD_TYPES) {
      const update = mutations.find((m) => m === `update${type}`) ?? (type === 'LicenseApplication' ? 'actOnLicenseApplication' : undefined);
      if (!update) continue;
      const inputType = update === 'actOnLicenseApplication' ? 'LicenseActionInput' : `Update${type}Input`;
      const extra = update === 'actOnLicenseApplication' ? { action: 'approve', rationale: 'no' } : {};
      const attempt = (agency: string, id: string) =>
        hub.ask(agency, `mutation($input: ${inputType}!) { ${update}(input: $input) { id } }`, { input: { id, expectedVersion: 99, ...extra } });
      for (const agency of AGENCIES) {
        const unknown = await attempt(agency, UNKNOWN_ID);
        for (const record of truth.ofType(type).filter((r) => r.owner !== agency && !r.participants.includes(agency))) {
          const answer = await attempt(agency, record.id);
          const codes = (answer.errors ?? []).map((e) => e.extensions?.code);
          if (oracle.isVisible(agency, record)) {
            if (JSON.stringify(codes) !== '["FORBIDDEN"]') problems.push(`${agency} ${update}(${label(record.id)}): ${JSON.stringify(codes)}, expected FORBIDDEN`);
          } else if (normalise(answer, record.id) !== normalise(unknown, UNKNOWN_ID)) {
            problems.push(`${agency} ${update}(${label(record.id)}) differs from an unknown id: ${JSON.stringify(answer.errors)}`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });

  /** Every cursor and count of every list, page by page, and the screening list version, as `agency` gets them. */
  async function positions(agency: string) {
    const seen: Record<string, unknown> = {};
    for (const door of doors.filter((d) => !OWN_ACTIVITY_LISTS.includes(d.query))) {
      const pages: unknown[] = [];
      let after: string | null = null;
      do {
        const data: Record<string, Connection & { pageInfo: { endCursor: string | null; hasNextPage: boolean } }> = await hub.must(
          agency,
          `query($after: String) { ${door.query}(first: 2, after: $after) { totalCount pageInfo { startCursor endCursor hasNextPage hasPreviousPage } edges { cursor node { id } } } }`,
          { after },
        );
        const page = data[door.query]!;
        pages.push(page);
        after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      } while (after);
      seen[door.query] = pages;
    }
    const screen = await hub.must<{ screen: { listVersion: string }[] }>(agency, `{ screen(input: [{ name: "position probe" }]) { listVersion } }`);
    seen.listVersion = screen.screen[0]!.listVersion;
    return seen;
  }

  const changeRationale = async (id: string) => {
    const { designation } = await hub.must<{ designation: { version: number } }>(OFAC, `query($id: ID!) { designation(id: $id) { version } }`, { id });
    await hub.must(OFAC, `mutation($input: UpdateDesignationInput!) { updateDesignation(input: $input) { id } }`, {
      input: { id, expectedVersion: designation.version, rationale: `changed ${Date.now()}` },
    });
  };

  it('keeps listVersion and every cursor byte-identical while only records the caller cannot see change', async () => {
    // Above OFSI's ceiling, RED, and releasable to METI only: OFSI cannot see any of them.
    const before = await positions(OFSI);
    for (const id of [world.designations.amberStrict, world.designations.red, world.designations.releasableToMeti]) await changeRationale(id);
    await hub.must(OFAC, `mutation($input: CreateDesignationInput!) { createDesignation(input: $input) { id } }`, {
      input: { subjectType: 'ENTITY', primaryName: 'Unseen Red Listing', marking: 'RED' },
    });
    expect(await positions(OFSI)).toEqual(before);
  });

  it('keeps listVersion, order and cursors byte-identical while only fields withheld from the caller change', async () => {
    // OFSI has the primary name only and BAFA the listing only: neither is given the rationale, nor when it changed.
    const before = { [OFSI]: await positions(OFSI), [BAFA]: await positions(BAFA) };
    await changeRationale(world.designations.activeGreen);
    expect({ [OFSI]: await positions(OFSI), [BAFA]: await positions(BAFA) }).toEqual(before);
  });

  it('never lets a value withheld from an agency reach it, in any answer of this test, errors included', async () => {
    const now = await readTruth(hub, schema, doors, AGENCIES, oracle);
    const where = new Map<string, string>();
    const all = new Set<string>();
    for (const record of now.records) {
      for (const [field, value] of Object.entries(record.values)) {
        if (GENERATED[record.type]?.includes(field)) continue;
        for (const token of tokensIn(JSON.stringify(value))) {
          all.add(token);
          if (!where.has(token)) where.set(token, `${record.type}.${field} of ${record.owner}`);
        }
      }
    }
    const problems: string[] = [];
    for (const agency of AGENCIES) {
      const released = new Set<string>();
      for (const record of now.records) {
        const view = now.releasedView(agency, record);
        if (!view) continue;
        for (const [field, value] of Object.entries(view)) if (!GENERATED[record.type]?.includes(field)) tokensIn(JSON.stringify(value)).forEach((t) => released.add(t));
      }
      for (const exchange of hub.exchanges.filter((e) => e.agency === agency)) {
        const asked = new Set(tokensIn(exchange.request));
        for (const token of new Set(tokensIn(exchange.answer))) {
          if (all.has(token) && !released.has(token) && !asked.has(token)) {
            problems.push(`${agency} got ${token} (${where.get(token)}, withheld from it) in the answer to ${exchange.request.slice(0, 90)}…`);
          }
        }
      }
    }
    expect([...new Set(problems)]).toEqual([]);
  });
});

const idOf = (value: unknown) => (value && typeof value === 'object' ? String((value as { id?: unknown }).id) : undefined);
const normalise = (answer: unknown, id: string) => JSON.stringify(answer).replaceAll(id, 'ID');
