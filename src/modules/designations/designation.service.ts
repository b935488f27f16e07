import type { Database } from '../../db/client.ts';
import { createOnce } from '../../db/idempotency.ts';
import type { DesignationRow } from '../../db/schema/index.ts';
import { isUuid } from '../../lib/ids.ts';
import { normalizeForSearch } from '../../lib/names.ts';
import { toConnection, type ConnectionShape } from '../../kernel/connection.ts';
import { toPageRequest } from '../../kernel/cursor.ts';
import { owningAgency, requireWriter, type Viewer } from '../../policy/viewer.ts';
import { childrenLoader } from '../../kernel/loaders.ts';
import type { AgencyService } from '../agencies/agency.service.ts';
import { DesignationErrors } from './designation.errors.ts';
import { DesignationRepository, type DesignationPageContents, type DesignationPageRow, type DesignationQuery } from './designation.repository.ts';
import {
  Designation,
  type CreateDesignationInput,
  type DelistDesignationInput,
  type DesignationsArgs,
  type UpdateDesignationInput,
} from './designation.types.ts';
import { applyUpdate, validateCreate, validateDelistingReason, type DesignationContent } from './designation.validation.ts';

const CURSOR_KIND = 'designation';

export class DesignationService {
  private readonly repository: DesignationRepository;

  constructor(
    private readonly db: Database,
    private readonly agencies: AgencyService,
  ) {
    this.repository = new DesignationRepository(db);
  }

  /**
   * A page with the nested lists `contents` names, and the total only when asked for, in one
   * statement. The rows carry their lists, so their fields resolve without another query.
   */
  async list(viewer: Viewer, args: DesignationsArgs, contents: DesignationPageContents): Promise<ConnectionShape<DesignationPageRow>> {
    const page = toPageRequest(CURSOR_KIND, args.first, args.after);
    const { rows, total } = await this.repository.findPageWithContents(viewer.access, toQuery(args), page, contents);
    // A Designation already: type-graphql then hands the row itself to each field resolver
    // instead of copying it into a new Designation per field and row.
    for (const row of rows) Object.setPrototypeOf(row, Designation.prototype);
    // Counted in the same statement when selected; counted on demand if a directive the
    // selection could not judge asks for it after all.
    return toConnection(CURSOR_KIND, rows, page, total ?? (() => this.repository.count(viewer.access, toQuery(args))));
  }

  async get(viewer: Viewer, id: string): Promise<DesignationRow> {
    const row = isUuid(id) ? await this.repository.findById(viewer.access, id) : undefined;
    if (!row) throw DesignationErrors.notFound(id);
    return row;
  }

  /** The records among `ids` the viewer may see: for links from other records, batched per request. */
  visibleByIds(viewer: Viewer, ids: readonly string[]): Promise<DesignationRow[]> {
    return this.repository.findByIds(viewer.access, ids.filter(isUuid));
  }

  async create(viewer: Viewer, input: CreateDesignationInput): Promise<DesignationRow> {
    const ownerId = owningAgency(viewer);
    requireWriter(viewer, 'Designation', ownerId);
    const content = validateCreate(input);
    await this.agencies.requireKnown({ releasableTo: content.releasableTo });
    const { idempotencyKey, ...request } = input;
    const { id } = await createOnce(
      this.db,
      { scope: `${ownerId}:createDesignation`, key: idempotencyKey, request },
      async (tx) => (await new DesignationRepository(tx).insert(ownerId, content)).id,
    );
    return this.get(viewer, id);
  }

  async update(viewer: Viewer, input: UpdateDesignationInput): Promise<DesignationRow> {
    // Before the transaction: the agency directory is read on its own connection, and the
    // embedded database has one, which an open transaction holds.
    if (input.releasableTo) await this.agencies.requireKnown({ releasableTo: input.releasableTo });
    return this.db.transaction(async (tx) => {
      const repository = new DesignationRepository(tx);
      const current = await this.lockForChange(viewer, repository, input.id, input.expectedVersion);
      const next = applyUpdate(await this.contentOf(repository, current), input);
      const updated = await repository.updateIfVersion(current.id, input.expectedVersion, next);
      if (!updated) throw DesignationErrors.staleVersion(input.expectedVersion, current.version);
      return updated;
    });
  }

  async delist(viewer: Viewer, input: DelistDesignationInput): Promise<DesignationRow> {
    const reason = validateDelistingReason(input.reason);
    return this.db.transaction(async (tx) => {
      const repository = new DesignationRepository(tx);
      const current = await this.lockForChange(viewer, repository, input.id, input.expectedVersion);
      const delisted = await repository.delistIfVersion(current.id, input.expectedVersion, reason);
      if (!delisted) throw DesignationErrors.staleVersion(input.expectedVersion, current.version);
      return delisted;
    });
  }

  /** Per-request loaders for the nested lists, so a page of designations costs one query per list. */
  createLoaders() {
    const byDesignation = (row: { designationId: string }) => row.designationId;
    return {
      aliases: childrenLoader((ids) => this.repository.aliasesOf(ids), byDesignation),
      identifiers: childrenLoader((ids) => this.repository.identifiersOf(ids), byDesignation),
      addresses: childrenLoader((ids) => this.repository.addressesOf(ids), byDesignation),
      birthDates: childrenLoader((ids) => this.repository.birthDatesOf(ids), byDesignation),
      provenance: childrenLoader((ids) => this.repository.provenanceOf(ids), (row) => row.recordId),
    };
  }

  /** Reads and locks the designation, refusing a non-owner, a stale version or a delisted record. */
  private async lockForChange(viewer: Viewer, repository: DesignationRepository, id: string, expectedVersion: number) {
    const current = isUuid(id) ? await repository.findByIdForUpdate(viewer.access, id) : undefined;
    if (!current) throw DesignationErrors.notFound(id);
    requireWriter(viewer, 'Designation', current.ownerAgencyId, await repository.receivedFromHub(current.id));
    if (current.version !== expectedVersion) throw DesignationErrors.staleVersion(expectedVersion, current.version);
    if (current.status === 'DELISTED') throw DesignationErrors.alreadyDelisted();
    return current;
  }

  private async contentOf(repository: DesignationRepository, row: DesignationRow): Promise<DesignationContent> {
    const ids = [row.id];
    const [aliases, identifiers, addresses, birthDates] = await Promise.all([
      repository.aliasesOf(ids),
      repository.identifiersOf(ids),
      repository.addressesOf(ids),
      repository.birthDatesOf(ids),
    ]);
    const strip = <T extends { id: string; designationId: string; position: number }>({
      id: _id,
      designationId: _d,
      position: _p,
      ...rest
    }: T) => rest;
    return {
      ...row,
      aliases: aliases.map(strip),
      identifiers: identifiers.map(strip),
      addresses: addresses.map(strip),
      birthDates: birthDates.map(strip),
    };
  }

}

function toQuery(args: DesignationsArgs): DesignationQuery {
  const filter = args.filter ?? {};
  let text: string | null = null;
  if (filter.text != null) {
    text = normalizeForSearch(filter.text);
    if (text === '') throw DesignationErrors.emptySearch();
  }
  return { ...filter, text };
}
