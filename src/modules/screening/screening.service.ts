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
import { rankMatches, scoreCandidate, type CandidateDesignation, type ScoredMatch, type ScreenedParty } from './match-scoring.ts';
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

/** A party's matches, the best MAX_MATCHES_PER_PARTY, and how many more were at or above the threshold. */
export interface PartyMatches {
  matches: DesignationMatch[];
  moreMatches: number;
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

export class ScreeningService {
  private readonly adjudications: AdjudicationRepository;
  constructor(
    private readonly db: Database,
    private readonly agencies: AgencyService,
    /** Connections a large batch may use at once: 1 for the embedded database. */
    private readonly parallelReads = 1,
    /** Shared with license submission, which records the same list versions. */
    private readonly listVersions: ListVersionCache = new ListVersionCache(),
  ) {
    this.adjudications = new AdjudicationRepository(db);
  }

  /**
   * Screens a batch of parties against the designations the caller may see. Reads in one
   * repeatable-read snapshot, so the list version reported is the one every party was
   * screened against; it reveals nothing about designations the caller cannot see.
   */
  async screen(
    viewer: Viewer,
    input: readonly PartySubmission[],
    threshold?: number | null,
    weights?: WeightOverrides | null,
  ): Promise<ScreeningOutcome[]> {
    const parties = validateParties(input);
    const config = screeningConfig(threshold, weights);
    return this.db.transaction(
      async (tx) => {
        const repository = new ScreeningRepository(tx);
        const listVersion = await screenedListVersion(repository, viewer.access, this.listVersions);
        const found = await this.findMatchesInParallel(tx, viewer.access, parties, config);
        const fingerprints = parties.map(partyFingerprint);
        const adjudications = await repository.activeAdjudications(viewer.access, fingerprints);
        return parties.map((party, index) => {
          const suppressing = (match: DesignationMatch) =>
            adjudications.filter((a) => a.partyFingerprint === fingerprints[index] && a.designationId === match.designationId);
          const { matches, moreMatches } = found[index]!;
          const outcome: ScreeningOutcome = { index, name: party.name, listVersion, threshold: config.threshold, matches: [], moreMatches, truncated: moreMatches > 0, suppressed: [] };
          for (const match of matches) {
            const by = suppressing(match);
            if (by.length > 0) outcome.suppressed.push({ match, adjudications: by });
            else outcome.matches.push(match);
          }
          return outcome;
        });
      },
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    );
  }

  /**
   * A large batch is split across several connections, each reading the snapshot the caller's
   * transaction exported, so every party is screened against the same list version while the
   * database works on the chunks side by side. With one connection (the embedded database),
   * the batch runs in the caller's transaction.
   */
  private async findMatchesInParallel(
    tx: Executor,
    access: AccessDecision,
    parties: readonly ScreenedParty[],
    config: ScreeningConfig,
  ): Promise<PartyMatches[]> {
    const chunks = Math.min(this.parallelReads, Math.ceil(parties.length / PARTIES_PER_PARALLEL_CHUNK));
    if (chunks <= 1) return screenParties(tx, access, parties, config);
    const [{ snapshot }] = (await queryRows<{ snapshot: string }>(tx, sql`SELECT pg_export_snapshot() AS snapshot`)) as [{ snapshot: string }];
    if (!/^[0-9A-F-]+$/i.test(snapshot)) throw new Error(`unexpected snapshot id ${snapshot}`);
    const size = Math.ceil(parties.length / chunks);
    const slices = Array.from({ length: chunks }, (_, i) => parties.slice(i * size, (i + 1) * size));
    const results = await Promise.all(
      slices.map((slice, i) =>
        i === 0
          ? screenParties(tx, access, slice, config)
          : this.db.transaction(
              async (chunkTx) => {
                await chunkTx.execute(sql.raw(`SET TRANSACTION SNAPSHOT '${snapshot}'`));
                return screenParties(chunkTx, access, slice, config);
              },
              { isolationLevel: 'repeatable read', accessMode: 'read only' },
            ),
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
): Promise<DesignationMatch[][]> {
  return (await screenParties(db, access, parties, config)).map((found) => found.matches);
}

/**
 * Every candidate retrieved for a party is scored and ranked before any is cut, so the best
 * matches are reported whatever else the caller may see; beyond MAX_MATCHES_PER_PARTY the rest
 * are counted, not dropped silently.
 */
export async function screenParties(
  db: Executor,
  access: AccessDecision,
  parties: readonly ScreenedParty[],
  config: ScreeningConfig,
): Promise<PartyMatches[]> {
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
  const details = await repository.candidateDetails([...candidateIds]);
  const candidates = assembleCandidates(access, details);

  const perParty: string[][] = parties.map(() => []);
  for (const { ord, designationId } of [...byName, ...byIdentifier]) perParty[ord]!.push(designationId);
  return parties.map((party, ord) => {
    const matches: DesignationMatch[] = [];
    for (const id of new Set(perParty[ord])) {
      const candidate = candidates.get(id);
      if (!candidate) continue;
      const scored = scoreCandidate(party, candidate.features, config.weights, config.rules);
      if (scored && scored.score >= config.threshold) matches.push({ ...scored, designation: candidate.row });
    }
    const ranked = rankMatches(matches);
    return { matches: ranked.slice(0, MAX_MATCHES_PER_PARTY), moreMatches: Math.max(0, ranked.length - MAX_MATCHES_PER_PARTY) };
  });
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
