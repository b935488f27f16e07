import { sql } from 'drizzle-orm';
import type { Database, Executor } from './client.ts';

/**
 * The trigram (GIN) indexes a designation write updates, directly or through the triggers that
 * keep the screening key dictionaries and token postings (migrations 0007, 0019), with the
 * `fastupdate` each is defined with in src/db/schema.
 */
export const DESIGNATION_TRIGRAM_INDEXES: readonly { name: string; fastupdate: boolean }[] = [
  { name: 'designations_name_trgm_idx', fastupdate: true },
  { name: 'designation_aliases_name_trgm_idx', fastupdate: true },
  { name: 'screening_name_keys_trgm_idx', fastupdate: false },
  { name: 'screening_phonetic_keys_trgm_idx', fastupdate: false },
  { name: 'screening_name_tokens_trgm_idx', fastupdate: false },
];

/**
 * How much a bulk load lets each index's pending list grow before the inserting statement
 * merges it into the index (kB), and the memory that merge sorts in. Merged in large sorted
 * runs, a trigram's new entries are appended to its posting tree together; written straight
 * into the index, every new name descends ~20 trigram trees and logs a page for each, which is
 * what held seeding at ~300 designations/s past 200k names.
 */
const BULK_PENDING_LIST_KB = 64 * 1024;
export const BULK_MERGE_WORK_MEM = '128MB';

/**
 * Before a bulk load: new trigram entries go to each index's pending list (searches still read
 * it, so nothing is missed meanwhile, only slower). Until `settleTrigramIndexes`, lookups scan
 * the pending list: for loads that run while nobody screens (seeding, a first import).
 */
export async function deferTrigramIndexes(db: Executor, indexes = DESIGNATION_TRIGRAM_INDEXES): Promise<void> {
  for (const { name } of indexes) {
    await db.execute(sql`ALTER INDEX ${sql.identifier(name)} SET (fastupdate = on, gin_pending_list_limit = ${sql.raw(String(BULK_PENDING_LIST_KB))})`);
  }
}

/**
 * After a bulk load (or to repair one interrupted): each index back to its definition, then its
 * pending list merged in, in one sorted pass (with fastupdate off first, no new entry lands in
 * the list while it is merged). Safe to call at any time: an index already settled is untouched
 * but for the statements.
 */
export async function settleTrigramIndexes(db: Database, indexes = DESIGNATION_TRIGRAM_INDEXES): Promise<void> {
  for (const { name, fastupdate } of indexes) {
    const index = sql.identifier(name);
    await db.transaction(async (tx) => {
      await tx.execute(sql`ALTER INDEX ${index} SET (fastupdate = ${sql.raw(fastupdate ? 'on' : 'off')})`);
      await tx.execute(sql`ALTER INDEX ${index} RESET (gin_pending_list_limit)`);
    });
    // Its own transaction: the merge holds no lock that screening reads would wait on.
    await db.transaction(async (tx) => {
      await tx.execute(sql`SELECT set_config('maintenance_work_mem', ${BULK_MERGE_WORK_MEM}, true)`);
      await tx.execute(sql`SELECT gin_clean_pending_list(${name}::regclass)`);
    });
  }
}
