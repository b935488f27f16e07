import { describe, expect, it } from 'vitest';
import { isValidImoNumber, isValidMmsi, normalizeIdentifier } from '../../src/lib/identifiers.ts';
import { detectScript, normalizeForSearch } from '../../src/lib/names.ts';
import { partialDateBounds } from '../../src/lib/partial-dates.ts';

describe('normalizeForSearch', () => {
  it('folds case, drops diacritics and punctuation, keeps the script', () => {
    expect(normalizeForSearch('  MÜLLER-Lüdenscheidt,  José ')).toBe('muller ludenscheidt jose');
    // Marks go in every script (й → и, ё → е), as in most Russian search; queries fold the same way.
    expect(normalizeForSearch('Иванов Сергей Ёлкин')).toBe('иванов сергеи елкин');
    expect(normalizeForSearch('ＡＢＣ Ｃｏ．')).toBe('abc co');
    expect(normalizeForSearch('al-’Asiri')).toBe('al asiri');
  });
});

describe('detectScript', () => {
  it.each([
    ['IVANOV, Sergei', 'Latin'],
    ['Иванов Сергей', 'Cyrillic'],
    ['عبد الله', 'Arabic'],
    ['金正恩', 'Han'],
    ['김정은', 'Hangul'],
    ['プーチン', 'Japanese'],
    ['Πούτιν', 'Greek'],
    ['123', 'Other'],
  ])('%s is %s', (name, script) => expect(detectScript(name)).toBe(script));
});

describe('identifiers', () => {
  it('normalises to upper-case letters and digits', () => {
    expect(normalizeIdentifier(' ab-123 45/c ')).toBe('AB12345C');
  });
  it('checks the IMO check digit', () => {
    expect(isValidImoNumber('9074729')).toBe(true);
    expect(isValidImoNumber('IMO 9074729')).toBe(true);
    expect(isValidImoNumber('9074728')).toBe(false);
    expect(isValidImoNumber('907472')).toBe(false);
  });
  it('checks MMSI length', () => {
    expect(isValidMmsi('273 456 789')).toBe(true);
    expect(isValidMmsi('27345678')).toBe(false);
  });
});

describe('partialDateBounds', () => {
  it('bounds year, month and day precision', () => {
    expect(partialDateBounds('1972')).toEqual({ earliest: '1972-01-01', latest: '1972-12-31' });
    expect(partialDateBounds('1972-02')).toEqual({ earliest: '1972-02-01', latest: '1972-02-29' });
    expect(partialDateBounds('1973-02')).toEqual({ earliest: '1973-02-01', latest: '1973-02-28' });
    expect(partialDateBounds('1972-05-03')).toEqual({ earliest: '1972-05-03', latest: '1972-05-03' });
  });
  it('rejects impossible dates and other forms', () => {
    for (const bad of ['1972-02-30', '1972-13', '72', '03/05/1972', '1972-5-3', '']) {
      expect(partialDateBounds(bad)).toBeNull();
    }
  });
});
