import type { GraphQLResponse, TestHub, As } from './hub.ts';

/** A record as a caller got it: each selected field's value, or FORBIDDEN where it was withheld. */
export type SeenRecord = Record<string, unknown>;
export const WITHHELD = 'FORBIDDEN';

export interface ChangeAnswer {
  kind: 'UPSERT' | 'WITHDRAWAL';
  type: string;
  id: string;
  version: number;
  owner: { id: string } | null;
  record: SeenRecord | null;
}

interface ChangesData {
  changes: { changes: ChangeAnswer[]; cursor: string; hasMore: boolean };
}

export const DESIGNATION_SELECTION = 'id owner { id } marking releasableTo version status programs primaryName subjectType rationale remarks';

/** The record fields an answer holds at `prefix` (a path), with withheld fields marked from its errors. */
export function seenRecords(response: GraphQLResponse<unknown>, prefix: (string | number)[], records: (SeenRecord | null)[]): SeenRecord[] {
  const copies = records.map((r) => {
    if (!r) return null;
    const { __typename: _typename, ...fields } = r;
    return fields;
  });
  for (const error of response.errors ?? []) {
    const path = error.path ?? [];
    if (error.extensions?.code !== 'FORBIDDEN' || prefix.some((p, i) => path[i] !== p)) continue;
    const [index, , field] = path.slice(prefix.length) as [number, string, string];
    const copy = copies[index];
    if (copy && typeof field === 'string') copy[field] = WITHHELD;
  }
  return copies.filter((r): r is SeenRecord => r !== null);
}

export function changesQuery(selection = DESIGNATION_SELECTION) {
  return `query($after: String, $first: Int, $types: [RecordType!]) {
    changes(after: $after, first: $first, types: $types) {
      cursor hasMore
      changes { kind type id version owner { id } record { __typename ... on Designation { ${selection} } } }
    }
  }`;
}

/** One page of changes as `as`; throws on any error but withheld fields. */
export async function changesPage(hub: TestHub, as: As, variables: { after?: string | null; first?: number; types?: string[] }) {
  const response = await hub.graphql<ChangesData>(changesQuery(), variables, as);
  const unexpected = (response.errors ?? []).filter((e) => e.extensions?.code !== 'FORBIDDEN');
  if (unexpected.length > 0 || !response.data) throw new Error(`changes failed: ${JSON.stringify(response.errors)}`);
  const page = response.data.changes;
  const records = seenRecords(response, ['changes', 'changes'], page.changes.map((c) => c.record));
  let next = 0;
  const changes = page.changes.map((c) => ({ ...c, record: c.record ? records[next++]! : null }));
  return { ...page, changes, response };
}

/** A follower: applies pages to a map of what it holds, id → record. */
export class Follower {
  constructor(
    readonly held = new Map<string, SeenRecord>(),
    public cursor: string | null = null,
  ) {}

  clone(): Follower {
    return new Follower(new Map(this.held), this.cursor);
  }

  apply(changes: readonly ChangeAnswer[]): void {
    for (const change of changes) {
      if (change.kind === 'UPSERT') this.held.set(change.id, change.record!);
      else this.held.delete(change.id);
    }
  }

  /** One page; returns it. */
  async poll(hub: TestHub, as: As, first?: number, types?: string[]) {
    const page = await changesPage(hub, as, { after: this.cursor, first, types });
    this.apply(page.changes);
    this.cursor = page.cursor;
    return page;
  }

  /** Pages until nothing more is ready; returns every change received. */
  async drain(hub: TestHub, as: As, first?: number, types?: string[]) {
    const received: ChangeAnswer[] = [];
    for (let pages = 0; pages < 1_000; pages++) {
      const page = await this.poll(hub, as, first, types);
      received.push(...page.changes);
      if (!page.hasMore) return received;
    }
    throw new Error('the feed did not end');
  }
}

/** Everything `as` gets by querying every designation now, with the same fields. */
export async function queriedDesignations(hub: TestHub, as: As): Promise<Map<string, SeenRecord>> {
  const all = new Map<string, SeenRecord>();
  let after: string | null = null;
  for (;;) {
    const response: GraphQLResponse<{ designations: { edges: { node: SeenRecord }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } }> =
      await hub.graphql(
        `query($after: String) { designations(first: 500, after: $after) { edges { node { ${DESIGNATION_SELECTION} } } pageInfo { hasNextPage endCursor } } }`,
        { after },
        as,
      );
    const connection = response.data!.designations;
    for (const record of seenRecords(response, ['designations', 'edges'], connection.edges.map((e) => e.node))) all.set(record.id as string, record);
    if (!connection.pageInfo.hasNextPage) return all;
    after = connection.pageInfo.endCursor;
  }
}
