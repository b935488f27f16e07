import type { Database } from '../../db/client.ts';
import type { ImportRunRow } from '../../db/schema/index.ts';
import type { Viewer } from '../../policy/viewer.ts';
import type { ConnectionShape } from '../../kernel/connection.ts';
import { encodeCursor, toPageRequest } from '../../kernel/cursor.ts';
import { ImportRunRepository, zeroCounts } from './import-run.repository.ts';
import type { ImportRun } from './import-run.types.ts';

const KIND = 'import-run';
/** Import runs are numbered by a serial, not a uuid. */
const isRunNumber = (position: string) => /^\d{1,15}$/.test(position);

/**
 * The import runs of the caller's own agency, newest first. Runs are not shared records:
 * an agency sees only the runs that wrote (or refused to write) its own designations.
 */
export class ImportRunService {
  constructor(private readonly db: Database) {}

  async list(viewer: Viewer, args: { first?: number | null; after?: string | null; list?: string | null }): Promise<ConnectionShape<ImportRun>> {
    const page = toPageRequest(KIND, args.first, args.after, isRunNumber);
    const beforeId = page.afterId === null ? null : Number(page.afterId);
    const runs = new ImportRunRepository(this.db);
    const owner = viewer.caller.agencyId;
    const [rows, totalCount] = await Promise.all([
      runs.page(owner, { list: args.list ?? null, beforeId, limit: page.limit + 1 }),
      runs.count(owner, args.list ?? null),
    ]);
    const edges = rows.slice(0, page.limit).map((row) => ({ cursor: encodeCursor(KIND, String(row.id)), node: toImportRun(row) }));
    return {
      edges,
      totalCount,
      pageInfo: {
        hasNextPage: rows.length > page.limit,
        hasPreviousPage: beforeId !== null,
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges.at(-1)?.cursor ?? null,
      },
    };
  }
}

function toImportRun(row: ImportRunRow): ImportRun {
  return {
    ...row,
    id: String(row.id),
    counts: { ...zeroCounts(), ...(row.counts as object) },
    warnings: Object.entries(row.warnings ?? {}).map(([field, entries]) => ({ field, entries })),
  };
}
