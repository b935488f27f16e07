import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AgreementFileError, loadAgreementFiles, parseAgreement } from '../../src/policy/agreement-files.ts';
import { planAgreementVersions } from '../../src/modules/agreements/agreement-versions.ts';

const valid = {
  id: 'us-ofac-to-gb-ofsi',
  title: 'Designations for screening',
  grantor: 'us-ofac',
  grantees: ['gb-ofsi'],
  purposes: ['sanctions-screening'],
  validFrom: '2026-01-01',
  validUntil: '2026-12-31',
  ceiling: 'AMBER',
  grants: [{ type: 'Designation', fields: ['identity', 'legalBasis'], where: { status: ['ACTIVE'] }, ceiling: 'GREEN' }],
};

const problems = (source: unknown) => {
  try {
    parseAgreement(source, 'x.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(AgreementFileError);
    return (error as AgreementFileError).problems;
  }
  throw new Error('expected the agreement to be refused');
};

describe('agreement files', () => {
  it('expand groups, keep the narrower ceiling and include the whole last day of validity', () => {
    const agreement = parseAgreement(valid, 'x.yaml');
    const [grant] = agreement.grants;
    expect([...grant!.fields].sort()).toEqual(
      ['addresses', 'aliases', 'datesOfBirth', 'id', 'identifiers', 'legalBasis', 'marking', 'nationalities', 'owner', 'placesOfBirth', 'primaryName', 'subjectType'].sort(),
    );
    expect(grant!.ceiling).toBe('GREEN');
    expect(agreement.validUntil?.toISOString()).toBe('2027-01-01T00:00:00.000Z');
  });

  it('refuse TLP:RED, unknown fields and conditions, and name the path of each problem', () => {
    expect(problems({ ...valid, ceiling: 'RED' })).toEqual(['ceiling: TLP:RED never leaves its owner']);
    expect(problems({ ...valid, grants: [{ type: 'Designation', fields: ['identity', 'passwords'] }] })[0]).toMatch(
      /^grants\.0\.fields\.1: "passwords" is not a field or group of Designation/,
    );
    expect(problems({ ...valid, grants: [{ type: 'Designation', fields: ['all'], where: { colour: ['red'] } }] })[0]).toMatch(
      /^grants\.0\.where\.colour: Designation records cannot be selected by "colour"/,
    );
    expect(problems({ ...valid, grants: [{ type: 'Designation', fields: ['all'], where: { status: ['GONE'] } }] })[0]).toMatch(
      /^grants\.0\.where\.status\.0: must be one of/,
    );
    expect(problems({ ...valid, grantees: ['us-ofac'] })).toEqual(['grantees: the grantor already sees its own records']);
    expect(problems({ ...valid, validUntil: '2025-01-01' })).toEqual(['validUntil: must be after validFrom']);
    expect(problems({ ...valid, extra: 1 })[0]).toMatch(/extra/);
  });

  it('re-share no further than the agreement says: none by default, a whole number of hops up to the maximum', () => {
    expect(parseAgreement(valid, 'x.yaml').reshareHops).toBe(0);
    expect(parseAgreement({ ...valid, reshare: { hops: 2 } }, 'x.yaml').reshareHops).toBe(2);
    expect(problems({ ...valid, reshare: { hops: -1 } })).toEqual(['reshare.hops: must be 0 or more']);
    expect(problems({ ...valid, reshare: { hops: 1.5 } })).toEqual(['reshare.hops: must be a whole number of hops']);
    expect(problems({ ...valid, reshare: { hops: 99 } })).toEqual(['reshare.hops: must be at most 8']);
    expect(problems({ ...valid, reshare: {} })).toEqual(['reshare.hops: is required']);
    expect(problems({ ...valid, reshare: { hops: 1, via: 'x' } })[0]).toMatch(/^reshare: .*via/);
  });

  it('stop loading at a bad file, naming the file', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'agreements-'));
    await fs.writeFile(path.join(dir, 'a.yaml'), 'id: broken\n');
    await expect(loadAgreementFiles(dir)).rejects.toThrow(/a\.yaml: invalid agreement/);
    await fs.writeFile(path.join(dir, 'a.yaml'), ': : :\n  - [');
    await expect(loadAgreementFiles(dir)).rejects.toThrow(/a\.yaml.*not valid YAML/s);
  });

  it('version agreements: new, changed, unchanged and withdrawn', () => {
    const file = (source: typeof valid) => ({ agreement: parseAgreement(source, 'f'), file: 'f', source });
    const first = planAgreementVersions([file(valid)], [], new Date());
    expect(first.counts).toEqual({ added: 1, changed: 0, withdrawn: 0, unchanged: 0 });
    const recorded = first.versions.map((v) => ({ ...v, appliedAt: new Date(), appliedSeq: 1 }));
    expect(planAgreementVersions([file(valid)], recorded, new Date()).counts).toMatchObject({ unchanged: 1 });
    const edited = planAgreementVersions([file({ ...valid, title: 'changed' })], recorded, new Date());
    expect(edited.counts).toMatchObject({ changed: 1 });
    expect(edited.versions[0]!.version).toBe(2);
    const withdrawn = planAgreementVersions([], recorded, new Date());
    expect(withdrawn.counts).toMatchObject({ withdrawn: 1 });
    expect(withdrawn.versions[0]!.withdrawnAt).toBeInstanceOf(Date);
  });
});

describe('the shipped demo agreements', () => {
  it('all parse, and cover the screening and licensing record types too', async () => {
    const { loadAgreementFiles } = await import('../../src/policy/agreement-files.ts');
    const loaded = await loadAgreementFiles(new URL('../../policies/agreements', import.meta.url).pathname);
    const types = new Set(loaded.flatMap(({ agreement }) => agreement.grants.map((grant) => grant.type)));
    expect(loaded.length).toBeGreaterThanOrEqual(7);
    for (const type of ['Designation', 'ScreeningAdjudication', 'DenialNotification', 'EndUseCheck']) expect(types.has(type as never), type).toBe(true);
  });
});
