import path from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../config/env.ts';
import { MARKINGS, type Marking } from '../db/schema/columns.ts';
import { partialDateBounds } from '../lib/partial-dates.ts';
import { IMPORT_FORMATS } from '../modules/imports/formats/index.ts';
import { requireSource } from '../modules/imports/formats/recognise.ts';
import { DEFAULT_MAX_DELISTING_SHARE } from '../modules/imports/import-plan.ts';
import { ImportErrors } from '../modules/imports/import.errors.ts';
import { runDataCommand } from './local-database.ts';
import { createProgress } from './progress.ts';

interface ImportCommandOptions {
  agency?: string;
  marking: string;
  json: boolean;
  dryRun: boolean;
  edition?: string;
  allowOlderEdition: boolean;
  allowMassDelisting: boolean;
  maxDelisting: string;
  list?: string;
  limit: string;
}

/** `interlock import <format> <path>` and `interlock import status`. */
export function registerImportCommands(program: Command, setJsonErrors: (json: boolean) => void): void {
  program
    .command('import')
    .description('Import a published sanctions list as designations owned by an agency; re-importing updates, adds and delists. `import status` lists the latest runs.')
    .argument('<format>', `one of: ${Object.keys(IMPORT_FORMATS).join(', ')}; or "status"`)
    .argument('[path]', 'the file (.gz read directly) or, for ofac-csv, the folder of the CSV set')
    .option('--agency <id>', 'the agency that will own (list) the designations; for status, only its runs')
    .option('--marking <marking>', `TLP marking of the records: ${MARKINGS.join(', ')} (any case)`, 'GREEN')
    .option('--json', 'print the result, or the error, as one JSON line', false)
    .option('--dry-run', 'read and check the file and print what it would add, update and delist, writing nothing', false)
    .option('--edition <YYYY-MM-DD>', 'the edition of a file that states none (OFAC CSV, Canada SEMA); otherwise the newest date in it')
    .option('--allow-older-edition', 'apply an edition older than the last one applied to the list', false)
    .option('--allow-mass-delisting', 'apply an import that delists more of the list than --max-delisting', false)
    .option('--max-delisting <percent>', 'the share of the active list an import may delist without --allow-mass-delisting', String(DEFAULT_MAX_DELISTING_SHARE * 100))
    .option('--list <list>', 'for status: only runs of this list (UN-SC, OFAC-SDN, …)')
    .option('--limit <n>', 'for status: how many runs', '20')
    .addHelpText(
      'after',
      `\nFormats:\n${Object.entries(IMPORT_FORMATS).map(([name, f]) => `  ${name.padEnd(12)} ${f.describe}`).join('\n')}\n\n` +
        'A file of another format, one without entries, an older edition than the last applied, or one that would delist\n' +
        'more than --max-delisting of the list is refused before anything is written. Ctrl-C stops after the batch in flight;\n' +
        'running the same import again resumes.',
    )
    .action(async (format: string, target: string | undefined, options: ImportCommandOptions) => {
      setJsonErrors(options.json);
      if (format === 'status') return printStatus(options);
      await runImport(format, target, options);
    });
}

async function runImport(format: string, target: string | undefined, options: ImportCommandOptions) {
  if (!IMPORT_FORMATS[format]) throw ImportErrors.unknownFormat(format, Object.keys(IMPORT_FORMATS));
  if (!target) throw ImportErrors.badOption('<path>', 'name the file (or, for ofac-csv, the folder) to import');
  if (!options.agency) throw ImportErrors.badOption('--agency', 'name the agency that will own the designations');
  const marking = parseMarking(options.marking);
  const maxDelistingShare = parseShare(options.maxDelisting);
  if (options.edition !== undefined && !(/^\d{4}-\d{2}-\d{2}$/.test(options.edition) && partialDateBounds(options.edition))) {
    throw ImportErrors.badOption('--edition', `"${options.edition}" is not a YYYY-MM-DD date`);
  }
  const file = path.resolve(target);
  requireSource(file);

  const progress = createProgress(`importing ${format}`);
  const cancel = new AbortController();
  const onInterrupt = () => {
    if (cancel.signal.aborted) process.exit(130); // a second Ctrl-C: stop waiting
    progress.stop();
    process.stderr.write('interlock: cancelling: the import stops after the batch in flight (Ctrl-C again to stop waiting)…\n');
    cancel.abort('cancel');
  };
  process.on('SIGINT', onInterrupt);
  process.on('SIGTERM', onInterrupt);
  try {
    const result = (await runDataCommand(
      loadConfig(),
      'import',
      {
        format,
        path: file,
        agency: options.agency,
        marking,
        dryRun: options.dryRun,
        allowOlderEdition: options.allowOlderEdition,
        allowMassDelisting: options.allowMassDelisting,
        maxDelistingShare,
        ...(options.edition ? { edition: options.edition } : {}),
      },
      (done, _total, label) => progress.update(done, 0, label),
      cancel.signal,
    )) as Record<string, unknown>;
    progress.stop();
    process.stdout.write(options.json ? `${JSON.stringify(result)}\n` : `${describeResult(result)}\n`);
  } finally {
    progress.stop();
    process.off('SIGINT', onInterrupt);
    process.off('SIGTERM', onInterrupt);
  }
}

function describeResult(result: Record<string, unknown>): string {
  const { added, updated, delisted, unchanged, entries, list, edition, dryRun, warnings } = result;
  const head = `${String(list)}${edition ? ` (edition ${String(edition)})` : ''}: ${String(entries)} entries — `;
  const counts = dryRun
    ? `would add ${String(added)}, update ${String(updated)}, delist ${String(delisted)}, leave ${String(unchanged)} unchanged (dry run: nothing written)`
    : `${String(added)} added, ${String(updated)} updated, ${String(delisted)} delisted, ${String(unchanged)} unchanged`;
  const unknown = Object.entries((warnings ?? {}) as Record<string, number>);
  const warned = unknown.length
    ? `\nwarning: fields the importer does not know, kept in the remarks: ${unknown.map(([name, n]) => `${name} (${n} entries)`).join(', ')}`
    : '';
  return `${head}${counts}${warned}`;
}

async function printStatus(options: ImportCommandOptions) {
  const limit = Number(options.limit);
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > 500) throw ImportErrors.badOption('--limit', 'must be a whole number from 1 to 500');
  const runs = (await runDataCommand(
    loadConfig(),
    'import-status',
    { ...(options.agency ? { agency: options.agency } : {}), ...(options.list ? { list: options.list } : {}), limit },
    () => undefined,
  )) as Record<string, unknown>[];
  if (options.json) {
    process.stdout.write(`${JSON.stringify(runs)}\n`);
    return;
  }
  if (runs.length === 0) process.stdout.write('No imports yet.\n');
  for (const run of runs) {
    const counts = run.counts as Record<string, number>;
    const line = [
      `#${String(run.id)}`,
      String(run.startedAt),
      String(run.status).padEnd(11),
      `${String(run.owner)} ${String(run.list)}`,
      run.edition ? `edition ${String(run.edition)}` : 'edition unknown',
      String(run.file),
      `${String(run.position)}/${String(run.entries ?? '?')} entries: +${counts.added} ~${counts.updated} -${counts.delisted} =${counts.unchanged}`,
    ].join('  ');
    process.stdout.write(`${line}${run.error ? `\n    ${String(run.errorCode)}: ${String(run.error)}` : ''}\n`);
  }
}

/** Markings in any case (`clear`, `Amber_Strict`); anything else is refused with the list. */
function parseMarking(value: string): Marking {
  const marking = value.trim().toUpperCase().replace(/[-\s:]/g, '_').replace(/^TLP_/, '');
  if (!(MARKINGS as readonly string[]).includes(marking)) {
    throw ImportErrors.badOption('--marking', `"${value}" is not a marking; use one of ${MARKINGS.join(', ')}`);
  }
  return marking as Marking;
}

function parseShare(percent: string): number {
  const share = Number(percent.replace(/%$/, '')) / 100;
  if (!Number.isFinite(share) || share < 0 || share > 1) throw ImportErrors.badOption('--max-delisting', 'must be a percentage from 0 to 100');
  return share;
}
