import { CountryCodeResolver } from 'graphql-scalars';
import { describe, expect, it } from 'vitest';
import { CONTROL_ENTRY_STATUSES, MARKINGS, THREAT_ENTRY_KINDS } from '../../src/db/schema/index.ts';
import { isValidImoNumber, normalizeIdentifier } from '../../src/lib/identifiers.ts';
import { isUuid } from '../../src/lib/ids.ts';
import { InputProblems } from '../../src/lib/input-errors.ts';
import { detectScript, normalizeForSearch } from '../../src/lib/names.ts';
import { partialDateBounds } from '../../src/lib/partial-dates.ts';
import { checkListingRules } from '../../src/modules/designations/designation.validation.ts';
import { DEMO_AGENCIES, DEMO_AGENCY_IDS, LICENSING_AGENCY_IDS } from '../../src/modules/seed/demo-agencies.ts';
import { generateDemoData, inBatches } from '../../src/modules/seed/demo-data.ts';
import { demoDesignation, type DemoDesignation } from '../../src/modules/seed/designation-generator.ts';
import { deterministicId } from '../../src/modules/seed/deterministic-id.ts';
import { Random } from '../../src/modules/seed/random.ts';
import { russianSurname, zipfRank } from '../../src/modules/seed/long-tail-names.ts';
import { nameStatistics } from '../../src/modules/seed/name-statistics.ts';
import { nameKeys } from '../../src/modules/name-matching/name-normalization.ts';

const designations = (count: number, seed = 1): DemoDesignation[] => [...generateDemoData({ seed, designations: count }).designations];
const SAMPLE = designations(10_000);
const share = (predicate: (d: DemoDesignation) => boolean) => SAMPLE.filter(predicate).length / SAMPLE.length;
const isCountryCode = (code: string) => {
  try {
    return CountryCodeResolver.parseValue(code) === code;
  } catch {
    return false;
  }
};

describe('seeded randomness', () => {
  it('gives the same sequence for the same keys and another for other keys', () => {
    const draw = (...keys: number[]) => {
      const r = new Random(...keys);
      return Array.from({ length: 5 }, () => r.next());
    };
    expect(draw(1, 2)).toEqual(draw(1, 2));
    expect(draw(1, 2)).not.toEqual(draw(2, 1));
    expect(draw(1, 2)).not.toEqual(draw(1, 3));
  });

  it('derives v4-shaped UUIDs from strings, the same every time', () => {
    const id = deterministicId('interlock-demo/1/designation/0');
    expect(id).toBe(deterministicId('interlock-demo/1/designation/0'));
    expect(id).not.toBe(deterministicId('interlock-demo/1/designation/1'));
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('demo designations', () => {
  it('are identical for the same seed, and differ for another seed', () => {
    expect(designations(300, 7)).toEqual(designations(300, 7));
    const data = generateDemoData({ seed: 7, designations: 50 });
    expect([...data.designations]).toEqual([...data.designations]);
    expect(designations(50, 8).map((d) => d.content.primaryName)).not.toEqual(designations(50, 7).map((d) => d.content.primaryName));
  });

  it('make record i the same whatever the total count, so a larger seed only adds records', () => {
    const hundred = designations(100);
    expect(SAMPLE.slice(0, 100)).toEqual(hundred);
    expect(demoDesignation(1, 4_321)).toEqual(SAMPLE[4_321]);
  });

  it('have unique ids and source references', () => {
    expect(SAMPLE.every((d) => isUuid(d.id))).toBe(true);
    expect(new Set(SAMPLE.map((d) => d.id)).size).toBe(SAMPLE.length);
    expect(new Set(SAMPLE.map((d) => d.source.sourceReference)).size).toBe(SAMPLE.length);
    expect(SAMPLE.every((d) => d.source.sourceList === 'DEMO')).toBe(true);
  });

  it('mix subject types as the lists do: mostly individuals and entities', () => {
    const expected = { INDIVIDUAL: 0.45, ENTITY: 0.4, VESSEL: 0.1, AIRCRAFT: 0.04, ITEM: 0.01 };
    for (const [type, expectedShare] of Object.entries(expected)) {
      expect(Math.abs(share((d) => d.content.subjectType === type) - expectedShare)).toBeLessThan(0.1 * expectedShare + 0.004);
    }
  });

  it('are mostly active, with some provisional, suspended and delisted', () => {
    expect(share((d) => d.content.status === 'ACTIVE')).toBeGreaterThan(0.85);
    for (const [status, expected] of [['PROVISIONAL', 0.05], ['SUSPENDED', 0.03], ['DELISTED', 0.03]] as const) {
      expect(Math.abs(share((d) => d.content.status === status) - expected)).toBeLessThan(0.01);
    }
  });

  it('spread markings over every TLP level, mostly GREEN and AMBER, and rarely restrict releasability', () => {
    for (const marking of MARKINGS) expect(share((d) => d.content.marking === marking)).toBeGreaterThan(0.02);
    expect(share((d) => d.content.marking === 'GREEN' || d.content.marking === 'AMBER')).toBeGreaterThan(0.7);
    const restricted = SAMPLE.filter((d) => d.content.releasableTo !== null);
    expect(restricted.length / SAMPLE.length).toBeLessThan(0.2);
    for (const d of restricted) {
      expect(d.content.releasableTo!.length).toBeGreaterThan(0);
      expect(d.content.releasableTo!.every((id) => DEMO_AGENCY_IDS.includes(id as never) && id !== d.ownerId)).toBe(true);
    }
  });

  it('give every vessel a valid IMO number', () => {
    const vessels = SAMPLE.filter((d) => d.content.subjectType === 'VESSEL');
    expect(vessels.length).toBeGreaterThan(500);
    for (const vessel of vessels) {
      const imo = vessel.content.identifiers.filter((i) => i.type === 'IMO_NUMBER');
      expect(imo).toHaveLength(1);
      expect(isValidImoNumber(imo[0]!.value)).toBe(true);
    }
  });

  it('keep the listing rules: provisional with a later sunset, review not before listing', () => {
    const provisional = SAMPLE.filter((d) => d.content.status === 'PROVISIONAL');
    expect(provisional.length).toBeGreaterThan(0);
    for (const d of provisional) expect(d.content.sunsetDate! > d.content.effectiveFrom!).toBe(true);
    for (const d of SAMPLE) {
      const problems = new InputProblems();
      checkListingRules(problems, d.content);
      expect(problems.isEmpty).toBe(true);
      expect(d.content.effectiveFrom! >= '2005-01-01' && d.content.effectiveFrom! <= '2026-12-31').toBe(true);
      if (d.content.status !== 'PROVISIONAL') expect(d.content.sunsetDate).toBeNull();
    }
  });

  it('carry aliases in Cyrillic, Arabic, Han and Hangul, weak aliases and former names, within the first 1000', () => {
    const aliases = SAMPLE.slice(0, 1_000).flatMap((d) => d.content.aliases);
    const scripts = new Set(aliases.map((a) => a.script));
    for (const script of ['Cyrillic', 'Arabic', 'Han', 'Hangul', 'Latin']) expect(scripts).toContain(script);
    expect(aliases.some((a) => a.strength === 'WEAK' && /^(Abu|Umm) /.test(a.name))).toBe(true);
    expect(aliases.some((a) => a.kind === 'FKA')).toBe(true);
  });

  it('store names, identifiers and dates of birth normalised as validation does', () => {
    for (const { content } of SAMPLE) {
      for (const alias of content.aliases) {
        expect(alias.nameNormalized).toBe(normalizeForSearch(alias.name));
        expect(alias.script).toBe(detectScript(alias.name));
        expect(alias.nameNormalized).not.toBe('');
      }
      for (const identifier of content.identifiers) expect(identifier.valueNormalized).toBe(normalizeIdentifier(identifier.value));
      for (const dob of content.birthDates) {
        expect(dob.earliest).toBe(partialDateBounds(dob.date)!.earliest);
        expect(dob.latest).toBe(partialDateBounds(dob.rangeEnd ?? dob.date)!.latest);
        expect(dob.earliest <= dob.latest).toBe(true);
      }
    }
  });

  it('give individuals dates of birth in every form the lists use', () => {
    const dobs = SAMPLE.flatMap((d) => d.content.birthDates);
    expect(dobs.filter((d) => d.date.length === 10).length / dobs.length).toBeGreaterThan(0.6);
    expect(dobs.some((d) => d.date.length === 4 && !d.approximate && d.rangeEnd === null)).toBe(true);
    expect(dobs.some((d) => d.approximate)).toBe(true);
    expect(dobs.some((d) => d.date.length === 7)).toBe(true);
    expect(dobs.some((d) => d.rangeEnd !== null)).toBe(true);
  });

  it('use ISO country codes and demo agencies as owners', () => {
    const countries = new Set(
      SAMPLE.flatMap((d) => [
        ...d.content.nationalities,
        ...d.content.addresses.map((a) => a.country!),
        ...d.content.identifiers.flatMap((i) => (i.issuingCountry ? [i.issuingCountry] : [])),
      ]),
    );
    for (const code of countries) expect(isCountryCode(code), code).toBe(true);
    expect(SAMPLE.every((d) => DEMO_AGENCY_IDS.includes(d.ownerId as never))).toBe(true);
    expect(SAMPLE.every((d) => d.content.programs.length > 0 && d.content.legalBasis)).toBe(true);
  });
});

describe('demo agencies', () => {
  it('are real agencies of several countries and kinds', () => {
    expect(DEMO_AGENCIES.length).toBeGreaterThanOrEqual(6);
    expect(new Set(DEMO_AGENCIES.map((a) => a.country)).size).toBeGreaterThanOrEqual(4);
    expect(new Set(DEMO_AGENCIES.map((a) => a.kind)).size).toBeGreaterThanOrEqual(3);
    expect(DEMO_AGENCIES.every((a) => isCountryCode(a.country))).toBe(true);
    expect(DEMO_AGENCY_IDS).toEqual(expect.arrayContaining(['us-ofac', 'us-bis', 'gb-ofsi', 'gb-ecju', 'de-bafa', 'jp-meti']));
  });
});

describe('demo control lists and threat library', () => {
  const data = generateDemoData({ designations: 0 });

  it('hold about sixty classifications kept by licensing authorities, some provisional', () => {
    const entries = data.controlListEntries;
    expect(entries.length).toBeGreaterThanOrEqual(55);
    expect(new Set(entries.map((e) => `${e.ownerAgencyId}/${e.classificationCode}`)).size).toBe(entries.length);
    expect(new Set(entries.map((e) => e.id)).size).toBe(entries.length);
    const reasons = new Set(['NS', 'MT', 'NP', 'CB', 'AT', 'RS', 'CC', 'CW', 'EI', 'SL']);
    for (const entry of entries) {
      expect(LICENSING_AGENCY_IDS).toContain(entry.ownerAgencyId);
      expect(entry.controlReasons!.length).toBeGreaterThan(0);
      expect(entry.controlReasons!.every((r) => reasons.has(r))).toBe(true);
      expect(CONTROL_ENTRY_STATUSES).toContain(entry.status);
      if (entry.provisional) expect(entry.sunsetDate! > entry.reviewDate!).toBe(true);
    }
    expect(entries.filter((e) => e.provisional).length).toBeGreaterThanOrEqual(2);
    expect(entries.map((e) => e.classificationCode)).toEqual(expect.arrayContaining(['3A001.a.1', '5A002.a', '9A004', '1C350', '2B001']));
  });

  it('hold about forty threat entries of every kind, linked to control-list entries that exist', () => {
    expect(data.threatEntries.length).toBeGreaterThanOrEqual(40);
    for (const kind of THREAT_ENTRY_KINDS) expect(data.threatEntries.some((t) => t.kind === kind)).toBe(true);
    expect(data.threatEntries.every((t) => t.indicators!.length > 0)).toBe(true);
    const controlIds = new Set(data.controlListEntries.map((e) => e.id));
    const threatIds = new Set(data.threatEntries.map((t) => t.id));
    expect(data.threatEntryControlLinks.length).toBeGreaterThan(20);
    for (const link of data.threatEntryControlLinks) {
      expect(controlIds.has(link.controlListEntryId)).toBe(true);
      expect(threatIds.has(link.threatEntryId)).toBe(true);
    }
  });

  it('do not depend on the seed', () => {
    const other = generateDemoData({ seed: 99, designations: 0 });
    expect(other.controlListEntries).toEqual(data.controlListEntries);
    expect(other.threatEntries).toEqual(data.threatEntries);
  });
});

describe('inBatches', () => {
  it('groups lazily into full batches and a last partial one', () => {
    expect([...inBatches([1, 2, 3, 4, 5], 2)]).toEqual([[1, 2], [3, 4], [5]]);
    expect([...inBatches([], 3)]).toEqual([]);
  });
});

describe('seeded names have the shape of the published lists', () => {
  const names = SAMPLE.map((d) => [d.content.primaryName, ...d.content.aliases.map((a) => a.name)]);

  it('repeat a name about as often per retrieval key as the lists do (1.0–1.4; the old pools gave 2.4 at this size)', () => {
    const shape = nameStatistics(names);
    expect(shape.namesPerKey).toBeLessThan(1.45);
    expect(shape.designationsPerPrimaryKey).toBeLessThan(1.15);
  });

  it('draw words with a long tail: many distinct words, most of them rare, a few common ones (the SDN: 38% distinct, 72% seen once, top 100 words 21%)', () => {
    const shape = nameStatistics(names);
    expect(shape.distinctTokens / shape.tokens).toBeGreaterThan(0.2);
    expect(shape.hapaxShare).toBeGreaterThan(0.5);
    expect(shape.top100Share).toBeGreaterThan(0.15);
    expect(shape.top100Share).toBeLessThan(0.35);
  });

  it('makes up each tail word the same way every time, with its native spelling matching its Latin one', () => {
    expect(russianSurname(12_345)).toEqual(russianSurname(12_345));
    expect(russianSurname(12_345)).not.toEqual(russianSurname(12_346));
    for (let rank = 0; rank < 500; rank++) {
      const [latin, cyrillic] = russianSurname(rank);
      expect(nameKeys(cyrillic).key, `${latin} ${cyrillic}`).toBe(nameKeys(latin).key);
    }
  });

  it('draws ranks by a Zipf law: the first rank most often, half the draws past the first few hundred', () => {
    const r = new Random(7);
    const ranks = Array.from({ length: 20_000 }, () => zipfRank(r, 400_000, 1));
    expect(ranks.filter((k) => k === 0).length).toBeGreaterThan(ranks.filter((k) => k === 1).length);
    expect(ranks.filter((k) => k > 300).length / ranks.length).toBeGreaterThan(0.45);
    expect(Math.max(...ranks)).toBeLessThan(400_000);
  });
});

describe('name statistics', () => {
  it('counts names per key, words, and the commonest word', () => {
    const shape = nameStatistics([
      ['IVANOV, Sergei', 'Ivanov Sergei'],
      ['Sergei Ivanov'],
      ['PETROV, Oleg'],
    ]);
    // "ivanov sergei" twice, "sergei ivanov", "petrov oleg": 4 names, 3 keys.
    expect(shape).toMatchObject({ designations: 3, names: 4, tokens: 8, distinctTokens: 4, commonestToken: 'ivanov', commonestTokenShare: 0.75 });
    expect(shape.namesPerKey).toBeCloseTo(4 / 3);
    expect(shape.designationsPerPrimaryKey).toBeCloseTo(1);
    expect(shape.hapaxShare).toBe(0.5);
  });
});
