/**
 * Name normalisation for screening. Unlike `normalizeForSearch` (src/lib/names.ts), it
 * transliterates every script to Latin, because screening compares a name against list
 * entries written in any script.
 */
import anyAscii from 'any-ascii';

export interface NormalizedName {
  /** Lower-case ASCII tokens joined by one space, in the order they were written. */
  text: string;
  /** The same tokens. Comparison ignores their order; `text` keeps it for display. */
  tokens: string[];
}

/**
 * Legal-form words and phrases, dropped wherever they appear as whole tokens: they say what
 * kind of company it is, not which one, and lists spell them inconsistently ("OAO Gazprom" vs
 * "Open Joint Stock Company Gazprom"). Dotted forms (L.L.C., S.A.) reach this list with their
 * dots removed; "CO LTD" is covered by CO and LTD separately.
 */
const LEGAL_FORM_PHRASES: readonly string[] = [
  // English
  'llc', 'ltd', 'limited', 'co', 'company', 'inc', 'incorporated', 'corp', 'corporation', 'plc', 'llp',
  'limited liability company', 'joint stock company', 'open joint stock company',
  'closed joint stock company', 'public joint stock company',
  // German, Dutch
  'gmbh', 'ag', 'aktiengesellschaft', 'kg', 'bv', 'nv',
  // Romance languages
  'sa', 'srl', 'sarl', 'spa',
  // Russian and Kazakh (OOO, ZAO, OAO, PAO, AO; TOO), in Latin transliteration and in English
  'ooo', 'zao', 'oao', 'pao', 'ao', 'jsc', 'pjsc', 'cjsc', 'too',
  // United Arab Emirates free zones
  'fze', 'fzco',
];

/**
 * Honorifics and ranks that lists attach to some entries of a person and not to others
 * ("Shaikh Isa Bin Tarif Al Bin Ali" vs "Isa Bin Tarif Al Bin Ali"). Kept short on purpose:
 * every word here is one a real name can never be recognised by.
 */
const HONORIFICS: readonly string[] = [
  'mr', 'mrs', 'ms', 'miss', 'dr', 'prof', 'sir',
  'sheikh', 'shaikh', 'sheik', 'haji', 'hajji', 'mullah',
  'general', 'colonel', 'major', 'captain',
];

const DROPPED_PHRASES: readonly (readonly string[])[] = [...LEGAL_FORM_PHRASES, ...HONORIFICS]
  .map((phrase) => phrase.split(' '))
  // Longest first, so "open joint stock company" goes before "company" can take its last word.
  .sort((a, b) => b.length - a.length);

export function normalizeName(name: string): NormalizedName {
  const tokens = tokenize(name);
  const kept = dropPhrases(tokens);
  // A name that is nothing but a legal form or a title ("General Company") keeps its words.
  const result = kept.length > 0 ? kept : tokens;
  return { text: result.join(' '), tokens: result };
}

function tokenize(name: string): string[] {
  const latin = anyAscii(splitCamelCase(name.normalize('NFKC')));
  return (
    splitCamelCase(latin)
      .toLowerCase()
      // Apostrophes (and the ` and ' any-ascii writes for Arabic ayn and hamza) sit inside a
      // word: "Mu'tassim" is one token, "Bank's" becomes "banks".
      .replace(/['`’‘]/g, '')
      // Dots and slashes between single letters are abbreviations: L.L.C. → llc, A/S → as.
      .replace(/(?<=\b[a-z])[./](?=[a-z]\b)/g, '')
      .split(/[^a-z0-9]+/)
      .filter((token) => token.length > 0)
  );
}

/**
 * "AbdulRahman" → "Abdul Rahman", "SiemensAG" → "Siemens AG". any-ascii writes Chinese and
 * Korean syllables glued and capitalised ("XiJinPing", "GimJeongEun"), so this also splits
 * them into syllables; the concatenation comparison in name-similarity rejoins them.
 */
function splitCamelCase(text: string): string {
  return text.replace(/(?<=\p{Ll})(?=\p{Lu})/gu, ' ');
}

function dropPhrases(tokens: string[]): string[] {
  const kept: string[] = [];
  let index = 0;
  while (index < tokens.length) {
    const phrase = DROPPED_PHRASES.find((words) => words.every((word, offset) => tokens[index + offset] === word));
    if (phrase) {
      index += phrase.length;
    } else {
      kept.push(tokens[index]!);
      index += 1;
    }
  }
  return kept;
}
