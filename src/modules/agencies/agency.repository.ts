import { asc, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { agencies, type AgencyRow } from '../../db/schema/index.ts';

export class AgencyRepository {
  constructor(private readonly db: Executor) {}

  list(): Promise<AgencyRow[]> {
    return this.db.select().from(agencies).orderBy(asc(agencies.id));
  }

  findByIds(ids: readonly string[]): Promise<AgencyRow[]> {
    return this.db.select().from(agencies).where(inArray(agencies.id, [...ids]));
  }

  /** Ids among `ids` that name no agency. */
  async unknownIds(ids: readonly string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const known = new Set((await this.findByIds(ids)).map((a) => a.id));
    return ids.filter((id) => !known.has(id));
  }

  /** Adds the agencies that are not there yet; known ones are left as they are. */
  async insertMissing(rows: (typeof agencies.$inferInsert)[]): Promise<void> {
    if (rows.length === 0) return;
    await this.db.insert(agencies).values(rows).onConflictDoNothing();
  }
}
