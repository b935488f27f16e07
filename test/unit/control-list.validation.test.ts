import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/lib/errors.ts';
import type {
  CreateControlListEntryInput,
  UpdateControlListEntryInput,
} from '../../src/modules/control-list/control-list.types.ts';
import { applyUpdate, parseSearch, validateCreate } from '../../src/modules/control-list/control-list.validation.ts';

const input = (overrides: Partial<CreateControlListEntryInput> = {}): CreateControlListEntryInput =>
  ({
    classificationCode: ' 3A001.b.4 ',
    title: ' Microwave transistors ',
    status: 'ACTIVE',
    provisional: false,
    marking: 'AMBER',
    ...overrides,
  }) as CreateControlListEntryInput;

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

describe('control-list validateCreate', () => {
  it('trims and upper-cases the classification code, trims the title', () => {
    const content = validateCreate(input());
    expect(content.classificationCode).toBe('3A001.B.4');
    expect(content.title).toBe('Microwave transistors');
  });

  it('refuses codes that are empty, too long or hold other characters', () => {
    expect(problemsOf(() => validateCreate(input({ classificationCode: '  ' })))).toEqual(['input.classificationCode']);
    expect(problemsOf(() => validateCreate(input({ classificationCode: '3A'.repeat(21) })))).toEqual([
      'input.classificationCode',
    ]);
    expect(problemsOf(() => validateCreate(input({ classificationCode: '3A001 b' })))).toEqual(['input.classificationCode']);
    expect(problemsOf(() => validateCreate(input({ classificationCode: '.3A001' })))).toEqual(['input.classificationCode']);
    expect(validateCreate(input({ classificationCode: 'ml22-a' })).classificationCode).toBe('ML22-A');
  });

  it('requires a sunset date for a provisional control', () => {
    expect(problemsOf(() => validateCreate(input({ provisional: true })))).toEqual(['input.sunsetDate']);
    expect(validateCreate(input({ provisional: true, sunsetDate: '2027-01-01' })).sunsetDate).toBe('2027-01-01');
  });

  it('refuses a review date after the sunset date, accepts one on it', () => {
    expect(problemsOf(() => validateCreate(input({ sunsetDate: '2027-01-01', reviewDate: '2027-01-02' })))).toEqual([
      'input.reviewDate',
    ]);
    expect(validateCreate(input({ sunsetDate: '2027-01-01', reviewDate: '2027-01-01' })).reviewDate).toBe('2027-01-01');
  });

  it('de-duplicates control reasons and bounds each to 16 characters', () => {
    expect(validateCreate(input({ controlReasons: ['NS', ' NS', 'MT'] })).controlReasons).toEqual(['NS', 'MT']);
    expect(problemsOf(() => validateCreate(input({ controlReasons: ['NS', '', 'X'.repeat(17)] })))).toEqual([
      'input.controlReasons[1]',
      'input.controlReasons[2]',
    ]);
  });

  it('reports every bad field with its path', () => {
    const fields = problemsOf(() =>
      validateCreate(input({ classificationCode: '', title: ' ', releasableTo: ['gb-ofsi', ''], provisional: true })),
    );
    expect(fields).toEqual(['input.classificationCode', 'input.title', 'input.releasableTo[1]', 'input.sunsetDate']);
  });

  it('turns a blank description into null', () => {
    expect(validateCreate(input({ description: '  ' })).description).toBeNull();
  });
});

describe('control-list applyUpdate', () => {
  const current = validateCreate(input({ description: 'Gallium nitride', controlReasons: ['NS'] }));
  const update = (overrides: Partial<UpdateControlListEntryInput>) =>
    ({ id: 'x', expectedVersion: 1, ...overrides }) as UpdateControlListEntryInput;

  it('keeps omitted fields and clears optional ones given as null', () => {
    const next = applyUpdate(current, update({ description: null }));
    expect(next.description).toBeNull();
    expect(next.controlReasons).toEqual(['NS']);
    expect(next.classificationCode).toBe('3A001.B.4');
  });

  it('refuses to clear a required field', () => {
    expect(problemsOf(() => applyUpdate(current, update({ classificationCode: null, provisional: null })))).toEqual([
      'input.classificationCode',
      'input.provisional',
    ]);
  });

  it('checks the control rules on the result', () => {
    const provisional = applyUpdate(current, update({ provisional: true, sunsetDate: '2027-06-30' }));
    expect(problemsOf(() => applyUpdate(provisional, update({ sunsetDate: null })))).toEqual(['input.sunsetDate']);
    expect(problemsOf(() => applyUpdate(provisional, update({ reviewDate: '2028-01-01' })))).toEqual(['input.reviewDate']);
  });
});

describe('control-list parseSearch', () => {
  it('reads a code-like text as a prefix and as title words', () => {
    expect(parseSearch(' 3a001.b ')).toEqual({ codePrefix: '3A001.B', titleWords: ['3a001', 'b'] });
  });

  it('searches only the title when the text cannot begin a code', () => {
    expect(parseSearch('Gallium  Nitride!')).toEqual({ codePrefix: null, titleWords: ['gallium', 'nitride'] });
  });

  it('finds nothing to search for in punctuation alone', () => {
    expect(parseSearch(' %_ ')).toBeNull();
  });
});
