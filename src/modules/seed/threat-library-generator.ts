import type { threatEntries, threatEntryControlLinks } from '../../db/schema/index.ts';
import type { DemoControlListEntry } from './control-list-generator.ts';
import { deterministicId } from './deterministic-id.ts';
import { THREAT_CATALOGUE } from './threat-catalogue.ts';

export type DemoThreatEntry = typeof threatEntries.$inferInsert & { id: string };
export type DemoThreatEntryControlLink = typeof threatEntryControlLinks.$inferInsert;

export interface DemoThreatLibrary {
  entries: DemoThreatEntry[];
  links: DemoThreatEntryControlLink[];
}

/** Like control-list entries, threat entries are reference data: their ids ignore the seed. */
export function demoThreatLibrary(controlEntries: readonly DemoControlListEntry[]): DemoThreatLibrary {
  const idByCode = new Map(controlEntries.map((entry) => [entry.classificationCode, entry.id]));
  const entries: DemoThreatEntry[] = [];
  const links: DemoThreatEntryControlLink[] = [];
  for (const threat of THREAT_CATALOGUE) {
    const id = deterministicId(`interlock-demo/threat-library/${threat.key}`);
    entries.push({
      id,
      ownerAgencyId: threat.owner,
      kind: threat.kind,
      title: threat.title,
      description: threat.description,
      indicators: [...threat.indicators],
      status: 'ACTIVE',
      marking: threat.marking,
      releasableTo: null,
    });
    threat.controls.forEach((code, position) => {
      const controlListEntryId = idByCode.get(code);
      if (!controlListEntryId) throw new Error(`threat ${threat.key} links to unknown control ${code}`);
      links.push({ threatEntryId: id, controlListEntryId, position });
    });
  }
  return { entries, links };
}
