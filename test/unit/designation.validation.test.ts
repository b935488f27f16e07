import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/lib/errors.ts';
import type { CreateDesignationInput, UpdateDesignationInput } from '../../src/modules/designations/designation.types.ts';
import { applyUpdate, validateCreate } from '../../src/modules/designations/designation.validation.ts';

const input = (overrides: Partial<CreateDesignationInput> = {}): CreateDesignationInput =>
  ({
    subjectType: 'ENTITY',
    primaryName: ' Rosoboronexport  OAO ',
    status: 'ACTIVE',
    ownerId: 'us-ofac',
    marking: 'AMBER',
    ...overrides,
  }) as CreateDesignationInput;

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

describe('validateCreate', () => {
  it('trims names and derives normalised forms and scripts', () => {
    const content = validateCreate(input({ aliases: [{ name: ' Рособоронэкспорт ', kind: 'AKA', strength: 'STRONG' }] }));
    expect(content.primaryName).toBe('Rosoboronexport  OAO');
    expect(content.aliases[0]).toMatchObject({ name: 'Рособоронэкспорт', nameNormalized: 'рособоронэкспорт', script: 'Cyrillic' });
  });

  it('requires a sunset date for a provisional listing', () => {
    expect(problemsOf(() => validateCreate(input({ status: 'PROVISIONAL' })))).toEqual(['input.sunsetDate']);
    expect(validateCreate(input({ status: 'PROVISIONAL', sunsetDate: '2027-01-01' })).sunsetDate).toBe('2027-01-01');
  });

  it('orders dates: sunset after effectiveFrom, review not before it', () => {
    const fields = problemsOf(() =>
      validateCreate(input({ effectiveFrom: '2026-01-01', sunsetDate: '2025-12-31', reviewDueDate: '2025-01-01' })),
    );
    expect(fields).toEqual(['input.sunsetDate', 'input.reviewDueDate']);
  });

  it('refuses DELISTED as a status to create with', () => {
    expect(problemsOf(() => validateCreate(input({ status: 'DELISTED' })))).toEqual(['input.status']);
  });

  it('reports every bad nested field with its path', () => {
    const fields = problemsOf(() =>
      validateCreate(
        input({
          primaryName: '',
          aliases: [{ name: '...', kind: 'AKA', strength: 'STRONG' }],
          identifiers: [
            { type: 'IMO_NUMBER', value: '1234568' },
            { type: 'MMSI', value: '12' },
          ],
          addresses: [{}],
          datesOfBirth: [{ date: '1970', rangeEnd: '1960', approximate: false }],
          programs: ['SDGT', ' '],
        }),
      ),
    );
    expect(fields).toEqual([
      'input.primaryName',
      'input.programs[1]',
      'input.aliases[0].name',
      'input.identifiers[0].value',
      'input.identifiers[1].value',
      'input.addresses[0]',
      'input.datesOfBirth[0].rangeEnd',
    ]);
  });

  it('bounds a date-of-birth range by its ends', () => {
    const content = validateCreate(input({ datesOfBirth: [{ date: '1960', rangeEnd: '1962-06', approximate: false }] }));
    expect(content.birthDates[0]).toMatchObject({ earliest: '1960-01-01', latest: '1962-06-30' });
  });

  it('de-duplicates programs and nationalities', () => {
    const content = validateCreate(input({ programs: ['SDGT', 'SDGT ', 'IRAN'], nationalities: ['IR', 'IR'] }));
    expect(content.programs).toEqual(['SDGT', 'IRAN']);
    expect(content.nationalities).toEqual(['IR']);
  });
});

describe('applyUpdate', () => {
  const current = validateCreate(input({ legalBasis: 'EO 13382', programs: ['NPWMD'] }));
  const update = (overrides: Partial<UpdateDesignationInput>) =>
    ({ id: 'x', expectedVersion: 1, ...overrides }) as UpdateDesignationInput;

  it('keeps omitted fields and clears optional ones given as null', () => {
    const next = applyUpdate(current, update({ legalBasis: null }));
    expect(next.legalBasis).toBeNull();
    expect(next.programs).toEqual(['NPWMD']);
  });

  it('refuses to clear a required field', () => {
    expect(problemsOf(() => applyUpdate(current, update({ primaryName: null })))).toEqual(['input.primaryName']);
  });

  it('checks the listing rules on the result', () => {
    expect(problemsOf(() => applyUpdate(current, update({ status: 'PROVISIONAL' })))).toEqual(['input.sunsetDate']);
    expect(applyUpdate(current, update({ status: 'PROVISIONAL', sunsetDate: '2030-01-01' })).status).toBe('PROVISIONAL');
  });
});
