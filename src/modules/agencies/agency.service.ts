import DataLoader from 'dataloader';
import type { Database } from '../../db/client.ts';
import type { AgencyRow } from '../../db/schema/index.ts';
import { invalidInput } from '../../lib/errors.ts';
import { AgencyRepository } from './agency.repository.ts';

export class AgencyService {
  private readonly repository: AgencyRepository;

  constructor(db: Database) {
    this.repository = new AgencyRepository(db);
  }

  list(): Promise<AgencyRow[]> {
    return this.repository.list();
  }

  /** A per-request loader so that a page of records resolves its owners in one query. */
  createLoader(): DataLoader<string, AgencyRow | null> {
    return new DataLoader(async (ids) => {
      const byId = new Map((await this.repository.findByIds(ids)).map((a) => [a.id, a]));
      return ids.map((id) => byId.get(id) ?? null);
    });
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
