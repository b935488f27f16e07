/**
 * Scoring on the hub's threads gives what scoring on this thread gives, and the screening
 * slices are sized by their pace. The pool's worker file is loaded as the hub loads it (its own
 * TypeScript loader), so this also proves it starts under vitest.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { scoreOnThisThread, scoreTask, type CandidateDesignation, type ScoringTask } from '../../src/modules/screening/match-scoring.ts';
import { ScoringPool } from '../../src/modules/screening/scoring-pool.ts';
import { DEFAULT_SCREENING_CONFIG } from '../../src/modules/screening/screening-config.ts';
import { nextSliceSize } from '../../src/modules/screening/screening.service.ts';

const candidates: CandidateDesignation[] = [
  { id: 'a', subjectType: 'INDIVIDUAL', names: [{ name: 'PUTIN, Vladimir Vladimirovich', strength: 'STRONG' }], identifiers: [], birthDates: [{ earliest: '1952-10-07', latest: '1952-10-07' }], countries: ['RU'] },
  { id: 'b', subjectType: 'ENTITY', names: [{ name: 'ROSOBORONEKSPORT OAO', strength: 'STRONG' }, { name: 'Rosoboron', strength: 'WEAK' }], identifiers: [{ type: 'OTHER', valueNormalized: '7704274402' }], birthDates: [], countries: ['RU'] },
  { id: 'c', subjectType: 'INDIVIDUAL', names: [{ name: 'KIM, Jong Un', strength: 'STRONG' }, { name: '김정은', strength: 'STRONG' }], identifiers: [], birthDates: [], countries: ['KP'] },
];
const task: ScoringTask = {
  parties: [
    { name: 'Владимир Путин', type: 'INDIVIDUAL', country: 'RU', dateOfBirth: '1952', identifiers: [] },
    { name: 'Rosoboronexport', type: null, country: null, dateOfBirth: null, identifiers: [{ type: null, value: '7704274402' }] },
    { name: 'Kim Jong-un', type: null, country: 'KP', dateOfBirth: null, identifiers: [] },
    { name: 'Olaf Scholz', type: 'INDIVIDUAL', country: 'DE', dateOfBirth: null, identifiers: [] },
  ],
  candidates,
  candidatesOf: [[0, 2], [1], [2, 0], [0, 1, 2]],
  weights: DEFAULT_SCREENING_CONFIG.weights,
  threshold: DEFAULT_SCREENING_CONFIG.threshold,
};

describe('scoring on the pool of threads', () => {
  const pool = new ScoringPool(2);
  afterAll(() => pool.close());

  it('gives the same ranked matches as scoring on this thread', async () => {
    const here = await scoreOnThisThread.score(task);
    expect(here.map((matches) => matches.map((m) => m.designationId))).toEqual([['a'], ['b'], ['c'], []]);
    expect(await pool.score(task)).toEqual(here);
    // Tasks asked at once are all answered, each with its own parties.
    const many = await Promise.all(Array.from({ length: 8 }, (_, i) => pool.score({ ...task, parties: task.parties.slice(i % 4, (i % 4) + 1), candidatesOf: task.candidatesOf.slice(i % 4, (i % 4) + 1) })));
    expect(many.map((r) => r[0]!.length)).toEqual([1, 1, 1, 0, 1, 1, 1, 0]);
    expect(pool.threads).toBe(2);
  });

  it('ranks by score and keeps only matches at the threshold or above', () => {
    const all = scoreTask({ ...task, threshold: 0 });
    for (const matches of all) expect(matches.map((m) => m.score)).toEqual([...matches.map((m) => m.score)].sort((x, y) => y - x));
    expect(scoreTask({ ...task, threshold: 1.01 }).flat()).toEqual([]);
  });

  it('refuses work once closed', async () => {
    const closing = new ScoringPool(1);
    await closing.close();
    await expect(closing.score(task)).rejects.toThrow();
  });
});

describe('screening slices on the embedded database', () => {
  it('fit the time target at the last pace, grow at most twofold, and never fall below one party', () => {
    expect(nextSliceSize(4, 4, 20)).toBe(8); // 1 ms a party: 20 would fit, but growth is bounded
    expect(nextSliceSize(16, 8, 20)).toBe(32);
    expect(nextSliceSize(40, 80, 20)).toBe(10); // 2 ms a party
    expect(nextSliceSize(2, 500, 20)).toBe(1);
    expect(nextSliceSize(200, 1, 20)).toBe(200); // capped
  });
});
