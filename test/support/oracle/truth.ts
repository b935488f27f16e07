import type { GraphQLSchema } from 'graphql';
import { CATALOGUE, type RecordType } from '../../../src/policy/catalogue.ts';
import type { AgreementOracle, RecordFacts } from './agreement-oracle.ts';
import type { RecordedHub } from './recorded-hub.ts';
import { selectAll, type ListDoor } from './schema-doors.ts';

export type Values = Record<string, unknown>;

/**
 * Every record of the hub as its owner sees it (every field), with what the decision needs,
 * and the view each agency should get of it: the released fields, linked records it may not
 * see taken out, every other field absent — the record as if those attributes had no value.
 */
export class Truth {
  readonly byId = new Map<string, RecordFacts>();

  constructor(
    readonly records: readonly RecordFacts[],
    private readonly oracle: AgreementOracle,
  ) {
    for (const record of records) this.byId.set(record.id, record);
  }

  ofType(type: string): RecordFacts[] {
    return this.records.filter((r) => r.type === type);
  }

  visibleTo(agency: string, type: string): RecordFacts[] {
    return this.ofType(type).filter((r) => this.oracle.isVisible(agency, r));
  }

  /** The record as `agency` may know it, or null when it does not exist for it. */
  releasedView(agency: string, record: RecordFacts): Values | null {
    const fields = this.oracle.released(agency, record);
    if (!fields) return null;
    const view: Values = {};
    for (const field of fields) view[field] = this.withoutHiddenLinks(agency, record.values[field]);
    return view;
  }

  /** Values of fields withheld from `agency`, for a record it sees; all values when it does not see the record. */
  withheldValues(agency: string, record: RecordFacts): unknown[] {
    const fields = this.oracle.released(agency, record);
    return CATALOGUE[record.type].fields.filter((f) => !fields?.has(f)).map((f) => record.values[f]);
  }

  private withoutHiddenLinks(agency: string, value: unknown): unknown {
    const visible = (v: unknown) => {
      const linked = v && typeof v === 'object' && 'id' in v ? this.byId.get(String((v as { id: unknown }).id)) : undefined;
      return !linked || this.oracle.isVisible(agency, linked);
    };
    if (Array.isArray(value)) return value.filter(visible);
    return visible(value) ? value : null;
  }
}

/** Reads every record of every list as its owner: each agency lists, and keeps what it owns. */
export async function readTruth(hub: RecordedHub, schema: GraphQLSchema, doors: readonly ListDoor[], agencies: readonly string[], oracle: AgreementOracle) {
  const records: RecordFacts[] = [];
  for (const door of doors.filter((d) => d.nodeType in CATALOGUE)) {
    const type = door.nodeType as RecordType;
    for (const agency of agencies) {
      // Partners' records come with FORBIDDEN fields; only the agency's own are kept.
      const answer = await hub.ask<Record<string, { edges: { node: Values }[] }>>(agency, `{ ${door.query}(first: 500) { edges { node { ${selectAll(schema, type)} } } } }`);
      if (!answer.data) throw new Error(`${agency} cannot list ${door.query}: ${JSON.stringify(answer.errors)}`);
      for (const { node } of answer.data[door.query]!.edges) {
        const owner = (node.owner as { id: string }).id;
        if (owner !== agency) continue;
        const performer = (node.performingAgency as { id: string } | undefined)?.id;
        records.push({
          type,
          id: String(node.id),
          owner,
          marking: String(node.marking),
          releasableTo: (node.releasableTo as string[] | null) ?? null,
          participants: performer ? [performer] : [],
          values: node,
        });
      }
    }
  }
  return new Truth(records, oracle);
}

/** Every string in a value, however deeply nested. */
export function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value && typeof value === 'object') return Object.values(value).flatMap(stringsIn);
  return [];
}
