/**
 * Name words with the long tail of real lists. A published list repeats a full name about
 * 1.0–1.4 times per retrieval key and half of its distinct words occur once; drawing every word
 * from a few dozen common names instead repeats each full name several times at scale, which
 * makes retrieval look cheaper than it is. So each word is drawn by a Zipf law over ranks: the
 * first ranks are the culture's common names (the pools, most common first), the ranks past
 * them are words made from the culture's syllables, in Latin script and, where the lists carry
 * one, the native script, so that cross-script aliases still match their primary name.
 */
import type { Random } from './random.ts';

/** [Latin, native script] */
export type Written = readonly [latin: string, native: string];

/**
 * A rank in [0, size) with P(k) ∝ 1/(k+1)^exponent, drawn by inverting the continuous
 * approximation of the Zipf CDF (exact enough for demo data, and O(1)).
 */
export function zipfRank(r: Random, size: number, exponent: number): number {
  const u = r.next();
  const rank = exponent === 1 ? Math.pow(size + 1, u) - 1 : Math.pow(u * (Math.pow(size + 1, 1 - exponent) - 1) + 1, 1 / (1 - exponent)) - 1;
  return Math.min(size - 1, Math.floor(rank));
}

export interface LongTail {
  /** Ranks drawn from: the pool, then `size - pool.length` made-up words. */
  size: number;
  exponent: number;
}

/** Surnames, family and brand names: a head of common names and a tail as long as the real lists'. */
export const SURNAME_TAIL: LongTail = { size: 400_000, exponent: 1.0 };
/** Given names made of syllables (Han, Hangul): a shorter tail. */
export const GIVEN_NAME_TAIL: LongTail = { size: 20_000, exponent: 1.05 };

/** The pool item at a Zipf-drawn rank, or past the pool the made-up word of that rank. */
export function longTailPick<T>(r: Random, pool: readonly T[], tail: (rank: number) => T, law: LongTail = SURNAME_TAIL): T {
  const rank = zipfRank(r, law.size, law.exponent);
  return rank < pool.length ? pool[rank]! : tail(rank - pool.length);
}

/**
 * The digits of `rank` in the bases of `tables`, scrambled first so that neighbouring ranks
 * share no syllable: the made-up word of a rank is always the same.
 */
function syllablesOf<T>(rank: number, tables: readonly (readonly T[])[]): T[] {
  let n = scramble(rank);
  return tables.map((table) => {
    const item = table[n % table.length]!;
    n = Math.floor(n / table.length);
    return item;
  });
}

/** A bijection-ish mix of a rank into 31 bits (murmur3's finaliser). */
function scramble(rank: number): number {
  let h = (rank + 0x9e3779b9) | 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 1;
}

const capitalise = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);
const join = (parts: readonly Written[]): Written => [capitalise(parts.map((p) => p[0]).join('')), parts.map((p) => p[1]).join('')];

// Russian: consonant-vowel syllables in Latin and Cyrillic, and the endings of surnames.
const RU_CONSONANTS: readonly Written[] = [
  ['b', 'б'], ['v', 'в'], ['g', 'г'], ['d', 'д'], ['z', 'з'], ['k', 'к'], ['l', 'л'], ['m', 'м'], ['n', 'н'], ['p', 'п'],
  ['r', 'р'], ['s', 'с'], ['t', 'т'], ['f', 'ф'], ['kh', 'х'], ['ch', 'ч'], ['sh', 'ш'], ['zh', 'ж'], ['ts', 'ц'], ['gr', 'гр'],
  ['kr', 'кр'], ['st', 'ст'], ['sk', 'ск'], ['br', 'бр'],
];
const RU_VOWELS: readonly Written[] = [['a', 'а'], ['o', 'о'], ['e', 'е'], ['i', 'и'], ['u', 'у'], ['ya', 'я']];
const RU_SYLLABLES: readonly Written[] = RU_CONSONANTS.flatMap((c) => RU_VOWELS.map((v): Written => [c[0] + v[0], c[1] + v[1]]));
const RU_SURNAME_ENDINGS: readonly Written[] = [['nov', 'нов'], ['rov', 'ров'], ['lev', 'лев'], ['shin', 'шин'], ['tsky', 'цкий'], ['nko', 'нко'], ['vich', 'вич'], ['kin', 'кин'], ['tov', 'тов'], ['chev', 'чев']];

/** A Russian surname of the tail (male form, as the pools give it): `Dobrashin` with `Добрашин`. */
export const russianSurname = (rank: number): Written => join(syllablesOf(rank, [RU_SYLLABLES, RU_SYLLABLES, RU_SURNAME_ENDINGS]));
/** A company brand stem: `Grovetsky`-like words are surnames; brands are two syllables and an ending. */
export const russianBrandStem = (rank: number): Written => join(syllablesOf(rank, [RU_SYLLABLES, RU_SYLLABLES]));

// Arabic and Persian: root consonants in the patterns names take (CāCiC, CaCCūC…).
const AR_CONSONANTS: readonly Written[] = [
  ['b', 'ب'], ['t', 'ت'], ['j', 'ج'], ['h', 'ح'], ['kh', 'خ'], ['d', 'د'], ['r', 'ر'], ['z', 'ز'], ['s', 'س'], ['sh', 'ش'],
  ['f', 'ف'], ['q', 'ق'], ['k', 'ك'], ['l', 'ل'], ['m', 'م'], ['n', 'ن'], ['w', 'و'], ['gh', 'غ'], ['dh', 'ذ'], ['th', 'ث'],
];
type Pattern = (c: readonly [Written, Written, Written]) => Written;
const AR_PATTERNS: readonly Pattern[] = [
  ([a, b, c]) => [`${a[0]}a${b[0]}i${c[0]}`, `${a[1]}ا${b[1]}${c[1]}`],
  ([a, b, c]) => [`${a[0]}a${b[0]}${b[0]}a${c[0]}`, `${a[1]}${b[1]}ّا${c[1]}`],
  ([a, b, c]) => [`${a[0]}a${b[0]}${c[0]}ani`, `${a[1]}${b[1]}${c[1]}اني`],
  ([a, b, c]) => [`${a[0]}u${b[0]}a${c[0]}i`, `${a[1]}${b[1]}${c[1]}ي`],
  ([a, b, c]) => [`${a[0]}a${b[0]}u${c[0]}`, `${a[1]}${b[1]}و${c[1]}`],
];

/** An Arabic family name of the tail, sometimes with the article: `al-Qaridani` with `القرداني`. */
export function arabicFamily(rank: number): Written {
  const [pattern, c1, c2, c3, article] = syllablesOf<unknown>(rank, [AR_PATTERNS, AR_CONSONANTS, AR_CONSONANTS, AR_CONSONANTS, [false, true, true]]) as [
    Pattern,
    Written,
    Written,
    Written,
    boolean,
  ];
  const [latin, native] = pattern([c1, c2, c3]);
  return article ? [`al-${capitalise(latin)}`, `ال${native}`] : [capitalise(latin), native];
}

const FA_ENDINGS: readonly Written[] = [['i', 'ی'], ['zadeh', 'زاده'], ['pour', 'پور'], ['nia', 'نیا'], ['far', 'فر'], ['ian', 'یان']];

/** A Persian surname of the tail: `Sarkhanpour` with `سرخانپور`. */
export function persianSurname(rank: number): Written {
  const [pattern, c1, c2, c3, ending] = syllablesOf<unknown>(rank, [AR_PATTERNS, AR_CONSONANTS, AR_CONSONANTS, AR_CONSONANTS, FA_ENDINGS]) as [
    Pattern,
    Written,
    Written,
    Written,
    Written,
  ];
  const [latin, native] = pattern([c1, c2, c3]);
  return [capitalise(latin + ending[0]), native + ending[1]];
}

// Chinese: pinyin syllables with a character each.
const ZH_SYLLABLES: readonly Written[] = [
  ['an', '安'], ['bao', '宝'], ['bin', '斌'], ['bo', '波'], ['cai', '才'], ['chang', '昌'], ['cheng', '成'], ['chun', '春'],
  ['da', '大'], ['dong', '东'], ['en', '恩'], ['fa', '发'], ['fei', '飞'], ['feng', '峰'], ['fu', '福'], ['gang', '刚'],
  ['guang', '光'], ['gui', '贵'], ['hai', '海'], ['han', '汉'], ['hong', '宏'], ['hua', '华'], ['huan', '欢'], ['ji', '吉'],
  ['jia', '佳'], ['jian', '健'], ['jie', '杰'], ['jin', '金'], ['kai', '凯'], ['kang', '康'], ['kun', '坤'], ['lan', '兰'],
  ['li', '力'], ['liang', '亮'], ['lin', '琳'], ['long', '龙'], ['mei', '美'], ['min', '敏'], ['nan', '楠'], ['ning', '宁'],
  ['peng', '朋'], ['ping', '平'], ['qi', '琪'], ['qiang', '强'], ['qing', '庆'], ['rong', '荣'], ['rui', '瑞'], ['shan', '山'],
  ['sheng', '胜'], ['shu', '淑'], ['song', '松'], ['tian', '天'], ['ting', '婷'], ['wen', '文'], ['xiang', '祥'], ['xiao', '晓'],
  ['xin', '新'], ['xing', '兴'], ['xu', '旭'], ['xue', '雪'], ['yan', '岩'], ['yi', '毅'], ['yong', '勇'], ['yu', '宇'],
  ['yuan', '源'], ['yun', '云'], ['ze', '泽'], ['zhen', '振'], ['zhi', '智'], ['zhong', '忠'],
];
const ZH_SURNAMES: readonly Written[] = [
  ['Qian', '钱'], ['Shen', '沈'], ['Han', '韩'], ['Cao', '曹'], ['Deng', '邓'], ['Xiao', '肖'], ['Cheng', '程'], ['Cai', '蔡'],
  ['Pan', '潘'], ['Du', '杜'], ['Dai', '戴'], ['Xia', '夏'], ['Zhong', '钟'], ['Wang', '汪'], ['Tian', '田'], ['Ren', '任'],
  ['Jiang', '姜'], ['Fan', '范'], ['Fang', '方'], ['Shi', '石'], ['Yao', '姚'], ['Tan', '谭'], ['Liao', '廖'], ['Zou', '邹'],
  ['Xiong', '熊'], ['Jin', '金'], ['Lu', '陆'], ['Hao', '郝'], ['Kong', '孔'], ['Bai', '白'], ['Cui', '崔'], ['Kang', '康'],
  ['Mao', '毛'], ['Qiu', '邱'], ['Qin', '秦'], ['Jiang', '江'], ['Shi', '史'], ['Gu', '顾'], ['Hou', '侯'], ['Shao', '邵'],
  ['Meng', '孟'], ['Long', '龙'], ['Wan', '万'], ['Duan', '段'], ['Lei', '雷'], ['Qian', '乾'], ['Tang', '汤'], ['Yin', '尹'],
];

/** A Chinese given name of the tail, one or two syllables: `Haiting` with `海婷`. */
export function chineseGiven(rank: number): Written {
  const [first, second, length] = syllablesOf<unknown>(rank, [ZH_SYLLABLES, ZH_SYLLABLES, [1, 2, 2, 2]]) as [Written, Written, number];
  return join(length === 1 ? [first] : [first, second]);
}
/** A Chinese surname of the tail (rarer surnames; [pinyin, Han]). */
export const chineseSurname = (rank: number): Written => ZH_SURNAMES[scramble(rank) % ZH_SURNAMES.length]!;
/** A company brand of the tail: two syllables, `Ruixiang` with `瑞祥`. */
export const chineseBrand = (rank: number): Written => join(syllablesOf(rank, [ZH_SYLLABLES, ZH_SYLLABLES]));

// Korean (DPRK romanisation) syllables with Hangul.
const KO_SYLLABLES: readonly Written[] = [
  ['chol', '철'], ['su', '수'], ['myong', '명'], ['ho', '호'], ['song', '성'], ['il', '일'], ['kwang', '광'], ['yong', '영'],
  ['nam', '남'], ['hyok', '혁'], ['jong', '정'], ['hun', '훈'], ['chun', '춘'], ['sik', '식'], ['sok', '석'], ['chang', '창'],
  ['gil', '길'], ['hak', '학'], ['un', '은'], ['kyong', '경'], ['hui', '희'], ['ok', '옥'], ['suk', '숙'], ['ae', '애'],
  ['hye', '혜'], ['gyong', '경'], ['dok', '덕'], ['man', '만'], ['ryong', '룡'], ['bom', '봄'], ['jin', '진'], ['mun', '문'],
  ['hyon', '현'], ['sun', '순'], ['kum', '금'], ['ung', '웅'], ['pil', '필'], ['thae', '태'], ['ki', '기'], ['won', '원'],
];
const KO_SURNAMES: readonly Written[] = [
  ['Ho', '허'], ['Yang', '양'], ['Song', '송'], ['Hong', '홍'], ['Jon', '전'], ['Ko', '고'], ['Chae', '채'], ['Nam', '남'],
  ['Pyon', '변'], ['Ra', '라'], ['Tong', '동'], ['Sok', '석'], ['Ju', '주'], ['An', '안'], ['Wi', '위'], ['Ok', '옥'],
];

/** A Korean given name of the tail, two syllables as DPRK lists write them: `Hyok Ryong` with `혁룡`. */
export function koreanGiven(rank: number): Written {
  const [first, second] = syllablesOf(rank, [KO_SYLLABLES, KO_SYLLABLES]) as [Written, Written];
  return [`${capitalise(first[0])} ${second[0]}`, first[1] + second[1]];
}
export const koreanSurname = (rank: number): Written => KO_SURNAMES[scramble(rank) % KO_SURNAMES.length]!;

// Latin-script cultures: syllables and the endings that mark a surname's origin.
const LATIN_ONSETS = ['b', 'c', 'd', 'f', 'g', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'br', 'gr', 'tr', 'al', 'or', 'es', 'ar'];
const LATIN_VOWELS = ['a', 'e', 'i', 'o', 'u', 'ia', 'ue'];
const LATIN_SYLLABLES = LATIN_ONSETS.flatMap((c) => LATIN_VOWELS.map((v) => c + v));

function latinWord(rank: number, endings: readonly string[]): string {
  const [a, b, ending] = syllablesOf<string>(rank, [LATIN_SYLLABLES, LATIN_SYLLABLES, endings]);
  return capitalise(`${a}${b}${ending}`);
}

/** `Barolez`, `Tremiado`: Spanish surnames of the tail. */
export const spanishSurname = (rank: number) => latinWord(rank, ['rez', 'nez', 'lez', 'rro', 'dado', 'neda', 'rilla', 'zano', 'rales', 'ruiz']);
/** `Dereoğlu`, `Bakanca`: Turkish surnames of the tail. */
export const turkishSurname = (rank: number) => latinWord(rank, ['oğlu', 'can', 'soy', 'kaya', 'han', 'türk', 'taş', 'er']);
/** European surnames of the tail, with the country their ending suggests. */
const EUROPEAN_ENDINGS: readonly (readonly [string, string])[] = [
  ['mann', 'DE'], ['berger', 'AT'], ['ides', 'GR'], ['poulos', 'GR'], ['ová', 'CZ'], ['ski', 'PL'], ['ink', 'NL'], ['ström', 'SE'],
  ['elli', 'IT'], ['hardt', 'DE'], ['ou', 'CY'], ['stra', 'NL'],
];
export function europeanSurname(rank: number): readonly [string, string] {
  const [a, b, [ending, country]] = syllablesOf<unknown>(rank, [LATIN_SYLLABLES, LATIN_SYLLABLES, EUROPEAN_ENDINGS]) as [string, string, readonly [string, string]];
  return [capitalise(`${a}${b}${ending}`), country];
}
/** A Latin-script brand word: `Tralimo`, `Vessaro`. */
export const latinBrand = (rank: number) => latinWord(rank, ['o', 'a', 'ix', 'on', 'ia', 'um', 'ex', 'ar', 'is', 'el']);
