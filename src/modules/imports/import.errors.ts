/**
 * Every way an import can stop short, each with a stable code: the CLI prints the message
 * (and, with --json, the code), the hub logs both, and `import_runs` keeps them.
 */
export type ImportErrorCode =
  /** The file is not of the format named on the command line. */
  | 'WRONG_FORMAT'
  /** No file or folder at the path given. */
  | 'SOURCE_NOT_FOUND'
  /** The file is of the right format but broken (cut off, ill-formed, an entry without a name). */
  | 'MALFORMED_INPUT'
  /** The file holds no entries: importing it would delist the whole list. */
  | 'EMPTY_LIST'
  /** The import would delist more of the list than allowed. */
  | 'MASS_DELISTING'
  /** The file is an older edition than the last one applied to the list. */
  | 'OLDER_EDITION'
  /** `--edition` contradicts the date the file states. */
  | 'EDITION_MISMATCH'
  | 'UNKNOWN_OWNER'
  | 'UNKNOWN_FORMAT'
  | 'BAD_OPTION'
  /** Stopped at the user's request after the batch in flight. */
  | 'CANCELLED'
  /** Stopped because the hub shut down, after the batch in flight: the same import resumes. */
  | 'HUB_STOPPED';

type Details = Readonly<Record<string, string | number | boolean | null>>;

export class ImportError extends Error {
  constructor(
    readonly code: ImportErrorCode,
    message: string,
    readonly details: Details = {},
  ) {
    super(message);
    this.name = 'ImportError';
  }
}

export interface PlannedCounts {
  entries: number;
  added: number;
  updated: number;
  unchanged: number;
  delisted: number;
}

const describeCounts = (c: PlannedCounts) =>
  `${c.entries} entries: ${c.added} to add, ${c.updated} to update, ${c.unchanged} unchanged, ${c.delisted} to delist`;

export const ImportErrors = {
  wrongFormat: (file: string, format: string, expected: string, found: string) =>
    new ImportError('WRONG_FORMAT', `${file} is not a ${format} file: expected ${expected}, found ${found}.`, { file, format, expected, found }),
  sourceNotFound: (target: string) => new ImportError('SOURCE_NOT_FOUND', `No file or folder at ${target}.`, { path: target }),
  emptyList: (file: string, list: string) =>
    new ImportError('EMPTY_LIST', `${file} holds no ${list} entries: nothing was written, and nothing delisted.`, { file, list }),
  massDelisting: (list: string, plan: PlannedCounts, active: number, maxShare: number) =>
    new ImportError(
      'MASS_DELISTING',
      `Stopped before writing: this import would delist ${plan.delisted} of the ${active} active ${list} designations ` +
        `(${percent(plan.delisted / active)}, more than the ${percent(maxShare)} allowed). ${describeCounts(plan)}. ` +
        'If that is right, run it again with --allow-mass-delisting.',
      { list, ...plan, active, maxShare },
    ),
  olderEdition: (list: string, edition: string, applied: string) =>
    new ImportError(
      'OLDER_EDITION',
      `Stopped before writing: the file is the ${list} edition of ${edition}, older than the edition of ${applied} already applied. ` +
        'Applying it would bring back entries removed since and delist those listed since; if that is what you want, run it again with --allow-older-edition.',
      { list, edition, applied },
    ),
  editionMismatch: (file: string, stated: string, given: string) =>
    new ImportError('EDITION_MISMATCH', `${file} states its edition as ${stated}, not ${given}: leave out --edition, or check the file.`, {
      file,
      stated,
      given,
    }),
  unknownFormat: (format: string, known: readonly string[]) =>
    new ImportError('UNKNOWN_FORMAT', `Unknown format "${format}"; the formats are: ${known.join(', ')}.`, { format }),
  badOption: (option: string, reason: string) => new ImportError('BAD_OPTION', `${option}: ${reason}`, { option }),
  cancelled: (position: number) =>
    new ImportError(
      'CANCELLED',
      `Import cancelled after ${position} entries (the last batch was committed; running the same import again resumes there).`,
      { position },
    ),
  hubStopped: (position: number) =>
    new ImportError('HUB_STOPPED', `the hub stopped; run the same import again to resume (after entry ${position}).`, { position }),
};

const percent = (share: number) => `${(share * 100).toFixed(share < 0.1 ? 1 : 0)}%`;
