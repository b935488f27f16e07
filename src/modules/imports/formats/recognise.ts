import { closeSync, existsSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import { constants, gunzipSync } from 'node:zlib';
import { SaxesParser } from 'saxes';
import { ImportErrors } from '../import.errors.ts';

/**
 * Telling a file's format from its head, so that the wrong file is refused before anything is
 * read or written, with what was expected and what was found. Each reader states what its
 * format looks like; `describeFound` says what the file looks like instead, and names the
 * format it probably is when its root element is one the hub reads.
 */

export interface XmlRoot {
  /** Local name, prefix dropped. */
  name: string;
  /** The root's namespace URI, or null when it has none. */
  namespace: string | null;
  attributes: Record<string, string>;
}

export interface ExpectedRoot {
  name: string;
  /** Accepted namespaces; null in the list accepts a root without one. */
  namespaces: readonly (string | null)[];
  /** What the format is, for the message: `the UN Security Council consolidated list`. */
  describe: string;
}

const HEAD_BYTES = 64 * 1024;

/** Roots of the XML formats the hub reads, to name the format a wrong file probably is. */
const KNOWN_ROOTS: Readonly<Record<string, string>> = {
  CONSOLIDATED_LIST: 'un-xml',
  export: 'eu-fsf-xml',
  sdnList: 'ofac-xml',
  'data-set': 'ca-sema-xml',
  Designations: 'the OFSI XML format (not read by the hub; use uk-ofsi-csv)',
};

/** Throws SOURCE_NOT_FOUND when nothing is at `target`. */
export function requireSource(target: string): void {
  if (!existsSync(target)) throw ImportErrors.sourceNotFound(target);
}

/** The decoded head of a file (`.gz` inflated as far as the head goes); '' for an empty file. */
export function readHeadText(file: string, bytes = HEAD_BYTES): string {
  const descriptor = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const head = buffer.subarray(0, readSync(descriptor, buffer, 0, bytes, 0));
    if (!file.endsWith('.gz') || head.length === 0) return head.toString('utf8');
    try {
      // Z_SYNC_FLUSH lets gunzip return what a cut-off gzip head decodes to instead of failing.
      return gunzipSync(head, { finishFlush: constants.Z_SYNC_FLUSH }).toString('utf8');
    } catch {
      return head.toString('latin1');
    }
  } finally {
    closeSync(descriptor);
  }
}

/** The root element of an XML file, from its head; null when the head holds no well-formed root start tag. */
export function readXmlRoot(file: string): XmlRoot | null {
  if (statSync(file).isDirectory()) return null;
  const parser = new SaxesParser({ xmlns: false, position: false });
  let root: XmlRoot | null = null;
  parser.on('opentag', (tag) => {
    if (root) return;
    const colon = tag.name.indexOf(':');
    const prefix = colon < 0 ? '' : tag.name.slice(0, colon);
    const attributes = { ...(tag.attributes as Record<string, string>) };
    root = { name: tag.name.slice(colon + 1), namespace: attributes[prefix ? `xmlns:${prefix}` : 'xmlns'] ?? null, attributes };
  });
  try {
    parser.write(readHeadText(file));
  } catch {
    // Whatever came before the fault has been seen; a text file has no root.
  }
  return root;
}

/** Refuses a file whose root element (and namespace) is not the one `expected` names. */
export function requireXmlRoot(file: string, format: string, expected: ExpectedRoot): XmlRoot {
  requireSource(file);
  const root = readXmlRoot(file);
  const namespaceOk = root !== null && expected.namespaces.includes(root.namespace);
  if (root && root.name === expected.name && namespaceOk) return root;
  const wanted = `<${expected.name}>${namespacesText(expected.namespaces)} (${expected.describe})`;
  throw ImportErrors.wrongFormat(path.basename(file), format, wanted, describeFound(file, root));
}

const namespacesText = (namespaces: readonly (string | null)[]) => {
  const named = namespaces.filter((n): n is string => n !== null);
  if (named.length === 0) return ' without a namespace';
  return ` in namespace ${named.join(' or ')}`;
};

/** What a file or folder looks like, for a WRONG_FORMAT message. */
export function describeFound(target: string, root: XmlRoot | null = null): string {
  if (statSync(target).isDirectory()) {
    const names = readdirSync(target).sort();
    return names.length ? `a folder holding ${names.slice(0, 6).join(', ')}${names.length > 6 ? ', …' : ''}` : 'an empty folder';
  }
  const xml = root ?? readXmlRoot(target);
  if (xml) {
    const known = KNOWN_ROOTS[xml.name];
    const namespace = xml.namespace ? ` in namespace ${xml.namespace}` : ' without a namespace';
    return `an XML document with root <${xml.name}>${namespace}${known ? ` (that looks like ${known})` : ''}`;
  }
  const text = readHeadText(target, 4_096);
  if (text.trim() === '') return 'an empty file';
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0]!;
  return `text starting "${firstLine.length > 60 ? `${firstLine.slice(0, 60)}…` : firstLine}"`;
}
