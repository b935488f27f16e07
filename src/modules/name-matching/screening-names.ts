import { createHash } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { insertJsonRows } from '../../db/bulk-insert.ts';
import { queryRows, type Database } from '../../db/client.ts';
import { derivedDataVersions, designationScreeningNames, type AliasStrength } from '../../db/schema/index.ts';
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

/**
 * Bump when normalisation changes in a way the probes below might miss. The version also
 * hashes what `nameKeys` makes of a few names in many scripts, so most changes re-key by
 * themselves.
 */
const KEYS_REVISION = 2;
const PROBES = ['PUTIN, Vladimir Vladimirovich', 'Владимир Путин', 'فلاديمير بوتين', '김정은', '習近平', 'ウラジーミル・プーチン', 'Bank Melli Iran PJSC', 'Müller & Söhne GmbH'];
const KEYS_NAME = 'screening-keys';

export function screeningKeysVersion(): string {
  return createHash('sha256')
    .update(JSON.stringify([KEYS_REVISION, PROBES.map((name) => nameKeys(name))]))
    .digest('hex')
    .slice(0, 16);
}

/** Tables holding screening keys, with the column each key is computed from. */
const KEYED_TABLES = [
  { table: 'designation_screening_names', pk: ['designation_id', 'position'], name: 'name', key: 'key', phonetic: 'phonetic' },
  { table: 'license_parties', pk: ['application_id', 'position'], name: 'name', key: 'key', phonetic: 'phonetic' },
  { table: 'denial_notifications', pk: ['id'], name: 'party_name', key: 'party_key', phonetic: 'party_phonetic' },
  { table: 'unverified_parties', pk: ['id'], name: 'name', key: 'key', phonetic: 'phonetic' },
] as const;

/** Keyed tables' key columns are uuids, plus a position within the parent. */
const pkType = (column: string) => (column === 'position' ? 'int' : 'uuid');

/**
 * Recomputes every stored screening key when the code that computes them changed since they
 * were stored (keys from older code would no longer meet the keys queries compute, and
 * retrieval would silently miss). Batches of 2,000 rows, each in its own transaction; the
 * version is recorded last, so an interrupted run starts again at the next start.
 */
export async function rekeyIfNormalisationChanged(db: Database): Promise<number> {
  const version = screeningKeysVersion();
  const [stored] = await db.select().from(derivedDataVersions).where(eq(derivedDataVersions.name, KEYS_NAME));
  if (stored?.version === version) return 0;
  let rekeyed = 0;
  for (const spec of KEYED_TABLES) {
    const pk = sql.raw(spec.pk.map((column) => `t.${column}`).join(', '));
    let after: unknown[] | null = null;
    for (;;) {
      const rows: Record<string, unknown>[] = await queryRows<Record<string, unknown>>(
        db,
        sql`SELECT ${sql.raw(spec.pk.map((c) => `t.${c}::text AS "${c}"`).join(', '))}, t.${sql.raw(spec.name)} AS name
            FROM ${sql.raw(spec.table)} t
            ${after ? sql`WHERE (${pk}) > (${sql.join(after.map((v, i) => sql`${v}::${sql.raw(pkType(spec.pk[i]!))}`), sql`, `)})` : sql``}
            ORDER BY ${pk} LIMIT ${BATCH}`,
      );
      if (rows.length === 0) break;
      const updates = rows.map((row) => ({ ...row, ...nameKeys(String(row.name)) }));
      const columns = spec.pk.map((c) => `${c} ${pkType(c)}`).join(', ');
      const match = spec.pk.map((c) => `t.${c} = v.${c}`).join(' AND ');
      await db.execute(
        sql`UPDATE ${sql.raw(spec.table)} t SET ${sql.raw(spec.key)} = v.key, ${sql.raw(spec.phonetic)} = v.phonetic
            FROM jsonb_to_recordset(${JSON.stringify(updates)}::jsonb) AS v(${sql.raw(columns)}, key text, phonetic text)
            WHERE ${sql.raw(match)}`,
      );
      rekeyed += rows.length;
      const last = rows.at(-1)!;
      after = spec.pk.map((c) => (c === 'position' ? Number(last[c]) : last[c]));
    }
  }
  // Every key changed: the dictionaries now hold the old ones too.
  if (rekeyed > 0) await compactScreeningKeyDictionaries(db);
  await db
    .insert(derivedDataVersions)
    .values({ name: KEYS_NAME, version })
    .onConflictDoUpdate({ target: derivedDataVersions.name, set: { version, updatedAt: sql`now()` } });
  return rekeyed;
}

/**
 * Removes from the key dictionaries (see `screeningNameKeys`) the keys no designation name has
 * any more, and duplicates left by concurrent writers. Returns how many entries it removed.
 *
 * The table lock is what makes this safe beside writers: every statement writing names holds
 * ROW EXCLUSIVE on the names table until its transaction ends, which SHARE waits for and keeps
 * out. So no key is removed while a name using it is being written, and a writer that comes
 * after sees the removal (writers read committed) and adds the key again.
 */
export async function compactScreeningKeyDictionaries(db: Database): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`LOCK TABLE designation_screening_names IN SHARE MODE`);
    const removed = await queryRows<{ removed: number }>(
      tx,
      sql`WITH unused_keys AS (
            DELETE FROM screening_name_keys k
            WHERE NOT EXISTS (SELECT 1 FROM designation_screening_names n WHERE n.key = k.key)
               OR EXISTS (SELECT 1 FROM screening_name_keys d WHERE d.key = k.key AND d.ctid < k.ctid)
            RETURNING 1),
          unused_skeletons AS (
            DELETE FROM screening_phonetic_keys p
            WHERE NOT EXISTS (SELECT 1 FROM designation_screening_names n WHERE n.phonetic = p.phonetic)
               OR EXISTS (SELECT 1 FROM screening_phonetic_keys d WHERE d.phonetic = p.phonetic AND d.ctid < p.ctid)
            RETURNING 1)
          SELECT (SELECT count(*) FROM unused_keys)::int + (SELECT count(*) FROM unused_skeletons)::int AS removed`,
    );
    return removed[0]?.removed ?? 0;
  });
}
