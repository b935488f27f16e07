/**
 * The words of a risk factor, composed for one reader. A stored factor keeps its facts as data
 * (codes, ids, points, the values it is about); its description is written when someone reads
 * it, quoting only what that reader may see: the application's own fields its agreements
 * release to it, and the referenced partner record (designation, threat entry, denial,
 * unverified-list entry) only as released to it. The licensing agency that computed the factor
 * is one such reader.
 */
import type { RiskFactorCode, RiskFactorFacts, FactorParty } from './license-risk.ts';

/** A referenced record as one reader may see it: `has` (decided by src/policy) says which of its fields may be quoted. */
export interface ReferencedRecord {
  has(field: string): boolean;
  /** The stored record, read only where `has` allows; absent when the text is composed without it. */
  row?: Readonly<Record<string, unknown>> | null;
}

/** What one reader may see of the application a factor belongs to and of the record it references. */
export interface FactorReader {
  /** Whether a field of the application is released to the reader. */
  application(field: string): boolean;
  /** The referenced record as the reader may see it; null when that record is not released to it. */
  reference: ReferencedRecord | null;
}

/** The licensing agency composing at submission: it sees all it computed from. */
export const COMPUTING_AGENCY: FactorReader = { application: () => true, reference: { has: () => true } };

/**
 * Who listed a designation, on which list and under which programs, as far as the reader is
 * given them: the owner travels with every released record; the list and programs only with
 * the fields that hold them. A withheld field is not quoted, not even as "withheld".
 */
export function listingOf(designation: ReferencedRecord): string {
  const row = designation.row;
  if (!row) return '';
  const parts = [`of ${String(row.ownerAgencyId)}`];
  if (designation.has('sourceList') && typeof row.sourceList === 'string') parts.push(`on list ${row.sourceList}`);
  const programs = designation.has('programs') && Array.isArray(row.programs) ? (row.programs as string[]) : [];
  if (programs.length > 0) parts.push(`under program${programs.length > 1 ? 's' : ''} ${programs.join(', ')}`);
  return ` ${parts.join(' ')}`;
}

export interface DescribedFactor {
  code: RiskFactorCode;
  reference: string | null;
  facts: RiskFactorFacts;
}

export function describeRiskFactor({ code, reference, facts }: DescribedFactor, reader: FactorReader): string {
  const parties = reader.application('parties');
  const ref = reader.reference?.has ?? null;
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
      const listed = reader.reference ? `designation ${reference}${listingOf(reader.reference)}` : 'a designation not released to you';
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
    case 'NO_SANCTIONS_LIST':
      return 'screened against no sanctions list: none was in view of the licensing agency, so no party could match; not eligible for the fast track';
    case 'POST_DECISION_ESCALATION': {
      const score = facts.score == null ? '' : ` (score ${facts.score.toFixed(2)})`;
      return `after the decision: ${String(facts.escalationKind)}${score}; recommended action ${String(facts.recommendedAction)}`;
    }
    case 'RED_FLAG': {
      const what = !ref ? 'a red flag not released to you' : ref('title') && facts.title != null ? `red flag ${JSON.stringify(facts.title)}` : `red flag ${reference}`;
      return `${what} (${facts.severity})${facts.counted === false ? '; already counted' : ''}`;
    }
  }
}
