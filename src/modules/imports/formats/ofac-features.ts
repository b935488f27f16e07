import type { IdentifierType } from '../../../db/schema/index.ts';
import type { ImportedIdentifier } from '../imported-entry.ts';
import { countryCode } from './source-files.ts';

/**
 * OFAC's "features": labelled values that the CSV writes into Remarks (`Passport A123 (Iran)`)
 * and the XML into idList (`idType` Passport). Both formats use the same labels, so one
 * catalogue decides which are identifiers (and of which type) and which are only remarks.
 */

/** Labels OFAC uses for real identifiers, by the hub's identifier type. */
const IDENTIFIER_LABELS: Readonly<Record<Exclude<IdentifierType, 'OTHER'>, readonly string[]>> = {
  PASSPORT: [
    'Passport', 'Passport No.', 'Passport Booklet', 'Diplomatic Passport', 'Stateless Person Passport',
    'British National Overseas Passport', 'Travel Document Number',
  ],
  NATIONAL_ID: [
    'National ID No.', 'Cedula No.', 'C.U.R.P.', 'C.U.R.P. #', 'D.N.I.', 'Personal ID Card',
    'National Foreign ID Number', 'Turkish Identification Number', 'Numero de Identidad',
    "Citizen's Card Number", 'Kenyan ID No.', 'Tazkira National ID Card', 'SSN', 'C.U.I.',
    'CNP (Personal Numerical Code)', 'UAE Identification', 'Bosnian Personal ID No.',
    'Moroccan Personal ID No.', 'N.I.E.',
  ],
  TAX_ID: [
    'Tax ID No.', 'R.F.C.', 'R.F.C. #', 'RFC', 'NIT #', 'RUC #', 'RIF #', 'RTN', 'V.A.T. Number',
    'Italian Fiscal Code', 'Fiscal Code', 'US FEIN', 'C.U.I.T.', 'C.I.F.', 'N.I.F.', 'RSIN',
    'Paraguayan tax identification number', 'Romanian Tax Registration',
    'Numero Unico de Identificacao Tributaria (NUIT)',
  ],
  COMPANY_REGISTRATION: [
    'Registration Number', 'Registration ID', 'Company Number', 'UK Company Number',
    'Business Registration Number', 'Business Registration Document #', 'Commercial Registry Number',
    'Chamber of Commerce Number', 'Government Gazette Number', 'Folio Mercantil No.',
    'Matricula Mercantil No', 'C.R. No.', 'Romanian C.R.', 'Trade License No.', 'Public Registration Number',
    'Enterprise Number', 'Business Number', 'Branch Unit Number', 'Central Registration System Number',
    'Istanbul Chamber of Comm. No.', 'Dubai Chamber of Commerce Membership No.', 'Legal Entity Number',
    'LE Number', 'Economic Register Number (CBLS)', 'Unified Social Credit Code (USCC)',
    'United Social Credit Code Certificate (USCCC)', 'Certificate of Incorporation Number',
    'Registered Charity No.', 'Registration Certificate Number (Dubai)', 'C.I.N.', 'Organization Code',
    'D-U-N-S Number', 'Russian State Individual Business Registration Number Pattern (OGRNIP)',
  ],
  IMO_NUMBER: ['Vessel Registration Identification', 'International Maritime Organization No.'],
  MMSI: ['MMSI'],
  AIRCRAFT_REGISTRATION: ['Aircraft Tail Number', 'Previous Aircraft Tail Number'],
  AIRCRAFT_SERIAL: [
    "Aircraft Manufacturer's Serial Number (MSN)", 'Aircraft Serial Identification',
    'Aircraft Construction Number (also called L/N or S/N or F/N)',
  ],
  SWIFT_BIC: ['SWIFT/BIC'],
};

/** Identifiers with no type of their own whose labels the generic pattern below would miss. */
const OTHER_IDENTIFIER_LABELS = [
  'ISIN', 'License', 'BIK (RU)', 'Credencial electoral', 'I.F.E.', 'Cartilla de Servicio Militar Nacional',
  'Aircraft Mode S Transponder Code', 'Other Vessel Call Sign', 'VisaNumberID', 'Tarjeta Profesional',
  'Romanian Permanent Resident CAN', "Seafarer's Identification Document", 'Stateless Person ID Card',
  'Refugee ID Card', 'Identification Number',
];

/**
 * Features that are not identifiers: contact details, sanction notes, dates, descriptions.
 * Matching them against identifiers would only produce noise, so they stay in the remarks.
 */
const REMARK_LABEL =
  /^(?:alt\. )?(?:Website|E-?mail|Phone|Telephone|Fax|Telex|Secondary sanctions risk|Executive Order|Additional Sanctions Information|Transactions Prohibited|CAATSA Section|Target Type|Organization Type|Organization Established Date|Issuer Name|Equity Ticker|Gender|Nationality of Registration|Digital Currency Address|Vessel (?:Year of Build|Flag|Type|Gross|Tonnage|Owner)|(?:Former|Other) Vessel (?:Flag|Type)|Aircraft (?:Model|Operator|Manufacture Date)|Chinese Commercial Code|Linked To|Listing Date|Effective Date|Purchase\/Sales For Divestment Date)\b/i;

/**
 * Labels that name an identifier although the catalogue does not know them: `Pilot License
 * Number`, `Military Registration Number`, `SRE Permit No.`.
 */
const IDENTIFIER_LIKE_LABEL = /^[A-Z][\w.'’/()&-]*(?: [\w.'’/()&-]+){0,7} (?:No\.?|Number|#|ID|Card|Identification|Document)$/;

const TYPE_BY_LABEL: ReadonlyMap<string, IdentifierType> = new Map([
  ...Object.entries(IDENTIFIER_LABELS).flatMap(([type, labels]) =>
    labels.map((label) => [label.toLowerCase(), type as IdentifierType] as const),
  ),
  ...OTHER_IDENTIFIER_LABELS.map((label) => [label.toLowerCase(), 'OTHER'] as const),
]);

/** Known labels, longest first, so that `Passport Booklet` wins over `Passport`. */
const KNOWN_LABELS: readonly string[] = [...Object.values(IDENTIFIER_LABELS).flat(), ...OTHER_IDENTIFIER_LABELS].sort(
  (a, b) => b.length - a.length,
);

export function isRemarkFeature(label: string): boolean {
  return REMARK_LABEL.test(label.trim());
}

/** The identifier type of a known label (`Cedula No.` → NATIONAL_ID), ignoring a trailing colon. */
export function identifierTypeOf(label: string): IdentifierType | null {
  return TYPE_BY_LABEL.get(label.trim().replace(/:$/, '').toLowerCase()) ?? null;
}

/**
 * Splits a Remarks segment into an identifier label and the rest (`Registration Number HE 47364
 * (Cyprus)` → `Registration Number`, `HE 47364 (Cyprus)`). Known labels first; then a label that
 * looks like one of an identifier, as long as the rest has a digit. Null for anything else.
 */
export function splitIdentifierLabel(segment: string): { label: string; rest: string } | null {
  if (isRemarkFeature(segment)) return null;
  for (const label of KNOWN_LABELS) {
    if (segment.length > label.length && segment.startsWith(label)) {
      const rest = segment.slice(label.length);
      if (/^:?\s/.test(rest)) return { label, rest: rest.replace(/^:?\s+/, '') };
    }
  }
  return splitUnknownLabel(segment);
}

function splitUnknownLabel(segment: string): { label: string; rest: string } | null {
  const words = segment.split(' ');
  const firstDigit = words.findIndex((word) => /\d/.test(word));
  if (firstDigit <= 0) return null;
  for (let end = firstDigit; end > 0; end--) {
    const label = words.slice(0, end).join(' ').replace(/:$/, '');
    if (IDENTIFIER_LIKE_LABEL.test(label)) return { label, rest: words.slice(end).join(' ') };
  }
  return null;
}

/** What OFAC says about one identifier, in either format. */
export interface IdentifierFeature {
  label: string;
  value: string;
  /** The country as written (`Iran`); kept in the note when it maps to no ISO code. */
  country: string | null;
  /** `issued 14 Dec 2005`, `expires 2010`: not modelled, so kept in the note. */
  details: readonly string[];
}

export function ofacIdentifier(feature: IdentifierFeature): ImportedIdentifier | null {
  const { type, value } = typedValue(feature.label, feature.value);
  if (!value) return null;
  const issuingCountry = countryCode(feature.country);
  const unmapped = feature.country && !issuingCountry ? [feature.country] : [];
  const note = [feature.label.replace(/:$/, ''), ...unmapped, ...feature.details].join('; ');
  return { type, value, issuingCountry, note };
}

/**
 * An `IMO 1234567` value is an IMO number whatever its label (OFAC also files them under
 * `Company Number` and `Identification Number`); an IMO label without a 7-digit number holds a
 * national register number instead (`Vessel Registration Identification RS 150443`).
 */
function typedValue(label: string, raw: string): { type: IdentifierType; value: string } {
  const value = raw.trim();
  const imo = /^\(?(IMO\s*)?(\d{7})\)?$/i.exec(value);
  const labelled = identifierTypeOf(label) ?? 'OTHER';
  if (imo && (imo[1] || labelled === 'IMO_NUMBER')) return { type: 'IMO_NUMBER', value: imo[2]! };
  return { type: labelled === 'IMO_NUMBER' ? 'OTHER' : labelled, value };
}
