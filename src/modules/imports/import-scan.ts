import path from 'node:path';
import type { Marking } from '../../db/schema/index.ts';
import { AppError } from '../../lib/errors.ts';
import { toDesignationContent, type MappedEntry } from './entry-content.ts';
import { MalformedInputError, type ImportedEntry, type ImportSource } from './imported-entry.ts';

export interface ScannedFile {
  /** Content hash of each distinct entry, by its reference in the list. */
  hashes: Map<string, string>;
  /** Unknown elements or columns, by name: how many entries had them. */
  warnings: Record<string, number>;
  /** The newest past date the entries state, to date a file that states no edition. */
  newestDate: string | null;
}

/**
 * Reads the whole file once before anything is written: every entry is validated and hashed,
 * so that a malformed file fails before its first batch, and what the import would add,
 * update and delist is known before it is allowed to.
 */
export async function scanEntries(
  source: ImportSource,
  target: string,
  marking: Marking,
  onEntry: (count: number) => void,
): Promise<ScannedFile> {
  const scanned: ScannedFile = { hashes: new Map(), warnings: {}, newestDate: null };
  const today = new Date().toISOString().slice(0, 10);
  for await (const entry of source.entries()) {
    if (scanned.hashes.has(entry.sourceReference)) continue;
    scanned.hashes.set(entry.sourceReference, mapEntry(entry, marking, target).hash);
    for (const name of new Set(entry.unknownFields.map((field) => field.name))) scanned.warnings[name] = (scanned.warnings[name] ?? 0) + 1;
    const dated = entry.newestDate ?? entry.listedOn;
    if (dated && dated <= today && (!scanned.newestDate || dated > scanned.newestDate)) scanned.newestDate = dated;
    onEntry(scanned.hashes.size);
  }
  return scanned;
}

export function mapEntry(entry: ImportedEntry, marking: Marking, target: string): MappedEntry {
  try {
    return toDesignationContent(entry, marking);
  } catch (error) {
    if (error instanceof AppError) {
      throw new MalformedInputError(path.basename(target), `entry ${entry.sourceReference} (at ${entry.position})`, error.message);
    }
    throw error;
  }
}
