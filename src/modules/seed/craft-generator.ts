import { imoNumber, mmsi } from './identifier-formats.ts';
import type { Theme } from './listing-themes.ts';
import { COUNTRY_NAMES } from './place-pools.ts';
import type { Random } from './random.ts';
import { latinBrand, longTailPick } from './long-tail-names.ts';
import { emptyDraft, fka, type SubjectDraft } from './subject-draft.ts';

type Weighted<T> = readonly (readonly [T, number])[];

const SHIP_WORDS = ['OCEAN', 'SEA', 'GOLDEN', 'PACIFIC', 'GRAND', 'SILVER', 'BLUE', 'ROYAL', 'NORTHERN', 'EASTERN', 'PEARL', 'JADE', 'CORAL', 'ARCTIC', 'CASPIAN', 'BALTIC', 'LUCKY', 'GREAT', 'SUN', 'NEW'];
const SHIP_NOUNS = ['STAR', 'DRAGON', 'GLORY', 'SPIRIT', 'PIONEER', 'VENTURE', 'FORTUNE', 'HARMONY', 'PRIDE', 'HOPE', 'EAGLE', 'WAVE', 'PHOENIX', 'JASMINE', 'LOTUS', 'VOYAGER', 'BRIDGE', 'QUEEN', 'LEGEND', 'HORIZON'];
/** [type, smallest and largest gross tonnage] */
const SHIP_TYPES = [['Crude Oil Tanker', 40_000, 160_000], ['Oil Products Tanker', 20_000, 60_000], ['Chemical/Oil Products Tanker', 8_000, 30_000], ['LPG Tanker', 3_000, 50_000], ['Bulk Carrier', 20_000, 90_000], ['General Cargo', 2_000, 15_000], ['Container Ship', 10_000, 90_000]] as const;

/** Flags of convenience and "flag hopping" are typical of sanctioned fleets. */
const VESSEL_FLAGS: Readonly<Partial<Record<Theme, Weighted<string>>>> = {
  RUSSIA: [['PA', 3], ['GA', 3], ['CM', 3], ['KM', 2], ['SL', 2], ['PW', 2], ['CK', 2], ['RU', 3], ['MH', 2], ['LR', 1], ['TG', 1], ['MT', 1]],
  IRAN: [['IR', 4], ['PA', 3], ['TZ', 1], ['TG', 1], ['KM', 2], ['HK', 1]],
  DPRK: [['KP', 6], ['SL', 1], ['TG', 1], ['PA', 1]],
  SYRIA: [['PA', 1], ['TG', 1], ['KM', 1]],
  VENEZUELA: [['PA', 2], ['LR', 1], ['MH', 1]],
};
const VESSEL_THEMES: Weighted<Theme> = [['RUSSIA', 45], ['IRAN', 30], ['DPRK', 15], ['SYRIA', 5], ['VENEZUELA', 5]];

const shipName = (r: Random) => `${r.pick(SHIP_WORDS)} ${longTailPick(r, SHIP_NOUNS, (rank) => latinBrand(rank).toUpperCase())}${r.chance(0.1) ? ` ${r.pick(['I', 'II', 'III', '7', '9'])}` : ''}`;

export function vessel(r: Random): SubjectDraft {
  const theme = r.weighted(VESSEL_THEMES);
  const flag = r.weighted(VESSEL_FLAGS[theme]!);
  const draft = emptyDraft(shipName(r), theme);
  // Renamed ships keep their IMO number: former names are how an officer recognises them.
  const formerNames = r.chance(0.6) ? r.int(1, 3) : 0;
  for (let i = 0; i < formerNames; i++) draft.aliases.push(fka(shipName(r)));
  draft.aliases = draft.aliases.filter((a, i, all) => a.name !== draft.primaryName && all.findIndex((b) => b.name === a.name) === i);
  const imo = imoNumber(r);
  draft.identifiers.push({ type: 'IMO_NUMBER', value: imo, issuingCountry: null });
  if (r.chance(0.8)) draft.identifiers.push({ type: 'MMSI', value: mmsi(r, flag), issuingCountry: flag });
  draft.nationalities = [flag];
  const [type, smallest, largest] = r.pick(SHIP_TYPES);
  const built = imo.startsWith('8') ? r.int(1984, 1999) : r.int(1996, 2021);
  draft.remarks.push(
    `Vessel Type ${type}`,
    `Vessel Flag ${COUNTRY_NAMES[flag] ?? flag}`,
    `Gross Tonnage ${r.int(smallest / 1000, largest / 1000) * 1000}`,
    `Year of Build ${built}`,
  );
  return draft;
}

interface AircraftFleet {
  readonly models: readonly string[];
  /** [registration pattern, state of registry] */
  readonly registries: Weighted<readonly [string, string]>;
  readonly operators: readonly string[];
}

const FLEETS: Readonly<Partial<Record<Theme, AircraftFleet>>> = {
  IRAN: {
    models: ['Airbus A310-304', 'Airbus A340-642', 'Boeing 747-422', 'Airbus A300B4-605R', 'Boeing 747-281F'],
    registries: [[['EP-@@@', 'IR'], 1]],
    operators: ['Sepehr Air Cargo', 'Zagros Airlines', 'Arman Aviation'],
  },
  RUSSIA: {
    models: ['Ilyushin Il-76TD', 'Tupolev Tu-204-300', 'Boeing 777-300ER', 'Airbus A321-211', 'Gulfstream G650ER', 'Bombardier Global 6000', 'Dassault Falcon 7X', 'Antonov An-124-100'],
    // Business jets of designated persons are often registered offshore.
    registries: [[['RA-#####', 'RU'], 5], [['VP-C@@', 'KY'], 1], [['M-@@@@', 'IM'], 1], [['VQ-B@@', 'BM'], 1], [['9H-@@@', 'MT'], 1]],
    operators: ['Volga Air Cargo', 'Sever Aviation', 'Ural Business Jets', 'Sibir Air Transport'],
  },
  SYRIA: { models: ['Ilyushin Il-76T', 'Tupolev Tu-134B', 'Airbus A320-232'], registries: [[['YK-@@@', 'SY'], 1]], operators: ['Cham Air Services', 'Orontes Aviation'] },
  DPRK: { models: ['Ilyushin Il-62M', 'Tupolev Tu-204-300', 'Antonov An-148-100B'], registries: [[['P-###', 'KP'], 1]], operators: ['Taedong Air Transport'] },
};
const AIRCRAFT_THEMES: Weighted<Theme> = [['IRAN', 40], ['RUSSIA', 40], ['SYRIA', 10], ['DPRK', 10]];

/** Aircraft are listed under their registration mark, as OFAC lists them. */
export function aircraft(r: Random): SubjectDraft {
  const theme = r.weighted(AIRCRAFT_THEMES);
  const fleet = FLEETS[theme]!;
  const [pattern, registry] = r.weighted(fleet.registries);
  const registration = r.pattern(pattern);
  const model = r.pick(fleet.models);
  const draft = emptyDraft(registration, theme);
  if (r.chance(0.3)) draft.aliases.push(fka(r.pattern(r.weighted(fleet.registries)[0])));
  draft.aliases = draft.aliases.filter((a) => a.name !== registration);
  draft.identifiers.push(
    { type: 'AIRCRAFT_REGISTRATION', value: registration, issuingCountry: registry },
    { type: 'AIRCRAFT_SERIAL', value: r.pattern(r.pick(['####', '#####'])), issuingCountry: null, note: `MSN, ${model}` },
  );
  draft.nationalities = [registry];
  draft.remarks.push(`Aircraft Model ${model}`, `Aircraft Manufacture Date ${r.int(1985, 2019)}`, `Aircraft Operator ${r.pick(fleet.operators)}`);
  return draft;
}

/** [HS subheading, description, CHPL tier] from the Common High Priority List. */
const ITEMS = [
  ['8542.31', 'Electronic integrated circuits: processors and controllers', 1],
  ['8542.32', 'Electronic integrated circuits: memories', 1],
  ['8542.33', 'Electronic integrated circuits: amplifiers', 1],
  ['8542.39', 'Electronic integrated circuits: field-programmable gate arrays', 1],
  ['8517.62', 'Machines for the reception, conversion and transmission of data', 2],
  ['8526.91', 'Radio navigational aid apparatus (GNSS receivers)', 2],
  ['8532.21', 'Fixed tantalum capacitors', 2],
  ['8532.24', 'Multilayer ceramic dielectric capacitors', 2],
  ['8536.69', 'Plugs and sockets for a voltage not exceeding 1,000 V', 3],
  ['8504.40', 'Static converters (power supplies)', 3],
  ['8471.50', 'Processing units for automatic data-processing machines', 3],
  ['8525.89', 'Thermal imaging cameras', 3],
  ['8529.10', 'Aerials and aerial reflectors', 3],
  ['9013.10', 'Telescopic sights for fitting to arms', 3],
  ['8482.10', 'Ball bearings', 4],
  ['8457.10', 'Machining centres for working metal', 4],
  ['8458.11', 'Horizontal lathes for removing metal, numerically controlled', 4],
  ['8459.61', 'Milling machines for metals, numerically controlled', 4],
] as const;

export function item(r: Random): SubjectDraft {
  const [hs, description, tier] = r.pick(ITEMS);
  const model = r.pattern(r.pick(['@@##-###', '@###@', '@@-####@']));
  const draft = emptyDraft(`${description}, model ${model}`, 'RUSSIA');
  draft.identifiers.push(
    { type: 'OTHER', value: `HS ${hs}`, issuingCountry: null, note: 'Harmonized System subheading' },
    { type: 'OTHER', value: model, issuingCountry: null, note: 'Manufacturer part number' },
  );
  draft.remarks.push(`Common High Priority List, Tier ${tier}`);
  return draft;
}
