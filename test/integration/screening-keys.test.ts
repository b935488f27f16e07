/**
 * Stored screening keys follow the code that computes them: a database keyed by older
 * normalisation is re-keyed once at upgrade, and designations written before screening
 * existed get keys.
 */
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upgradeDatabase } from '../../src/cli/upgrade.ts';
import { derivedDataVersions, designationScreeningNames, screeningKeyTokens, screeningNameKeys, screeningNameTokens, screeningPhoneticKeys } from '../../src/db/schema/index.ts';
import { DesignationRepository } from '../../src/modules/designations/designation.repository.ts';
import { nameKeys } from '../../src/modules/name-matching/name-normalization.ts';
import { compactScreeningKeyDictionaries, rekeyIfNormalisationChanged, screeningKeysVersion } from '../../src/modules/name-matching/screening-names.ts';
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

  /** The key dictionaries retrieval searches, sorted: see `screeningNameKeys`. */
  const dictionaries = async () => ({
    keys: (await db.handle.db.select().from(screeningNameKeys)).map((r) => r.key).sort(),
    skeletons: (await db.handle.db.select().from(screeningPhoneticKeys)).map((r) => r.phonetic).sort(),
  });
  const keysOfNames = (...names: string[]) => ({
    keys: [...new Set(names.map((n) => nameKeys(n).key))].sort(),
    skeletons: [...new Set(names.map((n) => nameKeys(n).phonetic))].filter(Boolean).sort(),
  });

  it('writes keys with the designation, and adds them to the dictionaries retrieval searches', async () => {
    const rows = await keysOf();
    expect(rows.map((r) => [r.key, r.phonetic])).toEqual(['PUTIN, Vladimir Vladimirovich', 'Владимир Путин'].map((n) => [nameKeys(n).key, nameKeys(n).phonetic]));
    expect(await dictionaries()).toEqual(keysOfNames('PUTIN, Vladimir Vladimirovich', 'Владимир Путин'));
  });

  it('adds each key once, however many names share it', async () => {
    const repository = new DesignationRepository(db.handle.db);
    const namesake = await repository.insert('us-ofac', validateCreate({ subjectType: 'INDIVIDUAL', primaryName: 'Putin, Vladimir Vladimirovich', status: 'ACTIVE', marking: 'GREEN' } as never));
    expect(nameKeys('Putin, Vladimir Vladimirovich').key).toBe(nameKeys('PUTIN, Vladimir Vladimirovich').key);
    expect(await dictionaries()).toEqual(keysOfNames('PUTIN, Vladimir Vladimirovich', 'Владимир Путин'));
    await db.handle.db.execute(sql`DELETE FROM designations WHERE id = ${namesake.id}`);
  });

  it('keeps the key of names written by concurrent transactions', async () => {
    const content = validateCreate({ subjectType: 'ENTITY', primaryName: 'Quillon Vantage Maritime', status: 'ACTIVE', marking: 'GREEN' } as never);
    const key = nameKeys('Quillon Vantage Maritime').key;
    const written = await Promise.all([1, 2, 3].map(() => db.handle.db.transaction((tx) => new DesignationRepository(tx).insert('us-ofac', content))));
    expect((await dictionaries()).keys).toContain(key);
    // Racing writers may each have added it; compaction leaves one.
    await compactScreeningKeyDictionaries(db.handle.db);
    expect((await dictionaries()).keys.filter((k) => k === key)).toHaveLength(1);
    for (const { id: writtenId } of written) await db.handle.db.execute(sql`DELETE FROM designations WHERE id = ${writtenId}`);
    await compactScreeningKeyDictionaries(db.handle.db);
    expect((await dictionaries()).keys).not.toContain(key);
  });

  it('compacts the dictionaries: keys no name has any more, and duplicates from concurrent writers', async () => {
    const before = await dictionaries();
    await db.handle.db.insert(screeningNameKeys).values([{ key: 'nobody has this key' }, { key: before.keys[0]! }]);
    await db.handle.db.insert(screeningPhoneticKeys).values([{ phonetic: before.skeletons[0]! }]);
    expect(await compactScreeningKeyDictionaries(db.handle.db)).toBe(3);
    expect(await dictionaries()).toEqual(before);
    expect(await compactScreeningKeyDictionaries(db.handle.db)).toBe(0);
  });

  it('keeps the token postings in step with the key dictionary: the words of every key, none of a removed key', async () => {
    // As a set: racing writers may post a key's word twice, which retrieval counts once.
    const postings = async () => [...new Set((await db.handle.db.select().from(screeningKeyTokens)).map((p) => `${p.token}→${p.key}`))].sort();
    const words = async () => [...new Set((await db.handle.db.select().from(screeningNameTokens)).map((t) => t.token))].sort();
    const expected = (keys: string[]) => [...new Set(keys.flatMap((key) => key.split(' ').map((word) => `${word}→${key}`)))].sort();
    const { keys } = await dictionaries();
    expect(await postings()).toEqual(expected(keys));
    await db.handle.db.insert(screeningNameKeys).values([{ key: 'zzqx vladimir' }]);
    expect(await postings()).toEqual(expected([...keys, 'zzqx vladimir']));
    expect(await words()).toContain('zzqx');
    await compactScreeningKeyDictionaries(db.handle.db);
    expect(await postings()).toEqual(expected(keys));
    expect(await words()).not.toContain('zzqx');
    expect(await words()).toContain('vladimir');
  });

  it('re-keys every stored name once when the normalisation changed, and records the version', async () => {
    await db.handle.db.update(designationScreeningNames).set({ key: 'stale', phonetic: 'stale' });
    await db.handle.db.insert(derivedDataVersions).values({ name: 'screening-keys', version: 'older-code' });
    expect(await rekeyIfNormalisationChanged(db.handle.db)).toBe(2);
    expect((await keysOf()).map((r) => r.key)).toEqual(['PUTIN, Vladimir Vladimirovich', 'Владимир Путин'].map((n) => nameKeys(n).key));
    // The stale keys written above were added to the dictionaries, and re-keying removed them.
    expect(await dictionaries()).toEqual(keysOfNames('PUTIN, Vladimir Vladimirovich', 'Владимир Путин'));
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
