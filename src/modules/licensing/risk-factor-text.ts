/**
 * The words of a risk factor, composed for one reader. A stored factor keeps its facts as data
 * (codes, ids, points, the values it is about); its description is written when someone reads
 * it, quoting only what that reader may see: the application's own fields its agreements
 * release to it, and the referenced partner record (designation, threat entry, denial,
 * unverified-list entry) only as released to it. The licensing agency that computed the factor
 * is one such reader.
 */
import type { RiskFactorCode, RiskFactorFacts, FactorParty } from './license-risk.ts';

/** What one reader may see of the application a factor belongs to and of the record it references. */
export interface FactorReader {
  /** Whether a field of the application is released to the reader. */
  application(field: string): boolean;
  /** The reader's fields of the referenced record; null when that record is not released to it. */
  reference: ((field: string) => boolean) | null;
}

/** The licensing agency composing at submission: it sees all it computed from. */
export const COMPUTING_AGENCY: FactorReader = { application: () => true, reference: () => true };

export interface DescribedFactor {
  code: RiskFactorCode;
  reference: string | null;
  facts: RiskFactorFacts;
}

export function describeRiskFactor({ code, reference, facts }: DescribedFactor, reader: FactorReader): string {
  const parties = reader.application('parties');
  const ref = reader.reference;
  const party = (p: FactorParty | undefined) => (parties && p ? `${p.role.toLowerCase().replace('_', ' ')} ${JSON.stringify(p.name)}` : 'a party');
  switch (code) {
    case 'DESTINATION_TIER':
      return reader.application('destinationCountry') ? `destination ${facts.country} is in tier ${facts.tier}` : `the destination is in tier ${facts.tier}`;
    case 'PARTY_COUNTRY_TIER':
      return parties
        ? `${(facts.parties ?? []).map(party).join(', ')} in ${facts.country}, tier ${facts.tier}`
        : `parties in a country other than the destination, tier ${facts.tier}`;
    case 'ITEM_SENSITIVITY': {
      const note = facts.counted === false ? '; not counted: the most sensitive item sets the item score' : '';
      return reader.application('items')
        ? `item ${facts.controlListCode} is ${facts.sensitivity} sensitivity (${facts.decidedBy})${note}`
        : `an item is ${facts.sensitivity} sensitivity${note}`;
    }
    case 'SANCTIONS_MATCH': {
      const exact = facts.exactOrIdentifierMatch ? ', exact or identifier match' : '';
      const note = facts.counted === false ? '; not counted: a stronger hit on the same party counts' : '';
      const listed = ref ? `designation ${reference}` : 'a designation not released to you';
      // The name matched may be the primary name or an alias: quoted only to a reader given both.
      const as = ref?.('primaryName') && ref('aliases') ? ` as ${JSON.stringify(facts.matchedName)}` : '';
      return `${party(facts.parties?.[0])} matches ${listed}${as} (score ${(facts.score ?? 0).toFixed(2)}${exact})${note}`;
    }
    case 'UNVERIFIED_PARTY': {
      const outcome = ref?.('outcome') ? ` (end-use check ${facts.outcome})` : '';
      return `${party(facts.parties?.[0])} is on the unverified list${outcome}${facts.counted === false ? '; already counted for this party' : ''}`;
    }
    case 'DENIAL_UNDERCUT':
      return ref ? `essentially matches denial ${reference} notified by ${facts.notifyingAgency}` : "essentially matches a partner's denial not released to you";
    case 'RED_FLAG': {
      const what = !ref ? 'a red flag not released to you' : ref('title') && facts.title != null ? `red flag ${JSON.stringify(facts.title)}` : `red flag ${reference}`;
      return `${what} (${facts.severity})${facts.counted === false ? '; already counted' : ''}`;
    }
  }
}
