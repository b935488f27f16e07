import { GraphQLScalarType } from 'graphql';
import { CountryCodeResolver, DateTimeResolver, LocalDateResolver } from 'graphql-scalars';

/** ISO 3166-1 alpha-2, validated on input. */
export const CountryCode = CountryCodeResolver;
/** RFC 3339 date-time. */
export const DateTime = DateTimeResolver;

const daysInMonth = (year: number, month: number) =>
  month === 2 ? (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
const digit = (text: string, at: number) => {
  const code = text.charCodeAt(at) - 48;
  return code >= 0 && code <= 9 ? code : -1;
};

/**
 * Whether `value` is a real calendar date written `YYYY-MM-DD`: what graphql-scalars' LocalDate
 * checks with a regular expression and a Date per value. A page of 500 designations sends
 * thousands of dates, so the common case is checked here digit by digit; anything else goes
 * to graphql-scalars, which answers (or refuses) it exactly as before.
 */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || value.length !== 10 || value[4] !== '-' || value[7] !== '-') return false;
  const number = (from: number, to: number) => {
    let n = 0;
    for (let at = from; at < to; at++) {
      const d = digit(value, at);
      if (d < 0) return -1;
      n = n * 10 + d;
    }
    return n;
  };
  const year = number(0, 4);
  const month = number(5, 7);
  const day = number(8, 10);
  if (year < 0) return false;
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

const libraryLocalDate = LocalDateResolver.toConfig();

/** Calendar date, `YYYY-MM-DD`. */
export const LocalDate = new GraphQLScalarType({
  ...libraryLocalDate,
  serialize: (value) => (isCalendarDate(value) ? value : libraryLocalDate.serialize!(value)),
});
