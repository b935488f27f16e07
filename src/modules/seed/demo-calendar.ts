import type { Random } from './random.ts';

/**
 * The day demo data is "generated as of". Fixed rather than today's date, so that the same
 * seed gives the same records next year too.
 */
export const DEMO_TODAY = '2026-06-30';

const DAY_MS = 86_400_000;
const toDay = (isoDate: string) => Date.parse(`${isoDate}T00:00:00Z`) / DAY_MS;
const fromDay = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

export function addDays(isoDate: string, days: number): string {
  return fromDay(toDay(isoDate) + days);
}

/** A day between `from` and `to`, both included (YYYY-MM-DD). */
export function randomDate(random: Random, from: string, to: string): string {
  return fromDay(random.int(toDay(from), toDay(to)));
}
