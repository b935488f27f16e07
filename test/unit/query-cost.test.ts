import 'reflect-metadata';
import { getVariableValues, parse, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildInterlockSubgraph } from '../../src/app/subgraph.ts';
import { QUERY_COST } from '../../src/config/limits.ts';
import { operationCost } from '../../src/server/query-limits.ts';

describe('operationCost', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildInterlockSubgraph();
  });
  const cost = (query: string, variables: Record<string, unknown> = {}) => {
    const document = parse(query);
    const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition')!;
    const fragments = Object.fromEntries(document.definitions.flatMap((d) => (d.kind === 'FragmentDefinition' ? [[d.name.value, d]] : [])));
    const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
    return operationCost(schema, operation, fragments, 'coerced' in coerced ? coerced.coerced : {});
  };

  it('multiplies what a connection selects by `first`, literal, variable or variable default, and by the default page without it', () => {
    const page = (first: string) => `query($n: Int = 500) { designations${first} { edges { node { id primaryName } } } }`;
    // The connection field once; edges, node, id and primaryName once per row.
    expect(cost(page('(first: 1)'))).toBe(1 + 4);
    expect(cost(page('(first: 500)'))).toBe(1 + 500 * 4);
    expect(cost(page('(first: $n)'), { n: 200 })).toBe(1 + 200 * 4);
    expect(cost(page('(first: $n)'))).toBe(1 + 500 * 4);
    expect(cost(page(''))).toBe(1 + QUERY_COST.DEFAULT_PAGE * 4);
  });

  it('counts every screened party, and multiplies the results by them', () => {
    const input = Array.from({ length: 1000 }, (_, i) => ({ name: `P ${i}` }));
    expect(cost('query($v: [PartyInput!]!) { screen(input: $v) { index } }', { v: input })).toBe(1 + 1000 * QUERY_COST.PARTY + 1000);
  });

  it('follows fragments wherever they are spread, and counts only the dearest type of a union', () => {
    const spread = cost('{ designations(first: 10) { ...A } } fragment A on DesignationConnection { edges { ...B } } fragment B on DesignationEdge { node { id } }');
    expect(spread).toBe(cost('{ designations(first: 10) { edges { node { id } } } }'));
    const reps = Array.from({ length: 100 }, () => ({ __typename: 'Agency', id: 'us-ofac' }));
    const entities = cost('query($r: [_Any!]!) { _entities(representations: $r) { __typename ... on Agency { id name } ... on Designation { id primaryName status } } }', { r: reps });
    expect(entities).toBe(1 + 100 * (1 + 3));
  });
});
