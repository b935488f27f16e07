import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import countries from 'i18n-iso-countries';
import english from 'i18n-iso-countries/langs/en.json' with { type: 'json' };

countries.registerLocale(english);

/** A published file as a byte stream; `.gz` files are decompressed on the fly. */
export function openSourceFile(file: string): Readable {
  const raw = createReadStream(file);
  if (!file.endsWith('.gz')) return raw;
  const gunzip = createGunzip();
  // pipe() does not forward errors: a missing or unreadable file must fail the reader, not the process.
  raw.on('error', (error) => gunzip.destroy(error));
  return raw.pipe(gunzip);
}

/**
 * ISO 3166-1 alpha-2 for a country as lists write it: a code (`IR`, `IRN`) or an English name
 * (`Iran`, `Iran (Islamic Republic of)`, `Russian Federation`). Null when it names no country.
 */
export function countryCode(value: string | null | undefined): string | null {
  const text = value?.trim();
  if (!text) return null;
  // The same few hundred spellings recur through a list: look each up once.
  const known = resolved.get(text);
  if (known !== undefined) return known;
  const code = resolveCountry(text);
  resolved.set(text, code);
  return code;
}

const resolved = new Map<string, string | null>();

function resolveCountry(value: string): string | null {
  // Lists qualify some entries: OFAC writes `Region: Gaza` and `possibly Iran`.
  const text = value.replace(/^(?:region:|possibly)\s+/i, '');
  if (/^[A-Za-z]{2}$/.test(text) && countries.isValid(text.toUpperCase())) return text.toUpperCase();
  if (/^[A-Za-z]{3}$/.test(text)) return countries.alpha3ToAlpha2(text.toUpperCase()) ?? null;
  const listed = LIST_SPELLINGS[text.toLowerCase().replace(/[’']/g, "'")];
  if (listed) return listed;
  return (
    // No guessing by dropping a parenthesis: `Congo (Democratic Republic)` is not the Congo.
    countries.getAlpha2Code(text, 'en') ??
    countries.getAlpha2Code(text.replace(/^the\s+/i, ''), 'en') ??
    null
  );
}

/** Spellings the sanctions lists use that the ISO name tables do not carry. */
const LIST_SPELLINGS: Readonly<Record<string, string>> = {
  'korea, north': 'KP',
  "korea, democratic people's republic of": 'KP',
  "democratic people's republic of korea": 'KP',
  'north korea': 'KP',
  'korea, south': 'KR',
  'south korea': 'KR',
  'republic of korea': 'KR',
  syria: 'SY',
  burma: 'MM',
  'congo, democratic republic of the': 'CD',
  'democratic republic of the congo': 'CD',
  'congo, republic of the': 'CG',
  'west bank': 'PS',
  gaza: 'PS',
  'palestinian territories': 'PS',
  laos: 'LA',
  "lao people's democratic republic": 'LA',
  'iran (islamic republic of)': 'IR',
  'bolivia (plurinational state of)': 'BO',
  'venezuela (bolivarian republic of)': 'VE',
  'the former yugoslav republic of macedonia': 'MK',
  'macedonia': 'MK',
  'cote d ivoire': 'CI',
  "cote d'ivoire": 'CI',
  'ivory coast': 'CI',
  'russia': 'RU',
  'vietnam': 'VN',
  'viet nam': 'VN',
  'tanzania': 'TZ',
  'united republic of tanzania': 'TZ',
  'moldova': 'MD',
  'republic of moldova': 'MD',
  'czech republic': 'CZ',
  'holy see': 'VA',
  'micronesia': 'FM',
  'st. kitts and nevis': 'KN',
  'st. vincent and the grenadines': 'VC',
  'st. lucia': 'LC',
  'the bahamas': 'BS',
  'the gambia': 'GM',
  'brunei': 'BN',
  'cabo verde': 'CV',
  'turkiye': 'TR',
  'united states of america': 'US',
  'united kingdom of great britain and northern ireland': 'GB',
  'china, hong kong special administrative region': 'HK',
  'hong kong': 'HK',
  'china, macao special administrative region': 'MO',
  'british virgin islands': 'VG',
  'congo (democratic republic)': 'CD',
  'congo (republic)': 'CG',
  palestinian: 'PS',
  'occupied palestinian territories': 'PS',
  dprk: 'KP',
  'guinea bissau': 'GW',
  'bosnia-herzegovina': 'BA',
  'north macedonia, the republic of': 'MK',
  'macedonia, the former yugoslav republic of': 'MK',
};
