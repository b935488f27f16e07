import type { DateOfBirthInput } from '../designations/designation.types.ts';
import { personalIdentifiers } from './identifier-formats.ts';
import type { Theme } from './listing-themes.ts';
import {
  arabicName,
  chineseName,
  europeanName,
  koreanName,
  persianName,
  russianName,
  spanishName,
  turkishName,
  type PersonName,
} from './personal-names.ts';
import { address, placeOfBirth } from './place-pools.ts';
import type { Random } from './random.ts';
import { emptyDraft, type SubjectDraft } from './subject-draft.ts';

type Weighted<T> = readonly (readonly [T, number])[];

interface NamingCulture {
  readonly nationalities: Weighted<string>;
  readonly themes: Weighted<Theme>;
  /** Where people of this culture on the lists often live instead (Dubai, Istanbul, …). */
  readonly abroad: readonly string[];
  readonly name: (r: Random, female: boolean, nationality: string) => PersonName & { country?: string };
  readonly femaleShare: number;
}

const CULTURES: Weighted<NamingCulture> = [
  [{ nationalities: [['RU', 1]], themes: [['RUSSIA', 85], ['CYBER', 10], ['HUMAN_RIGHTS', 5]], abroad: ['AE', 'CY', 'TR'], name: russianName, femaleShare: 0.2 }, 25],
  [{ nationalities: [['SY', 25], ['IQ', 20], ['LB', 15], ['YE', 10], ['JO', 8], ['EG', 8], ['SA', 6], ['AE', 4], ['KW', 4]], themes: [['TERRORISM', 55], ['SYRIA', 30], ['IRAN', 10], ['HUMAN_RIGHTS', 5]], abroad: ['AE', 'TR', 'LB'], name: arabicName, femaleShare: 0.08 }, 20],
  [{ nationalities: [['IR', 1]], themes: [['IRAN', 85], ['HUMAN_RIGHTS', 10], ['CYBER', 5]], abroad: ['AE', 'TR', 'CN'], name: persianName, femaleShare: 0.1 }, 14],
  [{ nationalities: [['CN', 85], ['HK', 15]], themes: [['PROLIFERATION', 35], ['RUSSIA', 25], ['IRAN', 20], ['DPRK', 10], ['NARCOTICS', 10]], abroad: ['HK', 'AE'], name: chineseName, femaleShare: 0.2 }, 12],
  [{ nationalities: [['KP', 1]], themes: [['DPRK', 85], ['CYBER', 15]], abroad: ['CN', 'RU'], name: koreanName, femaleShare: 0.1 }, 8],
  [{ nationalities: [['MX', 35], ['CO', 30], ['VE', 30], ['PA', 5]], themes: [['NARCOTICS', 55], ['VENEZUELA', 35], ['HUMAN_RIGHTS', 10]], abroad: ['PA', 'MX'], name: spanishName, femaleShare: 0.2 }, 12],
  [{ nationalities: [['TR', 1]], themes: [['IRAN', 40], ['RUSSIA', 35], ['TERRORISM', 25]], abroad: ['AE', 'DE'], name: turkishName, femaleShare: 0.1 }, 5],
  [{ nationalities: [['DE', 1]], themes: [['RUSSIA', 60], ['IRAN', 25], ['PROLIFERATION', 15]], abroad: ['CY', 'AE'], name: europeanName, femaleShare: 0.15 }, 4],
];

export function individual(r: Random): SubjectDraft {
  const culture = r.weighted(CULTURES);
  const female = r.chance(culture.femaleShare);
  const drawnNationality = r.weighted(culture.nationalities);
  const name = culture.name(r, female, drawnNationality);
  const nationality = name.country ?? drawnNationality;
  const draft = emptyDraft(name.primary, r.weighted(culture.themes));
  draft.aliases = name.aliases;
  draft.nationalities = [nationality];
  if (r.chance(0.08)) draft.nationalities.push(r.pick(culture.abroad.filter((c) => c !== nationality)));
  draft.datesOfBirth = datesOfBirth(r);
  if (r.chance(0.7)) draft.placesOfBirth = [placeOfBirth(r, nationality)];
  const exactBirthDate = draft.datesOfBirth[0]?.date ?? null;
  draft.identifiers = personalIdentifiers(r, nationality, exactBirthDate);
  if (r.chance(0.55)) {
    const residence = r.chance(0.15) ? r.pick(culture.abroad) : nationality;
    draft.addresses = [address(r, residence, r.chance(0.3))];
  }
  draft.remarks = [`Gender ${female ? 'Female' : 'Male'}`];
  return draft;
}

/**
 * Mostly exact dates, as lists give them, but also a year or month only, a "circa" year and
 * a range of years; one person in ten has a second, conflicting date.
 */
function datesOfBirth(r: Random): DateOfBirthInput[] {
  const year = r.int(1945, 2001);
  const first = dateOfBirth(r, year);
  return r.chance(0.1) ? [first, { date: exactDate(r, year + r.pick([-1, 1])), approximate: false }] : [first];
}

function dateOfBirth(r: Random, year: number): DateOfBirthInput {
  const form = r.weighted([['exact', 70], ['year', 12], ['circa', 8], ['month', 5], ['range', 5]] as const);
  switch (form) {
    case 'exact':
      return { date: exactDate(r, year), approximate: false };
    case 'year':
      return { date: String(year), approximate: false };
    case 'circa':
      return { date: String(year), approximate: true };
    case 'month':
      return { date: `${year}-${String(r.int(1, 12)).padStart(2, '0')}`, approximate: false };
    case 'range':
      return { date: String(year), rangeEnd: String(year + r.int(1, 3)), approximate: false };
  }
}

function exactDate(r: Random, year: number): string {
  // Day 28 at most keeps every month valid without a calendar.
  return `${year}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`;
}
