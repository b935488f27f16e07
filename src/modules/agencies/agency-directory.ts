import fs from 'node:fs/promises';
import { sql } from 'drizzle-orm';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { Database } from '../../db/client.ts';
import { AGENCY_KINDS } from '../../db/schema/agencies.ts';
import { agencies } from '../../db/schema/index.ts';

/**
 * policies/agencies.yaml: the agencies taking part in the hub. Agreements and tokens may
 * only name agencies listed here.
 *
 *   agencies:
 *     - { id: us-ofac, name: Office of Foreign Assets Control, country: US, kind: SANCTIONS_AUTHORITY }
 */
const directorySchema = z
  .object({
    agencies: z.array(
      z
        .object({
          id: z.string().regex(/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/, 'must be a lower-case slug such as us-ofac'),
          name: z.string().min(1).max(200),
          country: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code'),
          kind: z.enum(AGENCY_KINDS),
        })
        .strict(),
    ),
  })
  .strict();

export type AgencyEntry = z.infer<typeof directorySchema>['agencies'][number];

export class AgencyDirectoryError extends Error {
  constructor(file: string, problems: string[]) {
    super(`${file}: invalid agency directory\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'AgencyDirectoryError';
  }
}

export async function loadAgencyDirectory(file: string): Promise<AgencyEntry[]> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const parsed = directorySchema.safeParse(parseYaml(text));
  if (!parsed.success) {
    throw new AgencyDirectoryError(
      file,
      parsed.error.issues.map((i) => `${i.path.map(String).join('.') || '(document)'}: ${i.message}`),
    );
  }
  const ids = parsed.data.agencies.map((a) => a.id);
  const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
  if (duplicate) throw new AgencyDirectoryError(file, [`agencies: ${duplicate} is listed twice`]);
  return parsed.data.agencies;
}

/** Adds new agencies and updates the names, countries and kinds of known ones. */
export async function applyAgencyDirectory(db: Database, entries: readonly AgencyEntry[]): Promise<number> {
  if (entries.length === 0) return 0;
  const rows = await db
    .insert(agencies)
    .values([...entries])
    .onConflictDoUpdate({
      target: agencies.id,
      set: { name: sqlExcluded('name'), country: sqlExcluded('country'), kind: sqlExcluded('kind') },
    })
    .returning({ id: agencies.id });
  return rows.length;
}

const sqlExcluded = (column: string) => sql.raw(`excluded.${column}`);
