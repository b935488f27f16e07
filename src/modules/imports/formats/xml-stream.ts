import { closeSync, openSync, readSync } from 'node:fs';
import { constants, gunzipSync } from 'node:zlib';
import { SaxesParser } from 'saxes';
import { MalformedInputError } from '../imported-entry.ts';
import { openSourceFile } from './source-files.ts';

/** One element of a record, as a small tree: only the record being read is ever held. */
export interface XmlElement {
  /** Local name: a namespace prefix, if any, is dropped. */
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: XmlElement[];
  /** The element's own text (not its children's), as published. */
  text: string;
  /** Line of the start tag, for error messages. */
  readonly line: number;
}

/** Namespaces are not resolved: the lists use at most one default namespace, and prefixes are dropped. */
type PlainXml = { xmlns: false; position: boolean };

/** Picks the elements to hand out whole; `depth` is 0 for the root element. */
export type RecordSelector = (name: string, depth: number) => boolean;

/**
 * Streams the elements `isRecord` selects, one tree per record, in file order. Nothing outside
 * the current record is kept, so memory does not grow with the file. Ill-formed XML, or a file
 * that ends before its root element closes, throws `MalformedInputError` naming the line.
 */
export async function* streamXmlRecords(file: string, isRecord: RecordSelector): AsyncGenerator<XmlElement> {
  const parser = new SaxesParser<PlainXml>({ xmlns: false, position: true });
  const finished: XmlElement[] = [];
  const open: XmlElement[] = [];
  let depth = -1;
  let ending = false;

  parser.on('error', (error) => {
    const reason = error.message.replace(/^\d+:\d+: /, '');
    throw new MalformedInputError(file, `line ${parser.line}`, ending ? `the file ends too early (${reason})` : reason);
  });
  parser.on('opentag', (tag) => {
    depth++;
    const name = localName(tag.name);
    if (open.length === 0 && !isRecord(name, depth)) return;
    const element: XmlElement = { name, attributes: { ...tag.attributes }, children: [], text: '', line: parser.line };
    open.at(-1)?.children.push(element);
    open.push(element);
  });
  parser.on('closetag', () => {
    depth--;
    const element = open.pop();
    if (element && open.length === 0) finished.push(element);
  });
  const addText = (text: string) => {
    const element = open.at(-1);
    if (element) element.text += text;
  };
  parser.on('text', addText);
  parser.on('cdata', addText);

  const stream = openSourceFile(file);
  stream.setEncoding('utf8');
  let failure: unknown = null;
  try {
    for await (const chunk of stream) {
      parser.write(chunk as string);
      yield* finished.splice(0);
    }
    ending = true;
    parser.close();
  } catch (error) {
    failure = isZlibError(error) ? new MalformedInputError(file, `line ${parser.line}`, `the gzip data is damaged or cut off (${error.message})`) : error;
  }
  // Records completed before the fault, in the same chunk, still come first.
  yield* finished.splice(0);
  if (failure) throw failure;
}

/**
 * The root element's attributes, read from the head of the file only (the publication date
 * sits there, and a source must know it before its entries are read). Null when the head holds
 * no well-formed root start tag; reading the entries then reports what is wrong.
 */
export function readRootAttributes(file: string, headBytes = 64 * 1024): Record<string, string> | null {
  let text: string;
  try {
    text = new TextDecoder().decode(readHead(file, headBytes));
  } catch {
    return null; // no readable file: check() says so
  }
  const parser = new SaxesParser<PlainXml>({ xmlns: false, position: false });
  let root: Record<string, string> | null = null;
  parser.on('opentag', (tag) => {
    root ??= { ...tag.attributes };
  });
  try {
    parser.write(text);
  } catch {
    return null;
  }
  return root;
}

function readHead(file: string, headBytes: number): Buffer {
  const descriptor = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(headBytes);
    const head = buffer.subarray(0, readSync(descriptor, buffer, 0, headBytes, 0));
    // Z_SYNC_FLUSH lets gunzip return what a cut-off gzip head decodes to instead of failing.
    return file.endsWith('.gz') ? gunzipSync(head, { finishFlush: constants.Z_SYNC_FLUSH }) : head;
  } finally {
    closeSync(descriptor);
  }
}

/** Node's zlib errors carry `code` `Z_DATA_ERROR`, `Z_BUF_ERROR`, … */
const isZlibError = (error: unknown): error is Error => error instanceof Error && String((error as NodeJS.ErrnoException).code).startsWith('Z_');

const localName = (qualified: string) => qualified.slice(qualified.indexOf(':') + 1);

/**
 * Children of a record the reader does not know, with their text (attributes and nested
 * elements flattened), so that a publisher's new field is kept and reported, not dropped.
 */
export function unknownChildren(element: XmlElement, known: ReadonlySet<string>): { name: string; value: string }[] {
  return element.children.filter((child) => !known.has(child.name)).map((child) => ({ name: child.name, value: flatText(child) }));
}

function flatText(element: XmlElement): string {
  const attributes = Object.entries(element.attributes).map(([name, value]) => `${name}=${singleLine(value)}`);
  const parts = [...attributes, singleLine(element.text), ...element.children.map((child) => `${child.name}: ${flatText(child)}`)];
  return parts.filter(Boolean).join('; ');
}

export const childElements = (element: XmlElement, name: string): XmlElement[] => element.children.filter((child) => child.name === name);

/** The text of the first child called `name`, whitespace collapsed; '' when absent or empty. */
export const childText = (element: XmlElement, name: string): string => singleLine(element.children.find((child) => child.name === name)?.text);

/** The texts of `<name><VALUE>…</VALUE></name>` children, the UN list's way of writing repeated values. */
export const childValues = (element: XmlElement, name: string, valueName = 'VALUE'): string[] =>
  childElements(element, name)
    .flatMap((child) => childElements(child, valueName).map((value) => singleLine(value.text)))
    .filter(Boolean);

export const attribute = (element: XmlElement, name: string): string => singleLine(element.attributes[name]);

/** The text of the first child called `name` as free text (see `multiLine`). */
export const childTextBlock = (element: XmlElement, name: string): string => multiLine(element.children.find((child) => child.name === name)?.text);

/** The `YYYY-MM-DD` a date or timestamp (`2026-02-27T00:00:09.554Z`) starts with, as published; null otherwise. */
export const datePart = (value: string | null | undefined): string | null => /^\s*(\d{4}-\d{2}-\d{2})/.exec(value ?? '')?.[1] ?? null;

/** Runs of whitespace (line breaks and indentation of pretty-printed XML included) become one space. */
export const singleLine = (text: string | null | undefined): string => (text ?? '').replace(/\s+/g, ' ').trim();

/** Keeps the line breaks of free text but trims each line, collapses spaces and drops blank lines. */
export const multiLine = (text: string | null | undefined): string =>
  (text ?? '')
    .split(/\r?\n/)
    .map(singleLine)
    .filter(Boolean)
    .join('\n');

/** Joins the non-empty parts with `separator`; null when none is left. */
export const joinPresent = (parts: readonly (string | null | undefined)[], separator = ', '): string | null =>
  parts.filter((part): part is string => Boolean(part)).join(separator) || null;
