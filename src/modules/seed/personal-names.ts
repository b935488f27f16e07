import type { AliasInput } from '../designations/designation.types.ts';
import { ARABIC, CHINESE, EUROPEAN, KOREAN, PERSIAN, RUSSIAN, SPANISH, TURKISH } from './name-pools.ts';
import type { Random } from './random.ts';
import {
  arabicFamily,
  chineseGiven,
  chineseSurname,
  europeanSurname,
  GIVEN_NAME_TAIL,
  koreanGiven,
  koreanSurname,
  longTailPick,
  persianSurname,
  russianSurname,
  spanishSurname,
  turkishSurname,
} from './long-tail-names.ts';
import { aka, asciiFold, fka } from './subject-draft.ts';

export interface PersonName {
  /** As the lists print it: `SURNAME, Given Names`. */
  primary: string;
  aliases: AliasInput[];
}

const upper = (text: string) => text.toUpperCase();

/** `IVANOV, Sergei Petrovich` with `Иванов Сергей Петрович`; married women often carry a former name. */
export function russianName(r: Random, female: boolean): PersonName {
  const [surname, surnameCyr] = longTailPick(r, RUSSIAN.surnames, russianSurname);
  const [given, givenCyr, givenVariant] = female ? r.pick(RUSSIAN.femaleGiven) : r.pick(RUSSIAN.maleGiven);
  const father = r.pick(RUSSIAN.maleGiven);
  const patronymic = father[3] + (female ? 'na' : 'ich');
  const patronymicCyr = father[4] + (female ? 'на' : 'ич');
  const family = (latin: string) => (female ? `${latin}a` : latin);
  const aliases: AliasInput[] = [];
  if (r.chance(0.95)) aliases.push(aka(`${family(surnameCyr)} ${givenCyr} ${patronymicCyr}`));
  if (r.chance(0.4)) {
    // The French-style transliteration (-off, -eff) of older passports and company records.
    const variantSurname = female ? family(surname) : surname.replace(/ov$/, 'off').replace(/ev$/, 'eff');
    aliases.push(aka(`${givenVariant ?? given} ${patronymic} ${upper(variantSurname)}`));
  }
  if (female && r.chance(0.3)) aliases.push(fka(`${upper(family(longTailPick(r, RUSSIAN.surnames, russianSurname)[0]))}, ${given} ${patronymic}`));
  return { primary: `${upper(family(surname))}, ${given} ${patronymic}`, aliases };
}

/** `AL-ZAHRANI, Khalid Ahmad` with the Arabic spelling, a second romanisation and a kunya. */
export function arabicName(r: Random, female: boolean, nationality: string): PersonName {
  const [given, givenAr, givenVariant] = female ? r.pick(ARABIC.femaleGiven) : r.pick(ARABIC.maleGiven);
  const [father, fatherAr, fatherVariant] = r.pick(ARABIC.maleGiven);
  const [family, familyAr] = longTailPick(r, ARABIC.families, arabicFamily);
  const aliases: AliasInput[] = [];
  if (r.chance(0.9)) aliases.push(aka(`${givenAr} ${fatherAr} ${familyAr}`));
  if ((givenVariant || fatherVariant) && r.chance(0.5)) {
    aliases.push(aka(`${givenVariant ?? given} ${fatherVariant ?? father} ${upper(family)}`));
  }
  if (r.chance(0.45)) {
    // A kunya ("father of …") is too common to screen on alone: lists mark it as a weak alias.
    const nisba = ARABIC.nisbas[nationality];
    const kunya = `${female ? 'Umm' : 'Abu'} ${r.pick(ARABIC.maleGiven)[0]}`;
    aliases.push(aka(nisba && r.chance(0.5) ? `${kunya} ${nisba}` : kunya, 'WEAK'));
  }
  return { primary: `${upper(family)}, ${given} ${father}`, aliases };
}

/** `KARIMI, Hossein` with the Persian spelling. */
export function persianName(r: Random, female: boolean): PersonName {
  const [given, givenFa, givenVariant] = female ? r.pick(PERSIAN.femaleGiven) : r.pick(PERSIAN.maleGiven);
  const [surname, surnameFa] = longTailPick(r, PERSIAN.surnames, persianSurname);
  const aliases: AliasInput[] = [];
  if (r.chance(0.9)) aliases.push(aka(`${givenFa} ${surnameFa}`));
  if (givenVariant && r.chance(0.5)) aliases.push(aka(`${givenVariant} ${upper(surname)}`));
  if (!female && r.chance(0.1)) aliases.push(aka(`Haj ${given}`, 'WEAK'));
  return { primary: `${upper(surname)}, ${given}`, aliases };
}

/** `WANG, Jianguo` with `王建国`; business people often use an English given name too. */
export function chineseName(r: Random, female: boolean, nationality: string): PersonName {
  const [surname, surnameHan, cantonese] = longTailPick<readonly [string, string, string | null]>(r, CHINESE.surnames, (rank) => [...chineseSurname(rank), null]);
  const [given, givenHan] = longTailPick(r, female ? CHINESE.femaleGiven : CHINESE.maleGiven, chineseGiven, GIVEN_NAME_TAIL);
  const aliases: AliasInput[] = [];
  if (r.chance(0.92)) aliases.push(aka(`${surnameHan}${givenHan}`));
  if (r.chance(nationality === 'HK' ? 0.7 : 0.25)) {
    const english = r.pick(female ? CHINESE.englishFemale : CHINESE.englishMale);
    aliases.push(aka(`${english} ${upper(nationality === 'HK' ? (cantonese ?? surname) : surname)}`));
  }
  return { primary: `${upper(surname)}, ${given}`, aliases };
}

/** `KIM, Chol Su` with `김철수` and the South Korean spelling of the surname. */
export function koreanName(r: Random, female: boolean): PersonName {
  const [surname, surnameHangul, southern] = longTailPick<readonly [string, string, string | null]>(r, KOREAN.surnames, (rank) => [...koreanSurname(rank), null]);
  const [given, givenHangul] = longTailPick(r, female ? KOREAN.femaleGiven : KOREAN.maleGiven, koreanGiven, GIVEN_NAME_TAIL);
  const aliases: AliasInput[] = [];
  if (r.chance(0.9)) aliases.push(aka(`${surnameHangul}${givenHangul}`));
  if (r.chance(0.4)) {
    const hyphenated = given.replace(' ', '-').replace(/-(.)/, (_, c: string) => `-${c.toLowerCase()}`);
    aliases.push(aka(`${upper(southern ?? surname)}, ${hyphenated}`));
  }
  return { primary: `${upper(surname)}, ${given}`, aliases };
}

/** `GARCÍA LÓPEZ, Carlos` (both surnames), an ASCII spelling and sometimes a nickname. */
export function spanishName(r: Random, female: boolean): PersonName {
  const given = r.pick(female ? SPANISH.femaleGiven : SPANISH.maleGiven);
  const [first, second] = [longTailPick(r, SPANISH.surnames, spanishSurname), longTailPick(r, SPANISH.surnames, spanishSurname)];
  const aliases: AliasInput[] = [];
  if (r.chance(0.4)) aliases.push(aka(asciiFold(`${given} ${upper(first)}`)));
  if (r.chance(0.35)) aliases.push(aka(r.pick(female ? SPANISH.femaleNicknames : SPANISH.maleNicknames), 'WEAK'));
  return { primary: `${upper(first)} ${upper(second)}, ${given}`, aliases };
}

/** `ÇELİK, Mehmet` (Turkish capitals) and the ASCII spelling foreign records use. */
export function turkishName(r: Random, female: boolean): PersonName {
  const given = r.pick(female ? TURKISH.femaleGiven : TURKISH.maleGiven);
  const surname = longTailPick(r, TURKISH.surnames, turkishSurname).toLocaleUpperCase('tr');
  return { primary: `${surname}, ${given}`, aliases: asciiSpelling(r, given, surname, 0.5) };
}

/** A European facilitator; the surname decides the nationality. */
export function europeanName(r: Random, female: boolean): PersonName & { country: string } {
  const [surname, country] = longTailPick(r, EUROPEAN.surnames, europeanSurname);
  const given = r.pick(female ? EUROPEAN.femaleGiven : EUROPEAN.maleGiven);
  return { primary: `${upper(surname)}, ${given}`, aliases: asciiSpelling(r, given, upper(surname), 0.5), country };
}

/** `Mehmet CELIK` for `ÇELİK, Mehmet`, when the name has letters ASCII lacks. */
function asciiSpelling(r: Random, given: string, surname: string, probability: number): AliasInput[] {
  const folded = asciiFold(`${given} ${surname}`);
  return folded !== `${given} ${surname}` && r.chance(probability) ? [aka(folded)] : [];
}
