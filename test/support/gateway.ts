import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { composeServices } from '@apollo/composition';
import type { DocumentNode } from 'graphql';
import type { GraphQLResponse } from './hub.ts';

export interface SubgraphDefinition {
  name: string;
  url: string;
  typeDefs: DocumentNode;
}

/** Composes the subgraphs into a supergraph; throws on errors and on any hint (hints warn of mistakes). */
export function composeSupergraph(subgraphs: readonly SubgraphDefinition[]): string {
  const result = composeServices([...subgraphs]);
  const problems = [...(result.errors ?? []), ...(result.hints ?? [])].map((problem) => problem.toString());
  if (problems.length > 0 || !result.supergraphSdl) throw new Error(`composition failed:\n${problems.join('\n')}`);
  return result.supergraphSdl;
}

interface GatewayContext {
  authorization?: string;
}

export interface RunningGateway {
  readonly url: string;
  /** POSTs an operation to the gateway with the given Authorization header (or none). */
  graphql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, authorization?: string): Promise<GraphQLResponse<T>>;
  stop(): Promise<void>;
}

/**
 * A gateway serving the supergraph, forwarding each caller's token to every subgraph: the hub
 * then decides what this caller may see, as it would for a direct request.
 */
export async function startGateway(supergraphSdl: string): Promise<RunningGateway> {
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ url }) =>
      new RemoteGraphQLDataSource<GatewayContext>({
        url,
        willSendRequest({ request, context }) {
          if (context.authorization) request.http?.headers.set('authorization', context.authorization);
        },
      }),
  });
  const server = new ApolloServer<GatewayContext>({ gateway, stopOnTerminationSignals: false });
  const { url } = await startStandaloneServer(server, {
    listen: { port: 0, host: '127.0.0.1' },
    context: async ({ req }) => ({ authorization: req.headers.authorization }),
  });
  return {
    url,
    async graphql(query, variables, authorization) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (authorization) headers.authorization = authorization;
      const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
      return { ...((await response.json()) as GraphQLResponse<never>), status: response.status };
    },
    stop: () => server.stop(),
  };
}
