import { isObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { CATALOGUE, isRecordType } from '../../src/policy/catalogue.ts';
import { fieldRules, NESTED_VALUE_TYPES, returnedTypeName } from '../../src/policy/field-rules.ts';
import { buildInterlockSchema } from '../../src/app/schema.ts';

describe('field rules', () => {
  it('give every field of every type in the schema a rule (an undeclared field is denied, and this fails)', async () => {
    const missing = fieldRules(await buildInterlockSchema())
      .filter((r) => r.rule === undefined)
      .map((r) => `${r.type.name}.${r.field.name}`);
    expect(missing).toEqual([]);
  });

  it('make every field of a shared record type a catalogued, policy-decided field', async () => {
    const schema = await buildInterlockSchema();
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || !isRecordType(type.name)) continue;
      expect(Object.keys(type.getFields()).sort()).toEqual([...CATALOGUE[type.name].fields].sort());
    }
  });

  it('keep restricted fields nullable, so a denied field never wipes out its parent', async () => {
    const schema = await buildInterlockSchema();
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || !isRecordType(type.name)) continue;
      for (const field of Object.values(type.getFields())) {
        if (field.name === 'id') continue;
        expect(field.type.toString().endsWith('!'), `${type.name}.${field.name} must be nullable`).toBe(false);
      }
    }
  });

  it('reach nested value types only through the record fields that release them', async () => {
    const schema = await buildInterlockSchema();
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
    const schema = await buildInterlockSchema();
    for (const root of [schema.getQueryType(), schema.getMutationType()]) {
      for (const field of Object.values(root!.getFields())) {
        expect(field.extensions?.access, `${root!.name}.${field.name} declares no access`).toBeDefined();
      }
    }
  });
});
