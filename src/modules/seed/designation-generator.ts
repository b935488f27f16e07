import type { DesignationStatus, Marking, SubjectType } from '../../db/schema/index.ts';
import type { NewDesignation, SourceKey } from '../designations/designation.repository.ts';
import type { CreateDesignationInput } from '../designations/designation.types.ts';
import { validateCreate } from '../designations/designation.validation.ts';
import { aircraft, item, vessel } from './craft-generator.ts';
import { DEMO_AGENCY_IDS } from './demo-agencies.ts';
import { addDays, DEMO_TODAY, randomDate } from './demo-calendar.ts';
import { deterministicId } from './deterministic-id.ts';
import { entity } from './entity-generator.ts';
import { individual } from './individual-generator.ts';
import { ITEM_LISTINGS, ITEM_RATIONALES, THEMES, type Listing, type Theme } from './listing-themes.ts';
import { Random } from './random.ts';
import type { SubjectDraft } from './subject-draft.ts';

/** A designation as the repository inserts it, with its deterministic id and source key. */
export type DemoDesignation = NewDesignation & { id: string; source: SourceKey };

type Weighted<T> = readonly (readonly [T, number])[];

const SUBJECTS: Weighted<SubjectType> = [['INDIVIDUAL', 45], ['ENTITY', 40], ['VESSEL', 10], ['AIRCRAFT', 4], ['ITEM', 1]];
const BUILDERS: Readonly<Record<SubjectType, (r: Random) => SubjectDraft>> = {
  INDIVIDUAL: individual,
  ENTITY: entity,
  VESSEL: vessel,
  AIRCRAFT: aircraft,
  ITEM: item,
};
const STATUSES: Weighted<DesignationStatus> = [['ACTIVE', 89], ['PROVISIONAL', 5], ['SUSPENDED', 3], ['DELISTED', 3]];
const MARKINGS: Weighted<Marking> = [['CLEAR', 5], ['GREEN', 40], ['AMBER', 40], ['AMBER_STRICT', 10], ['RED', 5]];
const STATUS_REMARKS: Partial<Record<DesignationStatus, string>> = {
  SUSPENDED: 'Listing suspended pending review of new information',
  DELISTED: 'Delisted following administrative review',
};
/** Demo records must never be mistaken for real listings, wherever they end up. */
const FICTITIOUS = 'Fictitious record generated as demonstration data';

/**
 * Designation `index` of the demo set for `seed`. Its PRNG is derived from (seed, index)
 * alone, so a record never depends on how many are generated around it.
 */
export function demoDesignation(seed: number, index: number): DemoDesignation {
  const r = new Random(seed, index);
  const subjectType = r.weighted(SUBJECTS);
  const draft = BUILDERS[subjectType](r);
  const listing = r.weighted(listingsFor(subjectType, draft.theme));
  const status = r.weighted(STATUSES);
  const input: CreateDesignationInput = {
    subjectType,
    primaryName: draft.primaryName,
    // Delisting has its own operation; create as active and mark delisted below.
    status: status === 'DELISTED' ? 'ACTIVE' : status,
    marking: r.weighted(MARKINGS),
    releasableTo: r.chance(0.12) ? r.sample(DEMO_AGENCY_IDS.filter((id) => id !== listing.owner), r.int(1, 3)) : null,
    aliases: draft.aliases,
    identifiers: draft.identifiers,
    addresses: draft.addresses,
    nationalities: draft.nationalities,
    datesOfBirth: draft.datesOfBirth,
    placesOfBirth: draft.placesOfBirth,
    programs: [...listing.programs],
    legalBasis: listing.legalBasis,
    rationale: rationale(r, subjectType, draft.theme),
    remarks: [...draft.remarks, STATUS_REMARKS[status], FICTITIOUS].filter(Boolean).join('; '),
    ...listingDates(r, status, listing.since),
  };
  const content = validateCreate(input);
  return {
    id: demoDesignationId(seed, index),
    ownerId: listing.owner,
    content: { ...content, status },
    // The seed is part of the reference so that two seeds can share a database.
    source: { sourceList: 'DEMO', sourceReference: `DEMO-${seed}-${index}` },
  };
}

/** The id of designation `index`, known without generating it (to skip what a database has). */
export function demoDesignationId(seed: number, index: number): string {
  return deterministicId(`interlock-demo/${seed}/designation/${index}`);
}

/** Designations [from, to) of the demo set, made one at a time as they are read. */
export function* demoDesignations(seed: number, to: number, from = 0): Generator<DemoDesignation> {
  for (let index = from; index < to; index++) yield demoDesignation(seed, index);
}

const listingCache = new Map<string, Weighted<Listing>>();

function listingsFor(subject: SubjectType, theme: Theme): Weighted<Listing> {
  const key = `${subject}/${theme}`;
  let listings = listingCache.get(key);
  if (!listings) {
    const all = subject === 'ITEM' ? ITEM_LISTINGS : THEMES[theme].listings;
    listings = all.filter((l) => l.subjects.includes(subject)).map((l) => [l, l.weight] as const);
    if (listings.length === 0) throw new Error(`no demo listing for ${subject} under ${theme}`);
    listingCache.set(key, listings);
  }
  return listings;
}

function rationale(r: Random, subject: SubjectType, theme: Theme): string | null {
  const { person, organisation, craft } = THEMES[theme].rationales;
  const choices = { INDIVIDUAL: person, ENTITY: organisation, VESSEL: craft, AIRCRAFT: craft, ITEM: ITEM_RATIONALES }[subject];
  return choices.length > 0 ? r.pick(choices) : null;
}

/**
 * Effective from the program's start up to the demo's "today"; a provisional listing is
 * recent and lapses 3 to 12 months later; a review falls due some years after listing.
 */
function listingDates(r: Random, status: DesignationStatus, since: number) {
  if (status === 'PROVISIONAL') {
    const effectiveFrom = randomDate(r, addDays(DEMO_TODAY, -365), DEMO_TODAY);
    const sunsetDate = addDays(effectiveFrom, r.int(90, 365));
    return { effectiveFrom, sunsetDate, reviewDueDate: addDays(sunsetDate, -30) };
  }
  const effectiveFrom = randomDate(r, `${Math.max(since, 2005)}-01-01`, DEMO_TODAY);
  const reviewDueDate = r.chance(0.7) ? addDays(effectiveFrom, r.int(180, 3 * 365)) : null;
  return { effectiveFrom, sunsetDate: null, reviewDueDate };
}
