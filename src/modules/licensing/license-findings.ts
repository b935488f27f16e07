/**
 * What a license says about its findings, as one reader may see it: risk factors, escalations
 * and transition reasons are stored as data and put into words here, per request, through the
 * reader's access decision. The records they reference are loaded as the reader may see them
 * (one query per kind for a page), and a reference to a record it may not see reads null.
 */
import type DataLoader from 'dataloader';
import type { Executor } from '../../db/client.ts';
import type {
  LicenseApplicationRow,
  LicenseEscalationRow,
  LicenseItemRow,
  LicensePartyRow,
  LicenseScreeningRow,
  LicenseTransitionRow,
} from '../../db/schema/index.ts';
import { isUuid } from '../../lib/ids.ts';
import type { RecordType } from '../../policy/catalogue.ts';
import type { ShareableRecord } from '../../policy/decision.ts';
import { quotedTextReleased, referencedRecordView } from '../../policy/quoted-text.ts';
import type { Viewer } from '../../policy/viewer.ts';
import { ownsRecord } from '../../policy/participation.ts';
import { linkedRecordLoader } from '../../kernel/loaders.ts';
import { DenialNotificationRepository } from '../denials/denial-notification.repository.ts';
import { DesignationRepository } from '../designations/designation.repository.ts';
import { EndUseCheckRepository } from '../end-use-checks/end-use-check.repository.ts';
import { UnverifiedPartyRepository } from '../end-use-checks/unverified-party.repository.ts';
import { quotedBy, reasonCodeOf } from '../licenses/transition-reasons.ts';
import { ThreatEntryRepository } from '../threat-library/threat-entry.repository.ts';
import { describeEscalation, type Released } from './escalation-text.ts';
import type { RiskFactorCode, RiskFactorFacts } from './license-risk.ts';
import { describeRiskFactor } from './risk-factor-text.ts';

/** The kind of record a factor's `reference` names. */
const REFERENCED_TYPE: Partial<Record<RiskFactorCode, ReferencedType>> = {
  SANCTIONS_MATCH: 'Designation',
  UNVERIFIED_PARTY: 'UnverifiedParty',
  DENIAL_UNDERCUT: 'DenialNotification',
  RED_FLAG: 'ThreatEntry',
};
type ReferencedType = Extract<RecordType, 'Designation' | 'UnverifiedParty' | 'DenialNotification' | 'ThreatEntry' | 'EndUseCheck'>;

export interface LicenseChildren {
  items: DataLoader<string, LicenseItemRow[]>;
  parties: DataLoader<string, LicensePartyRow[]>;
  transitions: DataLoader<string, LicenseTransitionRow[]>;
  escalations: DataLoader<string, LicenseEscalationRow[]>;
  screenings: DataLoader<string, LicenseScreeningRow[]>;
}

export class LicenseFindings {
  private readonly records: Record<ReferencedType, DataLoader<string, (ShareableRecord & { id: string }) | null>>;

  constructor(
    db: Executor,
    private readonly viewer: Viewer,
    private readonly children: LicenseChildren,
  ) {
    const access = viewer.access;
    const loader = <Row extends ShareableRecord & { id: string }>(fetch: (ids: string[]) => Promise<Row[]>) =>
      linkedRecordLoader<Row>((ids) => fetch(ids.filter(isUuid)));
    this.records = {
      Designation: loader((ids) => new DesignationRepository(db).findByIds(access, ids)),
      UnverifiedParty: loader((ids) => new UnverifiedPartyRepository(db).findByIds(access, ids)),
      DenialNotification: loader((ids) => new DenialNotificationRepository(db).findByIds(access, ids)),
      ThreatEntry: loader((ids) => new ThreatEntryRepository(db).findByIds(access, ids)),
      EndUseCheck: loader((ids) => new EndUseCheckRepository(db).findByIds(access, ids)),
    };
  }

  async riskFactors(application: LicenseApplicationRow) {
    const sees = this.applicationFields(application);
    return Promise.all(
      (application.riskFactors ?? []).map(async (stored) => {
        const factor = stored as unknown as StoredFactor;
        const type = REFERENCED_TYPE[factor.code];
        const released = type && factor.reference ? await this.released(type, factor.reference) : null;
        const description = factor.facts
          ? describeRiskFactor({ code: factor.code, reference: factor.reference, facts: factor.facts }, { application: sees, reference: released })
          : `${factor.code} (recorded before findings were described per reader)`;
        return { code: factor.code, points: factor.points, subject: factor.subject, position: factor.position, reference: released ? factor.reference : null, description };
      }),
    );
  }

  async escalations(application: LicenseApplicationRow) {
    const sees = this.applicationFields(application);
    const [escalations, parties, items] = await Promise.all([
      this.children.escalations.load(application.id),
      sees('parties') ? this.children.parties.load(application.id) : [],
      sees('items') ? this.children.items.load(application.id) : [],
    ]);
    return Promise.all(
      escalations.map(async (escalation) => {
        const [designation, denial, endUseCheck] = await Promise.all([
          this.released('Designation', escalation.designationId),
          this.released('DenialNotification', escalation.denialNotificationId),
          this.released('EndUseCheck', escalation.endUseCheckId),
        ]);
        const detail = describeEscalation(escalation, {
          application: sees,
          partyName: (position) => parties.find((p) => p.position === position)?.name,
          itemCodes: items.map((item) => item.controlListCode),
          designation: designation as Released<never> | null,
          denial: denial as Released<never> | null,
          endUseCheck: endUseCheck as Released<never> | null,
        });
        return {
          ...escalation,
          acknowledgedBy: escalation.acknowledgedByUserId ? `${escalation.acknowledgedByAgencyId}:${escalation.acknowledgedByUserId}` : null,
          designationId: designation ? escalation.designationId : null,
          denialNotificationId: denial ? escalation.denialNotificationId : null,
          endUseCheckId: endUseCheck ? escalation.endUseCheckId : null,
          detail,
        };
      }),
    );
  }

  /**
   * The screenings with what they covered. Which lists of other agencies the licensing agency
   * sees, and how many of their records, is the licensing agency's to know: a partner reading
   * the application is told only about its own lists.
   */
  async screenings(application: LicenseApplicationRow) {
    const screenings = await this.children.screenings.load(application.id);
    if (ownsRecord(this.viewer, application)) return screenings;
    return screenings.map((screening) => ({
      ...screening,
      lists: screening.lists.filter((list) => list.owner === this.viewer.caller.agencyId),
      candidateDesignations: null,
    }));
  }

  async transitions(application: LicenseApplicationRow) {
    const transitions = await this.children.transitions.load(application.id);
    return transitions.map((transition) => {
      const reasonCode = reasonCodeOf(transition);
      const released = reasonCode !== null && quotedTextReleased(this.viewer.access, 'LicenseApplication', application, quotedBy(reasonCode));
      return { ...transition, reasonCode, reason: released ? transition.reason : null };
    });
  }

  private applicationFields(application: LicenseApplicationRow) {
    return (field: string) => this.viewer.access.isFieldReleased('LicenseApplication', application, field);
  }

  /** The referenced record with the reader's view of its fields, or null when it is not released to the reader. */
  private async released(type: ReferencedType, id: string | null): Promise<Released<ShareableRecord & { id: string }> | null> {
    if (id === null) return null;
    const row = await this.records[type].load(id);
    const has = referencedRecordView(this.viewer.access, type, row);
    return row && has ? { row, has } : null;
  }
}

/** A risk factor as `storedFactor` (license.service.ts) writes it. */
interface StoredFactor {
  code: RiskFactorCode;
  points: number;
  subject: string;
  position: number | null;
  reference: string | null;
  facts?: RiskFactorFacts;
}
