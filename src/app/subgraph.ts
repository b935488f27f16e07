import { buildSubgraphSchema } from '@apollo/subgraph';
// The resolver map type is public in 2.15 only; 2.14 (the last release for Node 20) keeps it here.
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/index.js';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { graphql, isObjectType, isUnionType, lexicographicSortSchema, parse, type GraphQLSchema } from 'graphql';
import { createResolversMap } from 'type-graphql';
import type { EntityReference, ReferenceResolver } from '../kernel/references.ts';
import { invalidInput } from '../lib/errors.ts';
import { agencyReference } from '../modules/agencies/agency.resolver.ts';
import { controlListEntryReference } from '../modules/control-list/control-list.resolver.ts';
import { designationReference } from '../modules/designations/designation.resolver.ts';
import { licensePartyReference } from '../modules/licensing/license-party.resolver.ts';
import { licenseApplicationReference } from '../modules/licensing/license.resolver.ts';
import { threatEntryReference } from '../modules/threat-library/threat-entry.resolver.ts';
import { ACCESS_EXTENSION, FEDERATION_OPERATIONS } from '../policy/operation-policy.ts';
import { buildInterlockSchema } from './schema.ts';

/** Federation 2, importing only what the hub's types use. */
const FEDERATION_LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])';

/** Every type carrying ENTITY_KEY, with the reference resolver `_entities` resolves it through. */
export const REFERENCE_RESOLVERS: Readonly<Record<string, ReferenceResolver>> = {
  Agency: agencyReference,
  ControlListEntry: controlListEntryReference,
  Designation: designationReference,
  LicenseApplication: licenseApplicationReference,
  LicenseParty: licensePartyReference,
  ThreatEntry: threatEntryReference,
};

let built: Promise<GraphQLSchema> | undefined;

/**
 * The schema the hub serves: the type-graphql schema as an Apollo Federation 2 subgraph (built
 * from its SDL with directives, as type-graphql's federation example does), with the reference
 * resolvers and the access declarations of every root field. Built once per process.
 */
export function buildInterlockSubgraph(): Promise<GraphQLSchema> {
  built ??= buildInterlockSchema().then(toSubgraph);
  return built;
}

/** The SDL checked in at schema/subgraph.graphql: exactly what `_service { sdl }` answers. */
export async function printInterlockSubgraph(): Promise<string> {
  const result = await graphql({ schema: await buildInterlockSubgraph(), source: '{ _service { sdl } }' });
  const sdl = (result.data?._service as { sdl?: string } | undefined)?.sdl;
  if (!sdl) throw new Error(`the subgraph did not print its SDL: ${JSON.stringify(result.errors)}`);
  return `${sdl}\n`;
}

function toSubgraph(schema: GraphQLSchema): GraphQLSchema {
  // Sorted, so that the published SDL diffs cleanly in review.
  const typeDefs = parse(`${FEDERATION_LINK}\n\n${printSchemaWithDirectives(lexicographicSortSchema(schema))}`);
  const resolvers = createResolversMap(schema) as GraphQLResolverMap;
  for (const [type, resolve] of Object.entries(REFERENCE_RESOLVERS)) {
    resolvers[type] = { ...resolvers[type], __resolveReference: resolve } as GraphQLResolverMap[string];
  }
  const subgraph = buildSubgraphSchema([{ typeDefs, resolvers }]);
  carryFieldExtensions(schema, subgraph);
  declareFederationOperations(subgraph);
  requireEveryEntityResolved(subgraph);
  refuseRepresentationsOfOtherTypes(subgraph);
  return subgraph;
}

const entityTypeNames = (subgraph: GraphQLSchema): string[] => {
  const entities = subgraph.getType('_Entity');
  return isUnionType(entities) ? entities.getTypes().map((type) => type.name) : [];
};

/**
 * Representations one `_entities` call may carry: ten pages of the largest page a list returns.
 * Each type's ids go into one SQL statement, which PostgreSQL caps at 65,535 parameters.
 */
export const MAX_REPRESENTATIONS = 5_000;

/**
 * A representation naming a type that is no entity here is the caller's mistake: BAD_USER_INPUT
 * naming it, instead of the internal error @apollo/subgraph or graphql-js would raise; so is a
 * call with more representations than the hub resolves at once.
 */
function refuseRepresentationsOfOtherTypes(subgraph: GraphQLSchema): void {
  const field = subgraph.getQueryType()!.getFields()._entities!;
  const resolve = field.resolve!;
  const entities = new Set(entityTypeNames(subgraph));
  field.resolve = (source, args: { representations: readonly EntityReference[] }, ctx, info) => {
    if (args.representations.length > MAX_REPRESENTATIONS) throw invalidInput('representations', `at most ${MAX_REPRESENTATIONS} per request`);
    const stray = args.representations.findIndex((reference) => !entities.has(reference?.__typename));
    if (stray >= 0) throw invalidInput(`representations[${stray}].__typename`, `must name an entity type: ${[...entities].join(', ')}`);
    return resolve(source, args, ctx, info);
  };
}

/**
 * Rebuilding from SDL keeps resolvers (createResolversMap) but not the fields' extensions, where
 * each operation declares its access (operation-policy.ts): without them the field rules would
 * deny every operation. graphql-js gives no way to set them after construction but assignment.
 */
function carryFieldExtensions(source: GraphQLSchema, target: GraphQLSchema): void {
  for (const type of Object.values(source.getTypeMap())) {
    const copy = target.getType(type.name);
    if (!isObjectType(type) || !isObjectType(copy) || type.name.startsWith('__')) continue;
    const fields = copy.getFields();
    for (const [name, field] of Object.entries(type.getFields())) {
      if (fields[name]) Object.assign(fields[name], { extensions: field.extensions });
    }
  }
}

function declareFederationOperations(subgraph: GraphQLSchema): void {
  const fields = subgraph.getQueryType()!.getFields();
  for (const [name, access] of Object.entries(FEDERATION_OPERATIONS)) {
    const field = fields[name];
    if (!field) throw new Error(`the subgraph has no Query.${name}`);
    Object.assign(field, { extensions: { ...field.extensions, [ACCESS_EXTENSION]: access } });
  }
}

/**
 * An entity type without a reference resolver would be answered with the representation the
 * caller sent, its fields then read from caller input as if it were a stored record: refuse
 * to build such a schema.
 */
function requireEveryEntityResolved(subgraph: GraphQLSchema): void {
  const members = entityTypeNames(subgraph);
  const unresolved = members.filter((name) => !REFERENCE_RESOLVERS[name]);
  const stray = Object.keys(REFERENCE_RESOLVERS).filter((name) => !members.includes(name));
  if (unresolved.length || stray.length) {
    throw new Error(`federated entities without a reference resolver: [${unresolved.join(', ')}]; resolvers without an entity: [${stray.join(', ')}]`);
  }
}
