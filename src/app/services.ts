import { randomBytes } from 'node:crypto';
import { DEFAULT_TRANSPARENCY_THRESHOLD } from '../config/env.ts';
import type { Database } from '../db/client.ts';
import { AgencyService } from '../modules/agencies/agency.service.ts';
import { AgreementService } from '../modules/agreements/agreement.service.ts';
import { AuditService } from '../modules/audit/audit.service.ts';
import { GovernanceService } from '../modules/governance/reviews-due.ts';
import type { HubSigningKey } from '../auth/hub-keys.ts';
import type { RecordSources } from '../modules/changes/change.ts';
import { ChangesService } from '../modules/changes/changes.service.ts';
import { ControlListService } from '../modules/control-list/control-list.service.ts';
import { DenialService } from '../modules/denials/denial.service.ts';
import { DesignationService } from '../modules/designations/designation.service.ts';
import { EndUseCheckService } from '../modules/end-use-checks/end-use-check.service.ts';
import { ImportRunService } from '../modules/imports/import-run.service.ts';
import { LicenseService } from '../modules/licensing/license.service.ts';
import { ListVersionCache } from '../modules/screening/list-version.ts';
import type { MatchScorer } from '../modules/screening/match-scoring.ts';
import { ScreeningService, type BatchReads } from '../modules/screening/screening.service.ts';
import { TransparencyService } from '../modules/transparency/transparency.service.ts';
import { ThreatLibraryService } from '../modules/threat-library/threat-entry.service.ts';

/** The capabilities' services, built once per hub over one database. */
export interface ServiceOptions {
  riskPolicyFile?: string;
  /** How a screening batch reads: across connections (PostgreSQL) or in short slices (the embedded database). */
  batchReads?: BatchReads;
  /** Where screening scores names: the hub's pool of threads; this thread when omitted. */
  scorer?: MatchScorer;
  /** 32 bytes sealing change-feed cursors; random (cursors die with the process) when omitted. */
  cursorKey?: Uint8Array;
  /** The key audit tree heads are signed with (the hub key); unsigned without one. */
  hubKey?: () => HubSigningKey | undefined;
  /** Smallest count the public transparency report shows (default 5). */
  transparencyThreshold?: number;
}

export function createServices(db: Database, options: ServiceOptions = {}) {
  const agencies = new AgencyService(db);
  const designations = new DesignationService(db, agencies);
  const controlList = new ControlListService(db, agencies);
  const threatLibrary = new ThreatLibraryService(db, agencies);
  const agreements = new AgreementService(db, agencies);
  const listVersions = new ListVersionCache();
  const screening = new ScreeningService(db, agencies, options.batchReads, listVersions, options.scorer);
  const denials = new DenialService(db, agencies);
  const endUseChecks = new EndUseCheckService(db, agencies);
  const licenses = new LicenseService(db, agencies, options.riskPolicyFile, listVersions);
  // Each record type's own door for rows by id: the change feed decides nothing by itself.
  const records: RecordSources = {
    Designation: (viewer, ids) => designations.visibleByIds(viewer, ids),
    ThreatEntry: (viewer, ids) => threatLibrary.visibleByIds(viewer, ids),
    ControlListEntry: (viewer, ids) => controlList.visibleByIds(viewer, ids),
    ScreeningAdjudication: (viewer, ids) => screening.visibleAdjudicationsByIds(viewer, ids),
    LicenseApplication: (viewer, ids) => licenses.visibleByIds(viewer, ids),
    DenialNotification: (viewer, ids) => denials.visibleNotificationsByIds(viewer, ids),
    EndUseCheck: (viewer, ids) => endUseChecks.visibleByIds(viewer, ids),
    UnverifiedParty: (viewer, ids) => endUseChecks.visibleUnverifiedByIds(viewer, ids),
  };
  const changes = new ChangesService(db, {
    agreementsAsOf: (seq) => agreements.inForceAsOf(seq),
    records,
    cursorKey: options.cursorKey ?? randomBytes(32),
  });
  const imports = new ImportRunService(db);
  const audit = new AuditService(db, options.hubKey);
  const governance = new GovernanceService(db);
  const transparency = new TransparencyService(db, { threshold: options.transparencyThreshold ?? DEFAULT_TRANSPARENCY_THRESHOLD });
  return { transparency, audit, governance, agencies, designations, controlList, threatLibrary, agreements, screening, denials, endUseChecks, licenses, changes, imports };
}

type BuiltServices = ReturnType<typeof createServices>;

declare module '../kernel/context.ts' {
  // The request context's `services` are these: see `Services` in the kernel.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- merges the built services into the kernel's interface
  interface Services extends BuiltServices {}
}
