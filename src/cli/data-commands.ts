import type { Database } from '../db/client.ts';
import { applyPolicyFiles } from '../modules/agreements/policy-files.ts';
import { IMPORT_FORMATS } from '../modules/imports/formats/index.ts';
import { importList } from '../modules/imports/import.service.ts';
import type { Marking } from '../db/schema/index.ts';
import { seedDemoLicenses } from '../modules/seed/demo-licenses.ts';
import { seedDemoData } from '../modules/seed/seed.service.ts';

/**
 * Commands that read or change data. They run wherever the database can be opened: in the
 * CLI process, or inside a running hub on the same embedded data directory (see
 * control-channel.ts), so every argument and result must be plain JSON.
 */
export interface DataCommandContext {
  db: Database;
  progress: (done: number, total: number, label?: string) => void;
}

type DataCommand = (context: DataCommandContext, args: Record<string, unknown>) => Promise<unknown>;

export const DATA_COMMANDS: Record<string, DataCommand> = {
  seed: async (context, args) => {
    const seed = Number(args.seed ?? 1);
    const designations = Number(args.count ?? DEFAULT_DEMO_DESIGNATIONS);
    const result = await seedDemoData(context.db, { seed, designations, onProgress: context.progress });
    // Screened under the agreements in force now (apply policies first for the full demo) and
    // scored with the risk policy of the policies directory in use.
    const riskPolicyFile = args.riskPolicyFile === undefined ? undefined : String(args.riskPolicyFile);
    const licenses = await seedDemoLicenses(context.db, { seed, designations, riskPolicyFile });
    return { ...result, licenseApplications: licenses.applications };
  },
  'policies-apply': (context, args) => applyPolicyFiles(context.db, String(args.policiesDir)),
  import: (context, args) => {
    const format = IMPORT_FORMATS[String(args.format)];
    if (!format) throw new Error(`Unknown format ${JSON.stringify(args.format)}; see interlock import --help.`);
    const target = String(args.path);
    return importList(context.db, format.open(target), target, {
      owner: String(args.agency),
      marking: String(args.marking) as Marking,
      onProgress: (done, label) => context.progress(done, 0, label),
    });
  },
};

export const DEFAULT_DEMO_DESIGNATIONS = 5_000;

export async function executeDataCommand(context: DataCommandContext, command: string, args: Record<string, unknown>) {
  const run = DATA_COMMANDS[command];
  if (!run) throw new Error(`Unknown data command ${JSON.stringify(command)}.`);
  return run(context, args);
}
