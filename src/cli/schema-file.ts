import fs from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { printInterlockSchema } from '../app/schema.ts';
import { printInterlockSubgraph } from '../app/subgraph.ts';

export const SCHEMA_FILE = fileURLToPath(new URL('../../schema/schema.graphql', import.meta.url));
/** The same schema as an Apollo Federation 2 subgraph: what the hub serves and `_service` answers. */
export const SUBGRAPH_FILE = fileURLToPath(new URL('../../schema/subgraph.graphql', import.meta.url));

export async function printSchemaFile({ stdout, subgraph }: { stdout: boolean; subgraph: boolean }): Promise<void> {
  if (stdout) {
    process.stdout.write(subgraph ? await printInterlockSubgraph() : await printInterlockSchema());
    return;
  }
  for (const [file, print] of [
    [SCHEMA_FILE, printInterlockSchema],
    [SUBGRAPH_FILE, printInterlockSubgraph],
  ] as const) {
    await fs.writeFile(file, await print());
    process.stderr.write(`wrote ${file}\n`);
  }
}
