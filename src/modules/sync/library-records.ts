/**
 * Threat-library and control-list entries as their origin signs them and as a receiving hub reads
 * them back (GraphQL field names, JSON values). Only content travels: id, owner and version are in
 * the proof's claims, timestamps and provenance are the receiver's own. A threat entry's links to
 * control-list entries do not travel: those are records of their own, and the receiver may hold
 * none of them.
 */
import { z } from 'zod';
import { CONTROL_ENTRY_STATUSES, MARKINGS, THREAT_ENTRY_KINDS, THREAT_ENTRY_STATUSES, type ControlListEntryRow, type ThreatEntryRow } from '../../db/schema/index.ts';
import type { ControlListEntryContent } from '../control-list/control-list.validation.ts';
import type { ReceivedThreatEntryContent } from '../threat-library/threat-entry.repository.ts';
import type { Received } from './synced-kinds.ts';

export function threatEntryValues(row: ThreatEntryRow): Record<string, unknown> {
  return {
    kind: row.kind,
    title: row.title,
    status: row.status,
    marking: row.marking,
    releasableTo: row.releasableTo,
    description: row.description,
    indicators: row.indicators,
  };
}

export function controlListEntryValues(row: ControlListEntryRow): Record<string, unknown> {
  return {
    classificationCode: row.classificationCode,
    title: row.title,
    controlReasons: row.controlReasons,
    status: row.status,
    provisional: row.provisional,
    sunsetDate: row.sunsetDate,
    reviewDate: row.reviewDate,
    description: row.description,
    marking: row.marking,
    releasableTo: row.releasableTo,
  };
}

const text = (max: number) => z.string().min(1).max(max);
const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable().default(null);
const releasableTo = z.array(z.string().max(63)).max(200).nullable().default(null);
/** RED never leaves its owner: a RED value is unusable, whoever signed it. */
const marking = z.enum(MARKINGS).exclude(['RED']);

/** Every field is optional: only the released ones arrive. */
const releasedThreatEntry = z.object({
  kind: z.enum(THREAT_ENTRY_KINDS).optional(),
  title: text(500).optional(),
  status: z.enum(THREAT_ENTRY_STATUSES).optional(),
  marking: marking.optional(),
  releasableTo,
  description: z.string().max(20_000).optional(),
  indicators: z.array(z.string().max(2_000)).max(500).default([]),
});

const releasedControlListEntry = z.object({
  classificationCode: text(40).optional(),
  title: text(500).optional(),
  status: z.enum(CONTROL_ENTRY_STATUSES).optional(),
  marking: marking.optional(),
  releasableTo,
  controlReasons: z.array(z.string().max(16)).max(50).default([]),
  provisional: z.boolean().default(false),
  sunsetDate: localDate,
  reviewDate: localDate,
  description: z.string().max(20_000).nullable().default(null),
});

const problemOf = (error: z.ZodError) => {
  const issue = error.issues[0]!;
  return { problem: `${issue.path.join('.')}: ${issue.message}` };
};

/**
 * A copy needs the entry's kind, title, status, marking and description (the table's required
 * columns): released without one of them, the version is kept as proof only.
 */
export function receivedThreatEntry(values: Readonly<Record<string, unknown>>): Received<ReceivedThreatEntryContent> {
  const parsed = releasedThreatEntry.safeParse(values);
  if (!parsed.success) return problemOf(parsed.error);
  const { kind, title, status, marking: m, description, ...rest } = parsed.data;
  if (kind === undefined || title === undefined || status === undefined || m === undefined || description === undefined) return { storable: false };
  return { storable: true, content: { kind, title, status, marking: m, description, ...rest } };
}

/** A copy needs the entry's code, title, status and marking: released without one of them, the version is kept as proof only. */
export function receivedControlListEntry(values: Readonly<Record<string, unknown>>): Received<ControlListEntryContent> {
  const parsed = releasedControlListEntry.safeParse(values);
  if (!parsed.success) return problemOf(parsed.error);
  const { classificationCode, title, status, marking: m, ...rest } = parsed.data;
  if (classificationCode === undefined || title === undefined || status === undefined || m === undefined) return { storable: false };
  return { storable: true, content: { classificationCode, title, status, marking: m, ...rest } };
}
