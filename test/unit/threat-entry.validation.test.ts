import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/lib/errors.ts';
import type { CreateThreatEntryInput, UpdateThreatEntryInput } from '../../src/modules/threat-library/threat-entry.types.ts';
import {
  applyUpdate,
  refuseUnknownControlListEntries,
  searchWords,
  validateCreate,
} from '../../src/modules/threat-library/threat-entry.validation.ts';

const ENTRY_A = '6f1c2f0e-8a57-4c1e-9a0b-2a51c6f0e001';
const ENTRY_B = '6f1c2f0e-8a57-4c1e-9a0b-2a51c6f0e002';

const input = (overrides: Partial<CreateThreatEntryInput> = {}): CreateThreatEntryInput =>
  ({
    kind: 'RED_FLAG',
    title: ' End user reluctant to state end use ',
    description: 'The customer will not say where the item will be installed.',
    status: 'ACTIVE',
    marking: 'AMBER',
    ...overrides,
  }) as CreateThreatEntryInput;

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

describe('threat-entry validateCreate', () => {
  it('trims the title and defaults the lists to empty', () => {
    const content = validateCreate(input());
    expect(content.title).toBe('End user reluctant to state end use');
    expect(content.indicators).toEqual([]);
    expect(content.controlListEntryIds).toEqual([]);
  });

  it('bounds the title to 300 and the description to 20,000 characters', () => {
    expect(problemsOf(() => validateCreate(input({ title: 'x'.repeat(301), description: 'y'.repeat(20_001) })))).toEqual([
      'input.title',
      'input.description',
    ]);
    expect(validateCreate(input({ title: 'x'.repeat(300) })).title).toHaveLength(300);
  });

  it('requires a description', () => {
    expect(problemsOf(() => validateCreate(input({ description: '   ' })))).toEqual(['input.description']);
  });

  it('trims indicators and refuses empty or overlong ones', () => {
    expect(validateCreate(input({ indicators: [' Cash payment ', 'Unusual routing'] })).indicators).toEqual([
      'Cash payment',
      'Unusual routing',
    ]);
    expect(problemsOf(() => validateCreate(input({ indicators: ['ok', ' ', 'z'.repeat(1_001)] })))).toEqual([
      'input.indicators[1]',
      'input.indicators[2]',
    ]);
  });

  it('allows at most 200 indicators', () => {
    const many = Array.from({ length: 201 }, (_, i) => `indicator ${i}`);
    expect(problemsOf(() => validateCreate(input({ indicators: many })))).toEqual(['input.indicators']);
  });

  it('removes duplicate control-list links, keeping the first order, whatever the case', () => {
    const content = validateCreate(input({ controlListEntryIds: [ENTRY_B, ENTRY_A, ENTRY_B.toUpperCase()] }));
    expect(content.controlListEntryIds).toEqual([ENTRY_B, ENTRY_A]);
  });

  it('names each link that is not an entry id', () => {
    expect(problemsOf(() => validateCreate(input({ controlListEntryIds: [ENTRY_A, '3A001', ''] })))).toEqual([
      'input.controlListEntryIds[1]',
      'input.controlListEntryIds[2]',
    ]);
  });
});

describe('threat-entry applyUpdate', () => {
  const current = validateCreate(input({ indicators: ['Cash payment'], controlListEntryIds: [ENTRY_A] }));
  const update = (overrides: Partial<UpdateThreatEntryInput>) =>
    ({ id: 'x', expectedVersion: 1, ...overrides }) as UpdateThreatEntryInput;

  it('keeps omitted fields and clears optional ones given as null', () => {
    const next = applyUpdate(current, update({ indicators: null }));
    expect(next.indicators).toEqual([]);
    expect(next.controlListEntryIds).toEqual([ENTRY_A]);
  });

  it('replaces the links when given', () => {
    expect(applyUpdate(current, update({ controlListEntryIds: [ENTRY_B] })).controlListEntryIds).toEqual([ENTRY_B]);
    expect(applyUpdate(current, update({ controlListEntryIds: null })).controlListEntryIds).toEqual([]);
  });

  it('refuses to clear a required field', () => {
    expect(problemsOf(() => applyUpdate(current, update({ kind: null, description: null })))).toEqual([
      'input.kind',
      'input.description',
    ]);
  });
});

describe('refuseUnknownControlListEntries', () => {
  it('names every position, as sent, of an unknown entry', () => {
    const given = [ENTRY_A, ENTRY_B.toUpperCase(), ENTRY_B];
    expect(problemsOf(() => refuseUnknownControlListEntries(given, new Set([ENTRY_B])))).toEqual([
      'input.controlListEntryIds[1]',
      'input.controlListEntryIds[2]',
    ]);
  });

  it('passes when every entry is known', () => {
    expect(() => refuseUnknownControlListEntries([ENTRY_A], new Set())).not.toThrow();
  });
});

describe('threat-entry searchWords', () => {
  it('splits normalised words, and finds none in punctuation', () => {
    expect(searchWords('Trans-shipment via  Dubaï')).toEqual(['trans', 'shipment', 'via', 'dubai']);
    expect(searchWords(' -- ')).toBeNull();
  });
});
