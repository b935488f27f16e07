import type { Logger } from '../config/logger.ts';
import type { Database } from '../db/client.ts';
import { applyPolicyFiles } from '../modules/agreements/policy-files.ts';
import { IMPORT_FORMATS } from '../modules/imports/formats/index.ts';
import { ImportErrors } from '../modules/imports/import.errors.ts';
import { ImportRunRepository } from '../modules/imports/import-run.repository.ts';
import { importList } from '../modules/imports/import.service.ts';
import type { Marking } from '../db/schema/index.ts';
import { seedDemoLicenses } from '../modules/seed/demo-licenses.ts';
import { seedDemoData } from '../modules/seed/seed.service.ts';
import { loadPeerSetup, pullPeer, syncStatus } from '../modules/sync/peer-sync.ts';
import { screenBatchesAs, screenRows } from '../modules/screening/file-screening.ts';
import type { PartyRow } from '../modules/screening/party-file.ts';
import type { ReportedParty } from '../modules/screening/screening-report.ts';
import { loadHubKeys } from '../auth/hub-keys.ts';
import { checkAuditLog } from '../modules/audit/audit-check.ts';
import { runScheduledJobs } from '../modules/governance/scheduled-jobs.ts';

/**
 * Commands that read or change data. They run wherever the database can be opened: in the
 * CLI process, or inside a running hub on the same embedded data directory (see
 * control-channel.ts), so every argument and result must be plain JSON.
 */
export interface DataCommandContext {
  db: Database;
  progress: (done: number, total: number, label?: string) => void;
  /** Aborted when the user cancels or the hub stops; long commands stop after their work in flight. */
  signal?: AbortSignal;
  log?: Logger;
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
  'sync-pull': (context, args) =>
    pullPeer(context.db, loadPeerSetup(String(args.policiesDir), String(args.hubIssuer)), String(args.peer), {
      ...(context.log ? { log: context.log } : {}),
      ...(context.signal ? { signal: context.signal } : {}),
    }),
  'sync-status': (context, args) => syncStatus(context.db, loadPeerSetup(String(args.policiesDir), String(args.hubIssuer))),
  'policies-apply': (context, args) => applyPolicyFiles(context.db, String(args.policiesDir)),
  // Tree heads are checked against the hub's published keys (every key it ever had).
  'audit-verify': async (context, args) => checkAuditLog(context.db, (await loadHubKeys(String(args.keysDir)))?.published),
  'jobs-run': (context) => runScheduledJobs(context.db),
  import: (context, args) => {
    const format = IMPORT_FORMATS[String(args.format)];
    if (!format) throw ImportErrors.unknownFormat(String(args.format), Object.keys(IMPORT_FORMATS));
    const target = String(args.path);
    return importList(context.db, format.open(target), target, {
      owner: String(args.agency),
      marking: String(args.marking) as Marking,
      format: String(args.format),
      edition: typeof args.edition === 'string' ? args.edition : null,
      allowOlderEdition: args.allowOlderEdition === true,
      allowMassDelisting: args.allowMassDelisting === true,
      ...(typeof args.maxDelistingShare === 'number' ? { maxDelistingShare: args.maxDelistingShare } : {}),
      dryRun: args.dryRun === true,
      ...(context.signal ? { signal: context.signal } : {}),
      ...(context.log ? { log: context.log } : {}),
      onProgress: (done, label) => context.progress(done, 0, label),
    });
  },
  /** `interlock screen FILE --agency`: the file's parties (parsed by the CLI), screened as the agency would. */
  screen: async (context, args) => {
    const screenBatch = await screenBatchesAs(context.db, String(args.agency), typeof args.threshold === 'number' ? args.threshold : null);
    const reports: ReportedParty[] = [];
    const rows = args.rows as PartyRow[];
    const options = { maxMatches: Number(args.maxMatches), onProgress: context.progress, ...(context.signal ? { signal: context.signal } : {}) };
    for await (const report of screenRows(rows, screenBatch, options)) reports.push(report);
    return reports;
  },
  'import-status': async (context, args) => {
    const runs = await new ImportRunRepository(context.db).recent({
      ownerId: typeof args.agency === 'string' ? args.agency : null,
      list: typeof args.list === 'string' ? args.list : null,
      limit: Number(args.limit ?? 20),
    });
    return runs.map((run) => ({
      id: run.id,
      owner: run.ownerAgencyId,
      list: run.list,
      format: run.format,
      file: run.fileName,
      edition: run.edition,
      status: run.status,
      position: run.position,
      entries: run.entries,
      counts: run.counts,
      warnings: run.warnings,
      errorCode: run.errorCode,
      error: run.error,
      startedAt: run.startedAt.toISOString(),
      finishedAt: run.finishedAt?.toISOString() ?? null,
    }));
  },
};

export const DEFAULT_DEMO_DESIGNATIONS = 5_000;

export async function executeDataCommand(context: DataCommandContext, command: string, args: Record<string, unknown>) {
  const run = DATA_COMMANDS[command];
  if (!run) throw new Error(`Unknown data command ${JSON.stringify(command)}.`);
  return run(context, args);
}
