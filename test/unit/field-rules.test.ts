import { isObjectType, isUnionType, type GraphQLUnionType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { CATALOGUE, isRecordType } from '../../src/policy/catalogue.ts';
import { fieldRules, NESTED_VALUE_TYPES, returnedTypeName } from '../../src/policy/field-rules.ts';
import { buildInterlockSchema } from '../../src/app/schema.ts';
import { buildInterlockSubgraph, REFERENCE_RESOLVERS } from '../../src/app/subgraph.ts';

/** The plain schema (schema/schema.graphql) and the subgraph the hub serves, with `_entities` and `_service`. */
const SCHEMAS = [
  ['plain schema', buildInterlockSchema],
  ['subgraph', buildInterlockSubgraph],
] as const;

describe.each(SCHEMAS)('field rules of the %s', (_name, build) => {
  it('give every field of every type in the schema a rule (an undeclared field is denied, and this fails)', async () => {
    const missing = fieldRules(await build())
      .filter((r) => r.rule === undefined)
      .map((r) => `${r.type.name}.${r.field.name}`);
    expect(missing).toEqual([]);
  });

  it('make every field of a shared record type a catalogued, policy-decided field', async () => {
    const schema = await build();
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || !isRecordType(type.name)) continue;
      expect(Object.keys(type.getFields()).sort()).toEqual([...CATALOGUE[type.name].fields].sort());
    }
  });

  it('keep restricted fields nullable, so a denied field never wipes out its parent', async () => {
    const schema = await build();
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || !isRecordType(type.name)) continue;
      for (const field of Object.values(type.getFields())) {
        if (field.name === 'id') continue;
        // marking travels with every released record; non-null, it makes a federation gateway null an unreleased entity.
        if (field.name === 'marking') {
          expect(field.type.toString(), `${type.name}.marking`).toBe('Marking!');
          continue;
        }
        expect(field.type.toString().endsWith('!'), `${type.name}.${field.name} must be nullable`).toBe(false);
      }
    }
  });

  it('reach nested value types only through the record fields that release them', async () => {
    const schema = await build();
    const reachedFrom = new Map<string, string[]>();
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) continue;
      for (const field of Object.values(type.getFields())) {
        const target = returnedTypeName(field);
        if (NESTED_VALUE_TYPES[target]) reachedFrom.set(target, [...(reachedFrom.get(target) ?? []), `${type.name}.${field.name}`]);
      }
    }
    for (const [nested, parents] of Object.entries(NESTED_VALUE_TYPES)) {
      expect(reachedFrom.get(nested)?.sort()).toEqual([...parents].sort());
    }
  });

  it('declare the access policy of every query and mutation', async () => {
    const schema = await build();
    for (const root of [schema.getQueryType(), schema.getMutationType()]) {
      for (const field of Object.values(root!.getFields())) {
        expect(field.extensions?.access, `${root!.name}.${field.name} declares no access`).toBeDefined();
      }
    }
  });
});

describe('federated entities', () => {
  it('each resolve through their own reference resolver, never by echoing the representation', async () => {
    const subgraph = await buildInterlockSubgraph();
    const entities = subgraph.getType('_Entity');
    expect(isUnionType(entities)).toBe(true);
    for (const type of (entities as GraphQLUnionType).getTypes()) {
      const extensions = type.extensions as { apollo?: { subgraph?: { resolveReference?: unknown } } };
      expect(extensions.apollo?.subgraph?.resolveReference, `${type.name} has no reference resolver`).toBe(REFERENCE_RESOLVERS[type.name]);
    }
  });

  it('are shared records, open directory types or nested values whose holding record field is known', async () => {
    const subgraph = await buildInterlockSubgraph();
    for (const type of (subgraph.getType('_Entity') as GraphQLUnionType).getTypes()) {
      const kind = isRecordType(type.name) ? 'record' : NESTED_VALUE_TYPES[type.name] ? 'nested' : type.name === 'Agency' ? 'directory' : 'unknown';
      expect(kind, type.name).not.toBe('unknown');
    }
  });

  it('are answered only to signed-in callers (_entities), while _service serves the schema alone to anyone', async () => {
    const fields = (await buildInterlockSubgraph()).getQueryType()!.getFields();
    expect(fields._entities?.extensions?.access).toEqual({ kind: 'authenticated' });
    expect(fields._service?.extensions?.access).toEqual({ kind: 'public' });
  });
});
