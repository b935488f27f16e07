/**
 * Threat-library red flags on an application's items: the active entries the licensing agency
 * may see, through the control-list entries they link, whose classifications overlap an item.
 * Only what the owners release to the licensing agency counts, as screening compares only
 * released designation fields: an entry whose links, kind or status are withheld, or a linked
 * entry whose classification code is withheld, flags nothing through them.
 */
import type { ControlListEntryRow, ThreatEntryKind, ThreatEntryRow } from '../../db/schema/index.ts';
import { codesOverlap } from '../../lib/control-list-codes.ts';
import type { AccessDecision } from '../../policy/decision.ts';
import type { RedFlag } from './license-risk.ts';

/** How a threat-library entry kind weighs as a red flag on an application whose items it concerns. */
export const RED_FLAG_SEVERITY: Readonly<Record<ThreatEntryKind, RedFlag['severity']>> = {
  TECHNOLOGY_OF_CONCERN: 'HIGH',
  DIVERSION_ROUTE: 'HIGH',
  RED_FLAG: 'MEDIUM',
  TYPOLOGY: 'LOW',
};

export interface LinkedThreatEntry {
  readonly entry: ThreatEntryRow;
  readonly control: ControlListEntryRow;
}

export function redFlagsFor(access: AccessDecision, itemCodes: readonly string[], linked: readonly LinkedThreatEntry[]): RedFlag[] {
  const flags = new Map<string, RedFlag>();
  for (const { entry, control } of linked) {
    const entryFields = access.releasedFields('ThreatEntry', entry);
    const controlFields = access.releasedFields('ControlListEntry', control);
    if (!entryFields || !controlFields) continue;
    if (!['controlListEntries', 'kind', 'status'].every((field) => entryFields.has(field)) || !controlFields.has('classificationCode')) continue;
    if (entry.status !== 'ACTIVE' || !itemCodes.some((code) => codesOverlap(code, control.classificationCode))) continue;
    flags.set(entry.id, {
      threatEntryId: entry.id,
      title: entryFields.has('title') ? entry.title : null,
      severity: RED_FLAG_SEVERITY[entry.kind],
    });
  }
  return [...flags.values()];
}
