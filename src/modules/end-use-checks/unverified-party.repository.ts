import { and, asc, count, eq, gt, inArray, sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../../db/client.ts';
import { unverifiedParties, type EndUseCheckRow, type UnverifiedPartyRow } from '../../db/schema/index.ts';
import type { AccessDecision } from '../../policy/decision.ts';
import { oneOf, visibleRecords, type AccessColumns } from '../../policy/sql.ts';
import type { PageRequest } from '../../kernel/cursor.ts';
import { nameKeys } from '../name-matching/name-normalization.ts';
import type { AdverseOutcome } from './end-use-check.validation.ts';
import { prepareTrigramRetrieval } from '../screening/screening.repository.ts';

export const UNVERIFIED_PARTY_ACCESS_COLUMNS: AccessColumns = {
  owner: unverifiedParties.ownerAgencyId,
  marking: unverifiedParties.marking,
  releasableTo: unverifiedParties.releasableTo,
  conditions: { outcome: oneOf(unverifiedParties.outcome) },
};
const visibleTo = (access: AccessDecision) => visibleRecords(access, 'UnverifiedParty', UNVERIFIED_PARTY_ACCESS_COLUMNS);

/** One party's retrieval key; `ord` ties the entries found back to the party. */
export interface PartyKey {
  ord: number;
  key: string;
}

export class UnverifiedPartyRepository {
  constructor(private readonly db: Executor) {}

  findPage(access: AccessDecision, _query: unknown, page: PageRequest): Promise<UnverifiedPartyRow[]> {
    const conditions = [visibleTo(access)];
    if (page.afterPosition !== null) conditions.push(gt(unverifiedParties.changeSeq, page.afterPosition));
    return this.db
      .select()
      .from(unverifiedParties)
      .where(and(...conditions))
      .orderBy(asc(unverifiedParties.changeSeq))
      .limit(page.limit + 1);
  }

  async count(access: AccessDecision): Promise<number> {
    const [row] = await this.db.select({ total: count() }).from(unverifiedParties).where(visibleTo(access));
    return row?.total ?? 0;
  }

  /** The records among `ids` that `access` may see (unknown or withheld ids are left out). */
  findByIds(access: AccessDecision, ids: readonly string[]): Promise<UnverifiedPartyRow[]> {
    return ids.length === 0 ? Promise.resolve([]) : this.db.select().from(unverifiedParties).where(and(inArray(unverifiedParties.id, [...ids]), visibleTo(access)));
  }

  async findById(access: AccessDecision, id: string): Promise<UnverifiedPartyRow | undefined> {
    const [row] = await this.db.select().from(unverifiedParties).where(and(eq(unverifiedParties.id, id), visibleTo(access)));
    return row;
  }

  /**
   * Lists the checked party on the requesting agency's unverified list, handled like the
   * check it comes from (same owner, marking and releasability).
   */
  async insertFrom(check: EndUseCheckRow, outcome: AdverseOutcome): Promise<UnverifiedPartyRow> {
    const { key, phonetic } = nameKeys(check.partyName);
    const [row] = await this.db
      .insert(unverifiedParties)
      .values({
        ownerAgencyId: check.ownerAgencyId,
        marking: check.marking,
        releasableTo: check.releasableTo,
        name: check.partyName,
        country: check.partyCountry,
        key,
        phonetic,
        outcome,
        endUseCheckId: check.id,
      })
      .returning();
    if (!row) throw new Error('insert into unverified_parties returned no row');
    return row;
  }

  /**
   * For each party, the entries `access` may see whose key is trigram-similar to the party's
   * (`%` whole name; `%>` the party's name within a longer listed one), in one statement.
   * pg_trgm reads its thresholds from settings, set here for the caller's transaction only.
   */
  async candidatesByName(access: AccessDecision, parties: readonly PartyKey[]): Promise<{ ord: number; entry: UnverifiedPartyRow }[]> {
    const searched = parties.filter((party) => party.key !== '');
    if (searched.length === 0) return [];
    await prepareTrigramRetrieval(this.db);
    const pairs = await queryRows<{ ord: number; id: string }>(
      this.db,
      sql`SELECT q.ord AS "ord", ${unverifiedParties.id} AS "id"
        FROM jsonb_to_recordset(${JSON.stringify(searched)}::jsonb) AS q(ord int, key text)
        JOIN ${unverifiedParties} ON (${unverifiedParties.key} % q.key OR ${unverifiedParties.key} %> q.key)
        WHERE ${visibleTo(access)}`,
    );
    if (pairs.length === 0) return [];
    const entries = await this.db
      .select()
      .from(unverifiedParties)
      .where(inArray(unverifiedParties.id, [...new Set(pairs.map((p) => p.id))]));
    const byId = new Map(entries.map((entry) => [entry.id, entry]));
    return pairs.flatMap(({ ord, id }) => {
      const entry = byId.get(id);
      return entry ? [{ ord, entry }] : [];
    });
  }
}
