import type { Marking, ThreatEntryKind, ThreatEntryStatus } from '../../db/schema/index.ts';
import { isUuid } from '../../lib/ids.ts';
import { checkListSize, InputProblems, requiredText, releasability } from '../../lib/input-errors.ts';
import { normalizeForSearch } from '../../lib/names.ts';
import type { CreateThreatEntryInput, UpdateThreatEntryInput } from './threat-entry.types.ts';

/** Validated, normalised content of a threat entry, ready to store. */
export interface ThreatEntryContent {
  kind: ThreatEntryKind;
  title: string;
  description: string;
  indicators: string[];
  status: ThreatEntryStatus;
  marking: Marking;
  releasableTo: string[] | null;
  /** Lower-cased, without duplicates, in the order given. */
  controlListEntryIds: string[];
}

export const LIMITS = {
  title: 300,
  description: 20_000,
  indicator: 1_000,
  indicators: 200,
  controlLinks: 200,
  agencyId: 64,
  listItems: 200,
} as const;

export function validateCreate(input: CreateThreatEntryInput): ThreatEntryContent {
  const problems = new InputProblems();
  const content: ThreatEntryContent = {
    kind: input.kind,
    title: requiredText(problems, 'input.title', input.title, LIMITS.title),
    description: requiredText(problems, 'input.description', input.description, LIMITS.description),
    indicators: indicators(problems, input.indicators),
    status: input.status,
    marking: input.marking,
    releasableTo: releasability(problems, input.releasableTo),
    controlListEntryIds: controlListEntryIds(problems, input.controlListEntryIds),
  };
  problems.throwIfAny();
  return content;
}

/** Applies an update onto the current content: an omitted field is kept, null clears it. */
export function applyUpdate(current: ThreatEntryContent, input: UpdateThreatEntryInput): ThreatEntryContent {
  const problems = new InputProblems();
  const next: ThreatEntryContent = { ...current };
  const cannotClear = (field: string) => problems.add(`input.${field}`, 'cannot be cleared');

  if (input.kind === null) cannotClear('kind');
  else if (input.kind !== undefined) next.kind = input.kind;
  if (input.title === null) cannotClear('title');
  else if (input.title !== undefined) next.title = requiredText(problems, 'input.title', input.title, LIMITS.title);
  if (input.description === null) cannotClear('description');
  else if (input.description !== undefined)
    next.description = requiredText(problems, 'input.description', input.description, LIMITS.description);
  if (input.status === null) cannotClear('status');
  else if (input.status !== undefined) next.status = input.status;
  if (input.marking === null) cannotClear('marking');
  else if (input.marking !== undefined) next.marking = input.marking;

  if (input.indicators !== undefined) next.indicators = indicators(problems, input.indicators);
  if (input.releasableTo !== undefined) next.releasableTo = releasability(problems, input.releasableTo);
  if (input.controlListEntryIds !== undefined)
    next.controlListEntryIds = controlListEntryIds(problems, input.controlListEntryIds);

  problems.throwIfAny();
  return next;
}

/**
 * Fails naming every position of `given` (the ids as the caller sent them) that refers to
 * one of the `unknown` (lower-cased) control-list entries.
 */
export function refuseUnknownControlListEntries(given: readonly string[], unknown: ReadonlySet<string>): void {
  const problems = new InputProblems();
  given.forEach((id, i) => {
    if (unknown.has(id.trim().toLowerCase())) problems.add(`input.controlListEntryIds[${i}]`, 'no such control-list entry');
  });
  problems.throwIfAny();
}

/** The normalised words of a search text; null when it holds no letter or digit. */
export function searchWords(text: string): string[] | null {
  const normalized = normalizeForSearch(text);
  return normalized === '' ? null : normalized.split(' ');
}

function indicators(problems: InputProblems, values: readonly string[] | null | undefined): string[] {
  checkListSize(problems, 'input.indicators', values, LIMITS.indicators);
  const kept = (values ?? []).map((value, i) => requiredText(problems, `input.indicators[${i}]`, value, LIMITS.indicator));
  return [...new Set(kept)];
}

/** Ids lower-cased first: Postgres reads UUIDs case-insensitively, so `A…` and `a…` are one link. */
function controlListEntryIds(problems: InputProblems, ids: readonly string[] | null | undefined): string[] {
  checkListSize(problems, 'input.controlListEntryIds', ids, LIMITS.controlLinks);
  const kept = new Set<string>();
  (ids ?? []).forEach((id, i) => {
    if (isUuid(id.trim())) kept.add(id.trim().toLowerCase());
    else problems.add(`input.controlListEntryIds[${i}]`, 'is not a control-list entry id');
  });
  return [...kept];
}

