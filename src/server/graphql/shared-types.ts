import { registerEnumType } from 'type-graphql';
import { MARKINGS } from '../../db/schema/columns.ts';

/** Turns a `const` list of names into the enum object type-graphql registers. */
export function enumFrom<const T extends readonly string[]>(values: T): { [K in T[number]]: K } {
  return Object.fromEntries(values.map((v) => [v, v])) as { [K in T[number]]: K };
}

export const Marking = enumFrom(MARKINGS);
registerEnumType(Marking, {
  name: 'Marking',
  description: 'Traffic Light Protocol 2.0 marking, from CLEAR (public) to RED (owner only).',
});
