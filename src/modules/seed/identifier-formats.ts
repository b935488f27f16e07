import type { IdentifierInput } from '../designations/designation.types.ts';
import type { Random } from './random.ts';

/** `#` a digit, `@` a capital letter: what each country's documents look like. */
interface DocumentFormats {
  readonly passport: string;
  readonly nationalId?: readonly [pattern: string, note: string];
  readonly taxId?: readonly [pattern: string, note: string];
}

const PERSONAL_DOCUMENTS: Readonly<Record<string, DocumentFormats>> = {
  RU: { passport: '## #######', nationalId: ['## ## ######', 'Internal passport'], taxId: ['############', 'INN'] },
  IR: { passport: '@########', nationalId: ['###-######-#', 'National ID'] },
  SY: { passport: 'N########', nationalId: ['###########', 'National ID'] },
  IQ: { passport: '@########' },
  LB: { passport: 'LR#######' },
  YE: { passport: '0#######' },
  JO: { passport: '@#######', nationalId: ['##########', 'National No.'] },
  EG: { passport: 'A########', nationalId: ['##############', 'National ID'] },
  SA: { passport: '@#######', nationalId: ['1#########', 'National ID'] },
  AE: { passport: '@#######', nationalId: ['784-####-#######-#', 'Emirates ID'] },
  KW: { passport: '########', nationalId: ['############', 'Civil ID'] },
  CN: { passport: 'E########' },
  HK: { passport: 'K########', nationalId: ['@######(#)', 'Hong Kong Identity Card'] },
  KP: { passport: '#########' },
  MX: { passport: 'G########', nationalId: ['@@@@######@@@@@@##', 'CURP'] },
  CO: { passport: '@@######', nationalId: ['##.###.###', 'Cédula de Ciudadanía'] },
  VE: { passport: '#########', nationalId: ['V-########', 'Cédula de Identidad'] },
  PA: { passport: 'PA#######', nationalId: ['8-###-####', 'Cédula'] },
  TR: { passport: 'U########', nationalId: ['###########', 'T.C. Kimlik No.'] },
  DE: { passport: 'C@#@##@##' },
  IT: { passport: 'YA#######' },
  NL: { passport: 'N@@##@@##' },
  GR: { passport: '@@#######' },
  CY: { passport: 'K########' },
};

/** Passport, national id and tax number of a person, each present as often as lists give them. */
export function personalIdentifiers(r: Random, nationality: string, birthDate: string | null): IdentifierInput[] {
  const formats = PERSONAL_DOCUMENTS[nationality] ?? { passport: '@########' };
  const identifiers: IdentifierInput[] = [];
  if (r.chance(0.65)) identifiers.push({ type: 'PASSPORT', value: r.pattern(formats.passport), issuingCountry: nationality });
  if (nationality === 'CN' && r.chance(0.4)) {
    identifiers.push({ type: 'NATIONAL_ID', value: chineseResidentId(r, birthDate), issuingCountry: 'CN', note: 'Resident Identity Card' });
  } else if (formats.nationalId && r.chance(0.3)) {
    const [pattern, note] = formats.nationalId;
    identifiers.push({ type: 'NATIONAL_ID', value: r.pattern(pattern), issuingCountry: nationality, note });
  }
  if (formats.taxId && r.chance(0.25)) {
    const [pattern, note] = formats.taxId;
    identifiers.push({ type: 'TAX_ID', value: r.pattern(pattern), issuingCountry: nationality, note });
  }
  return identifiers;
}

/** 18 characters: region, date of birth, sequence and an ISO 7064 MOD 11-2 check character. */
function chineseResidentId(r: Random, birthDate: string | null): string {
  const region = r.pick(['110101', '310115', '440304', '440106', '210211', '510107']);
  const born = birthDate && birthDate.length === 10 ? birthDate.replaceAll('-', '') : `19${r.pattern('##')}0101`;
  const body = `${region}${born}${r.pattern('###')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((total, digit, i) => total + Number(digit) * weights[i]!, 0);
  return body + '10X98765432'[sum % 11];
}

/**
 * A valid IMO ship number: six digits and a check digit, the sum of the six weighted 7..2,
 * modulo 10 (IMO Resolution A.1117(30)). Ships built since the 1980s have numbers from 8…/9….
 */
export function imoNumber(r: Random): string {
  const body = `${r.pick(['8', '9', '9', '9'])}${r.pattern('#####')}`;
  let sum = 0;
  for (let i = 0; i < 6; i++) sum += Number(body[i]) * (7 - i);
  return `${body}${sum % 10}`;
}

/** Maritime identification digits: the first three digits of an MMSI name the flag state. */
const MID: Readonly<Record<string, string>> = {
  PA: '351', LR: '636', MH: '538', CM: '613', KM: '616', GA: '626', SL: '667', PW: '511', CK: '518',
  TZ: '677', TG: '671', IR: '422', KP: '445', RU: '273', HK: '477', MT: '248',
};

export function mmsi(r: Random, flag: string): string {
  return `${MID[flag] ?? '999'}${r.pattern('######')}`;
}
