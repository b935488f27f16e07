import type { Database } from '../db/client.ts';
import { AgencyService } from '../modules/agencies/agency.service.ts';
import { ControlListService } from '../modules/control-list/control-list.service.ts';
import { DesignationService } from '../modules/designations/designation.service.ts';
import { ThreatLibraryService } from '../modules/threat-library/threat-entry.service.ts';
import type { RequestContext } from './graphql/context.ts';

/** The capabilities' services, built once per hub over one database. */
export function createServices(db: Database) {
  const agencies = new AgencyService(db);
  return {
    agencies,
    designations: new DesignationService(db, agencies),
    controlList: new ControlListService(db, agencies),
    threatLibrary: new ThreatLibraryService(db, agencies),
  };
}

export type Services = ReturnType<typeof createServices>;
export type AppContext = RequestContext<Services>;
