/**
 * On the embedded database a screening batch reads in slices, each its own transaction. A
 * designation written between two slices must not leave the batch screened against two list
 * versions: the batch is screened again, so that the first parties find what the last would.
 * The write happens at a fixed point: inside the scorer of the first slice (the real scorer,
 * with a real write through the designation service before it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgencyService } from '../../src/modules/agencies/agency.service.ts';
import { DesignationService } from '../../src/modules/designations/designation.service.ts';
import type { CreateDesignationInput } from '../../src/modules/designations/designation.types.ts';
import { scoreOnThisThread, type MatchScorer } from '../../src/modules/screening/match-scoring.ts';
import { ScreeningService } from '../../src/modules/screening/screening.service.ts';
import { decideAccess } from '../../src/policy/decision.ts';
import type { Viewer } from '../../src/policy/viewer.ts';
import { givenAgencies } from '../support/builders.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

const viewer: Viewer = { caller: { agencyId: 'us-ofac', userId: 'slices', roles: ['analyst'] }, access: decideAccess('us-ofac', [], new Date()) };
const NEW_NAME = 'Zebulon Quartermaine Trading FZE';

describe('screening in slices on the embedded database', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
    await givenAgencies(database.handle.db);
  });
  afterAll(() => database?.dispose());

  it('screens the batch again when designations change between slices, so every party meets one list version', async () => {
    const db = database.handle.db;
    const agencies = new AgencyService(db);
    const designations = new DesignationService(db, agencies);
    let scored = 0;
    const writingAfterTheFirstSlice: MatchScorer = {
      async score(task) {
        if (scored++ === 0) {
          const input = { subjectType: 'ENTITY', primaryName: NEW_NAME, status: 'ACTIVE', marking: 'GREEN', aliases: [] } as unknown as CreateDesignationInput;
          await designations.create(viewer, input);
        }
        return scoreOnThisThread.score(task);
      },
    };
    // 1 ms slices: the first slice is the first four parties, the rest come after the write.
    const screening = new ScreeningService(db, agencies, { sliceMs: 1 }, undefined, writingAfterTheFirstSlice);
    const parties = [{ name: 'Zebulon Quartermaine Trading' }, ...Array.from({ length: 11 }, (_, i) => ({ name: `Quiet Harbour Shipping ${i}` })), { name: 'Zebulon Quartermaine Trading' }];
    const outcomes = await screening.screen(viewer, parties);

    expect(scored).toBeGreaterThan(4); // more slices than one pass would need: it started over
    expect(outcomes.map((o) => o.matches[0]?.designation.primaryName)).toEqual([NEW_NAME, ...Array(11).fill(undefined), NEW_NAME]);
    expect(new Set(outcomes.map((o) => o.listVersion)).size).toBe(1);
    const [again] = await new ScreeningService(db, agencies, { sliceMs: 1 }).screen(viewer, parties);
    expect(outcomes[0]!.listVersion).toBe(again!.listVersion);
  });
});
