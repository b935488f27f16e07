/**
 * Screening over HTTP against the real OFAC SDN list (read from ../shared, never copied):
 * variant spellings, transliterations and reorderings are found, unrelated names are not,
 * only what the caller may see is ever a candidate, and adjudications suppress hits for the
 * party they were made for, across agencies that share them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMPORT_FORMATS } from '../../src/modules/imports/formats/index.ts';
import { importList } from '../../src/modules/imports/import.service.ts';
import type { AgreementFile } from '../../src/policy/agreement-files.ts';
import { errorCodes, startTestHub, type As, type TestHub } from '../support/hub.ts';

const SHARED = new URL('../../../shared/data/sanctions/', import.meta.url).pathname;
const haveData = fs.existsSync(SHARED);
if (!haveData) console.warn(`skipping screening tests: ${SHARED} (the shared sanctions data) is not there`);

const OFAC = { agency: 'us-ofac', roles: ['analyst'] } as const satisfies As;
const OFSI = { agency: 'gb-ofsi', roles: ['analyst'] } as const satisfies As;
const BAFA = { agency: 'de-bafa', roles: ['licensing_officer'] } as const satisfies As;
const METI = { agency: 'jp-meti', roles: ['analyst'] } as const satisfies As;

/** OFAC shares names only with OFSI, and Russia-program listings whole with METI; BAFA gets nothing. */
const AGREEMENTS: AgreementFile[] = [
  {
    id: 'ofac-names-to-ofsi',
    title: 'OFAC primary names and listing status to OFSI',
    grantor: 'us-ofac',
    grantees: ['gb-ofsi'],
    purposes: ['sanctions-screening'],
    validFrom: '2026-01-01',
    ceiling: 'AMBER',
    grants: [
      // Status too: a designation whose status is withheld is not screened against (a hit would
      // tell the caller that it is in force).
      { type: 'Designation', fields: ['subjectType', 'primaryName', 'programs', 'status'] },
      { type: 'ScreeningAdjudication', fields: ['party', 'hit', 'review'] },
    ],
  },
  {
    id: 'ofac-russia-to-meti',
    title: 'OFAC Russia program to METI',
    grantor: 'us-ofac',
    grantees: ['jp-meti'],
    purposes: ['sanctions-screening'],
    validFrom: '2026-01-01',
    ceiling: 'AMBER',
    grants: [{ type: 'Designation', fields: ['all'], where: { program: ['RUSSIA-EO14024'] } }],
  },
];

const SCREEN = `query Screen($input: [PartyInput!]!, $threshold: Float, $weights: ScreeningWeightsInput) {
  screen(input: $input, threshold: $threshold, weights: $weights) {
    index name listVersion threshold
    matches {
      matchedName score
      designation { id primaryName }
      explanation { nameSimilarity tokenOverlap matchedNameStrength identifierMatched dateOfBirth country subjectType adjustments { feature points reason } }
    }
    suppressed { match { matchedName score designation { id } } adjudications { id owner { id } reason } }
  }
}`;

interface Match {
  matchedName: string;
  score: number;
  designation: { id: string; primaryName: string | null };
  explanation: {
    nameSimilarity: number;
    identifierMatched: string | null;
    dateOfBirth: string;
    country: string;
    subjectType: string;
    matchedNameStrength: string;
    adjustments: { feature: string; points: number }[];
  };
}
interface Result {
  index: number;
  name: string;
  listVersion: string;
  threshold: number;
  matches: Match[];
  suppressed: { match: { designation: { id: string } }; adjudications: { id: string; owner: { id: string } | null; reason: string | null }[] }[];
}

describe.skipIf(!haveData)('screening', () => {
  let hub: TestHub;
  const screen = async (input: Record<string, unknown>[], as: As = OFAC, extra: Record<string, unknown> = {}) => {
    const response = await hub.graphql<{ screen: Result[] }>(SCREEN, { input, ...extra }, as);
    expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
    return response.data!.screen;
  };
  const topName = (result: Result) => result.matches[0]?.designation.primaryName;
  const putinId = async () => (await screen([{ name: 'PUTIN, Vladimir Vladimirovich' }]))[0]!.matches[0]!.designation.id;

  beforeAll(async () => {
    hub = await startTestHub({ agreements: AGREEMENTS });
    const file = path.join(SHARED, 'ofac/sdn_csv_2024-05-03/sdn.csv');
    await importList(hub.db, IMPORT_FORMATS['ofac-csv']!.open(file), file, { owner: 'us-ofac', marking: 'GREEN' });
  }, 240_000);
  afterAll(() => hub?.stop());

  it('finds listed names under variant spellings, transliterations and reorderings', async () => {
    const cases: [query: string, listed: string][] = [
      ['Vladimir Putin', 'PUTIN, Vladimir Vladimirovich'],
      ['Путин Владимир Владимирович', 'PUTIN, Vladimir Vladimirovich'],
      ['Wladimir Putin', 'PUTIN, Vladimir Vladimirovich'],
      ['Vladimir V. Putin', 'PUTIN, Vladimir Vladimirovich'],
      ['Rosoboronexport', 'ROSOBORONEKSPORT OAO'],
      ['Kim Jong Un', 'KIM, Jong Un'],
      ['Islamic Revolutionary Guard Corps', "ISLAMIC REVOLUTIONARY GUARD CORPS"],
    ];
    const results = await screen(cases.map(([name]) => ({ name })));
    results.forEach((result, i) => {
      expect(result.index).toBe(i);
      expect(result.name).toBe(cases[i]![0]);
      const names = result.matches.map((m) => m.designation.primaryName);
      expect(names, `${cases[i]![0]} → ${names.join(' | ')}`).toContain(cases[i]![1]);
    });
    for (const result of results) {
      const scores = result.matches.map((m) => m.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
      for (const match of result.matches) expect(match.score).toBeGreaterThanOrEqual(result.threshold);
    }
  });

  it('does not match unrelated names', async () => {
    const unrelated = ['Kathryn Barr', 'Olaf Scholz', 'Maria Alice Nathan Leão', 'Acme Widgets Limited', 'Jennifer L. McClellan'];
    const results = await screen(unrelated.map((name) => ({ name, type: 'INDIVIDUAL' })));
    for (const result of results) expect(result.matches.map((m) => m.designation.primaryName), result.name).toEqual([]);
  });

  it('explains a match: name similarity, date of birth, country and identifier agreement', async () => {
    const [agreeing, disagreeing] = await screen([
      { name: 'Vladimir Putin', dateOfBirth: '1952-10-07', country: 'RU', type: 'INDIVIDUAL' },
      { name: 'Vladimir Putin', dateOfBirth: '1990', country: 'RU', type: 'INDIVIDUAL' },
    ]);
    const hit = agreeing!.matches.find((m) => m.designation.primaryName === 'PUTIN, Vladimir Vladimirovich')!;
    expect(hit.explanation).toMatchObject({ dateOfBirth: 'AGREES', country: 'AGREES', subjectType: 'AGREES' });
    expect(hit.explanation.adjustments.map((a) => a.feature)).toEqual(expect.arrayContaining(['DATE_OF_BIRTH', 'COUNTRY']));
    // A date of birth decades off is strong evidence of another person: the score drops by the
    // documented weight (an exact name stays above the threshold, for an analyst to review).
    const other = disagreeing!.matches.find((m) => m.designation.id === hit.designation.id)!;
    expect(other.explanation.dateOfBirth).toBe('DISAGREES');
    expect(other.explanation.adjustments).toEqual(expect.arrayContaining([expect.objectContaining({ feature: 'DATE_OF_BIRTH', points: -0.2 })]));
    expect(other.score).toBeCloseTo(other.explanation.nameSimilarity - 0.2 + 0.03, 3);
    expect(other.score).toBeLessThan(hit.score);

    // The yacht GRACEFUL is listed with IMO 1011551: the identifier decides, whatever the name.
    const [byImo] = await screen([{ name: 'Sea Breeze Holdings', identifiers: [{ type: 'IMO_NUMBER', value: 'IMO 1011551' }] }]);
    expect(byImo!.matches[0]).toMatchObject({ designation: { primaryName: 'GRACEFUL' }, explanation: { identifierMatched: 'IMO 1011551' } });
    expect(byImo!.matches[0]!.score).toBeGreaterThanOrEqual(0.95);
  });

  it('states the list version, and a new designation is screenable at once under a newer one', async () => {
    const [before] = await screen([{ name: 'Zebulon Quartermaine Trading' }]);
    expect(before!.matches).toEqual([]);
    const created = await hub.graphql(
      `mutation { createDesignation(input: { subjectType: ENTITY, primaryName: "Zebulon Quartermaine Trading FZE", status: ACTIVE,
        aliases: [{ name: "ZQT Logistik" }], marking: GREEN }) { id } }`,
      {},
      OFAC,
    );
    expect(created.errors).toBeUndefined();
    const [after, alias] = await screen([{ name: 'Zebulon Quartermaine Trading' }, { name: 'ZQT Logistik' }]);
    expect(topName(after!)).toBe('Zebulon Quartermaine Trading FZE');
    expect(alias!.matches[0]).toMatchObject({ matchedName: 'ZQT Logistik', designation: { primaryName: 'Zebulon Quartermaine Trading FZE' } });
    expect(after!.listVersion).toMatch(/^designations@[0-9a-f]{32}$/);
    expect(after!.listVersion).not.toBe(before!.listVersion);
  });

  it('only ever returns designations the caller may see, with their fields per its agreements', async () => {
    // BAFA has no agreement with OFAC: nothing of OFAC's is a candidate.
    const [bafa] = await screen([{ name: 'Vladimir Putin' }], BAFA);
    expect(bafa!.matches).toEqual([]);

    // METI sees only RUSSIA-EO14024 listings: Putin yes, Kim Jong Un (DPRK program) no.
    const [metiPutin, metiKim] = await screen([{ name: 'Vladimir Putin' }, { name: 'Kim Jong Un' }], METI);
    expect(topName(metiPutin!)).toBe('PUTIN, Vladimir Vladimirovich');
    expect(metiKim!.matches).toEqual([]);

    // OFSI sees primary names (and status) only: an alias is never compared (it would reveal the alias), and
    // withheld fields of a matched designation are FORBIDDEN like anywhere else.
    const response = await hub.graphql<{ screen: { matches: { matchedName: string; designation: { primaryName: string; remarks: string | null } }[] }[] }>(
      `query { screen(input: [{ name: "Vladimir Putin" }, { name: "ZQT Logistik" }]) { matches { matchedName designation { primaryName remarks } } } }`,
      {},
      OFSI,
    );
    const [putin, alias] = response.data!.screen;
    expect(putin!.matches[0]).toMatchObject({ matchedName: 'PUTIN, Vladimir Vladimirovich', designation: { primaryName: 'PUTIN, Vladimir Vladimirovich', remarks: null } });
    expect(alias!.matches.map((m) => m.matchedName)).not.toContain('ZQT Logistik');
    expect(errorCodes(response).length).toBeGreaterThan(0);
    expect(new Set(errorCodes(response))).toEqual(new Set(['FORBIDDEN']));
    expect(response.errors!.every((e) => e.path?.at(-1) === 'remarks')).toBe(true);
  });

  it('suppresses an adjudicated hit for that party, for partners it is shared with, and not for other parties', async () => {
    const designationId = await putinId();
    // A namesake the analyst checked: same name, same country, no date of birth to tell them apart.
    const party = { name: 'Vladimir Putin', country: 'RU' };
    const adjudicate = (key: string) =>
      hub.graphql<{ adjudicateMatch: { id: string; version: number; reviewedBy: string; partyName: string } }>(
        `mutation($input: AdjudicateMatchInput!) { adjudicateMatch(input: $input) { id version reviewedBy partyName } }`,
        {
          input: {
            party,
            designationId,
            matchedName: 'PUTIN, Vladimir Vladimirovich',
            reason: 'Namesake: a software engineer in Kazan born 1985, passport checked.',
            marking: 'GREEN',
            idempotencyKey: key,
          },
        },
        OFAC,
      );
    const first = await adjudicate('adj-1');
    expect(first.errors).toBeUndefined();
    const retry = await adjudicate('adj-1');
    expect(retry.data!.adjudicateMatch.id).toBe(first.data!.adjudicateMatch.id);
    const again = await adjudicate('adj-2');
    expect(errorCodes(again)).toEqual(['CONFLICT']);

    const [same, sameReordered, otherParty] = await screen([party, { ...party, name: 'PUTIN, VLADIMIR' }, { name: 'Vladimir Putin' }]);
    for (const result of [same!, sameReordered!]) {
      expect(result.matches.map((m) => m.designation.id)).not.toContain(designationId);
      expect(result.suppressed).toHaveLength(1);
      expect(result.suppressed[0]).toMatchObject({
        match: { designation: { id: designationId } },
        adjudications: [{ id: first.data!.adjudicateMatch.id, owner: { id: 'us-ofac' } }],
      });
    }
    expect(otherParty!.matches.map((m) => m.designation.id)).toContain(designationId);
    expect(otherParty!.suppressed).toEqual([]);

    // OFSI sees OFAC's adjudications under its agreement: the same party is suppressed for it too.
    const [atOfsi] = await screen([party], OFSI);
    expect(atOfsi!.suppressed.map((s) => s.match.designation.id)).toEqual([designationId]);
    // METI has no adjudications shared: it gets the hit.
    const [atMeti] = await screen([party], METI);
    expect(atMeti!.matches.map((m) => m.designation.id)).toContain(designationId);

    // Withdrawn, the hit is reported again.
    const withdrawn = await hub.graphql(
      `mutation($input: WithdrawAdjudicationInput!) { withdrawAdjudication(input: $input) { id active version } }`,
      { input: { id: first.data!.adjudicateMatch.id, expectedVersion: first.data!.adjudicateMatch.version } },
      OFAC,
    );
    expect(withdrawn.errors).toBeUndefined();
    const [afterWithdrawal] = await screen([party]);
    expect(afterWithdrawal!.matches.map((m) => m.designation.id)).toContain(designationId);
    const stale = await hub.graphql(
      `mutation($input: WithdrawAdjudicationInput!) { withdrawAdjudication(input: $input) { id } }`,
      { input: { id: first.data!.adjudicateMatch.id, expectedVersion: first.data!.adjudicateMatch.version } },
      OFAC,
    );
    expect(errorCodes(stale)).toEqual(['CONFLICT']);
  });

  it('refuses adjudications without a writer role, of designations not visible, and lists them per agreements', async () => {
    const designationId = await putinId();
    const input = { party: { name: 'V. Putin' }, designationId, matchedName: 'PUTIN, Vladimir Vladimirovich', reason: 'checked', marking: 'GREEN' };
    const mutation = `mutation($input: AdjudicateMatchInput!) { adjudicateMatch(input: $input) { id } }`;
    expect(errorCodes(await hub.graphql(mutation, { input }, { agency: 'us-ofac', roles: ['verification_officer'] }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await hub.graphql(mutation, { input }, { agency: 'de-bafa', roles: ['analyst'] }))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await hub.graphql(mutation, { input: { ...input, reason: ' ' } }, OFAC))).toEqual(['BAD_USER_INPUT']);

    const list = `query { screeningAdjudications(first: 50) { totalCount edges { node { id partyName reason } } } }`;
    const atOfsi = await hub.graphql<{ screeningAdjudications: { totalCount: number } }>(list, {}, OFSI);
    const atMeti = await hub.graphql<{ screeningAdjudications: { totalCount: number } }>(list, {}, METI);
    expect(atOfsi.data!.screeningAdjudications.totalCount).toBeGreaterThan(0);
    expect(atMeti.data!.screeningAdjudications.totalCount).toBe(0);
  });

  it('gives clear errors for bad input and batch limits', async () => {
    const tooMany = Array.from({ length: 1001 }, (_, i) => ({ name: `Party ${i}` }));
    const big = await hub.graphql(SCREEN, { input: tooMany });
    expect(errorCodes(big)).toEqual(['BAD_USER_INPUT']);
    expect(big.errors![0]!.message).toMatch(/at most 1000 parties/);

    const bad = await hub.graphql(SCREEN, { input: [{ name: '   ' }, { name: 'X', dateOfBirth: '1972-13' }, { name: '!!!' }] });
    expect(errorCodes(bad)).toEqual(['BAD_USER_INPUT']);
    expect(bad.errors![0]!.extensions!.fields).toBe('input[0].name,input[1].dateOfBirth,input[2].name');

    expect(errorCodes(await hub.graphql(SCREEN, { input: [{ name: 'X' }], threshold: 1.5 }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await hub.graphql(SCREEN, { input: [{ name: 'X' }], weights: { countryAgrees: 0.9 } }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await hub.graphql(SCREEN, { input: [] }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await hub.graphql(SCREEN, { input: [{ name: 'X', country: 'XX' }] }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await hub.graphql(SCREEN, { input: [{ name: 'X' }] }, null))).toEqual(['UNAUTHENTICATED']);
  });

  it('screens a batch of 1000 in one call, results in input order, and honours a request threshold', async () => {
    const batch = Array.from({ length: 1000 }, (_, i) => ({ name: i % 100 === 0 ? 'Vladimir Putin' : `Unrelated Person ${i}` }));
    const results = await screen(batch);
    expect(results.map((r) => r.index)).toEqual(batch.map((_, i) => i));
    expect(results.filter((r) => r.matches.some((m) => m.designation.primaryName === 'PUTIN, Vladimir Vladimirovich'))).toHaveLength(10);
    const [strict] = await screen([{ name: 'Wladimir Putin' }], OFAC, { threshold: 1 });
    expect(strict!.threshold).toBe(1);
    for (const match of strict!.matches) expect(match.score).toBe(1);
  });
});
