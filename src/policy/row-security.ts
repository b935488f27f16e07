import type { CallerSettings } from '../db/row-security.ts';
import { RECORD_TYPES } from './catalogue.ts';
import type { AccessDecision } from './decision.ts';

/**
 * The access decision as the row-level security policies of migration 0017 read it: the
 * caller's agency, and per record type the grants other owners made to it (grantor, ceiling,
 * conditions). The policies evaluate them as `visibleRecords` does; the fields a grant names
 * stay with the field mask and `releasedField`, as rows are all the database decides.
 */
export function callerSettings(decision: AccessDecision): CallerSettings {
  let settings = serialised.get(decision);
  if (settings === undefined) {
    const grants: Record<string, { grantor: string; ceiling: string; conditions: Readonly<Record<string, readonly string[]>> }[]> = {};
    for (const type of RECORD_TYPES) {
      const granted = decision.grantsFor(type);
      if (granted.length > 0) grants[type] = granted.map(({ grantor, ceiling, conditions }) => ({ grantor, ceiling, conditions }));
    }
    settings = { agency: decision.agencyId, grants: JSON.stringify(grants) };
    serialised.set(decision, settings);
  }
  return settings;
}

/** A request without a token: it owns nothing and is granted nothing. */
export const ANONYMOUS_CALLER: CallerSettings = Object.freeze({ agency: '', grants: '{}' });

/** Decisions are cached per agency between agreement changes: serialise each once. */
const serialised = new WeakMap<AccessDecision, CallerSettings>();
