/**
 * Name normalisation for search: Unicode NFKC, case fold, diacritics dropped, punctuation
 * and runs of spaces reduced to one space. It keeps the script (Cyrillic stays Cyrillic):
 * transliteration belongs to screening, which scores across scripts.
 */
export function normalizeForSearch(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{Mark}+/gu, '')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{Letter}\p{Number}]+/gu, ' ')
    .trim();
}

const SCRIPTS = [
  'Latin',
  'Cyrillic',
  'Arabic',
  'Greek',
  'Hebrew',
  'Han',
  'Hiragana',
  'Katakana',
  'Hangul',
  'Thai',
  'Devanagari',
  'Georgian',
  'Armenian',
  'Khmer',
] as const;
const SCRIPT_PATTERNS = SCRIPTS.map((script) => [script, new RegExp(`\\p{Script=${script}}`, 'u')] as const);

/** The script most letters of a name are written in (`Latin`, `Cyrillic`, …), or `Other`. */
export function detectScript(name: string): string {
  const counts = new Map<string, number>();
  for (const char of name) {
    const found = SCRIPT_PATTERNS.find(([, pattern]) => pattern.test(char));
    if (found) counts.set(found[0], (counts.get(found[0]) ?? 0) + 1);
  }
  let best = 'Other';
  let bestCount = 0;
  for (const [script, count] of counts) {
    if (count > bestCount) [best, bestCount] = [script, count];
  }
  // Japanese mixes kana with kanji; call it Japanese rather than Han when kana are present.
  if (best === 'Han' && (counts.has('Hiragana') || counts.has('Katakana'))) return 'Japanese';
  if (best === 'Hiragana' || best === 'Katakana') return 'Japanese';
  return best;
}
