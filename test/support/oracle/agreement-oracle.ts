import type { AgreementFile } from '../../../src/policy/agreement-files.ts';
import { CATALOGUE, type RecordType } from '../../../src/policy/catalogue.ts';

/**
 * The sharing decision written a second time, from the agreement files as their authors
 * wrote them, for tests to compare the hub against. It reads only the catalogue (the list of
 * fields and groups agreements may name); it shares no code with src/policy/decision.ts, so
 * that a bug there cannot make the hub and its oracle agree.
 */
const MARKING_ORDER = ['CLEAR', 'GREEN', 'AMBER', 'AMBER_STRICT', 'RED'] as const;
const ALWAYS = ['id', 'owner', 'marking'];
const DAY_MS = 86_400_000;

/** What the decision needs of a record, read from the owner's full view of it. */
export interface RecordFacts {
  readonly type: RecordType;
  readonly id: string;
  readonly owner: string;
  readonly marking: string;
  readonly releasableTo: readonly string[] | null;
  /** Agencies named on the record (the agency performing an end-use check), who see it whole. */
  readonly participants: readonly string[];
  /** The record's stored values, GraphQL field names. */
  readonly values: Readonly<Record<string, unknown>>;
}

const rank = (marking: string) => MARKING_ORDER.indexOf(marking as (typeof MARKING_ORDER)[number]);
const instant = (value: string | Date) => (value instanceof Date ? value : new Date(value)).getTime();
const dateOnly = (value: string | Date) => typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);

export class AgreementOracle {
  constructor(
    private readonly agreements: readonly AgreementFile[],
    private readonly now: Date = new Date(),
  ) {}

  /** In force: started, not ended (a date-only end includes that day), not revoked. */
  inForce(agreement: AgreementFile): boolean {
    const now = this.now.getTime();
    if (instant(agreement.validFrom) > now) return false;
    if (agreement.validUntil !== undefined) {
      const end = instant(agreement.validUntil) + (dateOnly(agreement.validUntil) ? DAY_MS : 0);
      if (now >= end) return false;
    }
    return agreement.revokedAt === undefined || instant(agreement.revokedAt) > now;
  }

  /** The fields of `record` released to `agency`, or null when the record does not exist for it. */
  released(agency: string, record: RecordFacts): ReadonlySet<string> | null {
    const every = CATALOGUE[record.type].fields;
    if (record.owner === agency || record.participants.includes(agency)) return new Set(every);
    if (rank(record.marking) >= rank('RED')) return null;
    if (record.releasableTo !== null && !record.releasableTo.includes(agency)) return null;
    let fields: Set<string> | null = null;
    for (const agreement of this.agreements) {
      if (agreement.grantor !== record.owner || !agreement.grantees.includes(agency) || !this.inForce(agreement)) continue;
      for (const grant of agreement.grants) {
        if (grant.type !== record.type) continue;
        const ceiling = grant.ceiling && rank(grant.ceiling) < rank(agreement.ceiling) ? grant.ceiling : agreement.ceiling;
        if (rank(record.marking) > rank(ceiling)) continue;
        if (!conditionsHold(record, grant.where ?? {})) continue;
        fields ??= new Set(ALWAYS);
        for (const name of grant.fields) expand(record.type, name).forEach((f) => fields!.add(f));
      }
    }
    return fields;
  }

  isVisible(agency: string, record: RecordFacts): boolean {
    return this.released(agency, record) !== null;
  }
}

function expand(type: RecordType, name: string): readonly string[] {
  const catalogue = CATALOGUE[type];
  if (name === 'all') return catalogue.fields;
  return catalogue.groups[name] ?? [name];
}

function conditionsHold(record: RecordFacts, where: Readonly<Record<string, readonly string[]>>): boolean {
  return Object.entries(where).every(([attribute, accepted]) => {
    const stored = attribute === 'program' ? record.values.programs : record.values[attribute];
    const values = Array.isArray(stored) ? stored.map(String) : stored === null || stored === undefined ? [] : [String(stored)];
    return values.some((v) => accepted.includes(v));
  });
}
