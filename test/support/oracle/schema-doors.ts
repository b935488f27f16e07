import {
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
  type IntrospectionQuery,
} from 'graphql';
import { RECORD_TYPES } from '../../../src/policy/catalogue.ts';

/**
 * The doors of a running hub, read from its schema: every list query with every argument
 * that narrows it, every lookup by id, and a selection of every field of a record type. Tests
 * generate their checks from these, so that a new filter or field is checked without anyone
 * remembering to add it.
 */
export interface ListArgument {
  /** `status`, or `filter.status` for a field of a filter input. */
  readonly path: string;
  readonly type: GraphQLInputType;
  /** Enum values when the argument (or its list element) is an enum. */
  readonly enumValues: readonly string[];
}

export interface ListDoor {
  readonly query: string;
  readonly nodeType: string;
  readonly arguments: readonly ListArgument[];
  /** The GraphQL type of the top-level argument, for the operation's variable definitions. */
  readonly argumentTypes: Readonly<Record<string, string>>;
}

export interface LookupDoor {
  readonly query: string;
  readonly nodeType: string;
}

const PAGING = new Set(['first', 'after']);
const isRecordType = (name: string) => (RECORD_TYPES as readonly string[]).includes(name);

export async function readSchema(ask: (query: string) => Promise<{ data?: unknown }>): Promise<GraphQLSchema> {
  const answer = await ask(getIntrospectionQuery());
  return buildClientSchema(answer.data as IntrospectionQuery);
}

/** Queries returning a `…Connection`, with every argument besides paging. */
export function listDoors(schema: GraphQLSchema): ListDoor[] {
  const doors: ListDoor[] = [];
  for (const field of Object.values(schema.getQueryType()!.getFields())) {
    const returned = getNamedType(field.type);
    if (!isObjectType(returned) || !returned.name.endsWith('Connection')) continue;
    const edge = getNamedType(returned.getFields().edges!.type) as GraphQLObjectType;
    const nodeType = getNamedType(edge.getFields().node!.type).name;
    const args: ListArgument[] = [];
    const argumentTypes: Record<string, string> = {};
    for (const arg of field.args) {
      if (PAGING.has(arg.name)) continue;
      argumentTypes[arg.name] = String(arg.type);
      const named = getNamedType(arg.type);
      if (isInputObjectType(named) && arg.name === 'filter') {
        for (const inner of Object.values(named.getFields())) args.push(argument(`filter.${inner.name}`, inner.type));
      } else {
        args.push(argument(arg.name, arg.type));
      }
    }
    doors.push({ query: field.name, nodeType, arguments: args, argumentTypes });
  }
  return doors;
}

/** Queries taking an `id` (and otherwise only optional arguments, such as a reference) and returning one record. */
export function lookupDoors(schema: GraphQLSchema): LookupDoor[] {
  return Object.values(schema.getQueryType()!.getFields())
    .filter((f) => f.args.some((a) => a.name === 'id') && f.args.every((a) => a.name === 'id' || !isNonNullType(a.type)) && isRecordType(getNamedType(f.type).name))
    .map((f) => ({ query: f.name, nodeType: getNamedType(f.type).name }));
}

/** The fields of an object type, by name. */
export function fieldNames(schema: GraphQLSchema, typeName: string): string[] {
  return Object.keys((schema.getType(typeName) as GraphQLObjectType).getFields());
}

/**
 * A selection of every field of `typeName`: value objects whole, linked records and agencies
 * by id only, so that what a record holds is never mixed with what its links hold.
 */
export function selectAll(schema: GraphQLSchema, typeName: string, depth = 0): string {
  const type = schema.getType(typeName) as GraphQLObjectType;
  const parts: string[] = [];
  for (const field of Object.values(type.getFields())) {
    if (field.args.some((a) => isNonNullType(a.type))) continue;
    const named: GraphQLNamedType = getNamedType(field.type);
    if (isLeafType(named)) parts.push(field.name);
    else if (isObjectType(named) && (isRecordType(named.name) || named.name === 'Agency')) parts.push(`${field.name} { id }`);
    else if (isObjectType(named) && depth < 3) parts.push(`${field.name} { ${selectAll(schema, named.name, depth + 1)} }`);
  }
  return parts.join(' ');
}

function argument(path: string, type: GraphQLInputType): ListArgument {
  const named = getNamedType(type);
  return { path, type, enumValues: isEnumType(named) ? named.getValues().map((v) => v.name) : [] };
}

/** Whether the argument takes a list (`[Enum!]`), as opposed to one value. */
export function takesList(type: GraphQLInputType): boolean {
  return isListType(isNonNullType(type) ? type.ofType : type);
}
