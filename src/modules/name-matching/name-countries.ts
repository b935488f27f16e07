/**
 * Country names as name words: a company named after a country ("Banco Santander Chile",
 * "Bowne International de Mexico") is that group's national subsidiary, another company.
 */
import countries from 'i18n-iso-countries';
import english from 'i18n-iso-countries/langs/en.json' with { type: 'json' };

countries.registerLocale(english);

/** English country names of one word, lower-case ASCII as name tokens are written. */
export const COUNTRY_WORDS: ReadonlySet<string> = new Set(
  Object.values(countries.getNames('en', { select: 'all' }))
    .flat()
    .map((name) => name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase())
    .filter((name) => /^[a-z]+$/.test(name)),
);
