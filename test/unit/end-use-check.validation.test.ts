import { describe, expect, it } from 'vitest';
import type { RecordEndUseOutcomeInput, RequestEndUseCheckInput } from '../../src/modules/end-use-checks/end-use-check.types.ts';
import {
  isAdverse,
  latestDateAnywhere,
  statusOf,
  validateOutcome,
  validateRequest,
} from '../../src/modules/end-use-checks/end-use-check.validation.ts';
import { AppError } from '../../src/lib/errors.ts';

const APPLICATION_ID = '0b6f7c2e-8a4d-4f3b-9c1e-2d5a6b7c8d9e';
const NOW = new Date('2026-03-10T12:00:00Z');

const request = (overrides: Partial<RequestEndUseCheckInput> = {}): RequestEndUseCheckInput =>
  ({
    applicationId: APPLICATION_ID,
    partyPosition: 0,
    kind: 'PRE_LICENSE_CHECK',
    performingAgencyId: 'jp-meti',
    marking: 'AMBER',
    ...overrides,
  }) as RequestEndUseCheckInput;

const outcome = (overrides: Partial<RecordEndUseOutcomeInput> = {}): RecordEndUseOutcomeInput =>
  ({ id: APPLICATION_ID, expectedVersion: 1, outcome: 'FAVORABLE', outcomeDate: '2026-03-09', ...overrides }) as RecordEndUseOutcomeInput;

const problemsOf = (run: () => unknown): string[] => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('BAD_USER_INPUT');
    return String((error as AppError).details.fields).split(',');
  }
  throw new Error('expected BAD_USER_INPUT');
};

describe('end-use check validateRequest', () => {
  it('accepts a request, trimming the agency and instructions and lower-casing the application id', () => {
    const valid = validateRequest(
      request({ applicationId: ` ${APPLICATION_ID.toUpperCase()} `, performingAgencyId: ' jp-meti ', instructions: '  Visit the site  ' }),
      'de-bafa',
    );
    expect(valid).toMatchObject({
      applicationId: APPLICATION_ID,
      performingAgencyId: 'jp-meti',
      instructions: 'Visit the site',
      releasableTo: null,
      marking: 'AMBER',
    });
  });

  it('turns blank instructions into none', () => {
    expect(validateRequest(request({ instructions: '   ' }), 'de-bafa').instructions).toBeNull();
  });

  it('refuses an application id that is not a UUID', () => {
    expect(problemsOf(() => validateRequest(request({ applicationId: 'LIC-1' }), 'de-bafa'))).toEqual(['input.applicationId']);
  });

  it('refuses a negative, fractional or huge party position', () => {
    for (const partyPosition of [-1, 1.5, 1_000_000]) {
      expect(problemsOf(() => validateRequest(request({ partyPosition }), 'de-bafa'))).toEqual(['input.partyPosition']);
    }
  });

  it('refuses asking your own agency or no agency', () => {
    expect(problemsOf(() => validateRequest(request({ performingAgencyId: 'de-bafa' }), 'de-bafa'))).toEqual(['input.performingAgencyId']);
    expect(problemsOf(() => validateRequest(request({ performingAgencyId: ' ' }), 'de-bafa'))).toEqual(['input.performingAgencyId']);
  });

  it('refuses instructions that are too long and blank releasability entries, naming every field at once', () => {
    expect(problemsOf(() => validateRequest(request({ instructions: 'x'.repeat(10_001), releasableTo: [' '], partyPosition: -1 }), 'de-bafa'))).toEqual([
      'input.partyPosition',
      'input.instructions',
      'input.releasableTo[0]',
    ]);
  });
});

describe('end-use check validateOutcome', () => {
  it('accepts a favourable outcome without findings', () => {
    expect(validateOutcome(outcome(), NOW)).toEqual({ outcome: 'FAVORABLE', outcomeDate: '2026-03-09', findings: null });
  });

  it('requires findings for UNFAVORABLE and UNVERIFIABLE outcomes', () => {
    for (const adverse of ['UNFAVORABLE', 'UNVERIFIABLE'] as const) {
      expect(problemsOf(() => validateOutcome(outcome({ outcome: adverse }), NOW))).toEqual(['input.findings']);
      expect(problemsOf(() => validateOutcome(outcome({ outcome: adverse, findings: '  ' }), NOW))).toEqual(['input.findings']);
      expect(validateOutcome(outcome({ outcome: adverse, findings: ' No such company at the address. ' }), NOW).findings).toBe(
        'No such company at the address.',
      );
    }
  });

  it('refuses findings that are too long', () => {
    expect(problemsOf(() => validateOutcome(outcome({ findings: 'x'.repeat(20_001) }), NOW))).toEqual(['input.findings']);
  });

  it('refuses an outcome date in the future, allowing for the time zone furthest ahead', () => {
    expect(validateOutcome(outcome({ outcomeDate: '2026-03-11' }), NOW).outcomeDate).toBe('2026-03-11');
    expect(problemsOf(() => validateOutcome(outcome({ outcomeDate: '2026-03-12' }), NOW))).toEqual(['input.outcomeDate']);
    expect(problemsOf(() => validateOutcome(outcome({ outcomeDate: '2027-01-01', outcome: 'UNFAVORABLE' }), NOW))).toEqual([
      'input.outcomeDate',
      'input.findings',
    ]);
  });

  it('takes the latest calendar date on Earth as today', () => {
    expect(latestDateAnywhere(new Date('2026-03-10T09:59:59Z'))).toBe('2026-03-10');
    expect(latestDateAnywhere(new Date('2026-03-10T10:00:00Z'))).toBe('2026-03-11');
  });
});

describe('end-use check status and outcomes', () => {
  it('is REQUESTED until an outcome is recorded, COMPLETED after', () => {
    expect(statusOf({ outcome: null })).toBe('REQUESTED');
    expect(statusOf({ outcome: 'FAVORABLE' })).toBe('COMPLETED');
    expect(statusOf({ outcome: 'UNVERIFIABLE' })).toBe('COMPLETED');
  });

  it('counts UNFAVORABLE and UNVERIFIABLE as adverse, FAVORABLE not', () => {
    expect(isAdverse('UNFAVORABLE')).toBe(true);
    expect(isAdverse('UNVERIFIABLE')).toBe(true);
    expect(isAdverse('FAVORABLE')).toBe(false);
  });
});
