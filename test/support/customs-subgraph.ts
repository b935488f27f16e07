import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';

/**
 * A customs service of its own, as another agency would run it: shipments it holds, each naming
 * the declaring agency, the consignee (a license party of the hub) and a designation a customs
 * officer flagged, by id only. What those are, the gateway asks the hub, as the caller.
 */
export const CUSTOMS_TYPE_DEFS = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])

  type Query {
    shipments: [Shipment!]!
  }

  type Shipment @key(fields: "id") {
    id: ID!
    billOfLading: String!
    declaredBy: Agency
    consignee: LicenseParty
    flaggedDesignation: Designation
  }

  type Agency @key(fields: "id", resolvable: false) {
    id: ID!
  }

  type LicenseParty @key(fields: "id", resolvable: false) {
    id: ID!
  }

  type Designation @key(fields: "id", resolvable: false) {
    id: ID!
  }
`);

export interface Shipment {
  id: string;
  billOfLading: string;
  declaredById: string;
  consigneeId: string | null;
  flaggedDesignationId: string | null;
}

export interface RunningSubgraph {
  readonly url: string;
  /** The Authorization headers the service received, in order. */
  readonly authorizations: (string | undefined)[];
  stop(): Promise<void>;
}

export async function startCustomsSubgraph(shipments: readonly Shipment[]): Promise<RunningSubgraph> {
  const reference = (id: string | null) => (id === null ? null : { id });
  const schema = buildSubgraphSchema([
    {
      typeDefs: CUSTOMS_TYPE_DEFS,
      resolvers: {
        Query: { shipments: () => shipments },
        Shipment: {
          declaredBy: (shipment: Shipment) => reference(shipment.declaredById),
          consignee: (shipment: Shipment) => reference(shipment.consigneeId),
          flaggedDesignation: (shipment: Shipment) => reference(shipment.flaggedDesignationId),
        },
      },
    },
  ]);
  const authorizations: (string | undefined)[] = [];
  const server = new ApolloServer({ schema, stopOnTerminationSignals: false, plugins: [ApolloServerPluginInlineTraceDisabled()] });
  const { url } = await startStandaloneServer(server, {
    listen: { port: 0, host: '127.0.0.1' },
    context: async ({ req }) => {
      authorizations.push(req.headers.authorization);
      return {};
    },
  });
  return { url, authorizations, stop: () => server.stop() };
}
