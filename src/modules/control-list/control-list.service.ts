import type { Database } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { createOnce } from '../../db/idempotency.ts';
import type { ControlListEntryRow } from '../../db/schema/index.ts';
import { isUuid } from '../../lib/ids.ts';
import { owningAgency, requireWriter, type Viewer } from '../../policy/viewer.ts';
import { fetchConnection, type ConnectionShape } from '../../kernel/connection.ts';
import { childrenLoader } from '../../kernel/loaders.ts';
import { provenanceOf } from '../../kernel/received-records.ts';
import type { AgencyService } from '../agencies/agency.service.ts';
import { ControlListErrors } from './control-list.errors.ts';
import { ControlListRepository, contentOf, type ControlListQuery } from './control-list.repository.ts';
import type {
  ControlListEntriesArgs,
  CreateControlListEntryInput,
  UpdateControlListEntryInput,
} from './control-list.types.ts';
import { applyUpdate, parseSearch, validateCreate } from './control-list.validation.ts';

const CURSOR_KIND = 'control-list-entry';

export class ControlListService {
  private readonly repository: ControlListRepository;

  constructor(
    private readonly db: Database,
    private readonly agencies: AgencyService,
  ) {
    this.repository = new ControlListRepository(db);
  }

  async list(viewer: Viewer, args: ControlListEntriesArgs): Promise<ConnectionShape<ControlListEntryRow>> {
    return fetchConnection(CURSOR_KIND, this.repository, viewer.access, toQuery(args), args);
  }

  async get(viewer: Viewer, id: string): Promise<ControlListEntryRow> {
    const row = isUuid(id) ? await this.repository.findById(viewer.access, id) : undefined;
    if (!row) throw ControlListErrors.notFound(id);
    return row;
  }

  /** The entries among `ids` the viewer may see: for references from other records, batched per request. */
  visibleByIds(viewer: Viewer, ids: readonly string[]): Promise<ControlListEntryRow[]> {
    return this.repository.findByIds(viewer.access, ids.filter(isUuid));
  }

  async create(viewer: Viewer, input: CreateControlListEntryInput): Promise<ControlListEntryRow> {
    const ownerId = owningAgency(viewer);
    requireWriter(viewer, 'ControlListEntry', ownerId);
    const content = validateCreate(input);
    await this.agencies.requireKnown({ releasableTo: content.releasableTo });
    const { idempotencyKey, ...request } = input;
    const { id } = await refuseDuplicateCode(() =>
      createOnce(
        this.db,
        { scope: `${ownerId}:createControlListEntry`, key: idempotencyKey, request },
        async (tx) => {
          const repository = new ControlListRepository(tx);
          if (await repository.codeTaken(ownerId, content.classificationCode)) throw ControlListErrors.duplicateCode();
          return (await repository.insert(ownerId, content)).id;
        },
      ),
    );
    return this.get(viewer, id);
  }

  /** Per-request loaders: a page of entries costs one query for their provenance. */
  createLoaders() {
    return { provenance: childrenLoader((ids) => provenanceOf(this.db, 'ControlListEntry', ids), (row) => row.recordId) };
  }

  async update(viewer: Viewer, input: UpdateControlListEntryInput): Promise<ControlListEntryRow> {
    // Before the transaction: the agency directory is read on its own connection, and the
    // embedded database has one, which an open transaction holds.
    if (input.releasableTo) await this.agencies.requireKnown({ releasableTo: input.releasableTo });
    return refuseDuplicateCode(() =>
      this.db.transaction(async (tx) => {
        const repository = new ControlListRepository(tx);
        const current = await lockForChange(viewer, repository, input.id, input.expectedVersion);
        const next = applyUpdate(contentOf(current), input);
        if (
          next.classificationCode !== current.classificationCode &&
          (await repository.codeTaken(current.ownerAgencyId, next.classificationCode, current.id))
        ) {
          throw ControlListErrors.duplicateCode();
        }
        const updated = await repository.updateIfVersion(current.id, input.expectedVersion, next);
        if (!updated) throw ControlListErrors.staleVersion(input.expectedVersion, current.version);
        return updated;
      }),
    );
  }

}

/** Reads and locks the entry, refusing an invisible entry, a non-owner and a stale version. */
async function lockForChange(viewer: Viewer, repository: ControlListRepository, id: string, expectedVersion: number) {
  const current = isUuid(id) ? await repository.findByIdForUpdate(viewer.access, id) : undefined;
  if (!current) throw ControlListErrors.notFound(id);
  requireWriter(viewer, 'ControlListEntry', current.ownerAgencyId, await repository.receivedFromHub(current.id));
  if (current.version !== expectedVersion) throw ControlListErrors.staleVersion(expectedVersion, current.version);
  return current;
}

/**
 * The check before writing catches a taken code; a concurrent writer taking it between the
 * check and the write still trips the unique index, which must read as the same CONFLICT.
 */
async function refuseDuplicateCode<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) throw ControlListErrors.duplicateCode();
    throw error;
  }
}

function toQuery(args: ControlListEntriesArgs): ControlListQuery {
  const { text, ...filter } = args.filter ?? {};
  if (text == null) return filter;
  const search = parseSearch(text);
  if (!search) throw ControlListErrors.emptySearch();
  return { ...filter, search };
}
