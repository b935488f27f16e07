import { demoControlListEntries, type DemoControlListEntry } from './control-list-generator.ts';
import { DEMO_AGENCIES, type DemoAgency } from './demo-agencies.ts';
import { demoDesignations, type DemoDesignation } from './designation-generator.ts';
import { demoThreatLibrary, type DemoThreatEntry, type DemoThreatEntryControlLink } from './threat-library-generator.ts';

export interface DemoDataOptions {
  /** The same seed gives the same records. */
  seed?: number;
  /** How many designations. */
  designations?: number;
}

export interface DemoData {
  readonly seed: number;
  readonly designationCount: number;
  readonly agencies: readonly DemoAgency[];
  readonly controlListEntries: readonly DemoControlListEntry[];
  readonly threatEntries: readonly DemoThreatEntry[];
  readonly threatEntryControlLinks: readonly DemoThreatEntryControlLink[];
  /**
   * Made lazily, one record at a time, so that a million fit in constant memory; every
   * iteration starts again from the first record.
   */
  readonly designations: Iterable<DemoDesignation>;
}

export const DEFAULT_DEMO_SEED = 1;
export const DEFAULT_DEMO_DESIGNATION_COUNT = 5_000;

export function generateDemoData(options: DemoDataOptions = {}): DemoData {
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  const count = options.designations ?? DEFAULT_DEMO_DESIGNATION_COUNT;
  if (!Number.isSafeInteger(seed) || !Number.isSafeInteger(count) || count < 0) {
    throw new RangeError('seed and designations must be whole numbers, designations ≥ 0');
  }
  const controlListEntries = demoControlListEntries();
  const threatLibrary = demoThreatLibrary(controlListEntries);
  return {
    seed,
    designationCount: count,
    agencies: DEMO_AGENCIES,
    controlListEntries,
    threatEntries: threatLibrary.entries,
    threatEntryControlLinks: threatLibrary.links,
    designations: { [Symbol.iterator]: () => demoDesignations(seed, count) },
  };
}

/** Groups an iterable into arrays of `size`, without reading ahead of the current batch. */
export function* inBatches<T>(items: Iterable<T>, size: number): Generator<T[]> {
  let batch: T[] = [];
  for (const item of items) {
    batch.push(item);
    if (batch.length === size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
