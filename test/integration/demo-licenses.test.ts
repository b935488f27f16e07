/**
 * The demo's license applications: made through the real services under the shipped
 * agreements, so each shows its workflow path with real screening, and a re-run adds nothing.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  denialConsultations,
  denialNotifications,
  endUseChecks,
  licenseApplications,
  licenseEscalations,
  licenseTransitions,
  unverifiedParties,
  type LicenseApplicationRow,
} from '../../src/db/schema/index.ts';
import { applyPolicyFiles } from '../../src/modules/agreements/policy-files.ts';
import { seedDemoLicenses } from '../../src/modules/seed/demo-licenses.ts';
import { seedDemoData } from '../../src/modules/seed/seed.service.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

const POLICIES = path.resolve(import.meta.dirname, '../../policies');
const DESIGNATIONS = 400;

describe('demo license applications', () => {
  let db: TestDatabase;
  let first: { applications: number };
  let applications: LicenseApplicationRow[];
  const byEndUse = (endUse: string) => applications.find((a) => a.endUse === endUse)!;
  const factorCodes = (application: LicenseApplicationRow) => (application.riskFactors ?? []).map((f) => f.code);

  const rowCounts = async () => {
    const tables = { licenseApplications, licenseTransitions, licenseEscalations, denialNotifications, denialConsultations, endUseChecks, unverifiedParties };
    const counts: Record<string, number> = {};
    for (const [name, table] of Object.entries(tables)) counts[name] = (await db.handle.db.select({ n: count() }).from(table))[0]!.n;
    return counts;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    await applyPolicyFiles(db.handle.db, POLICIES);
    await seedDemoData(db.handle.db, { designations: DESIGNATIONS });
    first = await seedDemoLicenses(db.handle.db, { seed: 1, designations: DESIGNATIONS });
    applications = await db.handle.db.select().from(licenseApplications);
  }, 120_000);
  afterAll(() => db?.dispose());

  it('makes one application per scenario, in the state its path leads to', () => {
    expect(first.applications).toBe(9);
    expect(applications.map((a) => [a.ownerAgencyId, a.state]).sort()).toEqual(
      [
        ['de-bafa', 'APPROVED'],
        ['de-bafa', 'APPROVED_WITH_CONDITIONS'],
        ['de-bafa', 'DENIED'],
        ['de-bafa', 'DENIED'],
        ['gb-ecju', 'ESCALATED'],
        ['jp-meti', 'PROVISIONALLY_APPROVED'],
        ['us-bis', 'APPROVED'],
        ['us-bis', 'DRAFT'],
        ['us-bis', 'ESCALATED'],
      ].sort(),
    );
  });

  it('screened them for real: a fast track, a respelled listed entity, an undercut, an unverified party', () => {
    expect(byEndUse('Branch office networks of a logistics company').lane).toBe('FAST_TRACK');
    const listed = byEndUse('Border surveillance equipment integration');
    expect(listed.lane).toBe('ESCALATED');
    expect(factorCodes(listed)).toContain('SANCTIONS_MATCH');
    expect(factorCodes(byEndUse('Pharmaceutical plant expansion'))).toContain('DENIAL_UNDERCUT');
    expect(factorCodes(byEndUse('Industrial inspection systems, second order'))).toContain('UNVERIFIED_PARTY');
  });

  it('carries the decisions, denial notices, consultations and end-use checks along', async () => {
    const counts = await rowCounts();
    expect(counts).toMatchObject({ denialNotifications: 2, denialConsultations: 1, endUseChecks: 2, unverifiedParties: 1 });
    // The unfavourable check flagged the license it was about.
    const checked = byEndUse('Industrial inspection systems');
    const escalations = await db.handle.db.select().from(licenseEscalations);
    expect(escalations.some((e) => e.applicationId === checked.id && e.kind === 'UNFAVORABLE_VERIFICATION')).toBe(true);
    expect(byEndUse('Factory process monitoring').oversightConditions).toHaveLength(2);
  });

  it('scores with the risk policy it is given: with France no longer low-risk, nothing is fast-tracked', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'interlock-risk-'));
    const policy = (await fs.readFile(path.join(POLICIES, 'license-risk.yaml'), 'utf8')).replace(' FR,', '').replace('ELEVATED: [AE,', 'ELEVATED: [FR, AE,');
    await fs.writeFile(path.join(dir, 'license-risk.yaml'), policy);
    const other = await createTestDatabase();
    try {
      await applyPolicyFiles(other.handle.db, POLICIES);
      await seedDemoData(other.handle.db, { designations: 20 });
      await seedDemoLicenses(other.handle.db, { seed: 1, designations: 20, riskPolicyFile: path.join(dir, 'license-risk.yaml') });
      const [fastTrackScenario] = await other.handle.db.select().from(licenseApplications).where(eq(licenseApplications.endUse, 'Branch office networks of a logistics company'));
      expect(fastTrackScenario!.lane).toBe('STANDARD_REVIEW');
    } finally {
      await other.dispose();
      await fs.rm(dir, { recursive: true });
    }
  });

  it('adds nothing when run again', async () => {
    const before = await rowCounts();
    expect(await seedDemoLicenses(db.handle.db, { seed: 1, designations: DESIGNATIONS })).toEqual({ applications: 0 });
    expect(await rowCounts()).toEqual(before);
  });
});
