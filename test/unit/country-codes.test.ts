import { describe, expect, it } from 'vitest';
import { countryCode } from '../../src/modules/imports/formats/source-files.ts';

describe('countryCode', () => {
  it.each([
    ['IR', 'IR'],
    ['IRN', 'IR'],
    ['Iran', 'IR'],
    ['Iran (Islamic Republic of)', 'IR'],
    ['Russian Federation', 'RU'],
    ['Korea, North', 'KP'],
    ['DPRK', 'KP'],
    // Dropping the parenthesis would name the other Congo.
    ['Congo (Democratic Republic)', 'CD'],
    ['Congo, Republic of the', 'CG'],
    ['Region: Gaza', 'PS'],
    ['possibly Iran', 'IR'],
    ['China, Hong Kong Special Administrative Region', 'HK'],
  ])('%s is %s', (name, code) => expect(countryCode(name)).toBe(code));

  it('names nothing for what is not a country', () => {
    for (const name of ['', '  ', 'former Soviet Union', 'Atlantis']) expect(countryCode(name)).toBeNull();
  });
});
