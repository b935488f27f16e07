import { partialDateBounds } from '../../../lib/partial-dates.ts';
import type { ImportedDateOfBirth } from '../imported-entry.ts';

const MONTHS: Readonly<Record<string, string>> = {
  jan: '01', feb: '02', mar: '03', apr: '04', may: '05', jun: '06',
  jul: '07', aug: '08', sep: '09', oct: '10', nov: '11', dec: '12',
};

const OFAC_DATE = /^(?:(?:(\d{1,2}) )?([A-Za-z]{3}) )?(\d{4})$/;

/**
 * A date as OFAC writes it — `12 Jan 1970`, `Jan 1970` or `1970` — as a partial ISO date
 * (`1970-01-12`, `1970-01`, `1970`). Null for anything else, including impossible days.
 */
export function ofacDate(text: string): string | null {
  const match = OFAC_DATE.exec(text.trim());
  if (!match) return null;
  const [, day, monthName, year] = match;
  let iso = year!;
  if (monthName !== undefined) {
    const month = MONTHS[monthName.toLowerCase()];
    if (!month) return null;
    iso += `-${month}`;
    if (day !== undefined) iso += `-${day.padStart(2, '0')}`;
  }
  return partialDateBounds(iso) ? iso : null;
}

/**
 * A date of birth as OFAC states it: a date, `circa <date>` (approximate), `<date> to <date>`
 * (a range) or `circa 1979-1982` (an approximate range of years). Null when it is none of these:
 * the caller keeps the text in the remarks, so nothing is lost.
 */
export function ofacDateOfBirth(text: string): ImportedDateOfBirth | null {
  const circa = /^circa\s+/i.exec(text.trim());
  const body = circa ? text.trim().slice(circa[0].length) : text.trim();
  const [from, to] = splitRange(body);
  const date = ofacDate(from);
  if (date === null) return null;
  const rangeEnd = to === undefined ? null : ofacDate(to);
  if (to !== undefined && (rangeEnd === null || rangeEnd < date)) return null;
  return { date, rangeEnd, approximate: circa !== null };
}

function splitRange(body: string): [string, string?] {
  const words = body.split(/\s+to\s+/i);
  if (words.length === 2) return [words[0]!, words[1]!];
  const years = /^(\d{4})-(\d{4})$/.exec(body);
  if (years) return [years[1]!, years[2]!];
  return [body];
}
