import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import {
  licenseApplications,
  licenseItems,
  licenseParties,
  type LicenseApplicationRow,
  type LicensePartyRow,
} from '../../db/schema/index.ts';
import type { AccessDecision } from '../../policy/decision.ts';
import { visibleRecords } from '../../policy/sql.ts';
import { LICENSE_ACCESS_COLUMNS } from '../licenses/license.repository.ts';

/** What a denial notification is made from: the denied application, its parties and items. */
export class DeniedApplicationRepository {
  constructor(private readonly db: Executor) {}

  /**
   * The application if `access` may see it (a partner that can see it is told FORBIDDEN, not
   * NOT_FOUND), locked so that a concurrent notice of it waits.
   */
  async findForUpdate(access: AccessDecision, id: string): Promise<LicenseApplicationRow | undefined> {
    const [row] = await this.db
      .select()
      .from(licenseApplications)
      .where(and(eq(licenseApplications.id, id), visibleRecords(access, 'LicenseApplication', LICENSE_ACCESS_COLUMNS)))
      .for('update');
    return row;
  }

  partiesOf(applicationId: string): Promise<LicensePartyRow[]> {
    return this.db
      .select()
      .from(licenseParties)
      .where(eq(licenseParties.applicationId, applicationId))
      .orderBy(asc(licenseParties.position));
  }

  async itemCodesOf(applicationId: string): Promise<string[]> {
    const rows = await this.db
      .select({ code: licenseItems.controlListCode })
      .from(licenseItems)
      .where(eq(licenseItems.applicationId, applicationId))
      .orderBy(asc(licenseItems.position));
    return rows.map((r) => r.code);
  }
}
