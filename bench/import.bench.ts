/**
 * Import speed of the full OFAC SDN 2024-05-03 file (14,965 entries) into an empty list, and
 * of re-importing it unchanged. Reads the file from ../shared (skipped when it is absent).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { DatabaseHandle } from '../src/db/client.ts';
import { agencies } from '../src/db/schema/index.ts';
import { IMPORT_FORMATS } from '../src/modules/imports/formats/index.ts';
import { importList } from '../src/modules/imports/import.service.ts';

export const OFAC_SDN = new URL('../../shared/data/sanctions/ofac/sdn_csv_2024-05-03', import.meta.url).pathname;

export async function benchmarkImport(database: DatabaseHandle): Promise<string[]> {
  if (!fs.existsSync(path.join(OFAC_SDN, 'sdn.csv'))) return [`| skipped: ${OFAC_SDN} is not there | | | |`];
  await database.db
    .insert(agencies)
    .values({ id: 'bench-importer', name: 'Benchmark importer', country: 'US', kind: 'SANCTIONS_AUTHORITY' })
    .onConflictDoNothing();
  const rows: string[] = [];
  for (const label of ['first import (all new)', 're-import (all unchanged)']) {
    const started = performance.now();
    const result = await importList(database.db, IMPORT_FORMATS['ofac-csv']!.open(OFAC_SDN), OFAC_SDN, {
      owner: 'bench-importer',
      marking: 'GREEN',
    });
    const seconds = (performance.now() - started) / 1000;
    rows.push(`| ${label} | ${result.entries} | ${seconds.toFixed(1)} | ${Math.round(result.entries / seconds)} |`);
  }
  return rows;
}
