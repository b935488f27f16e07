import { inArray, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Executor } from '../../db/client.ts';
import { unverifiedParties, type EndUseCheckRow, type UnverifiedPartyRow } from '../../db/schema/index.ts';
import type { AccessDecision } from '../../policy/decision.ts';
import { oneOf, type AccessColumns } from '../../policy/sql.ts';
import { ShareableRecordRepository } from '../../kernel/shareable-record-repository.ts';
import { nameKeys } from '../name-matching/name-normalization.ts';
import type { AdverseOutcome } from './end-use-check.validation.ts';
import { prepareTrigramRetrieval } from '../screening/screening.repository.ts';

export const UNVERIFIED_PARTY_ACCESS_COLUMNS: AccessColumns = {
  owner: unverifiedParties.ownerAgencyId,
  marking: unverifiedParties.marking,
  releasableTo: unverifiedParties.releasableTo,
  conditions: { outcome: oneOf(unverifiedParties.outcome) },
};

/** One party's retrieval key; `ord` ties the entries found back to the party. */
export interface PartyKey {
  ord: number;
  key: string;
}

export class UnverifiedPartyRepository extends ShareableRecordRepository<typeof unverifiedParties, unknown> {
  constructor(db: Executor) {
    super(db, unverifiedParties, 'UnverifiedParty', UNVERIFIED_PARTY_ACCESS_COLUMNS);
  }

  /** The list takes no filter. */
  protected filters(): SQL[] {
    return [];
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
   * (`%` whole name; `%>` the party's name within a longer listed one), in one statement. The
   * key is the entry's name: entries whose name is withheld from the caller are never matched.
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
        WHERE ${this.released(access, 'name')}`,
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
