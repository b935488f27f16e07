/**
 * Screening the rows of a party file, in batches: through the hub's `screen` operation or
 * directly on the database as an agency. One bad row must not stop the others, so a batch the
 * hub refuses as bad input is screened again party by party, and the party at fault is
 * reported with the hub's reason.
 */
import type { Database } from '../../db/client.ts';
import { AppError } from '../../lib/errors.ts';
import { decideAccess } from '../../policy/decision.ts';
import type { Viewer } from '../../policy/viewer.ts';
import { AgencyService } from '../agencies/agency.service.ts';
import { AgreementService } from '../agreements/agreement.service.ts';
import type { PartyRow } from './party-file.ts';
import { ScreeningService } from './screening.service.ts';
import type { ReportedMatch, ReportedParty } from './screening-report.ts';

/** Parties per `screen` call: big enough to amortise a round trip, small enough for a lively progress bar. */
export const PARTIES_PER_BATCH = 100;

/** One party's answer from a batch, in the batch's order. */
export interface BatchAnswer {
  listVersion: string;
  matches: ReportedMatch[];
  suppressed: number;
}

/** Screens one batch; throws `BadPartyInput` when the screening refuses the input. */
export type ScreenBatch = (parties: readonly PartyRow['party'][]) => Promise<BatchAnswer[]>;

/** The screening refused a batch's input (GraphQL BAD_USER_INPUT): some party in it is at fault. */
export class BadPartyInput extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BadPartyInput';
  }
}

/**
 * Screens every row, `PARTIES_PER_BATCH` at a time, keeping `maxMatches` per party, and
 * yields each party's report in file order as its batch completes.
 */
export async function* screenRows(
  rows: readonly PartyRow[],
  screenBatch: ScreenBatch,
  options: { maxMatches: number; onProgress?: (done: number, total: number) => void; signal?: AbortSignal },
): AsyncGenerator<ReportedParty> {
  let done = 0;
  for (let start = 0; start < rows.length; start += PARTIES_PER_BATCH) {
    options.signal?.throwIfAborted();
    const batch = rows.slice(start, start + PARTIES_PER_BATCH);
    for (const report of await screenBatchOrEach(batch, screenBatch, options.maxMatches)) yield report;
    done += batch.length;
    options.onProgress?.(done, rows.length);
  }
}

async function screenBatchOrEach(batch: readonly PartyRow[], screenBatch: ScreenBatch, maxMatches: number): Promise<ReportedParty[]> {
  const report = (row: PartyRow, answer: BatchAnswer): ReportedParty => ({
    line: row.line,
    reference: row.reference,
    name: row.party.name,
    listVersion: answer.listVersion,
    matches: answer.matches.slice(0, maxMatches),
    suppressed: answer.suppressed,
  });
  try {
    const answers = await screenBatch(batch.map((row) => row.party));
    return batch.map((row, i) => report(row, answers[i]!));
  } catch (error) {
    if (!(error instanceof BadPartyInput) || batch.length === 1) {
      if (error instanceof BadPartyInput) {
        const row = batch[0]!;
        return [{ line: row.line, reference: row.reference, name: row.party.name, problems: [error.message.replace(/^input\[0\]\./, '')] }];
      }
      throw error;
    }
    const reports: ReportedParty[] = [];
    for (const row of batch) reports.push(...(await screenBatchOrEach([row], screenBatch, maxMatches)));
    return reports;
  }
}

/**
 * Screening as `agency` directly on the database, as its analysts would through the hub: the
 * designations it may see under the agreements in force, with only their released fields.
 */
export async function screenBatchesAs(db: Database, agency: string, threshold: number | null): Promise<ScreenBatch> {
  const agencies = new AgencyService(db);
  if ((await agencies.unknownIds([agency])).length > 0) throw new AppError('BAD_USER_INPUT', `--agency: the hub knows no agency "${agency}"`, { field: 'agency' });
  const agreements = await new AgreementService(db, agencies).inForce();
  const viewer: Viewer = { caller: { agencyId: agency, userId: 'interlock:screen-file', roles: ['analyst'] }, access: decideAccess(agency, agreements, new Date()) };
  const service = new ScreeningService(db, agencies);
  return async (parties) => {
    try {
      const outcomes = await service.screen(viewer, parties, threshold);
      return outcomes.map((outcome) => ({
        listVersion: outcome.listVersion,
        suppressed: outcome.suppressed.length,
        matches: outcome.matches.map((match) => ({
          designationId: match.designationId,
          primaryName: viewer.access.isFieldReleased('Designation', match.designation, 'primaryName') ? match.designation.primaryName : null,
          matchedName: match.matchedName,
          score: match.score,
          explanation: match.explanation,
        })),
      }));
    } catch (error) {
      if (error instanceof AppError && error.code === 'BAD_USER_INPUT') throw new BadPartyInput(error.message);
      throw error;
    }
  };
}
