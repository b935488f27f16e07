/**
 * Any script to Latin, the way sanctions lists romanise names. any-ascii does most of it; the
 * steps here fix what a letter-by-letter romanisation gets wrong for names.
 */
import anyAscii from 'any-ascii';

/**
 * The usual passport spelling of the commonest Korean surnames. Revised Romanization writes
 * 김, 이, 박 as Gim, I, Bak, but nearly every Korean on a list is Kim, Lee or Park.
 */
const KOREAN_SURNAMES: ReadonlyMap<string, string> = new Map([
  ['김', 'kim'], ['이', 'lee'], ['박', 'park'], ['최', 'choi'], ['정', 'jung'], ['강', 'kang'], ['조', 'cho'],
  ['윤', 'yoon'], ['장', 'jang'], ['임', 'lim'], ['한', 'han'], ['오', 'oh'], ['서', 'seo'], ['신', 'shin'],
  ['권', 'kwon'], ['황', 'hwang'], ['안', 'ahn'], ['송', 'song'], ['류', 'ryu'], ['유', 'yoo'], ['전', 'jeon'],
  ['홍', 'hong'], ['고', 'ko'], ['문', 'moon'], ['양', 'yang'], ['손', 'son'], ['배', 'bae'], ['백', 'baek'],
  ['허', 'heo'], ['남', 'nam'], ['심', 'shim'], ['노', 'noh'], ['하', 'ha'], ['곽', 'kwak'], ['성', 'sung'],
  ['차', 'cha'], ['주', 'joo'], ['우', 'woo'], ['구', 'koo'], ['민', 'min'], ['진', 'jin'], ['지', 'ji'],
  ['엄', 'eom'], ['채', 'chae'], ['원', 'won'], ['천', 'cheon'], ['방', 'bang'], ['공', 'kong'], ['현', 'hyun'],
  ['함', 'ham'], ['변', 'byun'], ['염', 'yeom'], ['여', 'yeo'], ['추', 'choo'], ['도', 'do'], ['석', 'seok'],
  ['선', 'sun'], ['설', 'seol'], ['마', 'ma'], ['길', 'gil'], ['연', 'yeon'], ['표', 'pyo'], ['명', 'myung'],
  ['기', 'ki'], ['반', 'ban'], ['왕', 'wang'], ['금', 'keum'], ['옥', 'ok'], ['육', 'yook'], ['인', 'in'],
  ['맹', 'maeng'], ['제', 'je'], ['모', 'mo'], ['탁', 'tak'], ['국', 'kook'], ['리', 'ri'], ['량', 'ryang'],
]);

/**
 * A full Korean name is three or four syllables, surname first, written as one word; a word of
 * two is as often a given name written apart from its surname ("수빈 이"), so it stays whole,
 * and a word of one is that surname.
 */
const KOREAN_NAME_SYLLABLES = { min: 3, max: 4 };

const HANGUL_WORD = /\p{Script=Hangul}+/gu;
const HAN_WORD = /\p{Script=Han}+/gu;

export function transliterate(name: string): string {
  const prepared = romaniseHan(romaniseHangul(greekDigraphs(cyrillicSyllables(name.normalize('NFKC')))));
  return anyAscii(prepared);
}

/**
 * A name written in Cyrillic as syllables ("Ко Тхэ Хун", "Ким Чен Ын") is a Korean (or Chinese)
 * name in the Russian system (Kontsevich), where тх, кх, пх, чх are the aspirated t, k, p, ch,
 * х is h and э is ae: "Ko Tae Hun", as lists write it. Read letter by letter it would be
 * "Ko Tkhe Khun". A Russian name has longer words ("Олег Хан" aside, which reads "han" too).
 */
const CYRILLIC_SYLLABLE_WORDS = /^(?:\p{Script=Cyrillic}{1,4}[\s-]+)+\p{Script=Cyrillic}{1,4}$/u;
const KONTSEVICH: readonly [RegExp, string][] = [
  [/тх/g, 't'], [/кх/g, 'k'], [/пх/g, 'p'], [/чх/g, 'ch'], [/х/g, 'h'], [/э/g, 'ae'], [/ы/g, 'eu'],
];

function cyrillicSyllables(text: string): string {
  if (!CYRILLIC_SYLLABLE_WORDS.test(text.trim())) return text;
  return KONTSEVICH.reduce((result, [letters, latin]) => result.replace(letters, latin), text.toLowerCase());
}

/**
 * Modern Greek writes b, d and g as μπ, ντ, γκ and u as ου; read letter by letter they give
 * "Mpampis", "Ntinos", "Poytin" where lists write "Babis", "Dinos", "Poutin" (ELOT 743).
 */
function greekDigraphs(text: string): string {
  if (!/\p{Script=Greek}/u.test(text)) return text;
  return text
    .replace(/[οό][υύ]/gu, 'ou')
    .replace(/[ΟΌ][υύΥ]/gu, 'Ou')
    .replace(/(?<!\p{L})[Μμ][Ππ]/gu, (pair) => (pair[0] === 'Μ' ? 'B' : 'b'))
    .replace(/(?<!\p{L})[Νν][Ττ]/gu, (pair) => (pair[0] === 'Ν' ? 'D' : 'd'))
    .replace(/(?<!\p{L})[Γγ][Κκ]/gu, (pair) => (pair[0] === 'Γ' ? 'G' : 'g'))
    .replace(/[μΜ][πΠ]/gu, 'mb')
    .replace(/[νΝ][τΤ]/gu, 'nd');
}

/**
 * A Korean name written as one word ("김정은") is surname + given name, and lists write it
 * that way: "Kim Jongun", "Kim Jong Un" (the similarity glues "jong un" back together). The
 * surname takes its conventional spelling.
 */
function romaniseHangul(text: string): string {
  return text.replace(HANGUL_WORD, (word) => {
    const syllables = [...word];
    // One syllable on its own is the surname written apart from the given name ("수빈 이").
    if (syllables.length === 1) return ` ${KOREAN_SURNAMES.get(word) ?? romaniseSyllables(syllables)} `;
    if (syllables.length < KOREAN_NAME_SYLLABLES.min || syllables.length > KOREAN_NAME_SYLLABLES.max) {
      return ` ${romaniseSyllables(syllables)} `;
    }
    const surname = KOREAN_SURNAMES.get(syllables[0]!) ?? romaniseSyllables(syllables.slice(0, 1));
    return ` ${surname} ${romaniseSyllables(syllables.slice(1))} `;
  });
}

/**
 * The same for Chinese: "习近平" → "xi jinping", as pinyin writes names (surname, given name).
 * Two characters stay one token ("李明" → "liming"); the similarity splits it against "Li Ming".
 */
function romaniseHan(text: string): string {
  return text.replace(HAN_WORD, (word) => {
    const characters = [...word];
    if (characters.length < 3 || characters.length > 4) return ` ${romaniseSyllables(characters)} `;
    return ` ${romaniseSyllables(characters.slice(0, 1))} ${romaniseSyllables(characters.slice(1))} `;
  });
}

function romaniseSyllables(syllables: string[]): string {
  return syllables.map((syllable) => anyAscii(syllable).toLowerCase()).join('');
}
