import { sql } from 'drizzle-orm';
import { queryRows, type Database, type Executor } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { createOnce } from '../../db/idempotency.ts';
import type { DesignationRow, ScreeningAdjudicationRow } from '../../db/schema/index.ts';
import { normalizePartyIdentifier } from '../../lib/identifiers.ts';
import { detectScript } from '../../lib/names.ts';
import { InputProblems, releasability, requiredText } from '../../lib/input-errors.ts';
import { isUuid } from '../../lib/ids.ts';
import type { AccessDecision } from '../../policy/decision.ts';
import { owningAgency, requireWriter, type Viewer } from '../../policy/viewer.ts';
import { AppError, invalidInput, notFound, staleVersion } from '../../lib/errors.ts';
import { fetchConnection, type ConnectionShape } from '../../kernel/connection.ts';
import type { AgencyService } from '../agencies/agency.service.ts';
import { DesignationRepository } from '../designations/designation.repository.ts';
import { AdjudicationRepository } from './adjudication.repository.ts';
import { scoreOnThisThread, type CandidateDesignation, type MatchScorer, type ScoredMatch, type ScreenedParty } from './match-scoring.ts';
import { nameKeys } from '../name-matching/name-normalization.ts';
import { CANDIDATE_RETRIEVAL, MAX_MATCHES_PER_PARTY, type ScreeningConfig, type WeightOverrides } from './screening-config.ts';
import { ListVersionCache, screenedListVersion } from './list-version.ts';
import { ScreeningRepository, type CandidateDetails } from './screening.repository.ts';
import type { AdjudicateMatchInput, AdjudicationsArgs, WithdrawAdjudicationInput } from './screening.types.ts';
import { partyFingerprint, screeningConfig, validateParties, validateParty, type PartySubmission } from './screening.validation.ts';

/** A scored match with the designation row it is about, for the GraphQL layer to release field by field. */
export interface DesignationMatch extends ScoredMatch {
  designation: DesignationRow;
}

export interface ScreeningOutcome {
  index: number;
  name: string;
  listVersion: string;
  threshold: number;
  matches: DesignationMatch[];
  /** Matches at or above the threshold not reported, beyond the best MAX_MATCHES_PER_PARTY. */
  moreMatches: number;
  truncated: boolean;
  suppressed: { match: DesignationMatch; adjudications: ScreeningAdjudicationRow[] }[];
}

const CURSOR_KIND = 'screening-adjudication';
/** Below this many parties per connection, splitting a batch costs more than it saves. */
const PARTIES_PER_PARALLEL_CHUNK = 100;
const MAX_REASON_LENGTH = 2000;
/** A sliced batch starts with this many parties and then sizes its slices by how long they took. */
const FIRST_SLICE_PARTIES = 4;
const MAX_SLICE_PARTIES = 200;
/** Sliced batches started over because designations changed under them, before one snapshot is taken instead. */
const SLICED_ATTEMPTS = 3;

/**
 * How a batch reads the designations.
 * - `connections` (PostgreSQL): a large batch is split across this many connections, each
 *   reading the snapshot the first exported, side by side.
 * - `sliceMs` (the embedded database, one session for every request): a batch runs as a
 *   sequence of short transactions of about this many milliseconds each, so that other
 *   requests' statements run between them instead of waiting for the whole batch.
 */
export type BatchReads = { connections: number } | { sliceMs: number };

export class ScreeningService {
  private readonly adjudications: AdjudicationRepository;
  constructor(
    private readonly db: Database,
    private readonly agencies: AgencyService,
    private readonly reads: BatchReads = { connections: 1 },
    /** Shared with license submission, which records the same list versions. */
    private readonly listVersions: ListVersionCache = new ListVersionCache(),
    /** Where names are scored: the hub's pool of threads, or this thread. */
    private readonly scorer: MatchScorer = scoreOnThisThread,
  ) {
    this.adjudications = new AdjudicationRepository(db);
  }

  /**
   * Screens a batch of parties against the designations the caller may see. Every party is
   * screened against one list version, the one reported; it reveals nothing about designations
   * the caller cannot see.
   */
  async screen(
    viewer: Viewer,
    input: readonly PartySubmission[],
    threshold?: number | null,
    weights?: WeightOverrides | null,
  ): Promise<ScreeningOutcome[]> {
    const parties = validateParties(input);
    const config = screeningConfig(threshold, weights);
    if ('sliceMs' in this.reads && parties.length > FIRST_SLICE_PARTIES) {
      for (let attempt = 0; attempt < SLICED_ATTEMPTS; attempt++) {
        const outcomes = await this.screenInSlices(viewer.access, parties, config, this.reads.sliceMs);
        if (outcomes) return outcomes;
      }
    }
    return this.screenInOneSnapshot(viewer.access, parties, config);
  }

  /** Reads in one repeatable-read snapshot, so the list version reported is the one every party was screened against. */
  private screenInOneSnapshot(access: AccessDecision, parties: readonly ScreenedParty[], config: ScreeningConfig): Promise<ScreeningOutcome[]> {
    return this.db.transaction(
      async (tx) => {
        const repository = new ScreeningRepository(tx);
        const listVersion = await screenedListVersion(repository, access, this.listVersions);
        const found = await this.findMatchesInParallel(tx, access, parties, config);
        const fingerprints = parties.map(partyFingerprint);
        return outcomesOf(parties, found, await repository.activeAdjudications(access, fingerprints), fingerprints, listVersion, config);
      },
      READ_SNAPSHOT,
    );
  }

  /**
   * The batch in slices, each its own short transaction, sized to take about `sliceMs`. The list
   * version is read before the first slice and the hub-wide designation change position before
   * and after the last: if it moved, designations changed between slices and the parties may
   * have been screened against different versions, so the result is discarded (undefined).
   * An unmoved position (and date) means an unchanged screening basis, as the list version
   * cache relies on too (list-version.ts).
   */
  private async screenInSlices(
    access: AccessDecision,
    parties: readonly ScreenedParty[],
    config: ScreeningConfig,
    sliceMs: number,
  ): Promise<ScreeningOutcome[] | undefined> {
    const basis = await this.db.transaction(async (tx) => {
      const repository = new ScreeningRepository(tx);
      const position = await repository.changePosition();
      return { position: position.key, listVersion: await screenedListVersion(repository, access, this.listVersions) };
    }, READ_SNAPSHOT);
    // A slice's transaction only retrieves; its scoring runs on the scoring threads while the
    // next slice retrieves, and never holds the database.
    const scoring: Promise<DesignationMatch[][]>[] = [];
    let size = FIRST_SLICE_PARTIES;
    for (let start = 0; start < parties.length; ) {
      const slice = parties.slice(start, start + size);
      start += slice.length;
      const started = performance.now();
      const retrieved = await this.db.transaction((tx) => retrieveCandidates(tx, access, slice), READ_SNAPSHOT);
      const scored = scoreRetrieved(retrieved, slice, config, this.scorer);
      // Awaited below with the others; until then a failure must not count as unhandled.
      scored.catch(() => undefined);
      scoring.push(scored);
      size = nextSliceSize(slice.length, performance.now() - started, sliceMs);
    }
    const found = (await Promise.all(scoring)).flat();
    const fingerprints = parties.map(partyFingerprint);
    const end = await this.db.transaction(async (tx) => {
      const repository = new ScreeningRepository(tx);
      return { position: (await repository.changePosition()).key, adjudications: await repository.activeAdjudications(access, fingerprints) };
    }, READ_SNAPSHOT);
    if (end.position !== basis.position) return undefined;
    return outcomesOf(parties, found, end.adjudications, fingerprints, basis.listVersion, config);
  }

  /**
   * A large batch is split across several connections, each reading the snapshot the caller's
   * transaction exported, so every party is screened against the same list version while the
   * database works on the chunks side by side. With one connection, the batch runs in the
   * caller's transaction.
   */
  private async findMatchesInParallel(
    tx: Executor,
    access: AccessDecision,
    parties: readonly ScreenedParty[],
    config: ScreeningConfig,
  ): Promise<DesignationMatch[][]> {
    const connections = 'connections' in this.reads ? this.reads.connections : 1;
    const chunks = Math.min(connections, Math.ceil(parties.length / PARTIES_PER_PARALLEL_CHUNK));
    if (chunks <= 1) return findMatches(tx, access, parties, config, this.scorer);
    const [{ snapshot }] = (await queryRows<{ snapshot: string }>(tx, sql`SELECT pg_export_snapshot() AS snapshot`)) as [{ snapshot: string }];
    if (!/^[0-9A-F-]+$/i.test(snapshot)) throw new Error(`unexpected snapshot id ${snapshot}`);
    const size = Math.ceil(parties.length / chunks);
    const slices = Array.from({ length: chunks }, (_, i) => parties.slice(i * size, (i + 1) * size));
    const results = await Promise.all(
      slices.map((slice, i) =>
        i === 0
          ? findMatches(tx, access, slice, config, this.scorer)
          : this.db.transaction(async (chunkTx) => {
              await chunkTx.execute(sql.raw(`SET TRANSACTION SNAPSHOT '${snapshot}'`));
              return findMatches(chunkTx, access, slice, config, this.scorer);
            }, READ_SNAPSHOT),
      ),
    );
    return results.flat();
  }

  async adjudicate(viewer: Viewer, input: AdjudicateMatchInput): Promise<ScreeningAdjudicationRow> {
    const ownerId = owningAgency(viewer);
    requireWriter(viewer, 'ScreeningAdjudication', ownerId);
    const problems = new InputProblems();
    const party = validateParty(problems, 'input.party', input.party);
    const matchedName = requiredText(problems, 'input.matchedName', input.matchedName, 300);
    const reason = requiredText(problems, 'input.reason', input.reason, MAX_REASON_LENGTH);
    const releasableTo = releasability(problems, input.releasableTo);
    if (!isUuid(input.designationId)) problems.add('input.designationId', 'is not a designation id');
    problems.throwIfAny();
    await this.agencies.requireKnown({ releasableTo });

    const adjudication = {
      partyFingerprint: partyFingerprint(party),
      partyName: party.name,
      partyCountry: party.country,
      partyDateOfBirth: party.dateOfBirth,
      designationId: input.designationId,
      matchedName,
      reason,
      reviewedBy: viewer.caller.userId,
      marking: input.marking,
      releasableTo,
    };
    const { idempotencyKey, ...request } = input;
    try {
      const { id } = await createOnce(this.db, { scope: `${ownerId}:adjudicateMatch`, key: idempotencyKey, request }, async (tx) => {
        const designation = await new DesignationRepository(tx).findById(viewer.access, input.designationId);
        if (!designation) throw notFound('designation', input.designationId);
        // The hit adjudicated must be one screening can report: a name of this designation the
        // caller may see (a withheld alias is as if the designation did not have it).
        const names = await new ScreeningRepository(tx).releasedNames(viewer.access, designation);
        if (!names.includes(matchedName)) throw invalidInput('input.matchedName', 'is not a name of this designation');
        const repository = new AdjudicationRepository(tx);
        const earlier = await repository.findOwn(ownerId, adjudication.partyFingerprint, adjudication.designationId);
        if (earlier?.active) throw alreadyAdjudicated(earlier);
        if (earlier) {
          const revised = await repository.reviseIfVersion(earlier.id, earlier.version, adjudication);
          if (!revised) throw alreadyAdjudicated(earlier);
          return revised.id;
        }
        return (await repository.insert(ownerId, adjudication)).id;
      });
      return this.getAdjudication(viewer, id);
    } catch (error) {
      // Two analysts adjudicating the same hit at once: the unique index lets one in.
      if (isUniqueViolation(error)) {
        const winner = await this.adjudications.findOwn(ownerId, adjudication.partyFingerprint, adjudication.designationId);
        if (winner) throw alreadyAdjudicated(winner);
      }
      throw error;
    }
  }

  async withdrawAdjudication(viewer: Viewer, input: WithdrawAdjudicationInput): Promise<ScreeningAdjudicationRow> {
    return this.db.transaction(async (tx) => {
      const repository = new AdjudicationRepository(tx);
      const current = isUuid(input.id) ? await repository.findByIdForUpdate(viewer.access, input.id) : undefined;
      if (!current) throw notFound('screening adjudication', input.id);
      requireWriter(viewer, 'ScreeningAdjudication', current.ownerAgencyId);
      if (!current.active) throw new AppError('CONFLICT', `Adjudication ${current.id} is already withdrawn.`, { field: 'input.id' });
      const withdrawn = await repository.withdrawIfVersion(current.id, input.expectedVersion);
      if (!withdrawn) throw staleVersion('screening adjudication', input.expectedVersion, current.version);
      return withdrawn;
    });
  }

  async getAdjudication(viewer: Viewer, id: string): Promise<ScreeningAdjudicationRow> {
    const row = isUuid(id) ? await this.adjudications.findById(viewer.access, id) : undefined;
    if (!row) throw notFound('screening adjudication', id);
    return row;
  }

  /** The records among `ids` the viewer may see: for links from other records and the change feed. */
  visibleAdjudicationsByIds(viewer: Viewer, ids: readonly string[]): Promise<ScreeningAdjudicationRow[]> {
    return this.adjudications.findByIds(viewer.access, ids.filter(isUuid));
  }

  listAdjudications(viewer: Viewer, args: AdjudicationsArgs): Promise<ConnectionShape<ScreeningAdjudicationRow>> {
    const problems = new InputProblems();
    const party = args.party ? validateParty(problems, 'party', args.party) : null;
    if (args.designationId && !isUuid(args.designationId)) problems.add('designationId', 'is not a designation id');
    problems.throwIfAny();
    const query = { designationId: args.designationId, active: args.active, partyFingerprint: party ? partyFingerprint(party) : null };
    return fetchConnection(CURSOR_KIND, this.adjudications, viewer.access, query, args);
  }
}

const READ_SNAPSHOT = { isolationLevel: 'repeatable read', accessMode: 'read only' } as const;

/** The next slice's size: as many parties as the last slice's pace fits into `sliceMs`, growing at most twofold. */
export function nextSliceSize(lastSize: number, lastMs: number, sliceMs: number): number {
  const fitting = Math.floor((lastSize * sliceMs) / Math.max(lastMs, 1));
  return Math.max(1, Math.min(MAX_SLICE_PARTIES, lastSize * 2, fitting));
}

/** Each party's outcome: its matches, less those an adjudication in force suppresses for this party. */
function outcomesOf(
  parties: readonly ScreenedParty[],
  found: readonly DesignationMatch[][],
  adjudications: readonly ScreeningAdjudicationRow[],
  fingerprints: readonly string[],
  listVersion: string,
  config: ScreeningConfig,
): ScreeningOutcome[] {
  return parties.map((party, index) => {
    const suppressing = (match: DesignationMatch) =>
      adjudications.filter((a) => a.partyFingerprint === fingerprints[index] && a.designationId === match.designationId);
    const outcome: ScreeningOutcome = { index, name: party.name, listVersion, threshold: config.threshold, matches: [], moreMatches: 0, truncated: false, suppressed: [] };
    // Every match was scored and ranked before this cut, so the best are reported whatever else
    // the caller may see; beyond MAX_MATCHES_PER_PARTY the rest are counted, not dropped silently.
    for (const match of found[index]!) {
      const by = suppressing(match);
      if (by.length > 0) outcome.suppressed.push({ match, adjudications: by });
      else if (outcome.matches.length < MAX_MATCHES_PER_PARTY) outcome.matches.push(match);
      else outcome.moreMatches++;
    }
    outcome.truncated = outcome.moreMatches > 0;
    return outcome;
  });
}

const alreadyAdjudicated = (existing: ScreeningAdjudicationRow) =>
  new AppError('CONFLICT', `This hit is already adjudicated for this party (adjudication ${existing.id}, version ${existing.version}).`, {
    field: 'input.designationId',
  });

/**
 * The matches at or above the threshold for each party, ranked, among the designations
 * `access` may see and using only their fields released to it. The screening core, shared by
 * the `screen` operation and license screening.
 */
export async function findMatches(
  db: Executor,
  access: AccessDecision,
  parties: readonly ScreenedParty[],
  config: ScreeningConfig,
  scorer: MatchScorer = scoreOnThisThread,
): Promise<DesignationMatch[][]> {
  return scoreRetrieved(await retrieveCandidates(db, access, parties), parties, config, scorer);
}

/** Each party's candidates, as the caller may see them: what scoring needs from the database. */
interface RetrievedCandidates {
  rows: DesignationRow[];
  features: CandidateDesignation[];
  /** Per party, indexes into `rows` and `features`. */
  candidatesOf: number[][];
}

async function retrieveCandidates(db: Executor, access: AccessDecision, parties: readonly ScreenedParty[]): Promise<RetrievedCandidates> {
  const repository = new ScreeningRepository(db);
  const keys = parties.map((party, ord) => retrievalKeys(ord, party.name));
  const identifiers = parties.flatMap((party, ord) =>
    party.identifiers.map((identifier) => ({ ord, value: normalizePartyIdentifier(identifier.type, identifier.value) })),
  );
  const [byName, byIdentifier] = await Promise.all([
    repository.candidatesByName(access, keys),
    repository.candidatesByIdentifier(access, identifiers),
  ]);
  const candidateIds = new Set([...byName, ...byIdentifier].map((c) => c.designationId));
  const candidates = assembleCandidates(access, await repository.candidateDetails([...candidateIds]));
  const rows: DesignationRow[] = [];
  const features: CandidateDesignation[] = [];
  const indexOf = new Map<string, number>();
  for (const [id, candidate] of candidates) {
    indexOf.set(id, rows.length);
    rows.push(candidate.row);
    features.push(candidate.features);
  }
  const candidatesOf: Set<number>[] = parties.map(() => new Set());
  for (const { ord, designationId } of [...byName, ...byIdentifier]) {
    const index = indexOf.get(designationId);
    if (index !== undefined) candidatesOf[ord]!.add(index);
  }
  return { rows, features, candidatesOf: candidatesOf.map((set) => [...set]) };
}

/** Scoring gets plain data (the parties and what the caller may see of their candidates), no handles. */
async function scoreRetrieved(
  { rows, features, candidatesOf }: RetrievedCandidates,
  parties: readonly ScreenedParty[],
  config: ScreeningConfig,
  scorer: MatchScorer,
): Promise<DesignationMatch[][]> {
  const byId = new Map(rows.map((row) => [row.id, row]));
  const scored = await scorer.score({ parties, candidates: features, candidatesOf, weights: config.weights, rules: config.rules, threshold: config.threshold });
  return scored.map((matches) => matches.map((match) => ({ ...match, designation: byId.get(match.designationId)! })));
}

/**
 * A name written in Latin script is retrieved by its spelling; one transliterated from another
 * script also by its phonetic skeleton, because transliteration loses what the spelling would
 * need (Arabic and Hebrew write few vowels). Skipping the phonetic arm for Latin names saves
 * the costliest lookup: skeletons are short and share common trigrams.
 */
function retrievalKeys(ord: number, name: string) {
  const { key, phonetic } = nameKeys(name);
  const useful = detectScript(name) !== 'Latin' && phonetic.replace(/ /g, '').length >= CANDIDATE_RETRIEVAL.minPhoneticLetters;
  return { ord, key, phonetic: useful ? phonetic : '' };
}

/** Candidate features from the released fields only: a withheld alias or birth date is never compared. */
function assembleCandidates(access: AccessDecision, details: readonly CandidateDetails[]) {
  const candidates = new Map<string, { row: DesignationRow; features: CandidateDesignation }>();
  for (const { row, screeningNames, identifierValues, birthDateBounds, addressCountries } of details) {
    const released = access.releasedFields('Designation', row);
    if (!released) continue;
    const has = (field: string) => released.has(field);
    const features: CandidateDesignation = {
      id: row.id,
      subjectType: has('subjectType') ? row.subjectType : null,
      names: screeningNames.filter((n) => (n.position === 0 ? has('primaryName') : has('aliases'))),
      identifiers: has('identifiers') ? identifierValues : [],
      birthDates: has('datesOfBirth') ? birthDateBounds : [],
      countries: [...(has('nationalities') ? row.nationalities : []), ...(has('addresses') ? addressCountries : [])],
    };
    candidates.set(row.id, { row, features });
  }
  return candidates;
}
