import type { controlListEntries } from '../../db/schema/index.ts';
import { CONTROL_LIST_CATALOGUE, type CatalogueEntry } from './control-list-catalogue.ts';
import { deterministicId } from './deterministic-id.ts';

export type DemoControlListEntry = typeof controlListEntries.$inferInsert & { id: string };

/**
 * The id depends only on owner and code, not on the seed: control lists are reference data,
 * the same in every demo database, so seeding again with another seed adds none.
 */
export const controlListEntryId = (owner: string, code: string) => deterministicId(`interlock-demo/control-list/${owner}/${code}`);

export function demoControlListEntries(): DemoControlListEntry[] {
  return CONTROL_LIST_CATALOGUE.map(toRow);
}

function toRow(entry: CatalogueEntry): DemoControlListEntry {
  const [sunsetDate, provisionalReview] = entry.provisional ?? [null, null];
  return {
    id: controlListEntryId(entry.owner, entry.code),
    ownerAgencyId: entry.owner,
    classificationCode: entry.code,
    title: entry.title,
    description: entry.description,
    controlReasons: [...entry.reasons],
    status: entry.status ?? 'ACTIVE',
    provisional: entry.provisional !== undefined,
    sunsetDate,
    reviewDate: provisionalReview ?? entry.reviewDate ?? null,
    // Published control lists are public; national temporary controls are shared before they are.
    marking: entry.provisional ? 'GREEN' : 'CLEAR',
    releasableTo: null,
  };
}
