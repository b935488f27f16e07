import { MARKINGS, type Marking } from '../db/schema/columns.ts';
import type { RecordType } from './catalogue.ts';

/** A sharing agreement as the decision rule uses it: validated, field groups expanded. */
export interface Agreement {
  readonly id: string;
  readonly title: string;
  readonly grantor: string;
  readonly grantees: readonly string[];
  readonly purposes: readonly string[];
  /** Inclusive start of validity. */
  readonly validFrom: Date;
  /** Exclusive end of validity; null: open-ended. */
  readonly validUntil: Date | null;
  /** When the agreement was revoked; a revoked agreement releases nothing from then on. */
  readonly revokedAt: Date | null;
  readonly grants: readonly Grant[];
  /**
   * How many hubs past the first receiving hub may pass the records on (`reshare: { hops }`,
   * default 0): the origin signs it into each delivery's hop chain, and every relay spends one.
   */
  readonly reshareHops: number;
}

export interface Grant {
  readonly type: RecordType;
  /** Field names (groups already expanded), always including the always-released ones. */
  readonly fields: ReadonlySet<string>;
  /** Highest marking released under this grant; never RED. */
  readonly ceiling: Marking;
  /** Attribute → accepted values; a record must match every attribute (empty: no condition). */
  readonly conditions: Readonly<Record<string, readonly string[]>>;
}

export const markingRank = (marking: Marking): number => MARKINGS.indexOf(marking);

export function isActive(agreement: Agreement, now: Date): boolean {
  if (agreement.revokedAt && agreement.revokedAt <= now) return false;
  if (agreement.validFrom > now) return false;
  return agreement.validUntil === null || now < agreement.validUntil;
}
