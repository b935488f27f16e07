import type { ImportedDesignationState } from '../designations/designation.repository.ts';
import { ImportErrors, type ImportError, type PlannedCounts } from './import.errors.ts';
import type { EditionBasis } from './import-run.repository.ts';

/** Share of a list's active designations one import may delist without `--allow-mass-delisting`. */
export const DEFAULT_MAX_DELISTING_SHARE = 0.1;

export interface ImportPlan extends PlannedCounts {
  /** Active designations of the list before the import: the base of the delisting share. */
  active: number;
}

/**
 * What applying a file would do, from the hash of each entry it holds and the state of the
 * designations imported from the list before. Pure, so that the checks below can be made
 * before anything is written.
 */
export function planImport(known: Iterable<ImportedDesignationState>, scanned: ReadonlyMap<string, string>): ImportPlan {
  const plan: ImportPlan = { entries: scanned.size, added: 0, updated: 0, unchanged: 0, delisted: 0, active: 0 };
  const seen = new Set<string>();
  for (const designation of known) {
    seen.add(designation.sourceReference);
    const active = designation.status !== 'DELISTED';
    if (active) plan.active++;
    const hash = scanned.get(designation.sourceReference);
    if (hash === undefined) {
      if (active) plan.delisted++;
    } else if (hash === designation.sourceHash && active) plan.unchanged++;
    else plan.updated++;
  }
  for (const reference of scanned.keys()) if (!seen.has(reference)) plan.added++;
  return plan;
}

export interface Edition {
  edition: string | null;
  basis: EditionBasis | null;
}

/**
 * The edition a file is: the date it states; else the date given with `--edition`; else the
 * newest date its entries state (OFAC CSV, Canada SEMA). A given date that contradicts the
 * stated one is an error rather than a silent choice.
 */
export function editionOf(file: string, stated: string | null, given: string | null | undefined, newestInFile: string | null): Edition {
  if (stated) {
    if (given && given !== stated) throw ImportErrors.editionMismatch(file, stated, given);
    return { edition: stated, basis: 'STATED' };
  }
  if (given) return { edition: given, basis: 'GIVEN' };
  return newestInFile ? { edition: newestInFile, basis: 'NEWEST_DATE_IN_FILE' } : { edition: null, basis: null };
}

export interface Safeguards {
  file: string;
  list: string;
  edition: string | null;
  /** The edition of the list's last completed import, if any. */
  applied: string | null;
  allowOlderEdition?: boolean;
  allowMassDelisting?: boolean;
  maxDelistingShare?: number;
}

/** Why the plan must not be applied, or null. Checked in order: no entries, older edition, mass delisting. */
export function refusalOf(plan: ImportPlan, guard: Safeguards): ImportError | null {
  if (plan.entries === 0) return ImportErrors.emptyList(guard.file, guard.list);
  if (guard.edition && guard.applied && guard.edition < guard.applied && !guard.allowOlderEdition) {
    return ImportErrors.olderEdition(guard.list, guard.edition, guard.applied);
  }
  const maxShare = guard.maxDelistingShare ?? DEFAULT_MAX_DELISTING_SHARE;
  if (plan.active > 0 && plan.delisted / plan.active > maxShare && !guard.allowMassDelisting) {
    const { active, ...counts } = plan;
    return ImportErrors.massDelisting(guard.list, counts, active, maxShare);
  }
  return null;
}
