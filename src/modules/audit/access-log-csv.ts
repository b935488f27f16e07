import type { AccessLogRow } from './access-log.ts';

const COLUMNS = ['at', 'agency', 'user', 'operation', 'recordType', 'recordId', 'owner', 'fields', 'agreements', 'entry'] as const;

/** RFC 4180: quoted when needed, quotes doubled, CRLF; lists joined with `;`. */
const cell = (value: unknown): string => {
  const text = value instanceof Date ? value.toISOString() : Array.isArray(value) ? value.join(';') : value === null || value === undefined ? '' : String(value);
  // A cell starting with = + - @ is a formula to spreadsheets: quoted with a leading apostrophe.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n']/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

export function accessLogCsv(rows: readonly AccessLogRow[]): string {
  return [COLUMNS.join(','), ...rows.map((row) => COLUMNS.map((column) => cell(row[column])).join(','))].join('\r\n') + '\r\n';
}
