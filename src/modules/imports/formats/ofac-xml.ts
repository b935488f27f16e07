import { closeSync, openSync, readSync } from 'node:fs';
import { access } from 'node:fs/promises';
import { basename } from 'node:path';
import { constants, gunzipSync } from 'node:zlib';
import { SaxesParser } from 'saxes';
import { type ImportedEntry, type ImportSource, MalformedInputError } from '../imported-entry.ts';
import { OfacXmlEntryReader } from './ofac-xml-entry.ts';
import { requireXmlRoot } from './recognise.ts';
import { openSourceFile } from './source-files.ts';

const OFAC_ROOT = {
  name: 'sdnList',
  namespaces: ['https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/XML', 'http://tempuri.org/sdnList.xsd'],
  describe: "OFAC's sdn.xml schema",
};

/**
 * The OFAC SDN or consolidated (non-SDN) list in the sdn.xml schema (root `sdnList`). The
 * consolidated file differs only by name, so the list is told from the file name.
 */
export function ofacXmlSource(file: string): ImportSource {
  return {
    list: /cons/i.test(basename(file)) ? 'OFAC-CONS' : 'OFAC-SDN',
    snapshot: publishDate(file),
    check: () => void requireXmlRoot(file, 'ofac-xml', OFAC_ROOT),
    entries: () => readEntries(file),
  };
}

/** How much of the file to read for the publish date, which OFAC writes before the first entry. */
const HEAD_BYTES = 16 * 1024;

/**
 * `publshInformation/Publish_Date` (sic), `03/28/2025`, as `2025-03-28`. ImportSource wants the
 * snapshot before the entries are read, so the head of the file is read here, synchronously.
 */
function publishDate(file: string): string | null {
  let head: string;
  try {
    head = readHead(file);
  } catch {
    return null; // An unreadable file fails properly when its entries are read.
  }
  const match = /<Publish_Date>\s*(\d{2})\/(\d{2})\/(\d{4})\s*<\/Publish_Date>/.exec(head);
  return match ? `${match[3]}-${match[1]}-${match[2]}` : null;
}

function readHead(file: string): string {
  const buffer = Buffer.alloc(HEAD_BYTES);
  const fd = openSync(file, 'r');
  try {
    const head = buffer.subarray(0, readSync(fd, buffer, 0, HEAD_BYTES, 0));
    // Z_SYNC_FLUSH: inflate what is there instead of failing on the unfinished stream.
    return (file.endsWith('.gz') ? gunzipSync(head, { finishFlush: constants.Z_SYNC_FLUSH }) : head).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

async function* readEntries(file: string): AsyncGenerator<ImportedEntry> {
  // The gzip branch of openSourceFile does not forward a missing file's error: check first.
  await access(file);
  const parser = new SaxesParser({ position: true });
  const reader = new OfacXmlEntryReader(file);
  const ready: ImportedEntry[] = [];
  let depth = 0;
  parser.on('opentag', (tag) => {
    const name = localName(tag.name);
    if (depth++ === 0 && name !== 'sdnList') {
      throw new MalformedInputError(file, `line ${parser.line}`, `the root element is <${name}>, not <sdnList>`);
    }
    reader.onOpen(name, parser.line);
  });
  parser.on('text', (text) => reader.onText(text));
  parser.on('cdata', (text) => reader.onText(text));
  parser.on('closetag', () => {
    const entry = reader.onClose();
    if (entry) ready.push(entry);
    depth--;
  });
  // Thrown from inside write(), which is where the caller sees it.
  parser.on('error', (error) => {
    throw new MalformedInputError(file, `line ${parser.line}`, error.message.replace(/^\d+:\d+: /, ''));
  });
  const source = openSourceFile(file).setEncoding('utf8');
  try {
    for await (const chunk of source as AsyncIterable<string>) {
      parser.write(chunk);
      yield* ready.splice(0);
    }
    closeDocument(parser, file);
  } catch (error) {
    throw asMalformed(file, error, parser.line);
  } finally {
    source.destroy();
  }
  yield* ready.splice(0);
}

/** saxes reports a file cut off before `</sdnList>` as an unclosed tag; say what it most likely is. */
function closeDocument(parser: SaxesParser, file: string): void {
  try {
    parser.close();
  } catch (error) {
    if (!(error instanceof MalformedInputError)) throw error;
    throw new MalformedInputError(file, error.where, `the file ends early, inside the document (${error.reason})`);
  }
}

function localName(name: string): string {
  return name.slice(name.indexOf(':') + 1);
}

function asMalformed(file: string, error: unknown, line: number): unknown {
  // A truncated .gz fails in zlib with Z_BUF_ERROR ("unexpected end of file").
  if (error instanceof Error && String((error as { code?: unknown }).code).startsWith('Z_')) {
    return new MalformedInputError(file, `line ${line}`, `compressed data is corrupt or cut off: ${error.message}`);
  }
  return error;
}
