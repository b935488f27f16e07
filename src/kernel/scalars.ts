import { CountryCodeResolver, DateTimeResolver, LocalDateResolver } from 'graphql-scalars';

/** ISO 3166-1 alpha-2, validated on input. */
export const CountryCode = CountryCodeResolver;
/** RFC 3339 date-time. */
export const DateTime = DateTimeResolver;
/** Calendar date, `YYYY-MM-DD`. */
export const LocalDate = LocalDateResolver;
