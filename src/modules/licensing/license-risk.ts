/**
 * Risk scoring of a license application and the review lane it goes to. Pure: the findings
 * (screening hits, red flags, unverified parties, denial matches) are computed elsewhere and
 * the numbers come from `policies/license-risk.yaml` (see risk-policy.ts).
 *
 * Which factors are listed: every finding, always (even one worth 0 points, since any finding
 * keeps the application off the fast track), and every destination, party country or item
 * that is above the lowest tier or earns points. A clean fast-track case lists nothing. The
 * listed points add up to the score before clamping to 0..100.
 */
import type { ReviewLane } from '../licenses/license-workflow.ts';
import {
  DESTINATION_TIERS,
  type DestinationTier,
  type ItemSensitivity,
  ITEM_SENSITIVITIES,
  type RedFlagSeverity,
  type RiskPolicy,
} from './risk-policy.ts';
import { COMPUTING_AGENCY, describeRiskFactor } from './risk-factor-text.ts';

export const PARTY_ROLES = ['END_USER', 'CONSIGNEE', 'INTERMEDIARY', 'PURCHASER'] as const;
export type PartyRole = (typeof PARTY_ROLES)[number];

export interface ApplicationItem {
  /** As on the control list: `3A001.B.4`, `ML8`, `EAR99`. */
  controlListCode: string;
  /** An officer's judgment, which wins over the policy's rules. */
  sensitivityOverride?: ItemSensitivity | null;
  /** Carried for the officer, not scored: what is exported, not how much, decides the lane. */
  quantity: number;
  value: number;
}

export interface ApplicationParty {
  role: PartyRole;
  name: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
}

export interface ScreeningHit {
  /** Index into `RiskInput.parties`. */
  partyIndex: number;
  designationId: string;
  matchedName: string;
  /** 0..1, from name matching. */
  score: number;
  /** Exact name, or an identifier such as a passport or registration number. */
  exactOrIdentifierMatch: boolean;
}

export interface RedFlag {
  threatEntryId: string;
  /** Null when the entry's owner does not release its title to the licensing agency. */
  title: string | null;
  severity: RedFlagSeverity;
}

/** The party is on the agency's unverified list after an UNFAVORABLE or UNVERIFIABLE end-use check. */
export interface UnverifiedPartyHit {
  partyIndex: number;
  unverifiedEntryId: string;
  outcome: 'UNFAVORABLE' | 'UNVERIFIABLE';
}

/** A denial another agency notified that this application essentially matches. */
export interface DenialMatch {
  denialId: string;
  notifyingAgency: string;
}

export interface RiskFindings {
  screeningHits: readonly ScreeningHit[];
  redFlags: readonly RedFlag[];
  unverifiedParties: readonly UnverifiedPartyHit[];
  denialMatches: readonly DenialMatch[];
}

export interface RiskInput {
  /**
   * How many sanctions lists (owner and source list) had candidates for this screening. None
   * means no party could have matched anything: the case is never fast-tracked.
   */
  screenedLists: number;
  destinationCountry: string;
  items: readonly ApplicationItem[];
  parties: readonly ApplicationParty[];
  findings: RiskFindings;
}

export const RISK_FACTOR_CODES = [
  'DESTINATION_TIER',
  'PARTY_COUNTRY_TIER',
  'ITEM_SENSITIVITY',
  'SANCTIONS_MATCH',
  'UNVERIFIED_PARTY',
  'DENIAL_UNDERCUT',
  'RED_FLAG',
  'NO_SANCTIONS_LIST',
  // Added after the decision, by re-scoring a granted license (escalation-rescore.ts).
  'POST_DECISION_ESCALATION',
] as const;
export type RiskFactorCode = (typeof RISK_FACTOR_CODES)[number];

export type RiskSubject =
  | { kind: 'DESTINATION'; country: string }
  | { kind: 'PARTY_COUNTRY'; country: string; partyIndexes: number[] }
  | { kind: 'ITEM'; itemIndex: number; controlListCode: string }
  | { kind: 'PARTY'; partyIndex: number; role: PartyRole; name: string }
  | { kind: 'APPLICATION' };

export interface RiskFactor {
  code: RiskFactorCode;
  points: number;
  /** For the licensing agency that computed it; stored factors are described to each reader from `facts`. */
  description: string;
  subject: RiskSubject;
  /** The record behind a finding: designation, unverified-list entry, denial or threat entry id. */
  reference: string | null;
  /** What the description says, as data: stored with the factor and described again for each reader. */
  facts: RiskFactorFacts;
}

/** A party as a factor names it. */
export interface FactorParty {
  role: PartyRole;
  name: string;
}

/** The values a factor's description quotes; which of them a reader is told is decided when it reads. */
export interface RiskFactorFacts {
  country?: string;
  tier?: DestinationTier;
  parties?: FactorParty[];
  controlListCode?: string;
  sensitivity?: ItemSensitivity;
  decidedBy?: string;
  /** False for a finding listed at 0 points because another one counts. */
  counted?: boolean;
  matchedName?: string;
  score?: number;
  exactOrIdentifierMatch?: boolean;
  outcome?: UnverifiedPartyHit['outcome'];
  notifyingAgency?: string;
  severity?: RedFlagSeverity;
  /** A red flag's title, when its owner released it to the licensing agency. */
  title?: string | null;
  /** For NO_SANCTIONS_LIST: how many lists were screened against (0). */
  screenedLists?: number;
  /** For POST_DECISION_ESCALATION: the kind of finding and what the hub recommends. */
  escalationKind?: string;
  recommendedAction?: string;
}

export interface RiskAssessment {
  /** 0..100. */
  score: number;
  factors: RiskFactor[];
  lane: ReviewLane;
  /** Why this lane: what escalated it, or what kept it off the fast track. Empty on the fast track. */
  laneReasons: string[];
}

/** A factor before it is put into words. */
type FoundFactor = Omit<RiskFactor, 'description'>;

const LANE_ORDER: readonly ReviewLane[] = ['FAST_TRACK', 'STANDARD_REVIEW', 'ESCALATED'];

/** Lanes from least to most scrutiny, for comparisons. */
export function laneRank(lane: ReviewLane): number {
  return LANE_ORDER.indexOf(lane);
}

export function destinationTierOf(policy: RiskPolicy, country: string): DestinationTier {
  return policy.destinations.tierByCountry.get(country.trim().toUpperCase()) ?? policy.destinations.defaultTier;
}

/** The sensitivity of a control-list code and what decided it. */
export function itemSensitivityOf(policy: RiskPolicy, controlListCode: string): { sensitivity: ItemSensitivity; decidedBy: string } {
  const code = controlListCode.trim().toUpperCase();
  for (const rule of policy.items.rules) {
    const matches = 'prefix' in rule.match ? code.startsWith(rule.match.prefix) : rule.match.pattern.test(code);
    if (!matches) continue;
    const how = 'prefix' in rule.match ? `prefix ${rule.match.prefix}` : `pattern ${rule.match.pattern.source}`;
    return { sensitivity: rule.sensitivity, decidedBy: `policy rule ${how}${rule.note ? ` (${rule.note})` : ''}` };
  }
  return { sensitivity: policy.items.defaultSensitivity, decidedBy: 'policy default' };
}

export function assessLicenseRisk(input: RiskInput, policy: RiskPolicy): RiskAssessment {
  checkFindings(input);
  const context = new AssessmentContext(input, policy);
  const found = [
    ...destinationFactors(context),
    ...partyCountryFactors(context),
    ...itemFactors(context),
    ...sanctionsFactors(context),
    ...unverifiedPartyFactors(context),
    ...denialFactors(context),
    ...redFlagFactors(context),
    ...coverageFactors(context),
  ];
  const factors = found.map((factor) => ({ ...factor, description: describeRiskFactor(factor, COMPUTING_AGENCY) }));
  const score = Math.min(100, Math.max(0, factors.reduce((sum, factor) => sum + factor.points, 0)));
  const escalations = escalationReasons(context, score);
  if (escalations.length > 0) return { score, factors, lane: 'ESCALATED', laneReasons: escalations };
  const blockers = fastTrackBlockers(context);
  if (blockers.length > 0) return { score, factors, lane: 'STANDARD_REVIEW', laneReasons: blockers };
  return { score, factors, lane: 'FAST_TRACK', laneReasons: [] };
}

/** Derived facts shared by the factor and lane rules, computed once. */
class AssessmentContext {
  readonly destination: string;
  readonly destinationTier: DestinationTier;
  /** Countries where parties sit other than the destination, in order of first appearance. */
  readonly partyCountries: { country: string; tier: DestinationTier; partyIndexes: number[] }[];
  readonly items: { item: ApplicationItem; sensitivity: ItemSensitivity; decidedBy: string }[];

  constructor(
    readonly input: RiskInput,
    readonly policy: RiskPolicy,
  ) {
    this.destination = input.destinationCountry.trim().toUpperCase();
    this.destinationTier = destinationTierOf(policy, this.destination);
    const byCountry = new Map<string, number[]>();
    input.parties.forEach((party, index) => {
      const country = party.country.trim().toUpperCase();
      if (country !== this.destination) byCountry.set(country, [...(byCountry.get(country) ?? []), index]);
    });
    this.partyCountries = [...byCountry].map(([country, partyIndexes]) => ({ country, tier: destinationTierOf(policy, country), partyIndexes }));
    this.items = input.items.map((item) =>
      item.sensitivityOverride
        ? { item, sensitivity: item.sensitivityOverride, decidedBy: 'set on the application' }
        : { item, ...itemSensitivityOf(policy, item.controlListCode) },
    );
  }

  partySubject(partyIndex: number): RiskSubject {
    const party = this.input.parties[partyIndex]!;
    return { kind: 'PARTY', partyIndex, role: party.role, name: party.name };
  }

  party(partyIndex: number): FactorParty {
    const { role, name } = this.input.parties[partyIndex]!;
    return { role, name };
  }

  partyLabel(partyIndex: number): string {
    const party = this.input.parties[partyIndex]!;
    return `${party.role.toLowerCase().replace('_', ' ')} ${JSON.stringify(party.name)}`;
  }

  hasFindings(): boolean {
    const { screeningHits, redFlags, unverifiedParties, denialMatches } = this.input.findings;
    return screeningHits.length + redFlags.length + unverifiedParties.length + denialMatches.length > 0;
  }
}

function destinationFactors({ destination, destinationTier, policy }: AssessmentContext): FoundFactor[] {
  const points = policy.points.destinationTier[destinationTier];
  if (points === 0 && destinationTier === 'LOW') return [];
  return [
    {
      code: 'DESTINATION_TIER',
      points,
      subject: { kind: 'DESTINATION', country: destination },
      reference: null,
      facts: { country: destination, tier: destinationTier },
    },
  ];
}

/** Each extra jurisdiction a party sits in is a chance to divert; counted once per country. */
function partyCountryFactors(context: AssessmentContext): FoundFactor[] {
  return context.partyCountries.flatMap(({ country, tier, partyIndexes }) => {
    const points = context.policy.points.partyCountryTier[tier];
    if (points === 0 && tier === 'LOW') return [];
    return [
      {
        code: 'PARTY_COUNTRY_TIER' as const,
        points,
        subject: { kind: 'PARTY_COUNTRY' as const, country, partyIndexes },
        reference: null,
        facts: { country, tier, parties: partyIndexes.map((i) => context.party(i)) },
      },
    ];
  });
}

/** The most sensitive item sets the item score; the other sensitive items are listed at 0. */
function itemFactors(context: AssessmentContext): FoundFactor[] {
  const pointsFor = (s: ItemSensitivity) => context.policy.points.itemSensitivity[s];
  const counted = indexOfFirstMax(context.items.map(({ sensitivity }) => pointsFor(sensitivity)));
  return context.items.flatMap(({ item, sensitivity, decidedBy }, itemIndex) => {
    const points = itemIndex === counted ? pointsFor(sensitivity) : 0;
    if (points === 0 && sensitivity === 'LOW') return [];
    const code = item.controlListCode.trim().toUpperCase();
    return [
      {
        code: 'ITEM_SENSITIVITY' as const,
        points,
        subject: { kind: 'ITEM' as const, itemIndex, controlListCode: code },
        reference: null,
        facts: { controlListCode: code, sensitivity, decidedBy, counted: itemIndex === counted },
      },
    ];
  });
}

/**
 * Per party, its strongest hit counts: the same person is often listed by several authorities
 * (UN, EU, OFAC), and three listings are not three times the risk. Other hits are listed at 0.
 */
function sanctionsFactors(context: AssessmentContext): FoundFactor[] {
  const { atFullScore, exactOrIdentifierMatch } = context.policy.points.sanctionsMatch;
  const hits = context.input.findings.screeningHits;
  const pointsOf = (hit: ScreeningHit) => Math.round(atFullScore * hit.score) + (hit.exactOrIdentifierMatch ? exactOrIdentifierMatch : 0);
  const strongestByParty = new Map<number, number>();
  hits.forEach((hit, i) => {
    const best = strongestByParty.get(hit.partyIndex);
    if (best === undefined || pointsOf(hit) > pointsOf(hits[best]!)) strongestByParty.set(hit.partyIndex, i);
  });
  const countedIndexes = new Set(strongestByParty.values());
  return hits.map((hit, i) => {
    return {
      code: 'SANCTIONS_MATCH',
      points: countedIndexes.has(i) ? pointsOf(hit) : 0,
      subject: context.partySubject(hit.partyIndex),
      reference: hit.designationId,
      facts: {
        parties: [context.party(hit.partyIndex)],
        matchedName: hit.matchedName,
        score: hit.score,
        exactOrIdentifierMatch: hit.exactOrIdentifierMatch,
        counted: countedIndexes.has(i),
      },
    };
  });
}

function unverifiedPartyFactors(context: AssessmentContext): FoundFactor[] {
  const counted = new Set<number>();
  return context.input.findings.unverifiedParties.map((hit) => {
    const first = !counted.has(hit.partyIndex);
    counted.add(hit.partyIndex);
    return {
      code: 'UNVERIFIED_PARTY',
      points: first ? context.policy.points.unverifiedParty : 0,
      subject: context.partySubject(hit.partyIndex),
      reference: hit.unverifiedEntryId,
      facts: { parties: [context.party(hit.partyIndex)], outcome: hit.outcome, counted: first },
    };
  });
}

/** Approving what a partner denied would undercut its denial: regimes expect consultation first. */
function denialFactors(context: AssessmentContext): FoundFactor[] {
  return context.input.findings.denialMatches.map((match) => ({
    code: 'DENIAL_UNDERCUT',
    points: context.policy.points.denialUndercut,
    subject: { kind: 'APPLICATION' },
    reference: match.denialId,
    facts: { notifyingAgency: match.notifyingAgency },
  }));
}

function redFlagFactors(context: AssessmentContext): FoundFactor[] {
  const counted = new Set<string>();
  return context.input.findings.redFlags.map((flag) => {
    const first = !counted.has(flag.threatEntryId);
    counted.add(flag.threatEntryId);
    return {
      code: 'RED_FLAG',
      points: first ? context.policy.points.redFlag[flag.severity] : 0,
      subject: { kind: 'APPLICATION' },
      reference: flag.threatEntryId,
      facts: { severity: flag.severity, title: flag.title, counted: first },
    };
  });
}

/**
 * A screening with no sanctions list in view proves nothing about the parties: it is listed
 * (so the officer sees why the case is not on the fast track) at no points, because what is
 * missing is the screening, not a finding about the application.
 */
function coverageFactors(context: AssessmentContext): FoundFactor[] {
  if (context.input.screenedLists > 0) return [];
  return [{ code: 'NO_SANCTIONS_LIST', points: 0, subject: { kind: 'APPLICATION' }, reference: null, facts: { screenedLists: 0 } }];
}

/**
 * Any one of these sends the case to ESCALATED. An exact or identifier match escalates even
 * with a low name score: a changed name with the old passport number is how evasion looks.
 */
function escalationReasons(context: AssessmentContext, score: number): string[] {
  const { findings } = context.input;
  const { sanctionsMatchScore, totalScore } = context.policy.escalation;
  const reasons: string[] = [];
  for (const hit of findings.screeningHits) {
    if (hit.score >= sanctionsMatchScore) {
      reasons.push(`${context.partyLabel(hit.partyIndex)} matches designation ${hit.designationId} with score ${hit.score.toFixed(2)} (escalates at ${sanctionsMatchScore})`);
    } else if (hit.exactOrIdentifierMatch) {
      reasons.push(`${context.partyLabel(hit.partyIndex)} matches designation ${hit.designationId} exactly or by identifier`);
    }
  }
  for (const hit of findings.unverifiedParties) reasons.push(`${context.partyLabel(hit.partyIndex)} is on the unverified list`);
  for (const match of findings.denialMatches) reasons.push(`matches denial ${match.denialId} notified by ${match.notifyingAgency}`);
  for (const flag of findings.redFlags) if (flag.severity === 'CRITICAL') reasons.push(`CRITICAL red flag ${flag.title === null ? flag.threatEntryId : JSON.stringify(flag.title)}`);
  if (context.destinationTier === 'EMBARGOED') reasons.push(`destination ${context.destination} is EMBARGOED`);
  for (const { country, tier } of context.partyCountries) if (tier === 'EMBARGOED') reasons.push(`a party sits in ${country}, which is EMBARGOED`);
  if (score >= totalScore) reasons.push(`score ${score} is at or above the escalation threshold ${totalScore}`);
  return reasons;
}

/** The fast track is for applications with nothing at all to look at. */
function fastTrackBlockers(context: AssessmentContext): string[] {
  const lowestTier: DestinationTier = DESTINATION_TIERS[0];
  const lowestSensitivity: ItemSensitivity = ITEM_SENSITIVITIES[0];
  const blockers: string[] = [];
  if (context.hasFindings()) blockers.push('screening found something to review');
  if (context.input.screenedLists === 0) blockers.push('no sanctions list was in view: the parties were screened against nothing');
  if (context.destinationTier !== lowestTier) blockers.push(`destination ${context.destination} is in tier ${context.destinationTier}`);
  for (const { country, tier } of context.partyCountries) if (tier !== lowestTier) blockers.push(`a party sits in ${country}, tier ${tier}`);
  for (const { item, sensitivity } of context.items) {
    if (sensitivity !== lowestSensitivity) blockers.push(`item ${item.controlListCode} is ${sensitivity} sensitivity`);
  }
  return blockers;
}

/** Findings point at parties by index; a wrong index or score is a bug in the caller. */
function checkFindings(input: RiskInput): void {
  const { screeningHits, unverifiedParties } = input.findings;
  for (const { partyIndex } of [...screeningHits, ...unverifiedParties]) {
    if (!Number.isInteger(partyIndex) || partyIndex < 0 || partyIndex >= input.parties.length) {
      throw new RangeError(`a finding names party ${partyIndex}, but the application has ${input.parties.length} parties`);
    }
  }
  for (const hit of screeningHits) {
    if (!(hit.score >= 0 && hit.score <= 1)) throw new RangeError(`screening hit ${hit.designationId} has score ${hit.score}, outside 0..1`);
  }
}

/** The index of the first largest value, or -1 for an empty list. */
function indexOfFirstMax(values: readonly number[]): number {
  return values.reduce((best, value, i) => (best < 0 || value > values[best]! ? i : best), -1);
}
