import type { ImportedAddress } from '../imported-entry.ts';
import { countryCode } from './source-files.ts';

export interface OfacAddressParts {
  street: string | null;
  city: string | null;
  region: string | null;
  postalCode: string | null;
  /** The country as written; OFAC also writes places that are no country (`Region: Gaza`). */
  country: string | null;
}

/**
 * An address from its parts; null when every part is empty (OFAC lists such rows). A country
 * that maps to no ISO code is not lost: it is added to the region.
 */
export function ofacAddress(parts: OfacAddressParts): ImportedAddress | null {
  const country = countryCode(parts.country);
  const unmapped = parts.country && !country ? parts.country : null;
  const region = [parts.region, unmapped].filter(Boolean).join(', ') || null;
  const address = { street: parts.street, city: parts.city, region, postalCode: parts.postalCode, country };
  return Object.values(address).some((value) => value !== null) ? address : null;
}

/**
 * Splits the CSV's single `city/state/postal` cell, best effort: `Mexico, D.F. 11570`,
 * `London EC3N 1DY`, `Tijuana, Baja California CP 22320`, `0578 Oslo`. The postal code is the
 * last comma part from its first word with a digit; the first part is the city, the rest the region.
 */
export function splitCityCell(cell: string | null): Pick<ImportedAddress, 'city' | 'region' | 'postalCode'> {
  if (!cell) return { city: null, region: null, postalCode: null };
  const parts = cell.split(/\s*,\s*/);
  const { place, postalCode } = splitPostalCode(parts.pop()!);
  if (place) parts.push(place);
  return { city: parts[0] || null, region: parts.slice(1).join(', ') || null, postalCode };
}

function splitPostalCode(text: string): { place: string | null; postalCode: string | null } {
  const words = text.split(/\s+/);
  if (words.length > 1 && /^\d{3,}$/.test(words[0]!) && !words.slice(1).some(hasDigit)) {
    return { place: words.slice(1).join(' '), postalCode: words[0]! };
  }
  let start = words.findIndex(hasDigit);
  if (start === -1) return { place: text || null, postalCode: null };
  // Mexico writes `CP 22710` / `C.P. 06600`: the prefix belongs to the code.
  if (start > 0 && /^C\.?P\.?$/i.test(words[start - 1]!)) start--;
  return { place: words.slice(0, start).join(' ') || null, postalCode: words.slice(start).join(' ') };
}

function hasDigit(word: string): boolean {
  return /\d/.test(word);
}
