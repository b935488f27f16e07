import { countryCode } from './source-files.ts';

/** Country spellings of OFAC's that `countryCode` does not know. */
const OFAC_SPELLINGS: Readonly<Record<string, string>> = {
  // OFAC's nationality for Palestinians; ISO 3166 codes the territory as PS.
  palestinian: 'PS',
  'north macedonia, the republic of': 'MK',
  'macedonia, the former yugoslav republic of': 'MK',
};

const known = new Map<string, string | null>();

/**
 * ISO alpha-2 for a country as OFAC writes it, also `Region: Gaza` and `possibly Palestinian`.
 * Memoised: a list names the same few dozen countries thousands of times.
 */
export function ofacCountry(value: string | null | undefined): string | null {
  const text = value?.trim();
  if (!text) return null;
  let code = known.get(text);
  if (code === undefined) {
    const name = text.replace(/^(?:Region:|possibly)\s+/i, '');
    code = OFAC_SPELLINGS[name.toLowerCase()] ?? countryCode(name);
    known.set(text, code);
  }
  return code;
}
