import { tokensIn } from './leakage-world.ts';
import { takesList, type ListArgument } from './schema-doors.ts';
import type { Truth, Values } from './truth.ts';

/**
 * What each list argument selects by, written against the view an agency may have of a
 * record: a field the agency is not given is absent from that view, so it matches nothing.
 * Keyed `query.argument`; a list argument of the schema missing here fails the coverage test.
 */
export interface FilterRule {
  /** The record fields the argument reads (documentation, and the reason a value must be released). */
  readonly reads: readonly string[];
  /** Free-text search: checked with the seeded tokens of every field. */
  readonly search?: true;
  /** Whether a record, as the caller may know it, is selected by `value`. */
  matches(value: never, view: Values): boolean;
  /** The values to try. */
  values(context: { truth: Truth; argument: ListArgument; type: string }): unknown[];
}

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const present = (value: unknown) => value !== undefined && value !== null;
const contains = (text: unknown, word: string) => typeof text === 'string' && text.toLowerCase().includes(word.toLowerCase());
const idOf = (value: unknown) => (value && typeof value === 'object' ? (value as { id?: unknown }).id : undefined);

const eachEnumValue: FilterRule['values'] = ({ argument }) => argument.enumValues.map((v) => (takesList(argument.type) ? [v] : v));
const eachOwner: FilterRule['values'] = ({ truth }) => [...new Set(truth.records.map((r) => r.owner))].map((o) => [o]);
const booleans: FilterRule['values'] = () => [true, false];
const tokensOf: FilterRule['values'] = ({ truth, type }) => [...new Set(truth.ofType(type).flatMap((r) => tokensIn(JSON.stringify(r.values))))];
/** Every stored change time, to the millisecond: the values a bisecting caller would try. */
const changeTimes: FilterRule['values'] = ({ truth, type }) => truth.ofType(type).map((r) => r.values.updatedAt);
const idsOf =
  (type: string): FilterRule['values'] =>
  ({ truth }) => [...truth.ofType(type).map((r) => r.id), UNKNOWN_ID];

const owner: FilterRule = { reads: ['owner'], matches: (v: string[], r) => v.includes(String(idOf(r.owner))), values: eachOwner };
const oneOf = (field: string): FilterRule => ({ reads: [field], matches: (v: string[], r) => present(r[field]) && v.includes(String(r[field])), values: eachEnumValue });
const equals = (field: string, values: FilterRule['values'] = eachEnumValue): FilterRule => ({
  reads: [field],
  matches: (v: unknown, r) => present(r[field]) && r[field] === v,
  values,
});
const updatedSince: FilterRule = {
  reads: ['updatedAt'],
  matches: (v: string, r) => present(r.updatedAt) && Date.parse(String(r.updatedAt)) >= Date.parse(v),
  values: changeTimes,
};
const linksTo = (field: string, type: string): FilterRule => ({
  reads: [field],
  matches: (v: string, r) => (Array.isArray(r[field]) ? (r[field] as unknown[]).some((l) => idOf(l) === v) : idOf(r[field]) === v),
  values: idsOf(type),
});

/** Past its review date (today is still in time); `false`: the rest, no review date included, where the date is released. */
const reviewOverdue = (field: string): FilterRule => ({
  reads: [field],
  matches: (v: boolean, r) => {
    if (!(field in r)) return false;
    const today = new Date().toISOString().slice(0, 10);
    return v ? present(r[field]) && String(r[field]) < today : !present(r[field]) || String(r[field]) >= today;
  },
  values: booleans,
});

export const FILTER_RULES: Readonly<Record<string, FilterRule>> = {
  'designations.filter.reviewOverdue': reviewOverdue('reviewDueDate'),
  'controlListEntries.filter.reviewOverdue': reviewOverdue('reviewDate'),
  'designations.filter.owner': owner,
  'designations.filter.program': {
    reads: ['programs'],
    matches: (v: string, r) => Array.isArray(r.programs) && r.programs.includes(v),
    values: ({ truth }) => [...new Set(truth.ofType('Designation').flatMap((r) => r.values.programs as string[]))],
  },
  'designations.filter.status': oneOf('status'),
  'designations.filter.subjectType': oneOf('subjectType'),
  'designations.filter.text': {
    reads: ['primaryName', 'aliases'],
    search: true,
    matches: (v: string, r) => contains(r.primaryName, v) || (Array.isArray(r.aliases) && r.aliases.some((a: { name: string }) => contains(a.name, v))),
    values: tokensOf,
  },
  'designations.filter.updatedSince': updatedSince,

  'threatEntries.filter.controlListEntryId': linksTo('controlListEntries', 'ControlListEntry'),
  'threatEntries.filter.kind': oneOf('kind'),
  'threatEntries.filter.owner': owner,
  'threatEntries.filter.status': oneOf('status'),
  'threatEntries.filter.text': { reads: ['title', 'description'], search: true, matches: (v: string, r) => contains(r.title, v) || contains(r.description, v), values: tokensOf },
  'threatEntries.filter.updatedSince': updatedSince,

  'controlListEntries.filter.owner': owner,
  'controlListEntries.filter.provisional': equals('provisional', booleans),
  'controlListEntries.filter.status': oneOf('status'),
  'controlListEntries.filter.text': {
    reads: ['classificationCode', 'title'],
    search: true,
    matches: (v: string, r) => (typeof r.classificationCode === 'string' && r.classificationCode.startsWith(v.toUpperCase())) || contains(r.title, v),
    values: tokensOf,
  },
  'controlListEntries.filter.updatedSince': updatedSince,

  'licenseApplications.state': oneOf('state'),
  'licenseApplications.lane': oneOf('lane'),
  'licenseApplications.hasOpenEscalations': {
    reads: ['escalations'],
    matches: (v: boolean, r) => Array.isArray(r.escalations) && r.escalations.some((e: { acknowledgedAt: unknown }) => e.acknowledgedAt === null) === v,
    values: booleans,
  },
  'licenseApplications.escalationReason': {
    reads: ['escalations'],
    matches: (v: string, r) => Array.isArray(r.escalations) && r.escalations.some((e: { kind: string; acknowledgedAt: unknown }) => e.kind === v && e.acknowledgedAt === null),
    values: eachEnumValue,
  },
  'licenseApplications.riskAtLeast': {
    reads: ['riskScore'],
    matches: (v: number, r) => typeof r.riskScore === 'number' && r.riskScore >= v,
    // Every stored score, and one above them all: what a caller bisecting a withheld score would try.
    values: ({ truth }) => [...new Set([0, 101, ...truth.ofType('LicenseApplication').map((r) => r.values.riskScore).filter((s): s is number => typeof s === 'number')])],
  },
  'licenseApplications.party': {
    reads: ['parties'],
    search: true,
    matches: (v: string, r) => Array.isArray(r.parties) && r.parties.some((p: { name: string }) => contains(p.name, v)),
    values: tokensOf,
  },

  'endUseChecks.applicationId': linksTo('application', 'LicenseApplication'),
  'endUseChecks.status': equals('status'),

  'screeningAdjudications.active': equals('active', booleans),
  'screeningAdjudications.designationId': linksTo('designation', 'Designation'),
  'screeningAdjudications.party': {
    reads: ['partyName', 'partyCountry', 'partyDateOfBirth'],
    matches: (v: { name: string; country: string; dateOfBirth: string }, r) =>
      r.partyName === v.name && r.partyCountry === v.country && r.partyDateOfBirth === v.dateOfBirth,
    values: ({ truth }) =>
      truth.ofType('ScreeningAdjudication').map(({ values: a }) => ({ name: a.partyName, country: a.partyCountry, dateOfBirth: a.partyDateOfBirth })),
  },

  'denialNotifications.activeOnly': {
    reads: ['revokedAt', 'validUntil'],
    // Without the filter every notification is listed; with it, only those the caller can tell are in force.
    matches: (v: boolean, r) => !v || (r.revokedAt === null && present(r.validUntil) && String(r.validUntil) >= new Date().toISOString().slice(0, 10)),
    values: booleans,
  },
};

/**
 * Lists of things that are not shared records: a consultation exists whole for the two
 * agencies it names and for nobody else, so its filters select by what both of them see.
 */
export const WHOLE_TO_PARTIES: Readonly<Record<string, string>> = {
  'denialConsultations.status': 'status',
};

/**
 * Lists that only ever hold the caller's own rows (an agency's import runs are not shared
 * records: test/integration/import-safeguards.test.ts checks each agency sees only its own), so
 * their filters cannot select by anything of another agency's.
 */
export const OWN_ROWS_ONLY: readonly string[] = [
  'importRuns.list',
  // The access log holds the caller's own requests and the accesses to its own records
  // (test/integration/audit-log.test.ts checks a third agency sees none of either).
  'accessLog.agency',
  'accessLog.recordId',
  'accessLog.since',
];

/** Lists that record the caller's own requests: they grow as it asks, so they hold no position to keep still. */
export const OWN_ACTIVITY_LISTS: readonly string[] = ['accessLog'];
