import type { RecordType } from './catalogue.ts';
import type { ShareableRecord } from './decision.ts';

/** A write one request made: the record and its version before (null: created) and after. */
export interface RecordWrite {
  readonly type: string;
  readonly id: string;
  readonly owner: string;
  readonly before: number | null;
  readonly after: number | null;
}

/**
 * What one request's audit entry collects while it runs. The field mask reports every field it
 * releases (so the entry names exactly what left the hub, not what the query asked for); the
 * mutation wrapper reports writes. Implemented by src/modules/audit; the kernel context holds it.
 */
export interface RequestAuditTrail {
  released(type: RecordType, record: ShareableRecord, field: string): void;
  wrote(write: RecordWrite): void;
}
