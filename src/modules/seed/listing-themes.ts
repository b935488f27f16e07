import type { SubjectType } from '../../db/schema/index.ts';
import type { DemoAgencyId } from './demo-agencies.ts';

/** What a designation is about; it decides who lists it, under which program and why. */
export type Theme =
  | 'RUSSIA'
  | 'IRAN'
  | 'DPRK'
  | 'TERRORISM'
  | 'SYRIA'
  | 'NARCOTICS'
  | 'VENEZUELA'
  | 'CYBER'
  | 'PROLIFERATION'
  | 'HUMAN_RIGHTS';

/** One way a listing authority designates under a theme. */
export interface Listing {
  readonly owner: DemoAgencyId;
  readonly programs: readonly string[];
  readonly legalBasis: string;
  /** First year the program existed: no effective date before it. */
  readonly since: number;
  readonly subjects: readonly SubjectType[];
  readonly weight: number;
}

export interface ThemeDefinition {
  readonly listings: readonly Listing[];
  readonly rationales: { readonly person: readonly string[]; readonly organisation: readonly string[]; readonly craft: readonly string[] };
}

const ANY: readonly SubjectType[] = ['INDIVIDUAL', 'ENTITY', 'VESSEL', 'AIRCRAFT'];
const PARTIES: readonly SubjectType[] = ['INDIVIDUAL', 'ENTITY'];
const COMPANIES: readonly SubjectType[] = ['ENTITY'];

const listing = (
  owner: DemoAgencyId,
  programs: readonly string[],
  legalBasis: string,
  since: number,
  subjects: readonly SubjectType[],
  weight: number,
): Listing => ({ owner, programs, legalBasis, since, subjects, weight });

const EO_13382 = 'Executive Order 13382 of June 28, 2005 (weapons of mass destruction proliferators)';
const EO_13224 = 'Executive Order 13224 of September 23, 2001, as amended';
const ENTITY_LIST = ['us-bis', ['ENTITY-LIST'], 'Export Administration Regulations, 15 CFR 744.11; Supplement No. 4 to Part 744'] as const;
const END_USER_LIST = ['jp-meti', ['END-USER-LIST'], 'Foreign Exchange and Foreign Trade Act (Act No. 228 of 1949); METI End User List'] as const;

const PROLIFERATION_CRAFT = ['Property in which a person designated under this program has an interest.'];

export const THEMES: Readonly<Record<Theme, ThemeDefinition>> = {
  RUSSIA: {
    listings: [
      listing('us-ofac', ['RUSSIA-EO14024'], 'Executive Order 14024 of April 15, 2021', 2021, ANY, 8),
      listing('us-ofac', ['UKRAINE-EO13662'], 'Executive Order 13662 of March 20, 2014', 2014, PARTIES, 2),
      listing('us-ofac', ['UKRAINE-EO13660'], 'Executive Order 13660 of March 6, 2014', 2014, PARTIES, 1),
      listing('us-ofac', ['CAATSA-RUSSIA', 'UKRAINE-EO13662'], "Countering America's Adversaries Through Sanctions Act, section 231", 2017, PARTIES, 1),
      listing('gb-ofsi', ['UK-RUSSIA'], 'The Russia (Sanctions) (EU Exit) Regulations 2019, regulation 5', 2020, ANY, 5),
      listing('de-bafa', ['EU-RUSSIA-269/2014'], 'Council Regulation (EU) No 269/2014, Annex I', 2014, PARTIES, 2),
      listing('de-bafa', ['EU-RUSSIA-833/2014'], 'Council Regulation (EU) No 833/2014, Annex IV', 2022, COMPANIES, 1),
      listing(...ENTITY_LIST, 2014, COMPANIES, 3),
      listing('us-bis', ['MEU-LIST'], 'Export Administration Regulations, Supplement No. 7 to Part 744 (Military End-User List)', 2020, COMPANIES, 1),
      listing(...END_USER_LIST, 2014, COMPANIES, 1),
    ],
    rationales: {
      person: [
        'Operates or has operated in the defence and related materiel sector of the Russian Federation economy.',
        'Is a leader, official, senior executive officer or member of the board of directors of a designated entity.',
        'Obtains a benefit from or supports the Government of Russia by carrying on business in a sector of strategic significance.',
        'Has materially assisted the procurement of electronic components for Russian weapons manufacturers.',
      ],
      organisation: [
        'Operates or has operated in the technology sector of the Russian Federation economy.',
        'Supplied dual-use microelectronics to Russian defence manufacturers through third countries.',
        "Acts on behalf of a designated person in procuring items for Russia's military-industrial base.",
        'Owned or controlled by a person designated under this program.',
      ],
      craft: [
        'Carried Russian-origin crude oil above the price cap after switching off its transponder.',
        'Part of a fleet used to circumvent restrictions on Russian seaborne oil.',
        'Property in which a person designated under this program has an interest.',
      ],
    },
  },
  IRAN: {
    listings: [
      listing('us-ofac', ['IRAN'], 'Iranian Transactions and Sanctions Regulations, 31 CFR part 560', 2005, ANY, 3),
      listing('us-ofac', ['IRGC', 'SDGT'], EO_13224, 2007, ANY, 2),
      listing('us-ofac', ['NPWMD', 'IFSR'], EO_13382, 2005, ANY, 3),
      listing('us-ofac', ['IRAN-EO13902'], 'Executive Order 13902 of January 10, 2020', 2020, PARTIES, 1),
      listing('gb-ofsi', ['UK-IRAN-NUCLEAR'], 'The Iran (Sanctions) (Nuclear) (EU Exit) Regulations 2019', 2020, ANY, 1),
      listing('gb-ofsi', ['UK-IRAN'], 'The Iran (Sanctions) Regulations 2023', 2023, PARTIES, 1),
      listing('de-bafa', ['EU-IRAN-267/2012'], 'Council Regulation (EU) No 267/2012, Annex IX', 2012, PARTIES, 1),
      listing(...ENTITY_LIST, 2005, COMPANIES, 2),
      listing(...END_USER_LIST, 2005, COMPANIES, 1),
    ],
    rationales: {
      person: [
        "Procured components for Iran's ballistic missile program.",
        'Acted for or on behalf of the Islamic Revolutionary Guard Corps-Qods Force.',
        'Facilitated the sale of Iranian petroleum through front companies.',
      ],
      organisation: [
        "Procured items for Iran's unmanned aerial vehicle program.",
        "Front company used by Iran's Ministry of Defence and Armed Forces Logistics to acquire dual-use goods.",
        'Facilitated the sale and shipment of Iranian petroleum and petrochemical products.',
      ],
      craft: ['Transported Iranian-origin petroleum for a designated network.', ...PROLIFERATION_CRAFT],
    },
  },
  DPRK: {
    listings: [
      listing('us-ofac', ['DPRK3'], 'Executive Order 13722 of March 15, 2016', 2016, ANY, 3),
      listing('us-ofac', ['DPRK4'], 'Executive Order 13810 of September 20, 2017', 2017, ANY, 2),
      listing('us-ofac', ['NPWMD'], EO_13382, 2005, ANY, 2),
      listing('us-ofac', ['DPRK2'], 'Executive Order 13687 of January 2, 2015', 2015, PARTIES, 1),
      listing('gb-ofsi', ['UK-DPRK'], "The Democratic People's Republic of Korea (Sanctions) (EU Exit) Regulations 2019", 2020, ANY, 2),
      listing(...ENTITY_LIST, 2008, COMPANIES, 1),
      listing(...END_USER_LIST, 2008, COMPANIES, 1),
    ],
    rationales: {
      person: [
        "Representative abroad of a designated North Korean bank.",
        "Works for the Munitions Industry Department in procuring foreign technology.",
        'Generated revenue for the Government of North Korea through overseas IT workers.',
      ],
      organisation: [
        "Exported coal and iron ore in violation of UN Security Council resolutions.",
        'Procured equipment for North Korea’s ballistic missile program.',
        'Operates in the transportation industry of the North Korean economy.',
      ],
      craft: ['Engaged in ship-to-ship transfers of refined petroleum to North Korean tankers.', ...PROLIFERATION_CRAFT],
    },
  },
  TERRORISM: {
    listings: [
      listing('us-ofac', ['SDGT'], EO_13224, 2005, ANY, 6),
      listing('us-ofac', ['FTO', 'SDGT'], 'Immigration and Nationality Act, section 219; ' + EO_13224, 2005, COMPANIES, 1),
      listing('gb-ofsi', ['UK-CT'], 'The Counter-Terrorism (International Sanctions) (EU Exit) Regulations 2019', 2020, ANY, 2),
    ],
    rationales: {
      person: [
        'Provides financial support to a designated terrorist organisation.',
        'Senior leader and financier of a designated terrorist group.',
        'Facilitated the travel of foreign fighters and the transfer of funds to them.',
      ],
      organisation: [
        'Money service business used to move funds for a designated terrorist organisation.',
        'Front company that launders proceeds for a designated terrorist group.',
      ],
      craft: ['Used to transport weapons for a designated terrorist organisation.'],
    },
  },
  SYRIA: {
    listings: [
      listing('us-ofac', ['SYRIA'], 'Executive Order 13582 of August 17, 2011', 2011, ANY, 3),
      listing('us-ofac', ['SYRIA-EO13894'], 'Executive Order 13894 of October 14, 2019', 2019, PARTIES, 1),
      listing('gb-ofsi', ['UK-SYRIA'], 'The Syria (Sanctions) (EU Exit) Regulations 2019', 2020, ANY, 2),
      listing('de-bafa', ['EU-SYRIA-36/2012'], 'Council Regulation (EU) No 36/2012, Annex II', 2012, PARTIES, 1),
    ],
    rationales: {
      person: ['Businessperson who benefits from and supports the regime.', 'Senior officer responsible for the repression of the civilian population.'],
      organisation: ['Supplied fuel to the regime in exchange for access to state contracts.', 'Owned or controlled by a designated businessperson.'],
      craft: ['Delivered oil to the regime in breach of restrictive measures.'],
    },
  },
  NARCOTICS: {
    listings: [
      listing('us-ofac', ['SDNTK'], 'Foreign Narcotics Kingpin Designation Act, 21 U.S.C. 1901-1908', 2005, ANY, 3),
      listing('us-ofac', ['ILLICIT-DRUGS-EO14059'], 'Executive Order 14059 of December 15, 2021', 2021, ANY, 3),
      listing('us-ofac', ['TCO'], 'Executive Order 13581 of July 24, 2011', 2011, PARTIES, 1),
    ],
    rationales: {
      person: ['Launders proceeds of drug trafficking for a transnational criminal organisation.', 'Supplies precursor chemicals for the production of synthetic opioids.'],
      organisation: ['Front company used to launder narcotics proceeds.', 'Sells precursor chemicals used to produce fentanyl.'],
      craft: ['Used to transport narcotics for a designated trafficking organisation.'],
    },
  },
  VENEZUELA: {
    listings: [
      listing('us-ofac', ['VENEZUELA-EO13850'], 'Executive Order 13850 of November 1, 2018', 2018, ANY, 3),
      listing('us-ofac', ['VENEZUELA'], 'Executive Order 13692 of March 8, 2015', 2015, PARTIES, 2),
      listing('gb-ofsi', ['UK-VENEZUELA'], 'The Venezuela (Sanctions) (EU Exit) Regulations 2019', 2020, PARTIES, 1),
    ],
    rationales: {
      person: ['Current or former official of the Government of Venezuela.', 'Undermined democracy in Venezuela.'],
      organisation: ['Operates in the gold sector of the Venezuelan economy.', 'Part of a scheme to divert proceeds of the state oil company.'],
      craft: ['Transported Venezuelan crude oil for a designated person.'],
    },
  },
  CYBER: {
    listings: [
      listing('us-ofac', ['CYBER2'], 'Executive Order 13694 of April 1, 2015, as amended by Executive Order 13757', 2016, PARTIES, 3),
      listing('gb-ofsi', ['UK-CYBER'], 'The Cyber (Sanctions) (EU Exit) Regulations 2020', 2020, PARTIES, 2),
      listing(...ENTITY_LIST, 2016, COMPANIES, 1),
    ],
    rationales: {
      person: ['Member of a group that deployed ransomware against critical infrastructure.', 'Administered infrastructure used in malicious cyber-enabled activities.'],
      organisation: ['Developed and sold intrusion software used against journalists and officials.', 'Provided hosting services to ransomware operators.'],
      craft: [],
    },
  },
  PROLIFERATION: {
    listings: [
      listing('us-ofac', ['NPWMD'], EO_13382, 2005, ANY, 3),
      listing(...ENTITY_LIST, 2005, COMPANIES, 3),
      listing(...END_USER_LIST, 2005, COMPANIES, 2),
    ],
    rationales: {
      person: ['Brokered the supply of controlled items to weapons programs of concern.'],
      organisation: [
        'Supplied carbon fibre and machine tools to a missile program of concern.',
        'Diverted U.S.-origin items to a military end user without the required licence.',
      ],
      craft: PROLIFERATION_CRAFT,
    },
  },
  HUMAN_RIGHTS: {
    listings: [
      listing('us-ofac', ['GLOMAG'], 'Executive Order 13818 of December 20, 2017', 2017, PARTIES, 3),
      listing('gb-ofsi', ['UK-GHR'], 'The Global Human Rights Sanctions Regulations 2020', 2020, PARTIES, 2),
    ],
    rationales: {
      person: ['Responsible for serious human rights abuse.', 'Involved in the torture of detainees.'],
      organisation: ['Security contractor responsible for serious human rights abuse.'],
      craft: [],
    },
  },
};

/** Items are listed jointly: the Common High Priority List of the US, the EU, the UK and Japan. */
export const ITEM_LISTINGS: readonly Listing[] = [
  listing('us-bis', ['CHPL'], 'Export Administration Regulations, 15 CFR 746.8; Common High Priority List', 2023, ['ITEM'], 3),
  listing('gb-ecju', ['UK-CHPL'], 'The Russia (Sanctions) (EU Exit) Regulations 2019, Schedule 3A', 2023, ['ITEM'], 2),
  listing('de-bafa', ['EU-CHPL'], 'Council Regulation (EU) No 833/2014, Annex XL', 2023, ['ITEM'], 2),
  listing('jp-meti', ['JP-CHPL'], 'Foreign Exchange and Foreign Trade Act; Common High Priority Items', 2023, ['ITEM'], 1),
];

export const ITEM_RATIONALES = [
  'Found in Russian weapons systems recovered on the battlefield in Ukraine.',
  'Item of the highest priority for Russian procurement networks seeking to evade export controls.',
];
