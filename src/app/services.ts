import type { Database } from '../db/client.ts';
import { AgencyService } from '../modules/agencies/agency.service.ts';
import { AgreementService } from '../modules/agreements/agreement.service.ts';
import { ControlListService } from '../modules/control-list/control-list.service.ts';
import { DenialService } from '../modules/denials/denial.service.ts';
import { DesignationService } from '../modules/designations/designation.service.ts';
import { EndUseCheckService } from '../modules/end-use-checks/end-use-check.service.ts';
import { ImportRunService } from '../modules/imports/import-run.service.ts';
import { LicenseService } from '../modules/licensing/license.service.ts';
import { ScreeningService } from '../modules/screening/screening.service.ts';
import { ThreatLibraryService } from '../modules/threat-library/threat-entry.service.ts';

/** The capabilities' services, built once per hub over one database. */
export interface ServiceOptions {
  riskPolicyFile?: string;
  /** Connections one request may read on at once (screening batches): 1 for the embedded database. */
  parallelReads?: number;
}

export function createServices(db: Database, options: ServiceOptions = {}) {
  const agencies = new AgencyService(db);
  return {
    agencies,
    designations: new DesignationService(db, agencies),
    controlList: new ControlListService(db, agencies),
    threatLibrary: new ThreatLibraryService(db, agencies),
    agreements: new AgreementService(db, agencies),
    screening: new ScreeningService(db, agencies, options.parallelReads),
    denials: new DenialService(db, agencies),
    endUseChecks: new EndUseCheckService(db, agencies),
    licenses: new LicenseService(db, agencies, options.riskPolicyFile),
    imports: new ImportRunService(db),
  };
}

type BuiltServices = ReturnType<typeof createServices>;

declare module '../kernel/context.ts' {
  // The request context's `services` are these: see `Services` in the kernel.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- merges the built services into the kernel's interface
  interface Services extends BuiltServices {}
}
