import { and, asc, count, eq, gt, inArray, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Executor } from '../db/client.ts';
import type { RecordType } from '../policy/catalogue.ts';
import type { AccessDecision } from '../policy/decision.ts';
import { releasedField, visibleRecords, whereReleased, type AccessColumns } from '../policy/sql.ts';
import type { PageRequest } from './cursor.ts';

/** A table of shareable records: a UUID `id` and the columns the access decision reads. */
export type ShareableTable = PgTable & { readonly id: PgColumn };

/**
 * What every repository of shareable records does the same way: pages, counts and lookups of
 * the rows the caller may see, with the module's filters. Rows the caller may not see never
 * leave the database, and a page and its total use one predicate. Pages are in id order, the
 * keyset a cursor names: an id is released with every record, so neither the order nor a
 * cursor moves when something the caller cannot see changes.
 *
 * A module states its filters in `filters`, each through `whereReleased` for the field it
 * reads, so that a filter on a withheld attribute selects nothing.
 */
export abstract class ShareableRecordRepository<TTable extends ShareableTable, Query> {
  protected constructor(
    protected readonly db: Executor,
    protected readonly table: TTable,
    protected readonly recordType: RecordType,
    protected readonly accessColumns: AccessColumns,
  ) {}

  /** The conditions `query` adds, each guarded by the field it reads. */
  protected abstract filters(access: AccessDecision, query: Query): SQL[];

  protected visibleTo(access: AccessDecision): SQL {
    return visibleRecords(access, this.recordType, this.accessColumns);
  }

  /** True where `field` of the row is released to the caller. */
  protected released(access: AccessDecision, field: string): SQL {
    return releasedField(access, this.recordType, this.accessColumns, field);
  }

  /** `condition` where `field` of the row is released to the caller, false where it is withheld. */
  protected whereReleased(access: AccessDecision, field: string, condition: SQL): SQL {
    return whereReleased(access, this.recordType, this.accessColumns, field, condition);
  }

  /** One page (with one row more, telling whether another page follows) of the records `access` may see. */
  findPage(access: AccessDecision, query: Query, page: PageRequest): Promise<TTable['$inferSelect'][]> {
    const conditions = [this.visibleTo(access), ...this.filters(access, query)];
    if (page.afterId !== null) conditions.push(gt(this.table.id, page.afterId));
    return this.select()
      .where(and(...conditions))
      .orderBy(asc(this.table.id))
      .limit(page.limit + 1);
  }

  async count(access: AccessDecision, query: Query): Promise<number> {
    const [row] = await this.db
      .select({ total: count() })
      .from(this.table as PgTable)
      .where(and(this.visibleTo(access), ...this.filters(access, query)));
    return row?.total ?? 0;
  }

  /** The record if `access` may see it: an unknown id and a withheld one look the same. */
  async findById(access: AccessDecision, id: string): Promise<TTable['$inferSelect'] | undefined> {
    const [row] = await this.select().where(and(eq(this.table.id, id), this.visibleTo(access)));
    return row;
  }

  /** The records among `ids` that `access` may see (unknown or withheld ids are left out). */
  async findByIds(access: AccessDecision, ids: readonly string[]): Promise<TTable['$inferSelect'][]> {
    if (ids.length === 0) return [];
    return await this.select().where(and(inArray(this.table.id, [...ids]), this.visibleTo(access)));
  }

  /** Like findById, and locks the row for the rest of the transaction so a concurrent writer waits. */
  async findByIdForUpdate(access: AccessDecision, id: string): Promise<TTable['$inferSelect'] | undefined> {
    const [row] = await this.select()
      .where(and(eq(this.table.id, id), this.visibleTo(access)))
      .for('update');
    return row;
  }

  private select() {
    // drizzle cannot infer a generic table's row type; the rows are the table's.
    return this.db.select().from(this.table as PgTable) as unknown as SelectFrom<TTable['$inferSelect']>;
  }
}

/** The part of drizzle's select builder used here, typed by the table's row. */
interface SelectFrom<Row> {
  where(condition: SQL | undefined): SelectWhere<Row>;
}
interface SelectWhere<Row> extends PromiseLike<Row[]> {
  orderBy(...columns: SQL[]): { limit(n: number): Promise<Row[]> };
  for(strength: 'update'): Promise<Row[]>;
}

/**
 * A record is overdue for review once its review date has passed (today is still in time);
 * `false` selects the rest, a record with no review date included.
 */
export const reviewOverdue = (column: PgColumn, overdue: boolean): SQL =>
  overdue ? sql`${column} < current_date` : sql`(${column} IS NULL OR ${column} >= current_date)`;
