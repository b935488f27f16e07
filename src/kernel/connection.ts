import { ArgsType, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { encodeCursor, toPageRequest, type PageRequest } from './cursor.ts';

@ObjectType({ description: 'Relay page information.', simpleResolvers: true })
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => Boolean, { description: 'True when this page was requested with `after`.' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true })
  startCursor!: string | null;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: 'Page size: 50 when omitted, at most 500.' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'The `endCursor` of the previous page.' })
  after?: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface ConnectionShape<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  /**
   * The total, or how to count it: graphql-js's default resolver calls a function member, so a
   * count runs only when `totalCount` is selected.
   */
  totalCount: number | (() => Promise<number>);
}

/** Declares `<Name>Edge` and `<Name>Connection` object types for a node type. */
export function ConnectionType<T extends object>(name: string, nodeType: ClassType<T>) {
  // Plain properties, read by graphql-js's default resolver (which calls a function member:
  // the lazy `totalCount`) rather than a type-graphql wrapper per field.
  @ObjectType(`${name}Edge`, { simpleResolvers: true })
  class EdgeType {
    @Field(() => String)
    cursor!: string;

    @Field(() => nodeType)
    node!: T;
  }

  @ObjectType(`${name}Connection`, { simpleResolvers: true })
  class ConnectionClass {
    @Field(() => [EdgeType])
    edges!: EdgeType[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'How many records match the filter, across all pages.' })
    totalCount!: number;
  }
  return ConnectionClass;
}

/**
 * Builds a connection from one page of rows fetched with `limit + 1`, the extra row only
 * telling whether another page follows.
 */
export function toConnection<T extends { id: string }>(
  kind: string,
  rows: T[],
  page: PageRequest,
  totalCount: ConnectionShape<T>['totalCount'],
): ConnectionShape<T> {
  const pageRows = rows.slice(0, page.limit);
  const edges = pageRows.map((node) => ({ cursor: encodeCursor(kind, node.id), node }));
  return {
    edges,
    totalCount,
    pageInfo: {
      hasNextPage: rows.length > page.limit,
      hasPreviousPage: page.afterId !== null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

/** A repository that pages and counts the rows one caller may see. */
export interface PagedRows<Row, Scope, Query> {
  findPage(scope: Scope, query: Query, page: PageRequest): Promise<Row[]>;
  count(scope: Scope, query: Query): Promise<number>;
}

/** One connection page within the caller's scope; the total is counted only if the query selects it. */
export async function fetchConnection<Row extends { id: string }, Scope, Query>(
  kind: string,
  rows: PagedRows<Row, Scope, Query>,
  scope: Scope,
  query: Query,
  args: { first?: number | null; after?: string | null },
): Promise<ConnectionShape<Row>> {
  const page = toPageRequest(kind, args.first, args.after);
  return toConnection(kind, await rows.findPage(scope, query, page), page, () => rows.count(scope, query));
}
