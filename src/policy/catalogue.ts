import { DENIAL_REASONS, LICENSE_STATES } from '../db/schema/license-enums.ts';

/**
 * What agreements can release: every shareable record type, its fields (GraphQL field
 * names), and named groups of fields. Agreements name fields or groups; anything not named
 * is withheld.
 */
export const RECORD_TYPES = [
  'Designation',
  'ThreatEntry',
  'ControlListEntry',
  'ScreeningAdjudication',
  'LicenseApplication',
  'DenialNotification',
  'EndUseCheck',
  'UnverifiedParty',
] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

/**
 * Released with every visible record. TLP 2.0 requires a marking to travel with the
 * information it marks, and a recipient must know whose record it is to handle it.
 */
export const ALWAYS_RELEASED = ['id', 'owner', 'marking'] as const;

interface TypeCatalogue {
  readonly fields: readonly string[];
  readonly groups: Readonly<Record<string, readonly string[]>>;
  /** Record attributes an agreement may condition on, and the values they may take. */
  readonly conditions: Readonly<Record<string, readonly string[] | 'text'>>;
}

const HANDLING = ['releasableTo', 'version', 'createdAt', 'updatedAt'] as const;

export const CATALOGUE: Readonly<Record<RecordType, TypeCatalogue>> = {
  Designation: {
    fields: [
      ...ALWAYS_RELEASED,
      'subjectType',
      'primaryName',
      'aliases',
      'identifiers',
      'addresses',
      'nationalities',
      'datesOfBirth',
      'placesOfBirth',
      'programs',
      'status',
      'effectiveFrom',
      'sunsetDate',
      'reviewDueDate',
      'delistedAt',
      'sourceList',
      'sourceReference',
      'legalBasis',
      'rationale',
      'remarks',
      'delistingReason',
      ...HANDLING,
      'provenance',
    ],
    groups: {
      identity: ['subjectType', 'primaryName', 'aliases', 'identifiers', 'addresses', 'nationalities', 'datesOfBirth', 'placesOfBirth'],
      listing: ['status', 'programs', 'effectiveFrom', 'sunsetDate', 'reviewDueDate', 'delistedAt', 'sourceList', 'sourceReference'],
      rationale: ['legalBasis', 'rationale', 'remarks', 'delistingReason'],
      // Where a received copy came from is handling information, like its version and timestamps.
      handling: [...HANDLING, 'provenance'],
    },
    conditions: {
      status: ['PROVISIONAL', 'ACTIVE', 'SUSPENDED', 'DELISTED'],
      subjectType: ['ENTITY', 'INDIVIDUAL', 'VESSEL', 'AIRCRAFT', 'ITEM'],
      program: 'text',
    },
  },
  ThreatEntry: {
    fields: [...ALWAYS_RELEASED, 'kind', 'title', 'status', 'description', 'indicators', 'controlListEntries', ...HANDLING, 'provenance'],
    groups: {
      summary: ['kind', 'title', 'status'],
      evidence: ['description', 'indicators'],
      links: ['controlListEntries'],
      handling: [...HANDLING, 'provenance'],
    },
    conditions: {
      status: ['DRAFT', 'ACTIVE', 'RETIRED'],
      kind: ['TECHNOLOGY_OF_CONCERN', 'RED_FLAG', 'TYPOLOGY', 'DIVERSION_ROUTE'],
    },
  },
  ControlListEntry: {
    fields: [
      ...ALWAYS_RELEASED,
      'classificationCode',
      'title',
      'controlReasons',
      'status',
      'provisional',
      'sunsetDate',
      'reviewDate',
      'description',
      ...HANDLING,
      'provenance',
    ],
    groups: {
      classification: ['classificationCode', 'title', 'controlReasons', 'status', 'provisional', 'sunsetDate', 'reviewDate'],
      details: ['description'],
      handling: [...HANDLING, 'provenance'],
    },
    conditions: {
      status: ['ACTIVE', 'SUPERSEDED', 'REVOKED'],
    },
  },
  ScreeningAdjudication: {
    fields: [
      ...ALWAYS_RELEASED,
      'partyName',
      'partyCountry',
      'partyDateOfBirth',
      'designation',
      'matchedName',
      'disposition',
      'active',
      'withdrawnAt',
      'reason',
      'reviewedBy',
      ...HANDLING,
    ],
    groups: {
      party: ['partyName', 'partyCountry', 'partyDateOfBirth'],
      hit: ['designation', 'matchedName', 'disposition', 'active', 'withdrawnAt'],
      review: ['reason', 'reviewedBy'],
      handling: HANDLING,
    },
    conditions: {
      disposition: ['FALSE_POSITIVE'],
    },
  },
  LicenseApplication: {
    fields: [
      ...ALWAYS_RELEASED,
      'reference',
      'applicantName',
      'applicantCountry',
      'destinationCountry',
      'endUse',
      'state',
      'lane',
      'items',
      'parties',
      'riskScore',
      'riskFactors',
      'screenedListVersion',
      'screenings',
      'escalations',
      'recommendedAction',
      'consultations',
      'decisionRationale',
      'conditions',
      'oversightConditions',
      'denialReason',
      'reviewDate',
      'expiresOn',
      'decidedAt',
      'appealGrounds',
      'transitions',
      ...HANDLING,
    ],
    groups: {
      summary: ['reference', 'applicantName', 'applicantCountry', 'destinationCountry', 'endUse', 'state', 'lane'],
      goods: ['items'],
      parties: ['parties'],
      assessment: ['riskScore', 'riskFactors', 'screenedListVersion', 'screenings', 'escalations', 'recommendedAction', 'consultations'],
      decision: ['decisionRationale', 'conditions', 'oversightConditions', 'denialReason', 'reviewDate', 'expiresOn', 'decidedAt', 'appealGrounds'],
      history: ['transitions'],
      handling: HANDLING,
    },
    conditions: {
      state: [...LICENSE_STATES],
      destinationCountry: 'text',
    },
  },
  DenialNotification: {
    fields: [
      ...ALWAYS_RELEASED,
      'partyName',
      'partyCountry',
      'partyIdentifiers',
      'controlListCodes',
      'reasonCategory',
      'deniedOn',
      'validUntil',
      'revokedAt',
      ...HANDLING,
    ],
    groups: {
      party: ['partyName', 'partyCountry', 'partyIdentifiers'],
      denial: ['controlListCodes', 'reasonCategory', 'deniedOn', 'validUntil', 'revokedAt'],
      handling: HANDLING,
    },
    conditions: {
      reasonCategory: [...DENIAL_REASONS],
    },
  },
  EndUseCheck: {
    fields: [
      ...ALWAYS_RELEASED,
      'kind',
      'performingAgency',
      'application',
      'partyName',
      'partyCountry',
      'partyAddress',
      'destinationCountry',
      'items',
      'instructions',
      'status',
      'outcome',
      'outcomeDate',
      'completedBy',
      'findings',
      ...HANDLING,
    ],
    groups: {
      // The licensed goods and their destination travel with the request: the performing agency
      // needs them on site and may not see the application they are copied from.
      request: ['kind', 'performingAgency', 'application', 'partyName', 'partyCountry', 'partyAddress', 'destinationCountry', 'items', 'instructions', 'status'],
      outcome: ['outcome', 'outcomeDate', 'completedBy'],
      // Restricted: what the officers saw on site; released only by an agreement naming it.
      findings: ['findings'],
      handling: HANDLING,
    },
    conditions: {
      kind: ['PRE_LICENSE_CHECK', 'POST_SHIPMENT_VERIFICATION'],
      outcome: ['FAVORABLE', 'UNFAVORABLE', 'UNVERIFIABLE'],
    },
  },
  UnverifiedParty: {
    fields: [...ALWAYS_RELEASED, 'name', 'country', 'outcome', 'endUseCheck', ...HANDLING],
    groups: {
      party: ['name', 'country', 'outcome'],
      source: ['endUseCheck'],
      handling: HANDLING,
    },
    conditions: {
      outcome: ['UNFAVORABLE', 'UNVERIFIABLE'],
    },
  },
};

/**
 * Text a record carries inside its value types that quotes other fields of the record: which
 * fields each kind of text quotes. Such text is released only to a reader given every field it
 * quotes (see quoted-text.ts), whatever group holds the value type. A license transition's
 * `reason` is released with `history` by kind: the automatic routing reason quotes the risk
 * score, an automatic escalation the escalations, an expiry the expiry date, an officer's
 * words the decision rationale or the appeal grounds they were given as, a consultation's
 * answer or override the consultations, and an acknowledgement the escalations.
 */
export const QUOTED_FIELDS = {
  LicenseApplication: {
    transitionReason: {
      RISK_ASSESSMENT: ['riskScore'],
      ESCALATION: ['escalations'],
      EXPIRY: ['expiresOn'],
      OFFICER_RATIONALE: ['decisionRationale'],
      APPEAL_GROUNDS: ['appealGrounds'],
      // A consultation answered or overridden: names the consultation, and an override's reason.
      CONSULTATION: ['consultations'],
      // An escalation closed: its resolution and the officer's reason.
      ACKNOWLEDGEMENT: ['escalations'],
    },
  },
} as const satisfies { readonly [T in RecordType]?: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> };

export const isRecordType = (name: string): name is RecordType => (RECORD_TYPES as readonly string[]).includes(name);

/**
 * Expands field and group names to field names; `all` names every field. Unknown names
 * come back in `unknown` so that a bad agreement is refused, not silently narrowed.
 */
export function expandFieldNames(type: RecordType, names: readonly string[]): { fields: Set<string>; unknown: string[] } {
  const catalogue = CATALOGUE[type];
  const fields = new Set<string>(ALWAYS_RELEASED);
  const unknown: string[] = [];
  for (const name of names) {
    if (name === 'all') catalogue.fields.forEach((f) => fields.add(f));
    else if (catalogue.groups[name]) catalogue.groups[name].forEach((f) => fields.add(f));
    else if (catalogue.fields.includes(name)) fields.add(name);
    else unknown.push(name);
  }
  return { fields, unknown };
}
