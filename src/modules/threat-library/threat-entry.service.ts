import type { Database } from '../../db/client.ts';
import { createOnce } from '../../db/idempotency.ts';
import type { ThreatEntryRow } from '../../db/schema/index.ts';
import { isUuid } from '../../lib/ids.ts';
import type { AccessDecision } from '../../policy/decision.ts';
import { owningAgency, requireWriter, type Viewer } from '../../policy/viewer.ts';
import { fetchConnection, type ConnectionShape } from '../../kernel/connection.ts';
import { childrenLoader } from '../../kernel/loaders.ts';
import { provenanceOf } from '../../kernel/received-records.ts';
import type { AgencyService } from '../agencies/agency.service.ts';
import { ThreatEntryErrors } from './threat-entry.errors.ts';
import { contentOf, ThreatEntryRepository, type ThreatEntryQuery } from './threat-entry.repository.ts';
import type { CreateThreatEntryInput, ThreatEntriesArgs, UpdateThreatEntryInput } from './threat-entry.types.ts';
import { applyUpdate, refuseUnknownControlListEntries, searchWords, validateCreate } from './threat-entry.validation.ts';

const CURSOR_KIND = 'threat-entry';

export class ThreatLibraryService {
  private readonly repository: ThreatEntryRepository;

  constructor(
    private readonly db: Database,
    private readonly agencies: AgencyService,
  ) {
    this.repository = new ThreatEntryRepository(db);
  }

  async list(viewer: Viewer, args: ThreatEntriesArgs): Promise<ConnectionShape<ThreatEntryRow>> {
    return fetchConnection(CURSOR_KIND, this.repository, viewer.access, toQuery(args), args);
  }

  async get(viewer: Viewer, id: string): Promise<ThreatEntryRow> {
    const row = isUuid(id) ? await this.repository.findById(viewer.access, id) : undefined;
    if (!row) throw ThreatEntryErrors.notFound(id);
    return row;
  }

  /** The entries among `ids` the viewer may see: for references from other records, batched per request. */
  visibleByIds(viewer: Viewer, ids: readonly string[]): Promise<ThreatEntryRow[]> {
    return this.repository.findByIds(viewer.access, ids.filter(isUuid));
  }

  async create(viewer: Viewer, input: CreateThreatEntryInput): Promise<ThreatEntryRow> {
    const ownerId = owningAgency(viewer);
    requireWriter(viewer, 'ThreatEntry', ownerId);
    const content = validateCreate(input);
    await this.agencies.requireKnown({ releasableTo: content.releasableTo });
    const { idempotencyKey, ...request } = input;
    const { id } = await createOnce(
      this.db,
      { scope: `${ownerId}:createThreatEntry`, key: idempotencyKey, request },
      async (tx) => {
        const repository = new ThreatEntryRepository(tx);
        await checkControlListEntriesVisible(
          viewer.access,
          repository,
          input.controlListEntryIds ?? [],
          content.controlListEntryIds,
        );
        return (await repository.insert(ownerId, content)).id;
      },
    );
    return this.get(viewer, id);
  }

  async update(viewer: Viewer, input: UpdateThreatEntryInput): Promise<ThreatEntryRow> {
    // Before the transaction: the agency directory is read on its own connection, and the
    // embedded database has one, which an open transaction holds.
    if (input.releasableTo) await this.agencies.requireKnown({ releasableTo: input.releasableTo });
    return this.db.transaction(async (tx) => {
      const repository = new ThreatEntryRepository(tx);
      const current = await lockForChange(viewer, repository, input.id, input.expectedVersion);
      const next = applyUpdate(contentOf(current, await repository.linkedIdsOf(current.id)), input);
      const replaceLinks = input.controlListEntryIds !== undefined;
      if (replaceLinks) {
        await checkControlListEntriesVisible(
          viewer.access,
          repository,
          input.controlListEntryIds ?? [],
          next.controlListEntryIds,
        );
      }
      const updated = await repository.updateIfVersion(current.id, input.expectedVersion, next, { replaceLinks });
      if (!updated) throw ThreatEntryErrors.staleVersion(input.expectedVersion, current.version);
      return updated;
    });
  }

  /**
   * Per-request loaders, so that a page of threat entries costs one query for all their links;
   * they only load the linked entries `access` may see.
   */
  createLoaders(access: AccessDecision) {
    return {
      controlListEntries: childrenLoader(
        (ids) => this.repository.linkedControlListEntriesOf(access, ids),
        (link) => link.threatEntryId,
      ),
      provenance: childrenLoader((ids) => provenanceOf(this.db, 'ThreatEntry', ids), (row) => row.recordId),
    };
  }

}

/** Reads and locks the entry, refusing an invisible entry, a non-owner and a stale version. */
async function lockForChange(viewer: Viewer, repository: ThreatEntryRepository, id: string, expectedVersion: number) {
  const current = isUuid(id) ? await repository.findByIdForUpdate(viewer.access, id) : undefined;
  if (!current) throw ThreatEntryErrors.notFound(id);
  requireWriter(viewer, 'ThreatEntry', current.ownerAgencyId, await repository.receivedFromHub(current.id));
  if (current.version !== expectedVersion) throw ThreatEntryErrors.staleVersion(expectedVersion, current.version);
  return current;
}

/**
 * Refuses links to control-list entries `access` cannot see, unknown and withheld alike, so
 * the answer does not tell whether a withheld entry exists. `given`: the ids as sent, to name
 * positions; `ids`: the validated ones to look up.
 */
async function checkControlListEntriesVisible(
  access: AccessDecision,
  repository: ThreatEntryRepository,
  given: readonly string[],
  ids: string[],
) {
  const unknown = await repository.unknownControlListEntryIds(access, ids);
  refuseUnknownControlListEntries(given, new Set(unknown));
}

function toQuery(args: ThreatEntriesArgs): ThreatEntryQuery {
  const { text, controlListEntryId, ...filter } = args.filter ?? {};
  const query: ThreatEntryQuery = { ...filter };
  if (text != null) {
    query.words = searchWords(text);
    if (!query.words) throw ThreatEntryErrors.emptySearch();
  }
  if (controlListEntryId != null) {
    if (!isUuid(controlListEntryId)) throw ThreatEntryErrors.notAControlListEntryId();
    query.controlListEntryId = controlListEntryId;
  }
  return query;
}
