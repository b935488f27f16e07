/**
 * Word lists for name screening, all written as they come out of transliteration (lower-case
 * ASCII, apostrophes removed), so one list serves every script: "Президент" arrives here as
 * "prezident", "رئيس" as "riys".
 */

/**
 * Legal-form words and phrases: they say what kind of company it is, not which one, and lists
 * spell them inconsistently ("OAO Gazprom" vs "Open Joint Stock Company Gazprom"). Dotted forms
 * (L.L.C., S.A.) arrive with their dots removed; "CO LTD" is covered by CO and LTD separately.
 */
export const LEGAL_FORMS: readonly string[] = [
  // English
  'llc', 'ltd', 'limited', 'co', 'company', 'inc', 'incorporated', 'corp', 'corporation', 'plc', 'llp', 'lp',
  'lllp', 'pte', 'pty', 'pvt', 'private limited', 'public limited company', 'limited partnership',
  'limited liability company', 'limited liability partnership', 'joint stock company',
  'open joint stock company', 'closed joint stock company', 'public joint stock company',
  // German, Dutch, Nordic
  'gmbh', 'gmb h', 'gesellschaft mit beschrankter haftung', 'ag', 'aktiengesellschaft', 'kg', 'kgaa', 'ohg',
  'mbh', 'ug', 'ev', 'bv', 'nv', 'as', 'asa', 'ab', 'oy', 'oyj', 'aps',
  // Romance languages
  'sa', 'sas', 'sarl', 'srl', 'spa', 'sl', 'sau', 'ltda', 'sa de cv', 'de cv', 'sapi de cv', 'societe anonyme',
  'sociedad anonima', 'societa per azioni', 'societatea cu raspundere limitata', 'societate pe actiuni',
  // Central and Eastern Europe
  'sp z oo', 'sro', 'doo', 'dd', 'ood', 'eood', 'ead', 'kft', 'zrt', 'nyrt', 'tov', 'pp',
  // Russian and Kazakh, abbreviated (OOO, ZAO, OAO, PAO, AO, TOO, ANO, FGUP) and written out
  'ooo', 'zao', 'oao', 'pao', 'ao', 'jsc', 'pjsc', 'cjsc', 'ojsc', 'too', 'ano', 'fgup', 'gup', 'nko',
  'obshchestvo s ogranichennoy otvetstvennostyu', 'obshchestvo s ogranichennoi otvetstvennostiu',
  'aktsionernoe obshchestvo', 'otkrytoe aktsionernoe obshchestvo', 'zakrytoe aktsionernoe obshchestvo',
  'publichnoe aktsionernoe obshchestvo', 'avtonomnaya nekommercheskaya organizatsiya',
  'federalnoe gosudarstvennoe unitarnoe predpriyatie', 'tovarystvo z obmezhenoyu vidpovidalnistyu',
  // Asia and the Gulf
  'bhd', 'sdn bhd', 'tbk', 'pt', 'kabushiki kaisha', 'kk', 'youxian gongsi', 'jusik hoesa', 'fze', 'fzco',
  'fzc', 'fzllc', 'wll', 'spc',
];

/**
 * What kind of company each specific legal form makes, as company law defines it: a stock
 * corporation (AG, S.A., N.V., JSC, PLC), a limited-liability company (GmbH, LLC, OOO, S.R.L.),
 * a partnership (L.P., KG), a non-profit (ANO, e.V.) or a state unitary enterprise (FGUP). The
 * same kind written in another language is the same form ("AG" / "S.A." for one Swiss company,
 * "OOO" / "LLC" for one Russian). English words that translate several kinds ("company",
 * "limited", "corporation", "inc") and forms of unclear kind are not here: they say nothing
 * against a specific form.
 */
export const LEGAL_FORM_KINDS: ReadonlyMap<string, string> = new Map([
  ...[
    'ag', 'aktiengesellschaft', 'sa', 'societe anonyme', 'sociedad anonima', 'spa', 'societa per azioni',
    'societate pe actiuni', 'nv', 'as', 'asa', 'ab', 'oy', 'oyj', 'sas', 'sa de cv', 'sapi de cv', 'plc',
    'public limited company', 'jsc', 'pjsc', 'cjsc', 'ojsc', 'ao', 'oao', 'zao', 'pao', 'joint stock company',
    'open joint stock company', 'closed joint stock company', 'public joint stock company', 'aktsionernoe obshchestvo',
    'otkrytoe aktsionernoe obshchestvo', 'zakrytoe aktsionernoe obshchestvo', 'publichnoe aktsionernoe obshchestvo',
    'ead', 'dd', 'zrt', 'nyrt', 'kabushiki kaisha', 'kk', 'jusik hoesa', 'tbk', 'sau',
  ].map((form) => [form, 'stock corporation'] as const),
  ...[
    'gmbh', 'gmb h', 'gesellschaft mit beschrankter haftung', 'mbh', 'ug', 'llc', 'limited liability company', 'sarl',
    'srl', 'sl', 'ltda', 'societatea cu raspundere limitata', 'sro', 'sp z oo', 'doo', 'ood', 'eood', 'kft', 'tov',
    'tovarystvo z obmezhenoyu vidpovidalnistyu', 'ooo', 'obshchestvo s ogranichennoy otvetstvennostyu',
    'obshchestvo s ogranichennoi otvetstvennostiu', 'too', 'bv', 'aps', 'sdn bhd', 'bhd', 'youxian gongsi', 'fzllc',
    'pte', 'pty', 'pvt', 'private limited',
  ].map((form) => [form, 'limited-liability company'] as const),
  ...['lp', 'llp', 'lllp', 'limited partnership', 'limited liability partnership', 'kg', 'ohg'].map(
    (form) => [form, 'partnership'] as const,
  ),
  ...['ano', 'avtonomnaya nekommercheskaya organizatsiya', 'nko', 'ev'].map((form) => [form, 'non-profit'] as const),
  ...['fgup', 'gup', 'federalnoe gosudarstvennoe unitarnoe predpriyatie'].map((form) => [form, 'state enterprise'] as const),
]);

/**
 * Titles, honorifics and ranks, in many languages: a screening query often carries one ("Президент
 * Путин", "Presidente Putin") and the list entry does not. Only words that are never a name by
 * themselves belong here: "Emir" and "Sultan" are also given names, so they are not listed.
 */
export const TITLES: readonly string[] = [
  // Courtesy titles
  'mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'professor', 'sir', 'dame', 'madam', 'madame', 'mme', 'mlle',
  'monsieur', 'herr', 'frau', 'senor', 'senora', 'senorita', 'sr', 'sra', 'srta', 'signor', 'signora',
  'gospodin', 'gospozha', 'honorable', 'honourable', 'his excellency', 'her excellency',
  'excellency', 'reverend',
  // Religious and tribal honorifics
  'sheikh', 'shaikh', 'sheik', 'shaykh', 'haji', 'hajji', 'hadji', 'alhaji', 'mullah', 'mulla', 'maulana',
  'maulvi', 'mawlawi', 'ayatollah', 'hojatoleslam',
  // Military ranks
  'general', 'colonel', 'col', 'major', 'captain', 'capt', 'lieutenant', 'commander', 'admiral',
  'brigadier', 'sergeant', 'marshal', 'field marshal',
  // Head of state and government (Greek Πρόεδρος is "proedros"; the lossy scripts' words are below).
  'president', 'presidente', 'presiden', 'prasident', 'praesident', 'prezident', 'prezydent', 'prezidents',
  'prezidentas', 'prezidenti', 'predsjednik', 'predsednik', 'presedintele', 'presedinte', 'presidentti',
  'presidenten', 'presidentin', 'elnok', 'cumhurbaskani', 'baskan', 'proedros', 'rais', 'raees', 'chu tich',
  'pangulo',
  'prime minister', 'premier', 'premierminister', 'minister', 'chancellor', 'kanzler', 'bundeskanzler',
  'crown prince',
];

/**
 * Titles as they come out of the scripts that romanise lossily (see `AnalyzedName.lossy`): Arabic
 * رئيس, الرئيس and Persian رئیس جمهور; Hebrew נשיא, הנשיא; Korean 대통령; Chinese 总统, 主席; Japanese
 * 大統領; Hindi राष्ट्रपति; Thai ประธานาธิบดี. A name written in such a script drops only these:
 * its romanised syllables often spell a Latin abbreviation ("sra" from اسرا, "ao" from 敖, "sa"),
 * and a Latin title or legal form cannot be written in Arabic letters or Han characters anyway.
 */
export const LOSSY_SCRIPT_TITLES: readonly string[] = [
  'rais', 'raees', 'riys', 'lriys', 'riys jmhwr', 'nsy', 'hnsy', 'dae tong lyeong', 'zong tong', 'zhu xi',
  'da tong ling', 'rastrpti', 'prathanathibdi',
];

/** Words that join the parts of a name and identify nothing ("Bank of China", "AT and T"). */
export const STOPWORDS: readonly string[] = ['the', 'and', 'of', 'und', 'et'];

/**
 * Particles inside personal names (Arabic nasab and article, Romance and Germanic nobiliary
 * particles). They are kept, since "bin" says who is whose son, but weigh little: lists add and
 * drop them freely ("Osama bin Laden" / "Usama ibn Laden"). Keys are variants, values the form
 * they are compared in.
 */
export const PARTICLES: ReadonlyMap<string, string> = new Map([
  ['al', 'al'], ['el', 'al'], ['ul', 'al'],
  ['bin', 'bin'], ['ibn', 'bin'], ['ben', 'bin'], ['bint', 'bint'], ['binti', 'bint'],
  ['abu', 'abu'], ['abou', 'abu'], ['bu', 'abu'],
  ['de', 'de'], ['da', 'da'], ['di', 'di'], ['del', 'del'], ['della', 'della'], ['dos', 'dos'], ['das', 'das'],
  ['du', 'du'], ['la', 'la'], ['le', 'le'], ['van', 'van'], ['von', 'von'], ['der', 'der'], ['den', 'den'],
  ['y', 'y'], ['na', 'na'],
]);

/**
 * Patronymic endings: Russian, Ukrainian and Belarusian -ovich/-ovna in their transliterations
 * (-owitsch, -owicz, -ovici, -ovitch, -ovics ...), Turkic -ogly/-uly/-kyzy, Icelandic -dottir.
 * Lists and queries often leave the patronymic out, so a missing one costs little.
 */
const PATRONYMIC_ENDING =
  /(?:[oe]vi(?:ch|c|tch|tj|tsj|tx|cs|ci|sch)|[oe]wi(?:tsch|tsj|cz)|[oe]vych|ovna|evna|ivna|yevna|ichna|avich|ogly|oglu|uly|kyzy|qizi|dottir)$/;

export function isPatronymic(token: string): boolean {
  return token.length >= 7 && PATRONYMIC_ENDING.test(token);
}

/**
 * The father's name inside a patronymic: "vladimirovich", "wladimirowitsj", "uladzimiravich" →
 * "vladimir", "wladimir", "uladzimir". The endings are spelt differently in every language, the
 * stem is the name, so two patronymics are compared by their stems.
 */
export function patronymicStem(token: string): string {
  const ending = PATRONYMIC_ENDING.exec(token);
  return ending ? token.slice(0, ending.index) : token;
}

/** Number words, so that "Brigade Forty-Four", "Brigade 44" and "1st" / "First" compare equal. */
export const NUMBER_WORDS: ReadonlyMap<string, number> = new Map([
  ['zero', 0], ['one', 1], ['two', 2], ['three', 3], ['four', 4], ['five', 5], ['six', 6], ['seven', 7],
  ['eight', 8], ['nine', 9], ['ten', 10], ['eleven', 11], ['twelve', 12], ['thirteen', 13], ['fourteen', 14],
  ['fifteen', 15], ['sixteen', 16], ['seventeen', 17], ['eighteen', 18], ['nineteen', 19],
  ['first', 1], ['second', 2], ['third', 3], ['fourth', 4], ['fifth', 5], ['sixth', 6], ['seventh', 7],
  ['eighth', 8], ['ninth', 9], ['tenth', 10],
]);

export const TENS_WORDS: ReadonlyMap<string, number> = new Map([
  ['twenty', 20], ['thirty', 30], ['forty', 40], ['fourty', 40], ['fifty', 50], ['sixty', 60],
  ['seventy', 70], ['eighty', 80], ['ninety', 90],
]);

/**
 * Roman numerals up to 20 of two letters or more ("Fund VIII", "Solutions II"): one letter is an
 * initial, and XI is left out because it is far more often the Chinese surname.
 */
export const ROMAN_NUMERAL = /^(?:ii|iii|iv|vi|vii|viii|ix|xii|xiii|xiv|xv|xvi|xvii|xviii|xix|xx)$/;

/**
 * Words naming a line of business, spelt many ways: lists and callers vary them as freely as
 * legal forms ("MAHAN AIR" is screened as "Mahan Airlines", "Mahan Air Lines"), so each sector's
 * words are written as one word. They are not dropped: "Gulf Star Shipping" is not "Gulf Star
 * Trading". A person's name keeps them as written.
 */
export const SECTOR_WORDS: ReadonlyMap<string, string> = new Map([
  ['air', 'air'], ['airlines', 'air'], ['airline', 'air'], ['air lines', 'air'], ['airways', 'air'], ['airway', 'air'],
  ['aviation', 'air'], ['shipping', 'shipping'], ['shipping lines', 'shipping'], ['shipping line', 'shipping'],
  ['trading', 'trading'], ['general trading', 'trading'], ['trade', 'trading'], ['import export', 'trading'],
  ['import and export', 'trading'],
]);

/** Words saying a company is part of something bigger, not which: dropped like legal forms. */
export const GROUP_WORDS: readonly string[] = ['group', 'holding', 'holdings', 'international', 'intl'];

/**
 * Words that make a name an organisation's (with the legal forms and sector words): a party name
 * without any of them, of two to four words, reads as a person's (see `nameShape`).
 */
export const ORGANISATION_WORDS: readonly string[] = [
  'bank', 'banka', 'banco', 'banque', 'agency', 'army', 'association', 'authority', 'battalion', 'board', 'brigade',
  'bureau', 'center', 'centre', 'committee', 'corps', 'council', 'department', 'directorate', 'factory', 'fleet',
  'force', 'forces', 'foundation', 'front', 'fund', 'institute', 'institution', 'laboratory', 'league',
  'ministry', 'movement', 'network', 'office', 'organisation', 'organization', 'party', 'plant', 'university',
  'services', 'service', 'solutions', 'systems', 'technologies', 'technology', 'works', 'energy', 'oil', 'gas',
  'petroleum', 'petrochemical', 'chemical', 'chemicals', 'engineering', 'electronics', 'investment',
  'investments', 'capital', 'finance', 'financial', 'insurance', 'exchange', 'marine', 'maritime', 'navigation',
  'tanker', 'tankers', 'transport', 'construction', 'development', 'manufacturing', 'mining',
  'management', 'consulting', 'partners', 'club', 'society', 'union', 'trust', 'ltd', 'llc', 'inc', 'co', 'corp',
  'company', 'limited', 'corporation', 'industries', 'enterprises', 'enterprise', 'logistics', 'lines',
];

/**
 * Name words so widespread among people that finding one says little about who someone is: the
 * commonest Arabic name elements and Chinese and Korean surnames, in their usual romanisations
 * and as Arabic script romanises (without vowels). A match must rest on more than these.
 */
export const COMMON_NAME_WORDS: ReadonlySet<string> = new Set([
  // Arabic name elements, Latin spellings and romanised Arabic script
  'muhammad', 'mohammad', 'mohammed', 'mohamed', 'muhammed', 'mohamad', 'mahmoud', 'mahmud', 'mhmd', 'mhmdy',
  'ahmad', 'ahmed', 'hmd', 'ali', 'aly', 'ly', 'hassan', 'hasan', 'hsn', 'hussein', 'husayn', 'hussain',
  'husain', 'hossein', 'hosseini', 'hsyn', 'abdul', 'abd', 'bd', 'abdel', 'ibrahim', 'brhym', 'omar', 'umar',
  'mr', 'khan', 'khn', 'said', 'saeed', 'reza', 'rza', 'mehdi', 'mahdi', 'mhdy', 'yusuf', 'youssef', 'ysf',
  // Chinese surnames
  'wang', 'li', 'zhang', 'liu', 'chen', 'yang', 'huang', 'zhao', 'wu', 'zhou', 'xu', 'sun', 'ma', 'zhu', 'hu',
  'guo', 'he', 'lin', 'luo', 'gao', 'zheng', 'liang', 'xie', 'tang', 'han', 'feng', 'dong', 'cheng', 'cao',
  // Korean surnames
  'kim', 'lee', 'yi', 'ri', 'rhee', 'park', 'pak', 'bak', 'choi', 'choe', 'jung', 'jong', 'chong', 'kang',
  'cho', 'jo', 'yoon', 'yun', 'jang', 'chang', 'lim', 'im', 'oh', 'song', 'shin', 'sin', 'kwon', 'hwang', 'ahn',
  'an', 'ko', 'go', 'jeon', 'jon', 'chon', 'hong', 'mun', 'moon', 'son', 'yoo', 'yu', 'ryu', 'young',
]);
