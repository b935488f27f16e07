import { getTableColumns, getTableName, sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { queryRows, type Executor } from './client.ts';

/**
 * Inserts many rows with one parameter: the rows as a JSON array, expanded in the database by
 * `jsonb_populate_recordset` over the table's own row type. Building a multi-row VALUES list
 * through the query builder costs ~200 µs a row in JavaScript, which dominated large imports;
 * this costs a JSON.stringify. Omitted columns take their defaults. Values must already be in
 * their JSON form (strings for dates, arrays for arrays).
 */
export async function insertJsonRows<T extends PgTable>(
  db: Executor,
  table: T,
  rows: readonly Partial<Record<keyof T['$inferInsert'], unknown>>[],
  options: { skipConflictsOn?: string; returning?: string } = {},
): Promise<Record<string, unknown>[]> {
  if (rows.length === 0) return [];
  const columns = getTableColumns(table) as Record<string, { name: string }>;
  const present = Object.keys(columns).filter((key) => rows.some((row) => (row as Record<string, unknown>)[key] !== undefined));
  const names = present.map((key) => columns[key]!.name);
  const json = JSON.stringify(rows.map((row) => Object.fromEntries(present.map((key, i) => [names[i], (row as Record<string, unknown>)[key] ?? null]))));
  const list = sql.join(names.map((name) => sql.identifier(name)), sql`, `);
  const statement: SQL = sql`INSERT INTO ${sql.identifier(getTableName(table))} (${list})
    SELECT ${list} FROM jsonb_populate_recordset(NULL::${sql.identifier(getTableName(table))}, ${json}::jsonb)`;
  if (options.skipConflictsOn) statement.append(sql` ON CONFLICT (${sql.identifier(options.skipConflictsOn)}) DO NOTHING`);
  if (options.returning) statement.append(sql` RETURNING ${sql.identifier(options.returning)}`);
  return queryRows(db, statement);
}
