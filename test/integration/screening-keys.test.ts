/**
 * Stored screening keys follow the code that computes them: a database keyed by older
 * normalisation is re-keyed once at upgrade, and designations written before screening
 * existed get keys.
 */
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upgradeDatabase } from '../../src/cli/upgrade.ts';
import { derivedDataVersions, designationScreeningNames } from '../../src/db/schema/index.ts';
import { DesignationRepository } from '../../src/modules/designations/designation.repository.ts';
import { nameKeys } from '../../src/modules/screening/name-normalization.ts';
import { rekeyIfNormalisationChanged, screeningKeysVersion } from '../../src/modules/screening/screening-names.ts';
import { validateCreate } from '../../src/modules/designations/designation.validation.ts';
import { givenAgencies } from '../support/builders.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

describe('screening keys', () => {
  let db: TestDatabase;
  let id: string;
  beforeAll(async () => {
    db = await createTestDatabase();
    await givenAgencies(db.handle.db);
    const content = validateCreate({
      subjectType: 'INDIVIDUAL',
      primaryName: 'PUTIN, Vladimir Vladimirovich',
      status: 'ACTIVE',
      marking: 'GREEN',
      aliases: [{ name: 'Владимир Путин', kind: 'AKA', strength: 'STRONG' }],
    } as never);
    id = (await new DesignationRepository(db.handle.db).insert('us-ofac', content)).id;
  });
  afterAll(() => db?.dispose());

  const keysOf = () =>
    db.handle.db.select().from(designationScreeningNames).where(eq(designationScreeningNames.designationId, id)).orderBy(designationScreeningNames.position);

  it('writes keys with the designation', async () => {
    const rows = await keysOf();
    expect(rows.map((r) => [r.key, r.phonetic])).toEqual(['PUTIN, Vladimir Vladimirovich', 'Владимир Путин'].map((n) => [nameKeys(n).key, nameKeys(n).phonetic]));
  });

  it('re-keys every stored name once when the normalisation changed, and records the version', async () => {
    await db.handle.db.update(designationScreeningNames).set({ key: 'stale', phonetic: 'stale' });
    await db.handle.db.insert(derivedDataVersions).values({ name: 'screening-keys', version: 'older-code' });
    expect(await rekeyIfNormalisationChanged(db.handle.db)).toBe(2);
    expect((await keysOf()).map((r) => r.key)).toEqual(['PUTIN, Vladimir Vladimirovich', 'Владимир Путин'].map((n) => nameKeys(n).key));
    const [stored] = await db.handle.db.select().from(derivedDataVersions);
    expect(stored!.version).toBe(screeningKeysVersion());
    expect(await rekeyIfNormalisationChanged(db.handle.db)).toBe(0);
  });

  it('keys designations written before screening existed, at upgrade', async () => {
    await db.handle.db.execute(sql`DELETE FROM designation_screening_names`);
    await upgradeDatabase(db.handle);
    expect(await keysOf()).toHaveLength(2);
  });
});
