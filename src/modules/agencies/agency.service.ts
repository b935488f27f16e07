import type { Database } from '../../db/client.ts';
import type { AgencyRow } from '../../db/schema/index.ts';
import { invalidInput } from '../../lib/errors.ts';
import { AgencyRepository } from './agency.repository.ts';

/** How long the in-memory agency directory is trusted before it is read again. */
const DIRECTORY_TTL_MS = 10_000;

export class AgencyService {
  private readonly repository: AgencyRepository;

  constructor(db: Database) {
    this.repository = new AgencyRepository(db);
  }

  list(): Promise<AgencyRow[]> {
    return this.repository.list();
  }

  /**
   * The agency with this id, from the directory held in memory: synchronously while it is
   * fresh, so that a page of records resolves its owners without a query or a promise each.
   * The directory is a few rows that change only when policies/agencies.yaml is applied; it is
   * re-read after DIRECTORY_TTL_MS, and at once when an id is missing (an agency added since),
   * with concurrent re-reads sharing one query.
   */
  byId(id: string): AgencyRow | null | Promise<AgencyRow | null> {
    const directory = this.directory;
    if (directory && Date.now() - directory.readAt < DIRECTORY_TTL_MS) {
      const agency = directory.byId.get(id);
      if (agency) return agency;
    }
    return this.reread().then((fresh) => fresh.get(id) ?? null);
  }

  private directory: { byId: Map<string, AgencyRow>; readAt: number } | undefined;
  private rereading: Promise<Map<string, AgencyRow>> | undefined;

  private reread(): Promise<Map<string, AgencyRow>> {
    this.rereading ??= this.repository
      .list()
      .then((rows) => {
        const byId = new Map(rows.map((row) => [row.id, row]));
        this.directory = { byId, readAt: Date.now() };
        return byId;
      })
      .finally(() => (this.rereading = undefined));
    return this.rereading;
  }

  unknownIds(ids: readonly string[]): Promise<string[]> {
    return this.repository.unknownIds(ids);
  }

  /** Refuses an owner or releasability naming an agency the hub does not know (BAD_USER_INPUT). */
  async requireKnown({ ownerId, releasableTo }: { ownerId?: string | null; releasableTo?: readonly string[] | null }) {
    const named = [...(ownerId ? [ownerId] : []), ...(releasableTo ?? [])];
    const [unknown] = await this.repository.unknownIds(named);
    if (unknown === undefined) return;
    const field = unknown === ownerId ? 'input.ownerId' : `input.releasableTo[${releasableTo!.indexOf(unknown)}]`;
    throw invalidInput(field, `no agency with id ${JSON.stringify(unknown)}`);
  }
}
