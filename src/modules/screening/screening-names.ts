import { sql } from 'drizzle-orm';
import { insertJsonRows } from '../../db/bulk-insert.ts';
import { queryRows, type Database } from '../../db/client.ts';
import { designationScreeningNames, type AliasStrength } from '../../db/schema/index.ts';
import { nameKeys } from './name-normalization.ts';

const BATCH = 2_000;

/** The rows of `designation_screening_names` for one designation: primary name first, then aliases in order. */
export function screeningNameRows(designationId: string, primaryName: string, aliases: readonly { name: string; strength: AliasStrength }[]) {
  const names = [{ name: primaryName, strength: 'STRONG' as AliasStrength }, ...aliases];
  return names.map(({ name, strength }, position) => ({ designationId, position, name, strength, ...nameKeys(name) }));
}

/**
 * Keys the names of designations written before screening existed (migration 0004 adds the
 * table but cannot compute keys in SQL). Every later write keeps the keys itself, so after
 * the first start on an older database this finds nothing and costs one query.
 */
export async function keyUnscreenableDesignations(db: Database): Promise<number> {
  let keyed = 0;
  for (;;) {
    const rows = await queryRows<{ id: string; primaryName: string; aliases: { name: string; strength: AliasStrength }[] | null }>(
      db,
      sql`SELECT d.id, d.primary_name AS "primaryName",
            (SELECT jsonb_agg(jsonb_build_object('name', a.name, 'strength', a.strength) ORDER BY a.position)
               FROM designation_aliases a WHERE a.designation_id = d.id) AS aliases
          FROM designations d
          WHERE NOT EXISTS (SELECT 1 FROM designation_screening_names n WHERE n.designation_id = d.id)
          LIMIT ${BATCH}`,
    );
    if (rows.length === 0) return keyed;
    const names = rows.flatMap((row) => screeningNameRows(row.id, row.primaryName, row.aliases ?? []));
    await db.transaction(async (tx) => {
      await insertJsonRows(tx, designationScreeningNames, names);
    });
    keyed += rows.length;
  }
}
