import 'reflect-metadata';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { AgencyResolver } from '../modules/agencies/agency.resolver.ts';
import { AgreementResolver } from '../modules/agreements/agreement.resolver.ts';
import { ChangesResolver } from '../modules/changes/changes.resolver.ts';
import { ControlListResolver } from '../modules/control-list/control-list.resolver.ts';
import { DenialConsultationResolver } from '../modules/denials/denial-consultation.resolver.ts';
import { DenialNotificationResolver } from '../modules/denials/denial-notification.resolver.ts';
import { DesignationResolver } from '../modules/designations/designation.resolver.ts';
import { LicensePartyResolver } from '../modules/licensing/license-party.resolver.ts';
import { LicenseResolver } from '../modules/licensing/license.resolver.ts';
import { ScreeningResolver } from '../modules/screening/screening.resolver.ts';
import { ThreatEntryResolver } from '../modules/threat-library/threat-entry.resolver.ts';
import { EndUseCheckResolver } from '../modules/end-use-checks/end-use-check.resolver.ts';
import { UnverifiedPartyResolver } from '../modules/end-use-checks/unverified-party.resolver.ts';
import { ImportRunResolver } from '../modules/imports/import-run.resolver.ts';
import { AuditResolver } from '../modules/audit/audit.resolver.ts';
import { ReviewsDueResolver } from '../modules/governance/reviews-due.ts';
import { TransparencyResolver } from '../modules/transparency/transparency.resolver.ts';

export const RESOLVERS = [
  AgencyResolver,
  AgreementResolver,
  DesignationResolver,
  ControlListResolver,
  ThreatEntryResolver,
  ScreeningResolver,
  DenialNotificationResolver,
  DenialConsultationResolver,
  EndUseCheckResolver,
  UnverifiedPartyResolver,
  LicenseResolver,
  ImportRunResolver,
  LicensePartyResolver,
  ChangesResolver,
  AuditResolver,
  ReviewsDueResolver,
  TransparencyResolver,
] as const;

let built: Promise<GraphQLSchema> | undefined;

/** The executable schema; type-graphql metadata is global, so it is built once per process. */
export function buildInterlockSchema(): Promise<GraphQLSchema> {
  built ??= buildSchema({
    resolvers: RESOLVERS,
    // Inputs are validated by each capability's pure validation module, not class-validator.
    validate: false,
    emitSchemaFile: false,
  });
  return built;
}

/** The SDL checked in at schema/schema.graphql: sorted, so that it diffs cleanly in review. */
export async function printInterlockSchema(): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await buildInterlockSchema()))}\n`;
}
