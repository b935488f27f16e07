import type { Marking } from '../db/schema/columns.ts';
import { isActive, markingRank, type Agreement, type Grant } from './agreement.ts';
import { ALWAYS_RELEASED, CATALOGUE, type RecordType } from './catalogue.ts';

/** The attributes of a record the decision needs. */
export interface ShareableRecord {
  readonly ownerAgencyId: string;
  readonly marking: Marking;
  readonly releasableTo: readonly string[] | null;
  readonly [attribute: string]: unknown;
}

/** One grant that applies to the caller: from `grantor`, for one record type. */
export interface CallerGrant extends Grant {
  readonly grantor: string;
  readonly agreementId: string;
}

/**
 * Which terms a decision was made from: the agreement versions applied up to `agreementsSeq`
 * (`sharing_agreements.applied_seq`), evaluated at `at`. The same basis always gives the same
 * decision, so a decision handed out once can be made again later (the change feed compares
 * what a caller could see then with what it may see now).
 */
export interface DecisionBasis {
  readonly agreementsSeq: number;
  readonly at: Date;
}

const RED = markingRank('RED');
const ALL_FIELDS = Object.fromEntries(
  Object.entries(CATALOGUE).map(([type, catalogue]) => [type, new Set(catalogue.fields)]),
) as unknown as Record<RecordType, ReadonlySet<string>>;

/**
 * What one agency may see, evaluated once per request from the agreements in force: for
 * each record type, the grants other owners made to it. Deciding a record is then a scan
 * of that short list, and deciding a field a set lookup.
 */
export class AccessDecision {
  private readonly grantsByType: ReadonlyMap<RecordType, readonly CallerGrant[]>;
  /** Decisions memoised by the record attributes that decide them. */
  private readonly memo = new Map<string, ReadonlySet<string> | null>();
  /** And by record object, so that deciding each field of a record is one lookup. */
  private readonly byRecord = new WeakMap<object, ReadonlySet<string> | null>();

  constructor(
    readonly agencyId: string,
    grants: readonly CallerGrant[],
    /** Set when the decision was made from recorded agreements (see PolicyStore). */
    readonly basis?: DecisionBasis,
  ) {
    const byType = new Map<RecordType, CallerGrant[]>();
    for (const grant of grants) byType.set(grant.type, [...(byType.get(grant.type) ?? []), grant]);
    this.grantsByType = byType;
  }

  /** True only for the benchmark-only decision that filters nothing. */
  isUnrestricted(): boolean {
    return false;
  }

  /** Grants from other owners for `type`; what SQL filters on. */
  grantsFor(type: RecordType): readonly CallerGrant[] {
    return this.grantsByType.get(type) ?? [];
  }

  /** Whether `field` of `record` is released: the per-field check, a lookup after the first field. */
  isFieldReleased(type: RecordType, record: ShareableRecord, field: string): boolean {
    let fields = this.byRecord.get(record);
    if (fields === undefined) {
      fields = this.releasedFields(type, record);
      this.byRecord.set(record, fields);
    }
    return fields !== null && fields.has(field);
  }

  /**
   * The fields of `record` released to this agency, or null when the record is not released
   * at all (the caller must then not learn that it exists). The owner sees every field.
   */
  releasedFields(type: RecordType, record: ShareableRecord): ReadonlySet<string> | null {
    if (record.ownerAgencyId === this.agencyId) return ALL_FIELDS[type];
    // A record that names the caller as a participant (the agency asked to perform an end-use
    // check) is the caller's to work on: released whole, whatever the agreements say.
    if (Array.isArray(record.participants) && (record.participants as unknown[]).includes(this.agencyId)) return ALL_FIELDS[type];
    // TLP 2.0: RED is for the named recipients at the meeting only; it never leaves its owner here.
    if (markingRank(record.marking) >= RED) return null;
    if (record.releasableTo !== null && !record.releasableTo.includes(this.agencyId)) return null;
    const applicable = this.grantsFor(type).filter((g) => g.grantor === record.ownerAgencyId);
    if (applicable.length === 0) return null;

    const key = memoKey(type, record, applicable);
    const known = this.memo.get(key);
    if (known !== undefined) return known;
    let released: Set<string> | null = null;
    for (const grant of applicable) {
      if (markingRank(record.marking) > markingRank(grant.ceiling)) continue;
      if (!conditionsHold(type, grant.conditions, record)) continue;
      released ??= new Set();
      for (const field of grant.fields) released.add(field);
    }
    this.memo.set(key, released);
    return released;
  }
  /**
   * Why `fields` of `record` were released: the agreements whose grants cover the record and
   * name at least one of those fields, or `owner` / `participant` when the record is the
   * caller's own or names it. Asked once per released record when the audit entry is written.
   */
  releasingAgreements(type: RecordType, record: ShareableRecord, fields: Iterable<string>): string[] {
    if (record.ownerAgencyId === this.agencyId) return ['owner'];
    if (Array.isArray(record.participants) && (record.participants as unknown[]).includes(this.agencyId)) return ['participant'];
    const wanted = [...fields];
    const agreements = new Set<string>();
    for (const grant of this.grantsFor(type)) {
      if (grant.grantor !== record.ownerAgencyId) continue;
      if (markingRank(record.marking) > markingRank(grant.ceiling)) continue;
      if (!conditionsHold(type, grant.conditions, record)) continue;
      // id, owner and marking travel with any grant that releases the record.
      if (wanted.some((field) => grant.fields.has(field) || (ALWAYS_RELEASED as readonly string[]).includes(field))) agreements.add(grant.agreementId);
    }
    return [...agreements].sort();
  }
}

/** The grants agreements in force at `now` make to `agencyId`, from other agencies. */
export function decideAccess(agencyId: string, agreements: readonly Agreement[], now: Date, agreementsSeq?: number): AccessDecision {
  const grants: CallerGrant[] = [];
  for (const agreement of agreements) {
    if (agreement.grantor === agencyId || !agreement.grantees.includes(agencyId) || !isActive(agreement, now)) continue;
    for (const grant of agreement.grants) {
      grants.push({ ...grant, grantor: agreement.grantor, agreementId: agreement.id });
    }
  }
  return new AccessDecision(agencyId, grants, agreementsSeq === undefined ? undefined : { agreementsSeq, at: now });
}

/**
 * What decides `type` records for the caller, as one string: two decisions with the same
 * fingerprint release the same fields of every record of that type (which agreement a grant
 * comes from does not matter). The caller's own and participant records do not depend on it.
 */
export function grantsFingerprint(decision: AccessDecision, type: RecordType): string {
  if (decision.isUnrestricted()) return 'unrestricted';
  const grants = decision.grantsFor(type).map((grant) =>
    JSON.stringify([
      grant.grantor,
      grant.ceiling,
      [...grant.fields].sort(),
      Object.entries(grant.conditions)
        .map(([attribute, values]) => [attribute, [...values].sort()] as const)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    ]),
  );
  return [...new Set(grants)].sort().join('\n');
}

/**
 * Condition attributes held in a list under another name (`where: { program: [IRAN] }` matches
 * a designation whose `programs` include IRAN); every other attribute is the record's own
 * property of that name.
 */
export const LIST_ATTRIBUTES: Readonly<Partial<Record<RecordType, Readonly<Record<string, string>>>>> = {
  Designation: { program: 'programs' },
};

/** The values a record has for a condition attribute (a list attribute matches on any element). */
export function attributeValues(type: RecordType, attribute: string, record: ShareableRecord): readonly string[] {
  const list = LIST_ATTRIBUTES[type]?.[attribute];
  if (list !== undefined) return (record[list] as string[] | undefined) ?? [];
  const value = record[attribute];
  return value === undefined || value === null ? [] : [String(value)];
}

function conditionsHold(type: RecordType, conditions: Grant['conditions'], record: ShareableRecord): boolean {
  for (const [attribute, accepted] of Object.entries(conditions)) {
    if (!attributeValues(type, attribute, record).some((v) => accepted.includes(v))) return false;
  }
  return true;
}

function memoKey(type: RecordType, record: ShareableRecord, grants: readonly CallerGrant[]): string {
  const attributes = new Set(grants.flatMap((g) => Object.keys(g.conditions)));
  const parts = [type, record.ownerAgencyId, record.marking];
  for (const attribute of [...attributes].sort()) parts.push(`${attribute}=${attributeValues(type, attribute, record).join('|')}`);
  return parts.join('\u0000');
}
