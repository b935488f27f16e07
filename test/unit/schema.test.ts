import fs from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { SCHEMA_FILE, SUBGRAPH_FILE } from '../../src/cli/schema-file.ts';
import { printInterlockSchema } from '../../src/app/schema.ts';
import { printInterlockSubgraph } from '../../src/app/subgraph.ts';

describe('the checked-in GraphQL schema', () => {
  it('matches the code (run `npm run schema:print` after changing types)', async () => {
    const checkedIn = await fs.readFile(SCHEMA_FILE, 'utf8').catch(() => '(missing)');
    expect(checkedIn).toBe(await printInterlockSchema());
  });

  it('as a federation subgraph, matches what the hub serves at _service (run `npm run schema:print`)', async () => {
    const checkedIn = await fs.readFile(SUBGRAPH_FILE, 'utf8').catch(() => '(missing)');
    expect(checkedIn).toBe(await printInterlockSubgraph());
  });

  it('publishes as entities exactly the shared records, the license parties and the agencies', async () => {
    const sdl = await printInterlockSubgraph();
    const keyed = [...sdl.matchAll(/^type (\w+)\s+@key\(fields: "id"\)/gm)].map((m) => m[1]);
    expect(keyed.sort()).toEqual(['Agency', 'ControlListEntry', 'Designation', 'LicenseApplication', 'LicenseParty', 'ThreatEntry']);
  });
});
