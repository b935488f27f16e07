import fs from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { SCHEMA_FILE } from '../../src/cli/schema-file.ts';
import { printInterlockSchema } from '../../src/app/schema.ts';

describe('the checked-in GraphQL schema', () => {
  it('matches the code (run `npm run schema:print` after changing types)', async () => {
    const checkedIn = await fs.readFile(SCHEMA_FILE, 'utf8').catch(() => '(missing)');
    expect(checkedIn).toBe(await printInterlockSchema());
  });
});
