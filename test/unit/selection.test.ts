import { Kind, parse, type FieldNode, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { selectedFields } from '../../src/kernel/selection.ts';

/** The resolve info of the query's first root field, as graphql-js hands it to that field's resolver. */
function infoOf(document: string) {
  const parsed = parse(document);
  const operation = parsed.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const fragments = Object.fromEntries(
    parsed.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
  );
  return { fieldNodes: [operation.selectionSet.selections[0] as FieldNode], fragments };
}

describe('selectedFields', () => {
  it('names the fields selected at a path, by field name (not alias)', () => {
    const info = infoOf('{ designations { count: totalCount edges { node { id names: aliases { name } } } } }');
    expect([...selectedFields(info)].sort()).toEqual(['edges', 'totalCount']);
    expect([...selectedFields(info, ['edges', 'node'])].sort()).toEqual(['aliases', 'id']);
  });

  it('follows fragment spreads and inline fragments, and counts fields under @skip/@include as selected', () => {
    const info = infoOf(`query { designations { ...Page edges { node { ... on Designation { identifiers @skip(if: true) { value } } } } } }
      fragment Page on DesignationConnection { totalCount edges { node { ...Node } } }
      fragment Node on Designation { aliases { name } }`);
    expect(selectedFields(info).has('totalCount')).toBe(true);
    expect([...selectedFields(info, ['edges', 'node'])].sort()).toEqual(['aliases', 'identifiers']);
  });

  it('finds nothing below a path the query does not select', () => {
    const info = infoOf('{ designations { edges { cursor } } }');
    expect(selectedFields(info, ['edges', 'node']).size).toBe(0);
    expect(selectedFields(info).has('totalCount')).toBe(false);
  });
});
