/**
 * Dates as sanctions lists state them: `1972`, `1972-05` or `1972-05-03`. A partial date
 * stands for the whole period it names, so it has an earliest and a latest day.
 */
const PARTIAL_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

export interface DateBounds {
  readonly earliest: string;
  readonly latest: string;
}

export function partialDateBounds(value: string): DateBounds | null {
  const match = PARTIAL_DATE.exec(value);
  if (!match) return null;
  const year = Number(match[1]);
  const month = match[2] === undefined ? null : Number(match[2]);
  const day = match[3] === undefined ? null : Number(match[3]);
  if (year < 1800 || year > 2200) return null;
  if (month !== null && (month < 1 || month > 12)) return null;
  if (month === null) return { earliest: `${match[1]}-01-01`, latest: `${match[1]}-12-31` };
  const lastDay = daysInMonth(year, month);
  if (day !== null && (day < 1 || day > lastDay)) return null;
  const mm = String(month).padStart(2, '0');
  if (day === null) return { earliest: `${match[1]}-${mm}-01`, latest: `${match[1]}-${mm}-${lastDay}` };
  return { earliest: value, latest: value };
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
