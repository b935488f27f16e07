/**
 * Generated text and access by participation, pure: what a risk factor, an escalation or a
 * transition reason says to a reader given only some fields, and who may act on an end-use
 * check or a denial consultation.
 */
import { describe, expect, it } from 'vitest';
import type { Role } from '../../src/auth/caller.ts';
import type { DenialNotificationRow, EndUseCheckRow } from '../../src/db/schema/index.ts';
import { quotedBy, reasonCodeOf } from '../../src/modules/licenses/transition-reasons.ts';
import { SYSTEM_ACTORS } from '../../src/modules/licenses/system-actors.ts';
import { describeEscalation, type EscalationReader } from '../../src/modules/licensing/escalation-text.ts';
import { COMPUTING_AGENCY, listingOf, describeRiskFactor, type FactorReader } from '../../src/modules/licensing/risk-factor-text.ts';
import { ALWAYS_RELEASED, CATALOGUE } from '../../src/policy/catalogue.ts';
import { AccessDecision } from '../../src/policy/decision.ts';
import { answersConsultation, isConsultationParty, outcomeRefusal } from '../../src/policy/participation.ts';
import { quotedTextReleased, referencedRecordView } from '../../src/policy/quoted-text.ts';
import type { Viewer } from '../../src/policy/viewer.ts';

const nothing: FactorReader = { application: () => false, reference: null };
const party = { role: 'CONSIGNEE' as const, name: 'Gulf Trading FZE' };

describe('risk factor descriptions', () => {
  it('quote parties, items, destination and referenced records only to a reader given them', () => {
    const sanctions = { code: 'SANCTIONS_MATCH' as const, reference: 'd-1', facts: { parties: [party], matchedName: 'GULF TRADING', score: 0.9, counted: true } };
    expect(describeRiskFactor(sanctions, COMPUTING_AGENCY)).toBe('consignee "Gulf Trading FZE" matches designation d-1 as "GULF TRADING" (score 0.90)');
    expect(describeRiskFactor(sanctions, nothing)).toBe('a party matches a designation not released to you (score 0.90)');
    // The designation is visible but its aliases are not: the matched name may be one, so it is not quoted.
    expect(describeRiskFactor(sanctions, { application: () => true, reference: { has: (f: string) => f === 'primaryName' } })).toBe(
      'consignee "Gulf Trading FZE" matches designation d-1 (score 0.90)',
    );
    const item = { code: 'ITEM_SENSITIVITY' as const, reference: null, facts: { controlListCode: 'ML10', sensitivity: 'HIGH' as const, decidedBy: 'policy rule prefix ML', counted: true } };
    expect(describeRiskFactor(item, nothing)).toBe('an item is HIGH sensitivity');
    const destination = { code: 'DESTINATION_TIER' as const, reference: null, facts: { country: 'RU', tier: 'HIGH' as const } };
    expect(describeRiskFactor(destination, nothing)).toBe('the destination is in tier HIGH');
    const flag = { code: 'RED_FLAG' as const, reference: 't-1', facts: { severity: 'HIGH' as const, title: 'Optics for a weapons programme', counted: true } };
    expect(describeRiskFactor(flag, nothing)).toBe('a red flag not released to you (HIGH)');
    expect(describeRiskFactor(flag, { application: () => true, reference: { has: (f: string) => f !== 'title' } })).toBe('red flag t-1 (HIGH)');
    const denial = { code: 'DENIAL_UNDERCUT' as const, reference: 'n-1', facts: { notifyingAgency: 'jp-meti' } };
    expect(describeRiskFactor(denial, nothing)).toBe("essentially matches a partner's denial not released to you");
  });

  it('name the owner of a matched designation, and its list and programs only where those fields are released', () => {
    const sanctions = { code: 'SANCTIONS_MATCH' as const, reference: 'd-1', facts: { parties: [party], matchedName: 'GULF TRADING', score: 0.9, counted: true } };
    const row = { id: 'd-1', ownerAgencyId: 'us-ofac', sourceList: 'EU-FSF', programs: ['IRN', 'TERR'] };
    const whole = { application: () => true, reference: { has: () => true, row } };
    expect(describeRiskFactor(sanctions, whole)).toBe(
      'consignee "Gulf Trading FZE" matches designation d-1 of us-ofac on list EU-FSF under programs IRN, TERR as "GULF TRADING" (score 0.90)',
    );
    const identityOnly = { application: () => true, reference: { has: (f: string) => ['primaryName', 'aliases'].includes(f), row } };
    const described = describeRiskFactor(sanctions, identityOnly);
    expect(described).toBe('consignee "Gulf Trading FZE" matches designation d-1 of us-ofac as "GULF TRADING" (score 0.90)');
    expect(described).not.toMatch(/EU-FSF|IRN|TERR/);
    expect(listingOf({ has: (f) => f === 'programs', row: { ...row, programs: ['IRN'] } })).toBe(' of us-ofac under program IRN');
  });
});

describe('escalation details', () => {
  const denialRow = { id: 'n-1', ownerAgencyId: 'jp-meti', reasonCategory: 'MILITARY_END_USE', controlListCodes: ['7A003'] } as DenialNotificationRow;
  const reader = (overrides: Partial<EscalationReader>): EscalationReader => ({
    application: () => true,
    partyName: () => 'Osprey Avionics',
    itemCodes: ['7A003.a'],
    designation: null,
    denial: null,
    endUseCheck: null,
    ...overrides,
  });
  const undercut = { kind: 'DENIAL_UNDERCUT' as const, partyPosition: 0, score: 0.97 };

  it('name the denial, its reason and the overlapping codes only as released to the reader', () => {
    const all = reader({ denial: { row: denialRow, has: () => true } });
    expect(describeEscalation(undercut, all)).toBe(
      'party "Osprey Avionics" essentially matches denial notification n-1 of jp-meti (score 0.97; denied for MILITARY_END_USE; overlapping classifications 7A003.a): consult the denying agency before deciding.',
    );
    const codesWithheld = reader({ denial: { row: denialRow, has: (f) => f !== 'controlListCodes' && f !== 'reasonCategory' } });
    expect(describeEscalation(undercut, codesWithheld)).not.toMatch(/7A003|MILITARY/);
    const unseen = describeEscalation(undercut, reader({ application: () => false }));
    expect(unseen).toBe("party 0 essentially matches a partner's denial not released to you (score 0.97): consult before deciding.");
  });

  it('describe an end-use check only as released to the reader', () => {
    const check = { id: 'c-1', kind: 'POST_SHIPMENT_VERIFICATION', performingAgencyId: 'jp-meti', outcome: 'UNFAVORABLE', outcomeDate: '2026-11-01' } as EndUseCheckRow;
    const flagged = { kind: 'UNFAVORABLE_VERIFICATION' as const, partyPosition: 0, score: null };
    expect(describeEscalation(flagged, reader({ endUseCheck: { row: check, has: () => true } }))).toBe(
      'POST_SHIPMENT_VERIFICATION c-1 by jp-meti on party "Osprey Avionics": UNFAVORABLE (2026-11-01)',
    );
    expect(describeEscalation(flagged, reader({ endUseCheck: { row: check, has: (f) => f === 'kind' } }))).toBe(
      'POST_SHIPMENT_VERIFICATION c-1 on party "Osprey Avionics": an adverse outcome',
    );
  });
});

describe('transition reasons', () => {
  const own = new AccessDecision('de-bafa', []);
  const historyOnly = new AccessDecision('us-ofac', [
    { type: 'LicenseApplication', grantor: 'de-bafa', agreementId: 'a', fields: new Set([...ALWAYS_RELEASED, 'transitions']), ceiling: 'AMBER', conditions: {} },
  ]);
  const application = { ownerAgencyId: 'de-bafa', marking: 'GREEN' as const, releasableTo: null };

  it('carry a code for every kind of reason the hub or an officer records', () => {
    expect(reasonCodeOf({ action: 'routeToStandardReview', actorUserId: 'officer', reason: 'risk score 31' })).toBe('RISK_ASSESSMENT');
    expect(reasonCodeOf({ action: 'escalate', actorUserId: SYSTEM_ACTORS.escalation, reason: 'DENIAL_UNDERCUT' })).toBe('ESCALATION');
    expect(reasonCodeOf({ action: 'escalate', actorUserId: 'officer', reason: 'looks odd' })).toBe('OFFICER_RATIONALE');
    expect(reasonCodeOf({ action: 'appeal', actorUserId: 'officer', reason: 'grounds' })).toBe('APPEAL_GROUNDS');
    expect(reasonCodeOf({ action: 'submit', actorUserId: 'officer', reason: null })).toBeNull();
    expect(reasonCodeOf({ action: 'expire', actorUserId: SYSTEM_ACTORS.expiry, reason: 'expired on 2026-01-31' })).toBe('EXPIRY');
    expect(reasonCodeOf({ action: 'overrideConsultation', actorUserId: 'officer', reason: 'approved despite consultation c-1' })).toBe('CONSULTATION');
    expect(reasonCodeOf({ action: 'answerConsultation', actorUserId: 'officer', reason: 'consultation c-1: de-bafa answered UPHELD' })).toBe('CONSULTATION');
    expect(reasonCodeOf({ action: 'acknowledgeEscalation', actorUserId: 'officer', reason: 'escalation e-1 closed' })).toBe('ACKNOWLEDGEMENT');
  });

  it('release the words only with every field they quote', () => {
    for (const code of ['RISK_ASSESSMENT', 'ESCALATION', 'EXPIRY', 'OFFICER_RATIONALE', 'APPEAL_GROUNDS'] as const) {
      expect(quotedBy(code).every((field) => CATALOGUE.LicenseApplication.fields.includes(field))).toBe(true);
      expect(quotedTextReleased(own, 'LicenseApplication', application, quotedBy(code))).toBe(true);
      expect(quotedTextReleased(historyOnly, 'LicenseApplication', { ...application }, quotedBy(code))).toBe(false);
    }
    expect(referencedRecordView(historyOnly, 'ThreatEntry', { ownerAgencyId: 'de-bafa', marking: 'GREEN', releasableTo: null })).toBeNull();
  });
});

describe('access by participation', () => {
  const viewer = (agencyId: string, roles: Role[]): Viewer => ({ caller: { agencyId, userId: 'u', roles }, access: new AccessDecision(agencyId, []) });
  const check = { participants: ['jp-meti'] };

  it('lets only the performing agency, with an outcome role, record an end-use outcome', () => {
    expect(outcomeRefusal(viewer('jp-meti', ['verification_officer']), check)).toBeNull();
    expect(outcomeRefusal(viewer('jp-meti', ['agency_admin']), check)).toBeNull();
    expect(outcomeRefusal(viewer('jp-meti', ['licensing_officer']), check)).toBe('ROLE_MISSING');
    expect(outcomeRefusal(viewer('de-bafa', ['verification_officer']), check)).toBe('NOT_PERFORMING_AGENCY');
  });

  it('shows a consultation to its two agencies only and lets the denying one answer', () => {
    const consultation = { consultingAgencyId: 'jp-meti', denyingAgencyId: 'de-bafa' };
    expect(['jp-meti', 'de-bafa', 'gb-ofsi'].map((agency) => isConsultationParty(agency, consultation))).toEqual([true, true, false]);
    expect(answersConsultation(viewer('de-bafa', ['licensing_officer']), consultation)).toBe(true);
    expect(answersConsultation(viewer('jp-meti', ['licensing_officer']), consultation)).toBe(false);
  });
});
