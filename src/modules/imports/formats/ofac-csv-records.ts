import { access } from 'node:fs/promises';
import { CsvError, parse } from 'csv-parse';
import { MalformedInputError } from '../imported-entry.ts';
import { openSourceFile } from './source-files.ts';

/** One row of an OFAC CSV file; OFAC's null marker `-0- ` is already null. */
export interface OfacCsvRow {
  cells: (string | null)[];
  /** Line of the row in the file, from 1. */
  line: number;
}

/** OFAC ends its files with a DOS end-of-file byte on a line of its own. */
const END_OF_FILE = '\x1a';

/**
 * Streams the rows of an OFAC CSV file (no header, CRLF, `.gz` allowed), each checked for
 * `columns` cells and a numeric ent_num in the first. Anything else is a MalformedInputError
 * naming the line, and so is a file that ends inside a row.
 */
export async function* ofacCsvRows(file: string, columns: number): AsyncGenerator<OfacCsvRow> {
  // The gzip branch of openSourceFile does not forward a missing file's error: check first.
  await access(file);
  // Lines are counted here: csv-parse's `info` or `on_record` would add half again to the parse time.
  const parser = parse({ relax_column_count: true });
  const source = openSourceFile(file);
  source.on('error', (error) => parser.destroy(error));
  source.pipe(parser);
  let line = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      const first = line + 1;
      line = first + newlinesIn(record);
      if (record.length === 1 && (record[0] === '' || record[0] === END_OF_FILE)) continue;
      yield { cells: checkedCells(file, first, record, columns), line: first };
    }
  } catch (error) {
    throw asMalformed(file, error, line);
  } finally {
    source.destroy();
  }
}

function checkedCells(file: string, line: number, record: string[], columns: number): (string | null)[] {
  const fail = (reason: string) => new MalformedInputError(file, `line ${line}`, reason);
  if (record.length !== columns) {
    throw fail(`expected ${columns} columns, found ${record.length} (a malformed or cut-off row)`);
  }
  if (!/^\d+$/.test(record[0]!.trim())) throw fail(`ent_num "${record[0]}" is not a number`);
  // A file cut inside the last cell's null marker leaves `-0`, `-` or nothing; text is quoted.
  if (/^-0?$|^$/.test(record[columns - 1]!.trim())) throw fail('the row ends early (a cut-off file)');
  return [record[0]!.trim(), ...record.slice(1).map(nullMarker)];
}

function nullMarker(cell: string): string | null {
  return cell.trim() === '-0-' ? null : cell;
}

function newlinesIn(record: string[]): number {
  let count = 0;
  for (const cell of record) {
    for (let at = cell.indexOf('\n'); at !== -1; at = cell.indexOf('\n', at + 1)) count++;
  }
  return count;
}

function asMalformed(file: string, error: unknown, lastLine: number): unknown {
  if (error instanceof MalformedInputError) return error;
  if (error instanceof CsvError) {
    const line = typeof error.lines === 'number' ? error.lines : lastLine;
    return new MalformedInputError(file, `line ${line}`, error.message);
  }
  // A truncated .gz fails in zlib with Z_BUF_ERROR ("unexpected end of file").
  if (error instanceof Error && 'errno' in error && String((error as { code?: unknown }).code).startsWith('Z_')) {
    return new MalformedInputError(file, `line ${lastLine + 1}`, `compressed data is corrupt or cut off: ${error.message}`);
  }
  return error;
}
