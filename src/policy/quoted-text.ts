import type { RecordType } from './catalogue.ts';
import type { AccessDecision, ShareableRecord } from './decision.ts';

/**
 * Whether text quoting `quoted` fields of `record` may be shown to the caller: only when every
 * one of them is released to it for this record (see `QUOTED_FIELDS` in the catalogue). Text
 * copied from a field must not travel further than the field.
 */
export function quotedTextReleased(access: AccessDecision, type: RecordType, record: ShareableRecord, quoted: readonly string[]): boolean {
  return quoted.every((field) => access.isFieldReleased(type, record, field));
}

/**
 * The caller's view of a record another one refers to (the designation a risk factor names, the
 * denial an escalation names): which of its fields are released, or null when the record itself
 * is not (it then does not exist for the caller, and nothing may be said about it).
 */
export function referencedRecordView(
  access: AccessDecision,
  type: RecordType,
  record: ShareableRecord | null | undefined,
): ((field: string) => boolean) | null {
  const released = record ? access.releasedFields(type, record) : null;
  return released ? (field: string) => released.has(field) : null;
}
