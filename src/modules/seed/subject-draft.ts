import type {
  AddressInput,
  AliasInput,
  DateOfBirthInput,
  IdentifierInput,
} from '../designations/designation.types.ts';
import type { Theme } from './listing-themes.ts';

/**
 * What a subject builder decides about one listed person, company, vessel, aircraft or item:
 * its names and particulars, and the theme that decides who lists it and why.
 */
export interface SubjectDraft {
  primaryName: string;
  theme: Theme;
  aliases: AliasInput[];
  identifiers: IdentifierInput[];
  addresses: AddressInput[];
  nationalities: string[];
  datesOfBirth: DateOfBirthInput[];
  placesOfBirth: string[];
  /** Particulars the lists print as free text ("Vessel Type Crude Oil Tanker"). */
  remarks: string[];
}

export const emptyDraft = (primaryName: string, theme: Theme): SubjectDraft => ({
  primaryName,
  theme,
  aliases: [],
  identifiers: [],
  addresses: [],
  nationalities: [],
  datesOfBirth: [],
  placesOfBirth: [],
  remarks: [],
});

export const aka = (name: string, strength: AliasInput['strength'] = 'STRONG'): AliasInput => ({
  name,
  kind: 'AKA',
  strength,
});
export const fka = (name: string): AliasInput => ({ name, kind: 'FKA', strength: 'STRONG' });

/** Latin letters without diacritics, as lists that only print ASCII spell a name. */
export function asciiFold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{Mark}+/gu, '')
    .replace(/ı/g, 'i');
}
