/**
 * The limit the hub is measured against: a bare Apollo Server 5 with the checked-in SDL
 * (schema/schema.graphql), serving from memory the answer the hub itself gave. No database, no
 * identity, no authorization: what graphql-js, Apollo and node:http cost for the same document
 * and the same response. Fields the hub withheld answer null with a FORBIDDEN error built the
 * same cheap way as the hub's field mask (src/policy/field-rules.ts `forbiddenField`), so that
 * the two answers are identical byte for byte in content.
 */
import fs from 'node:fs/promises';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSchema, type GraphQLFieldResolver, type GraphQLObjectType } from 'graphql';
import { forbiddenField } from '../src/policy/field-rules.ts';

const SDL = new URL('../schema/schema.graphql', import.meta.url);

export interface BareServer {
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * Serves `answer.data.designations` for `{ designations … }`. The designation fields named in
 * `withheld` resolve to a FORBIDDEN error, as the hub's mask answers a field no grant releases.
 */
export async function startBareServer(answer: { data: { designations: unknown } }, withheld: ReadonlySet<string> = new Set()): Promise<BareServer> {
  const schema = buildSchema(await fs.readFile(SDL, 'utf8'));
  // The scalars serialise as the identity: the rows are the hub's JSON already.
  const query = schema.getQueryType()!;
  query.getFields().designations!.resolve = () => answer.data.designations;
  const designation = schema.getType('Designation') as GraphQLObjectType;
  const denied: GraphQLFieldResolver<unknown, unknown> = (_parent, _args, _ctx, info) => forbiddenField(info);
  for (const [name, field] of Object.entries(designation.getFields())) if (withheld.has(name)) field.resolve = denied;

  const apollo = new ApolloServer({
    schema,
    // Configured as the hub is (src/server/hub.ts): no cache hints, no landing page.
    plugins: [ApolloServerPluginCacheControlDisabled(), ApolloServerPluginLandingPageDisabled()],
    includeStacktraceInErrorResponses: false,
    stopOnTerminationSignals: false,
  });
  const { url } = await startStandaloneServer(apollo, { listen: { port: 0, host: '127.0.0.1' } });
  return { url: new URL(url).origin, stop: () => apollo.stop() };
}

/** The designation fields the hub answered with FORBIDDEN (the last step of each error's path). */
export function withheldFields(answer: { errors?: { path?: (string | number)[]; extensions?: { code?: string } }[] }): Set<string> {
  const fields = new Set<string>();
  for (const error of answer.errors ?? []) {
    const last = error.path?.at(-1);
    if (error.extensions?.code === 'FORBIDDEN' && typeof last === 'string') fields.add(last);
  }
  return fields;
}
