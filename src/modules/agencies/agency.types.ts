import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { AGENCY_KINDS } from '../../db/schema/agencies.ts';
import { CountryCode } from '../../kernel/scalars.ts';
import { ENTITY_KEY, enumFrom } from '../../kernel/shared-types.ts';

export const AgencyKind = enumFrom(AGENCY_KINDS);
registerEnumType(AgencyKind, { name: 'AgencyKind' });

@Directive(ENTITY_KEY)
@ObjectType({ description: 'A participating agency: licensing authority, customs, intelligence or FIU, or an allied hub.', simpleResolvers: true })
export class Agency {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => CountryCode, { description: 'ISO 3166-1 alpha-2 country of the agency.' })
  country!: string;

  @Field(() => AgencyKind)
  kind!: string;
}
