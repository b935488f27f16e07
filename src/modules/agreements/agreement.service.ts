import type { Database } from '../../db/client.ts';
import type { SharingAgreementRow } from '../../db/schema/index.ts';
import { isActive, type Agreement } from '../../policy/agreement.ts';
import type { Viewer } from '../../policy/viewer.ts';
import type { SharingAgreement } from './agreement.types.ts';
import { AgreementFileError, loadAgreementFiles, parseAgreement } from '../../policy/agreement-files.ts';
import type { Caller } from '../../auth/caller.ts';
import type { AgencyService } from '../agencies/agency.service.ts';
import { AgreementRepository } from './agreement.repository.ts';
import { planAgreementVersions, type ApplyPlan } from './agreement-versions.ts';
import { appendAuditEntries } from '../audit/audit-log.ts';

/** An agreement version as recorded, with its parsed terms. */
export interface RecordedAgreement {
  readonly row: SharingAgreementRow;
  readonly agreement: Agreement;
}

export class AgreementService {
  private readonly repository: AgreementRepository;

  constructor(
    private readonly db: Database,
    private readonly agencies: AgencyService,
  ) {
    this.repository = new AgreementRepository(db);
  }

  /**
   * Loads policies/agreements/*.yaml and records a new version of each agreement that is new,
   * changed or withdrawn, in one transaction. A bad file changes nothing.
   */
  async applyFiles(dir: string): Promise<ApplyPlan['counts']> {
    const files = await loadAgreementFiles(dir);
    for (const { agreement, file } of files) {
      const parties = [agreement.grantor, ...agreement.grantees];
      const unknown = await this.agencies.unknownIds(parties);
      if (unknown.length > 0) {
        throw new AgreementFileError(file, unknown.map((id) => `${id === agreement.grantor ? 'grantor' : 'grantees'}: no agency ${JSON.stringify(id)}`));
      }
    }
    return this.db.transaction(async (tx) => {
      const repository = new AgreementRepository(tx);
      await repository.lockForApply();
      const plan = planAgreementVersions(files, await repository.latestVersions(), new Date());
      await repository.insertVersions(plan.versions);
      // A policy change is audited in its own transaction: no agreement version without its entry.
      if (plan.versions.length > 0) {
        const agreements = plan.versions.map((v) => ({
          id: v.id,
          change: v.withdrawnAt !== null ? 'withdrawn' : v.version === 1 ? 'added' : `changed (version ${v.version})`,
          documentHash: v.contentHash,
        }));
        await appendAuditEntries(tx, [{ content: { kind: 'policy_change', agreements }, at: new Date() }]);
      }
      return plan.counts;
    });
  }

  /** The newest version of every agreement, withdrawn ones included. */
  async latest(): Promise<RecordedAgreement[]> {
    return (await this.repository.latestVersions()).map(recorded);
  }

  /**
   * The terms that were in force once the versions up to `appliedSeq` had been applied:
   * what the hub's policy store decided from then (see DecisionBasis).
   */
  async inForceAsOf(appliedSeq: number): Promise<Agreement[]> {
    return (await this.repository.latestVersionsAsOf(appliedSeq)).map((row) => recorded(row).agreement);
  }

  /** The terms the decision rule applies. */
  async inForce(): Promise<Agreement[]> {
    return (await this.latest()).map((r) => r.agreement);
  }

  lastAppliedSeq(): Promise<number> {
    return this.repository.lastAppliedSeq();
  }

  /** The agreements the viewer's agency is party to, shaped for the API. */
  async describeFor(viewer: Viewer): Promise<SharingAgreement[]> {
    const recorded = await this.listFor(viewer.caller);
    const agencies = new Map((await this.agencies.list()).map((a) => [a.id, a]));
    const now = new Date();
    return recorded.map(({ row, agreement }) => ({
      id: agreement.id,
      version: row.version,
      title: agreement.title,
      grantor: agencies.get(agreement.grantor) ?? null,
      grantees: agreement.grantees.flatMap((id) => agencies.get(id) ?? []),
      purposes: [...agreement.purposes],
      validFrom: agreement.validFrom,
      validUntil: agreement.validUntil,
      revokedAt: agreement.revokedAt,
      inForce: isActive(agreement, now),
      grants: agreement.grants.map((grant) => ({
        type: grant.type,
        fields: [...grant.fields].sort(),
        ceiling: grant.ceiling,
        conditions: Object.entries(grant.conditions).map(([attribute, values]) => ({ attribute, values: [...values] })),
      })),
    }));
  }

  /** Agreements are visible to their parties only. */
  async listFor(caller: Caller): Promise<RecordedAgreement[]> {
    const agency = caller.agencyId;
    return (await this.latest()).filter(
      ({ agreement }) => agency !== null && (agreement.grantor === agency || agreement.grantees.includes(agency)),
    );
  }
}

const recorded = (row: SharingAgreementRow): RecordedAgreement => ({
  row,
  agreement: withdrawal(parseAgreement(row.document, `agreement ${row.id} v${row.version}`), row.withdrawnAt),
});

/** A withdrawn agreement counts as revoked from its withdrawal on. */
function withdrawal(agreement: Agreement, withdrawnAt: Date | null): Agreement {
  if (!withdrawnAt || (agreement.revokedAt && agreement.revokedAt <= withdrawnAt)) return agreement;
  return { ...agreement, revokedAt: withdrawnAt };
}
