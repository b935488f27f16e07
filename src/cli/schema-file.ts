import fs from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { printInterlockSchema } from '../app/schema.ts';

export const SCHEMA_FILE = fileURLToPath(new URL('../../schema/schema.graphql', import.meta.url));

export async function printSchemaFile({ stdout }: { stdout: boolean }): Promise<void> {
  const sdl = await printInterlockSchema();
  if (stdout) process.stdout.write(sdl);
  else {
    await fs.writeFile(SCHEMA_FILE, sdl);
    process.stderr.write(`wrote ${SCHEMA_FILE}\n`);
  }
}
