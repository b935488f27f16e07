import { FieldResolver, ID, Resolver, Root } from 'type-graphql';
import type { LicensePartyRow } from '../../db/schema/index.ts';
import { referencedId, type ReferenceResolver } from '../../kernel/references.ts';
import { requireViewer } from '../../kernel/context.ts';
import { isNestedValueReleased } from '../../policy/field-rules.ts';
import { licensePartyId, parseLicensePartyId } from '../licenses/license-party-id.ts';
import { LicenseParty } from '../licenses/license.types.ts';
import { licenseChildren, visibleApplications } from './license.loaders.ts';

@Resolver(() => LicenseParty)
export class LicensePartyResolver {
  @FieldResolver(() => ID)
  id(@Root() party: LicensePartyRow) {
    return licensePartyId(party);
  }
}

/**
 * Federation: a party another subgraph references (a consignee on a shipment). It is released
 * only when its application is visible to the caller and the application's `parties` field is
 * released to it: the same answer as reading the party through the application. Otherwise null,
 * like an unknown id. One query per kind for every party of one `_entities` call.
 */
export const licensePartyReference: ReferenceResolver = async (reference, ctx) => {
  const key = parseLicensePartyId(referencedId(reference) ?? '');
  if (key === null) return null;
  const application = await visibleApplications(ctx).load(key.applicationId);
  if (application === null || !isNestedValueReleased(requireViewer(ctx), 'LicenseParty', 'LicenseApplication', application)) return null;
  const parties = await licenseChildren(ctx).parties.load(application.id);
  return parties.find((party) => party.position === key.position) ?? null;
};
