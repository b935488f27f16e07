import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { MARKINGS, type Marking as MarkingValue } from '../db/schema/columns.ts';
import { DateTime } from './scalars.ts';

/** Turns a `const` list of names into the enum object type-graphql registers. */
export function enumFrom<const T extends readonly string[]>(values: T): { [K in T[number]]: K } {
  return Object.fromEntries(values.map((v) => [v, v])) as { [K in T[number]]: K };
}

/**
 * Apollo Federation 2: a type other subgraphs may reference by id and a gateway resolves through
 * this hub's `_entities`. Each carries a reference resolver (src/app/subgraph.ts) that filters and
 * masks like every other door.
 */
export const ENTITY_KEY = '@key(fields: "id")';

export const Marking = enumFrom(MARKINGS);
registerEnumType(Marking, {
  name: 'Marking',
  description: 'Traffic Light Protocol 2.0 marking, from CLEAR (public) to RED (owner only).',
});

/**
 * What every shared record carries for its handling: the marking and releasability that travel
 * with it (TLP 2.0), and its version and timestamps. Field-level authorization decides each of
 * them, so they are nullable, except `marking`, which travels with every released record (like
 * `id` and `owner`): non-null, it is also what makes a federation gateway answer null for an
 * entity this hub does not release (the gateway nulls an object whose non-null field is missing). Record types extend this (their
 * `owner` is resolved by each module's resolver, from the row's owning agency).
 */
@ObjectType('SharedRecord')
export abstract class SharedRecord {
  @Field(() => ID)
  id!: string;

  @Field(() => Marking)
  marking!: MarkingValue;

  @Field(() => [ID], { nullable: true, description: 'Agencies it may be released to; null: as the agreements allow.' })
  releasableTo!: string[] | null;

  @Field(() => Int, { nullable: true, description: 'Pass it back as expectedVersion to change the record.' })
  version!: number;

  @Field(() => DateTime, { nullable: true })
  createdAt!: Date;

  @Field(() => DateTime, { nullable: true })
  updatedAt!: Date;
}

@ObjectType({ description: 'Where a record received from another hub came from; null for records of this hub.', simpleResolvers: true })
export class Provenance {
  @Field(() => String, { nullable: true, description: 'The hub that delivered it (its issuer URL).' })
  hub!: string;

  @Field(() => String, { nullable: true, description: "The owner's home hub, which signed this version." })
  origin!: string;

  @Field(() => DateTime, { nullable: true })
  receivedAt!: Date;

  @Field(() => String, { nullable: true, description: 'SHA-256 (base64url) of the signed bundle it arrived in.' })
  bundle!: string;

  @Field(() => Int, { nullable: true, description: 'Hubs it passed to get here: 1 = straight from its origin.' })
  hops!: number;
}

/** What goods a line names, as officers checking them on site see it (EndUseCheckItem) and as the license states it. */
@ObjectType('GoodsLine')
export abstract class GoodsLine {
  @Field(() => String)
  controlListCode!: string;

  @Field(() => String)
  description!: string;

  @Field(() => Float)
  quantity!: number;

  @Field(() => String, { nullable: true })
  unit!: string | null;
}
