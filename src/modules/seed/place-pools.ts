import type { AddressInput } from '../designations/designation.types.ts';
import type { Random } from './random.ts';

/** Country names as the lists print them in places of birth, flags and remarks. */
export const COUNTRY_NAMES: Readonly<Record<string, string>> = {
  AE: 'United Arab Emirates', AT: 'Austria', BM: 'Bermuda', CK: 'Cook Islands', CM: 'Cameroon', CN: 'China',
  CO: 'Colombia', CY: 'Cyprus', CZ: 'Czech Republic', DE: 'Germany', EG: 'Egypt', GA: 'Gabon', GR: 'Greece',
  HK: 'Hong Kong', IM: 'Isle of Man', IQ: 'Iraq', IR: 'Iran', IT: 'Italy', JO: 'Jordan', KM: 'Comoros',
  KP: 'North Korea', KW: 'Kuwait', KY: 'Cayman Islands', LB: 'Lebanon', LR: 'Liberia', MH: 'Marshall Islands',
  MT: 'Malta', MX: 'Mexico', NL: 'Netherlands', PA: 'Panama', PL: 'Poland', PW: 'Palau', RU: 'Russia',
  SA: 'Saudi Arabia', SE: 'Sweden', SL: 'Sierra Leone', SY: 'Syria', TG: 'Togo', TR: 'Turkey', TZ: 'Tanzania',
  VE: 'Venezuela', YE: 'Yemen',
};

type City = readonly [city: string, region: string | null, postalPattern: string | null];

interface CountryPlaces {
  readonly cities: readonly City[];
  /** A street line in the country's usual form; null where lists rarely give one. */
  readonly street: ((random: Random) => string) | null;
}

const numbered = (streets: readonly string[], format: (street: string, n: number) => string) => (r: Random) =>
  format(r.pick(streets), r.int(1, 180));

const PLACES: Readonly<Record<string, CountryPlaces>> = {
  RU: {
    cities: [['Moscow', null, '1#####'], ['Saint Petersburg', null, '19####'], ['Yekaterinburg', 'Sverdlovsk Oblast', '620###'], ['Novosibirsk', 'Novosibirsk Oblast', '630###'], ['Kazan', 'Republic of Tatarstan', '420###'], ['Nizhny Novgorod', 'Nizhny Novgorod Oblast', '603###'], ['Rostov-on-Don', 'Rostov Oblast', '344###'], ['Vladivostok', 'Primorsky Krai', '690###']],
    street: numbered(['ul. Lenina', 'pr. Mira', 'ul. Sadovaya', 'ul. Promyshlennaya', 'Leningradskoye sh.', 'ul. Vavilova', 'Kutuzovsky pr.', 'ul. Gagarina', 'ul. Sovetskaya'], (s, n) => `${s}, d. ${n}`),
  },
  IR: {
    cities: [['Tehran', 'Tehran Province', '##########'], ['Isfahan', 'Isfahan Province', '##########'], ['Mashhad', 'Razavi Khorasan', '##########'], ['Tabriz', 'East Azerbaijan', '##########'], ['Shiraz', 'Fars Province', '##########'], ['Bandar Abbas', 'Hormozgan Province', '##########']],
    street: numbered(['Valiasr St.', 'Motahari St.', 'Shariati St.', 'Azadi Ave.', 'Enghelab St.', 'Mirdamad Blvd.', 'Beheshti St.'], (s, n) => `No. ${n}, ${s}`),
  },
  SY: { cities: [['Damascus', null, null], ['Aleppo', null, null], ['Latakia', null, null], ['Homs', null, null]], street: numbered(['Baghdad Street', 'Abu Rummaneh', 'Mezzeh Highway', 'Al-Thawra Street'], (s, n) => `${s}, Building ${n}`) },
  IQ: { cities: [['Baghdad', null, null], ['Basra', null, null], ['Mosul', 'Nineveh', null], ['Erbil', 'Kurdistan Region', null]], street: numbered(['Al-Karrada Street', '14th of Ramadan Street', 'Al-Rasheed Street'], (s, n) => `${s}, No. ${n}`) },
  LB: { cities: [['Beirut', null, null], ['Tripoli', null, null], ['Sidon', null, null]], street: numbered(['Hamra Street', 'Verdun Street', 'Rue Monot'], (s, n) => `${s}, Building ${n}`) },
  YE: { cities: [["Sana'a", null, null], ['Aden', null, null], ['Al Hudaydah', null, null]], street: null },
  JO: { cities: [['Amman', null, '11###'], ['Zarqa', null, '13###']], street: numbered(['Zahran Street', 'Mecca Street', 'Wasfi Al-Tal Street'], (s, n) => `${n} ${s}`) },
  EG: { cities: [['Cairo', null, '11###'], ['Alexandria', null, '21###']], street: numbered(['Tahrir Street', 'Abbas El Akkad Street', 'Corniche El Nil'], (s, n) => `${n} ${s}`) },
  SA: { cities: [['Riyadh', null, '1####'], ['Jeddah', null, '2####']], street: numbered(['King Fahd Road', 'Olaya Street', 'Tahlia Street'], (s, n) => `${n} ${s}`) },
  KW: { cities: [['Kuwait City', null, null]], street: null },
  AE: {
    // The region holds the free zone or district, which is how these addresses are given.
    cities: [['Dubai', 'Jebel Ali Free Zone', null], ['Dubai', 'Dubai Airport Free Zone', null], ['Dubai', 'Business Bay', null], ['Dubai', 'Deira', null], ['Sharjah', 'SAIF Zone', null], ['Ajman', 'Ajman Free Zone', null], ['Abu Dhabi', 'Mussafah', null]],
    street: numbered(['Block A', 'Block B', 'LOB 15', 'Warehouse RA08', 'Al Shafar Tower', 'Executive Tower'], (s, n) => `Office ${n * 7 + 100}, ${s}`),
  },
  CN: {
    cities: [['Shenzhen', 'Guangdong', '518###'], ['Shanghai', 'Shanghai', '200###'], ['Beijing', 'Beijing', '100###'], ['Guangzhou', 'Guangdong', '510###'], ['Dalian', 'Liaoning', '116###'], ['Chengdu', 'Sichuan', '610###'], ["Xi'an", 'Shaanxi', '710###'], ['Dandong', 'Liaoning', '118###'], ['Ningbo', 'Zhejiang', '315###']],
    street: numbered(['Keyuan', 'Shennan', 'Huaqiang North', 'Zhongshan', 'Renmin', 'Jiefang', 'Binhai', 'Gaoxin', 'Xueyuan'], (s, n) => `Room ${n + 100}, No. ${n % 60 + 1} ${s} Road`),
  },
  HK: {
    cities: [['Hong Kong', 'Kowloon', null], ['Hong Kong', 'Wan Chai', null], ['Hong Kong', 'Sheung Wan', null], ['Hong Kong', 'Kwun Tong', null]],
    street: numbered(['Nathan Road', 'Des Voeux Road Central', 'Hennessy Road', 'Hoi Bun Road', 'Canton Road'], (s, n) => `Unit ${n % 20 + 1}, ${n % 30 + 2}/F, ${n} ${s}`),
  },
  KP: {
    cities: [['Pyongyang', 'Central District', null], ['Pyongyang', 'Moranbong District', null], ['Pyongyang', 'Sosong District', null], ['Nampo', null, null], ['Sinuiju', null, null], ['Chongjin', null, null], ['Hamhung', null, null]],
    street: null,
  },
  MX: {
    cities: [['Mexico City', 'Ciudad de México', '0####'], ['Guadalajara', 'Jalisco', '44###'], ['Culiacán', 'Sinaloa', '80###'], ['Monterrey', 'Nuevo León', '64###'], ['Tijuana', 'Baja California', '22###']],
    street: numbered(['Av. Paseo de la Reforma', 'Av. Insurgentes Sur', 'Calle Morelos', 'Av. Obregón', 'Blvd. Agua Caliente'], (s, n) => `${s} ${n * 3}`),
  },
  CO: {
    cities: [['Bogotá', 'Distrito Capital', '11####'], ['Medellín', 'Antioquia', '050###'], ['Cali', 'Valle del Cauca', '76####'], ['Barranquilla', 'Atlántico', '08####']],
    street: (r) => `${r.pick(['Calle', 'Carrera'])} ${r.int(1, 120)} # ${r.int(1, 99)}-${r.int(1, 99)}`,
  },
  VE: {
    cities: [['Caracas', 'Distrito Capital', '10##'], ['Maracaibo', 'Zulia', '40##'], ['Valencia', 'Carabobo', '20##'], ['Barquisimeto', 'Lara', '30##']],
    street: (r) => `Av. ${r.pick(['Francisco de Miranda', 'Libertador', 'Urdaneta', 'Bolívar'])}, Torre ${r.pick(['A', 'B', 'Norte', 'Sur'])}, Piso ${r.int(1, 20)}`,
  },
  PA: { cities: [['Panama City', 'Panamá', null], ['Colón', 'Colón', null]], street: (r) => `Calle ${r.int(50, 74)}, Edificio ${r.pick(['Global', 'Plaza', 'Ocean', 'Torre'])} ${r.pick(['Bank', 'Business', 'Tower', 'Center'])}, Piso ${r.int(1, 40)}` },
  TR: {
    cities: [['Istanbul', null, '34###'], ['Ankara', null, '06###'], ['Izmir', null, '35###'], ['Mersin', null, '33###'], ['Gaziantep', null, '27###']],
    street: (r) => `${r.pick(['Merkez', 'Atatürk', 'Cumhuriyet', 'Fatih', 'Yenişehir'])} Mah., ${r.pick(['İstiklal', 'Bağdat', 'Gazi', 'İnönü'])} Cad. No: ${r.int(1, 250)}`,
  },
  DE: {
    cities: [['Hamburg', 'Hamburg', '20###'], ['Berlin', 'Berlin', '10###'], ['Frankfurt am Main', 'Hessen', '60###'], ['Düsseldorf', 'Nordrhein-Westfalen', '40###'], ['Munich', 'Bayern', '80###']],
    street: numbered(['Industriestraße', 'Hauptstraße', 'Hafenstraße', 'Am Sandtorkai', 'Königsallee', 'Kaiserstraße'], (s, n) => `${s} ${n}`),
  },
  IT: { cities: [['Milan', 'Lombardia', '201##'], ['Rome', 'Lazio', '001##'], ['Genoa', 'Liguria', '161##']], street: numbered(['Via Roma', 'Via Garibaldi', 'Via Mazzini', 'Corso Buenos Aires'], (s, n) => `${s} ${n}`) },
  NL: { cities: [['Rotterdam', 'Zuid-Holland', '30## @@'], ['Amsterdam', 'Noord-Holland', '10## @@']], street: numbered(['Waalhaven Oostzijde', 'Keizersgracht', 'Coolsingel', 'Weena'], (s, n) => `${s} ${n}`) },
  GR: { cities: [['Piraeus', 'Attica', '185 ##'], ['Athens', 'Attica', '10# ##']], street: numbered(['Akti Miaouli', 'Kifisias Avenue', 'Vasilissis Sofias'], (s, n) => `${n} ${s}`) },
  CY: { cities: [['Limassol', null, '3###'], ['Nicosia', null, '1###'], ['Larnaca', null, '6###']], street: numbered(['Archbishop Makarios III Avenue', 'Spyrou Kyprianou Avenue', 'Themistokli Dervi Avenue'], (s, n) => `${n} ${s}`) },
  CZ: { cities: [['Prague', null, '1## ##']], street: numbered(['Na Příkopě', 'Vodičkova'], (s, n) => `${s} ${n}`) },
  PL: { cities: [['Warsaw', 'Mazowieckie', '00-###']], street: numbered(['ul. Marszałkowska', 'ul. Grzybowska'], (s, n) => `${s} ${n}`) },
  SE: { cities: [['Stockholm', null, '1## ##']], street: numbered(['Kungsgatan', 'Sveavägen'], (s, n) => `${s} ${n}`) },
  AT: { cities: [['Vienna', 'Wien', '1###']], street: numbered(['Mariahilfer Straße', 'Praterstraße'], (s, n) => `${s} ${n}`) },
};

function placesOf(country: string): CountryPlaces {
  const places = PLACES[country];
  if (!places) throw new Error(`no demo places for country ${country}`);
  return places;
}

/** "Moscow, Russia", as places of birth are listed. */
export function placeOfBirth(random: Random, country: string): string {
  const [city] = random.pick(placesOf(country).cities);
  return `${city}, ${COUNTRY_NAMES[country] ?? country}`;
}

/** An address in the country (in `inCity` if it knows it); `withStreet` for a company's seat. */
export function address(random: Random, country: string, withStreet: boolean, inCity?: string): AddressInput {
  const places = placesOf(country);
  const known = places.cities.filter(([city]) => city === inCity);
  const [city, region, postalPattern] = random.pick(known.length > 0 ? known : places.cities);
  const full = withStreet && places.street !== null;
  return {
    street: full ? places.street!(random) : null,
    city,
    region,
    postalCode: full && postalPattern ? random.pattern(postalPattern) : null,
    country,
  };
}
