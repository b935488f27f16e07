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

/**
 * Updates many rows by key with one parameter, as `insertJsonRows` inserts them: each row's
 * present columns are set from the JSON array (the key column included, to find the row), and
 * `also` adds assignments of the same value for every row (`change_seq`, `updated_at`).
 */
export async function updateJsonRows<T extends PgTable>(
  db: Executor,
  table: T,
  key: keyof T['$inferInsert'] & string,
  rows: readonly Partial<Record<keyof T['$inferInsert'], unknown>>[],
  also: Readonly<Record<string, SQL>> = {},
): Promise<void> {
  if (rows.length === 0) return;
  const columns = getTableColumns(table) as Record<string, { name: string }>;
  const present = Object.keys(columns).filter((column) => rows.some((row) => (row as Record<string, unknown>)[column] !== undefined));
  const names = present.map((column) => columns[column]!.name);
  const json = JSON.stringify(rows.map((row) => Object.fromEntries(present.map((column, i) => [names[i], (row as Record<string, unknown>)[column] ?? null]))));
  const keyName = columns[key]!.name;
  const assignments = [
    ...names.filter((name) => name !== keyName).map((name) => sql`${sql.identifier(name)} = source.${sql.identifier(name)}`),
    ...Object.entries(also).map(([column, value]) => sql`${sql.identifier(columns[column]!.name)} = ${value}`),
  ];
  const tableName = sql.identifier(getTableName(table));
  await queryRows(
    db,
    sql`UPDATE ${tableName} SET ${sql.join(assignments, sql`, `)}
      FROM jsonb_populate_recordset(NULL::${tableName}, ${json}::jsonb) AS source
      WHERE ${tableName}.${sql.identifier(keyName)} = source.${sql.identifier(keyName)}`,
  );
}
