/**
 * Demo license applications, made the way officers make them: through the license, denial and
 * end-use-check services, as the licensing agencies' officers under the agreements in force.
 * So every application in the demo was really screened, scored and routed, and every decision
 * went through the workflow with its transitions recorded.
 *
 * Re-running adds nothing: each application is created with an idempotency key, and each later
 * step runs only while the application is still in the state before it (so an interrupted run
 * finishes where it stopped).
 */
import { count } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { licenseApplications, type LicenseApplicationRow } from '../../db/schema/index.ts';
import { decideAccess } from '../../policy/decision.ts';
import type { Viewer } from '../../policy/viewer.ts';
import type { Role } from '../../auth/caller.ts';
import { AgencyService } from '../agencies/agency.service.ts';
import { AgreementService } from '../agreements/agreement.service.ts';
import { DenialService } from '../denials/denial.service.ts';
import { EndUseCheckService } from '../end-use-checks/end-use-check.service.ts';
import type { LicenseAction } from '../licenses/license-workflow.ts';
import { LicenseService } from '../licensing/license.service.ts';
import type { CreateLicenseApplicationInput, LicenseActionInput } from '../licenses/license.types.ts';
import { addDays } from './demo-calendar.ts';
import { demoDesignations } from './designation-generator.ts';

export interface DemoLicenseResult {
  /** Applications this run created (0 when they were all there). */
  applications: number;
}

type Step =
  | { kind: 'submit' }
  | { kind: 'act'; action: LicenseAction; details?: Omit<LicenseActionInput, 'id' | 'expectedVersion' | 'action'> }
  | { kind: 'notifyDenial' }
  | { kind: 'endUseCheck'; performer: string; outcome: 'FAVORABLE' | 'UNFAVORABLE' | 'UNVERIFIABLE'; findings: string };

interface Scenario {
  key: string;
  agency: string;
  input: Omit<CreateLicenseApplicationInput, 'marking' | 'idempotencyKey'>;
  steps: Step[];
}

const router = { controlListCode: '5A002.a', description: 'Encrypting network routers', quantity: 40, value: 96_000, currency: 'EUR' };
const machineTool = { controlListCode: '2B001.b', description: 'Five-axis machining centre', quantity: 2, value: 1_250_000, currency: 'EUR' };
const thermalCamera = { controlListCode: '6A003.b.4', description: 'Uncooled thermal imaging cameras', quantity: 150, value: 420_000, currency: 'USD' };
const flowMeter = { controlListCode: '2B350.g', description: 'Corrosion-resistant valves', quantity: 300, value: 180_000, currency: 'GBP' };

/**
 * The scenarios, each showing one path of the workflow. `listedEntity` is a seeded OFAC
 * designation (respelled, as applicants write names), when the seed has one to use.
 */
function scenarios(today: string, listedEntity: string | undefined): Scenario[] {
  const diverter = 'Qarabagh Precision Trading FZE';
  const all: (Scenario | false)[] = [
    {
      key: 'bafa-fast-track',
      agency: 'de-bafa',
      input: {
        applicantName: 'Müller Netzwerktechnik GmbH',
        applicantCountry: 'DE',
        destinationCountry: 'FR',
        endUse: 'Branch office networks of a logistics company',
        items: [router],
        parties: [{ role: 'END_USER', name: 'Transports Lefèvre SA', country: 'FR', address: '12 rue des Docks, Le Havre' }],
      },
      steps: [{ kind: 'submit' }, { kind: 'act', action: 'approve', details: { rationale: 'Low-risk item to an EU end user; nothing flagged.', expiresOn: addDays(today, 730) } }],
    },
    {
      key: 'bafa-conditions',
      agency: 'de-bafa',
      input: {
        applicantName: 'Schwarzwald Werkzeugmaschinen AG',
        applicantCountry: 'DE',
        destinationCountry: 'AE',
        endUse: 'Machining of turbine housings for power plants',
        items: [machineTool],
        parties: [
          { role: 'END_USER', name: 'Gulf Turbine Services LLC', country: 'AE', address: 'Jebel Ali Free Zone, Dubai' },
          { role: 'CONSIGNEE', name: 'Al Noor Freight Forwarding', country: 'AE' },
        ],
      },
      steps: [
        { kind: 'submit' },
        {
          kind: 'act',
          action: 'approveWithConditions',
          details: {
            rationale: 'Legitimate end use; transshipment hub, so re-export is bound.',
            conditions: ['No re-export without prior written consent of BAFA', 'End-use statement renewed yearly'],
            expiresOn: addDays(today, 365),
          },
        },
        { kind: 'endUseCheck', performer: 'us-bis', outcome: 'FAVORABLE', findings: 'Machines installed at the declared site and in the declared use.' },
      ],
    },
    listedEntity !== undefined && {
      key: 'bafa-listed-end-user',
      agency: 'de-bafa',
      input: {
        applicantName: 'Rhein Optronik GmbH',
        applicantCountry: 'DE',
        destinationCountry: 'TR',
        endUse: 'Border surveillance equipment integration',
        items: [thermalCamera],
        parties: [{ role: 'END_USER', name: listedEntity, country: 'TR' }],
      },
      steps: [
        { kind: 'submit' },
        { kind: 'act', action: 'deny', details: { rationale: 'The end user is a listed entity under another spelling.', denialReason: 'END_USER_CONCERN' } },
        { kind: 'notifyDenial' },
      ],
    },
    {
      key: 'bafa-denied-diverter',
      agency: 'de-bafa',
      input: {
        applicantName: 'Kessler Vakuumtechnik GmbH',
        applicantCountry: 'DE',
        destinationCountry: 'AE',
        endUse: 'Pharmaceutical production line',
        items: [flowMeter],
        parties: [{ role: 'END_USER', name: diverter, country: 'AE', address: 'Sharjah Airport International Free Zone' }],
      },
      steps: [
        { kind: 'submit' },
        { kind: 'act', action: 'deny', details: { rationale: 'Declared end use inconsistent with the items; diversion risk.', denialReason: 'DIVERSION_RISK' } },
        { kind: 'notifyDenial' },
      ],
    },
    {
      // The same end user at another agency: BAFA's denial makes it a consultation ("no undercut").
      key: 'ecju-undercut',
      agency: 'gb-ecju',
      input: {
        applicantName: 'Pennine Process Valves Ltd',
        applicantCountry: 'GB',
        destinationCountry: 'AE',
        endUse: 'Pharmaceutical plant expansion',
        items: [{ ...flowMeter, currency: 'GBP', value: 95_000 }],
        parties: [{ role: 'END_USER', name: 'Qarabagh Precision Trading', country: 'AE' }],
      },
      steps: [{ kind: 'submit' }],
    },
    {
      key: 'meti-provisional',
      agency: 'jp-meti',
      input: {
        applicantName: 'Hokuriku Sensor Devices KK',
        applicantCountry: 'JP',
        destinationCountry: 'TH',
        endUse: 'Factory process monitoring',
        items: [{ ...thermalCamera, quantity: 20, value: 56_000 }],
        parties: [{ role: 'END_USER', name: 'Siam Industrial Automation Co Ltd', country: 'TH', address: 'Amata City, Chonburi' }],
      },
      steps: [
        { kind: 'submit' },
        {
          kind: 'act',
          action: 'approveProvisionally',
          details: {
            rationale: 'First export to this end user; approved under oversight.',
            oversightConditions: ['Quarterly shipment report to METI', 'Post-shipment verification within six months'],
            reviewDate: addDays(today, 180),
          },
        },
      ],
    },
    {
      key: 'bis-unverified-end-user',
      agency: 'us-bis',
      input: {
        applicantName: 'Cascade Imaging Systems Inc',
        applicantCountry: 'US',
        destinationCountry: 'DE',
        endUse: 'Industrial inspection systems',
        items: [{ ...thermalCamera, quantity: 60, value: 168_000 }],
        parties: [{ role: 'END_USER', name: 'Nordlicht Handelsgesellschaft mbH', country: 'DE', address: 'Hafenstraße 3, Hamburg' }],
      },
      steps: [
        { kind: 'submit' },
        { kind: 'act', action: 'approve', details: { rationale: 'Nothing flagged at submission.', expiresOn: addDays(today, 365) } },
        { kind: 'endUseCheck', performer: 'de-bafa', outcome: 'UNFAVORABLE', findings: 'No trace of the goods at the declared address; the company shares an office with a freight agent.' },
      ],
    },
    {
      // Submitted after the unfavourable check above: the party is on BIS's unverified list now.
      key: 'bis-after-check',
      agency: 'us-bis',
      input: {
        applicantName: 'Cascade Imaging Systems Inc',
        applicantCountry: 'US',
        destinationCountry: 'DE',
        endUse: 'Industrial inspection systems, second order',
        items: [{ ...thermalCamera, quantity: 40, value: 112_000 }],
        parties: [{ role: 'END_USER', name: 'Nordlicht Handelsgesellschaft mbH', country: 'DE' }],
      },
      steps: [{ kind: 'submit' }],
    },
    {
      key: 'bis-draft',
      agency: 'us-bis',
      input: {
        applicantName: 'Great Lakes Composites LLC',
        applicantCountry: 'US',
        destinationCountry: 'CA',
        endUse: 'Aircraft interior panels',
        items: [{ controlListCode: '1C010.b', description: 'Carbon fibre prepreg', quantity: 500, value: 210_000, currency: 'USD' }],
        parties: [{ role: 'END_USER', name: 'Laurentide Aéro Inc', country: 'CA' }],
      },
      steps: [],
    },
  ];
  return all.filter((scenario): scenario is Scenario => scenario !== false);
}

/**
 * The first seeded OFAC entity that the licensing partners may see under the shipped agreement
 * (active, GREEN or AMBER, not restricted to named agencies), with one letter dropped from its
 * longest word, as applicants misspell names.
 */
function respelledListedEntity(seed: number, designations: number): string | undefined {
  for (const designation of demoDesignations(seed, Math.min(designations, 2_000))) {
    const { content } = designation;
    if (designation.ownerId !== 'us-ofac' || content.subjectType !== 'ENTITY' || content.status !== 'ACTIVE') continue;
    if (content.marking === 'RED' || (content.releasableTo?.length ?? 0) > 0) continue;
    const words = content.primaryName.split(' ');
    const longest = words.reduce((best, word, i) => (word.length > words[best]!.length ? i : best), 0);
    if (words[longest]!.length < 7) continue;
    words[longest] = words[longest]!.slice(0, 3) + words[longest]!.slice(4);
    return words.join(' ');
  }
  return undefined;
}

export async function seedDemoLicenses(db: Database, options: { seed: number; designations: number; riskPolicyFile?: string }): Promise<DemoLicenseResult> {
  const agencies = new AgencyService(db);
  const licenses = new LicenseService(db, agencies, options.riskPolicyFile);
  const denials = new DenialService(db, agencies);
  const checks = new EndUseCheckService(db, agencies);
  const agreements = await new AgreementService(db, agencies).inForce();
  const now = new Date();
  const today = now.toISOString().slice(0, 10);
  const officer = (agencyId: string, roles: Role[] = ['licensing_officer']): Viewer => ({
    caller: { agencyId, userId: 'interlock:demo-seed', roles },
    access: decideAccess(agencyId, agreements, now),
  });

  const applicationCount = async () => (await db.select({ n: count() }).from(licenseApplications))[0]!.n;
  const before = await applicationCount();
  for (const scenario of scenarios(today, respelledListedEntity(options.seed, options.designations))) {
    // A re-run gets the application it made before, and moves it on only as far as still needed.
    let application = await licenses.create(officer(scenario.agency), { ...scenario.input, marking: 'AMBER', idempotencyKey: `demo:${scenario.key}` });
    for (const step of scenario.steps) application = await runStep(step, application);
  }
  return { applications: (await applicationCount()) - before };

  async function runStep(step: Step, application: LicenseApplicationRow): Promise<LicenseApplicationRow> {
    const as = officer(application.ownerAgencyId);
    const key = `demo:${application.id}:${step.kind}`;
    switch (step.kind) {
      case 'submit':
        if (application.state !== 'DRAFT') return application;
        return licenses.submit(as, { id: application.id, expectedVersion: application.version, idempotencyKey: key });
      case 'act':
        // Decisions apply to applications still waiting in a review lane.
        if (!['FAST_TRACK', 'STANDARD_REVIEW', 'ESCALATED'].includes(application.state)) return application;
        return licenses.act(as, { id: application.id, expectedVersion: application.version, action: step.action, ...step.details });
      case 'notifyDenial':
        if (application.state === 'DENIED') {
          await denials.notify(as, { applicationId: application.id, validUntil: addDays(today, 3 * 365), marking: 'AMBER', idempotencyKey: key });
        }
        return application;
      case 'endUseCheck': {
        const check = await checks.request(as, {
          applicationId: application.id,
          partyPosition: 0,
          kind: 'POST_SHIPMENT_VERIFICATION',
          performingAgencyId: step.performer,
          instructions: 'Visit the end user; confirm the goods are installed and used as declared.',
          marking: 'AMBER',
          idempotencyKey: key,
        });
        if (check.outcome === null) {
          await checks.recordOutcome(officer(step.performer, ['verification_officer']), {
            id: check.id,
            expectedVersion: check.version,
            outcome: step.outcome,
            outcomeDate: today,
            findings: step.findings,
          });
        }
        return licenses.get(as, application.id);
      }
    }
  }
}
