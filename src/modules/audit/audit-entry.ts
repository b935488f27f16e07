/**
 * What an audit entry says, and the one byte string it is hashed as (RFC 8785 canonical JSON).
 * Pure: the hub writes entries with these functions and `interlock audit verify` reads them back.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../lib/canonical-json.ts';
import type { RecordWrite } from '../../policy/audit-trail.ts';

/**
 * Records that left the hub in a response: exactly the fields released, and why. Records of one
 * type and owner released with the same fields under the same agreements are one group (a page
 * of 500 is usually one), which keeps the entry a tenth of the size of a row per record.
 */
export interface ReleasedRecords {
  readonly type: string;
  readonly owner: string;
  readonly fields: readonly string[];
  readonly agreements: readonly string[];
  /** Sorted. */
  readonly ids: readonly string[];
}

export interface RequestEntry {
  readonly kind: 'request';
  readonly requestId: string;
  readonly agency: string;
  readonly user: string;
  readonly roles: readonly string[];
  readonly operation: { readonly name: string | null; readonly type: string | null; readonly documentHash: string | null };
  readonly variables: unknown;
  readonly outcome: 'ok' | 'partial' | 'error';
  readonly errorCodes: readonly string[];
  readonly released: readonly ReleasedRecords[];
  readonly writes: readonly RecordWrite[];
}

export interface BundleServedEntry {
  readonly kind: 'bundle_served';
  readonly agency: string;
  readonly user: string;
  readonly peer: string;
  readonly records: number;
  readonly tombstones: number;
  readonly bundleHash: string;
}

export interface BundleAppliedEntry {
  readonly kind: 'bundle_applied';
  readonly peer: string;
  readonly bundleHash: string;
  readonly records: number;
  readonly tombstones: number;
  readonly withdrawals: number;
  /** Records stored as new versions (the rest were unchanged, older or not storable). */
  readonly applied: number;
}

export interface PolicyChangeEntry {
  readonly kind: 'policy_change';
  readonly agreements: readonly { readonly id: string; readonly change: string; readonly documentHash: string | null }[];
}

/** A change the scheduler made on its own (a sunset, an expiry): the records and their versions. */
export interface ScheduledEntry {
  readonly kind: 'scheduled';
  readonly job: string;
  readonly writes: readonly (RecordWrite & { readonly status: string })[];
}

export type AuditEntryContent = RequestEntry | BundleServedEntry | BundleAppliedEntry | PolicyChangeEntry | ScheduledEntry;

/** An entry as stored and hashed: its content, its place in the log and the leaf before it. */
export type AuditEntry = AuditEntryContent & {
  readonly v: 1;
  readonly index: number;
  readonly at: string;
  /** The previous entry's leaf hash (hex; null for the first), so that an edit is named at its entry. */
  readonly previous: string | null;
};

export function canonicalEntry(entry: AuditEntry): string {
  return canonicalJson(entry);
}

/** SHA-256 of the GraphQL document as sent: names the query without storing it. */
export const documentHash = (query: string) => createHash('sha256').update(query, 'utf8').digest('hex');

/**
 * Variable values that say nothing about the records asked for and may stay in the log:
 * paging, ids, versions and the enums of filters. Everything else (names screened, search
 * text, record content being written) is replaced by `[redacted]` with its shape kept, so that
 * the log does not become a second copy of restricted data.
 */
const KEPT_KEYS = new Set([
  'id',
  'ids',
  'recordId',
  'applicationId',
  'designationId',
  'first',
  'after',
  'last',
  'before',
  'version',
  'expectedVersion',
  'status',
  'subjectType',
  'types',
  'owner',
  'marking',
  'format',
  'since',
  'agency',
  'entry',
  'from',
  'to',
  'treeSize',
  'action',
  'lane',
]);
export const REDACTED = '[redacted]';

/**
 * No input of the schema nests deeper than a few levels; a hostile request's variables may nest
 * a hundred thousand (the request is refused, but its entry is written first): below this depth
 * the shape is not kept either.
 */
const MAX_KEPT_DEPTH = 16;

export function redactVariables(value: unknown, key?: string, depth = 0): unknown {
  if (depth >= MAX_KEPT_DEPTH && value !== null && typeof value === 'object') return REDACTED;
  if (Array.isArray(value)) return value.map((item) => redactVariables(item, key, depth + 1));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, redactVariables(v, k, depth + 1)]));
  }
  if (value === null || value === undefined || typeof value === 'boolean') return value ?? null;
  return key !== undefined && KEPT_KEYS.has(key) ? value : REDACTED;
}
