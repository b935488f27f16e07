import { desc, lte, max, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { queryRows } from '../../db/client.ts';
import { sharingAgreements, type SharingAgreementRow } from '../../db/schema/index.ts';

export class AgreementRepository {
  constructor(private readonly db: Executor) {}

  /** The newest version of every agreement id. */
  async latestVersions(): Promise<SharingAgreementRow[]> {
    const rows = await this.db
      .selectDistinctOn([sharingAgreements.id])
      .from(sharingAgreements)
      .orderBy(sharingAgreements.id, desc(sharingAgreements.version));
    return rows;
  }

  /** The newest version of every agreement id among those applied up to `appliedSeq`. */
  async latestVersionsAsOf(appliedSeq: number): Promise<SharingAgreementRow[]> {
    return this.db
      .selectDistinctOn([sharingAgreements.id])
      .from(sharingAgreements)
      .where(lte(sharingAgreements.appliedSeq, appliedSeq))
      .orderBy(sharingAgreements.id, desc(sharingAgreements.version));
  }

  async insertVersions(rows: (typeof sharingAgreements.$inferInsert)[]): Promise<void> {
    if (rows.length > 0) await this.db.insert(sharingAgreements).values(rows);
  }

  /** Changes whenever any version is applied. */
  async lastAppliedSeq(): Promise<number> {
    const [row] = await this.db.select({ seq: max(sharingAgreements.appliedSeq) }).from(sharingAgreements);
    return Number(row?.seq ?? 0);
  }

  /** Serialises concurrent `policies apply` runs so two cannot write the same version number. */
  async lockForApply(): Promise<void> {
    await queryRows(this.db, sql`select pg_advisory_xact_lock(${0x1e7_a9}::bigint)`);
  }
}
