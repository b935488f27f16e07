import type { ControlEntryStatus, Marking } from '../../db/schema/index.ts';
import { checkListSize, codeList, InputProblems, optionalText, requiredText, releasability } from '../../lib/input-errors.ts';
import { normalizeForSearch } from '../../lib/names.ts';
import type { CreateControlListEntryInput, UpdateControlListEntryInput } from './control-list.types.ts';

/** Validated, normalised content of a control-list entry, ready to store. */
export interface ControlListEntryContent {
  classificationCode: string;
  title: string;
  description: string | null;
  controlReasons: string[];
  status: ControlEntryStatus;
  provisional: boolean;
  sunsetDate: string | null;
  reviewDate: string | null;
  marking: Marking;
  releasableTo: string[] | null;
}

export const LIMITS = {
  classificationCode: 40,
  title: 500,
  description: 20_000,
  controlReason: 16,
  controlReasons: 50,
  agencyId: 64,
  listItems: 200,
} as const;

/** Wassenaar / EU dual-use style codes: `3A001.B.4`, `0A501`, `ML22.A`, `5D002.C.1`. */
const CLASSIFICATION_CODE = /^[0-9A-Z][0-9A-Z.-]*$/;

export function validateCreate(input: CreateControlListEntryInput): ControlListEntryContent {
  const problems = new InputProblems();
  const content: ControlListEntryContent = {
    classificationCode: classificationCode(problems, input.classificationCode),
    title: requiredText(problems, 'input.title', input.title, LIMITS.title),
    description: optionalText(problems, 'input.description', input.description, LIMITS.description),
    controlReasons: controlReasons(problems, input.controlReasons),
    status: input.status,
    provisional: input.provisional,
    sunsetDate: input.sunsetDate ?? null,
    reviewDate: input.reviewDate ?? null,
    marking: input.marking,
    releasableTo: releasability(problems, input.releasableTo),
  };
  checkControlRules(problems, content);
  problems.throwIfAny();
  return content;
}

/**
 * Applies an update onto the current content: an omitted field is kept, null clears it, and
 * the control rules are checked on the result.
 */
export function applyUpdate(current: ControlListEntryContent, input: UpdateControlListEntryInput): ControlListEntryContent {
  const problems = new InputProblems();
  const next: ControlListEntryContent = { ...current };
  const cannotClear = (field: string) => problems.add(`input.${field}`, 'cannot be cleared');

  if (input.classificationCode === null) cannotClear('classificationCode');
  else if (input.classificationCode !== undefined)
    next.classificationCode = classificationCode(problems, input.classificationCode);
  if (input.title === null) cannotClear('title');
  else if (input.title !== undefined) next.title = requiredText(problems, 'input.title', input.title, LIMITS.title);
  if (input.status === null) cannotClear('status');
  else if (input.status !== undefined) next.status = input.status;
  if (input.provisional === null) cannotClear('provisional');
  else if (input.provisional !== undefined) next.provisional = input.provisional;
  if (input.marking === null) cannotClear('marking');
  else if (input.marking !== undefined) next.marking = input.marking;

  if (input.description !== undefined)
    next.description = optionalText(problems, 'input.description', input.description, LIMITS.description);
  if (input.controlReasons !== undefined) next.controlReasons = controlReasons(problems, input.controlReasons);
  if (input.sunsetDate !== undefined) next.sunsetDate = input.sunsetDate;
  if (input.reviewDate !== undefined) next.reviewDate = input.reviewDate;
  if (input.releasableTo !== undefined) next.releasableTo = releasability(problems, input.releasableTo);

  checkControlRules(problems, next);
  problems.throwIfAny();
  return next;
}

/** Rules across fields: a temporary control must say when it lapses, and be reviewed before then. */
export function checkControlRules(problems: InputProblems, c: ControlListEntryContent): void {
  if (c.provisional && !c.sunsetDate) problems.add('input.sunsetDate', 'a provisional control must carry a sunset date');
  if (c.sunsetDate && c.reviewDate && c.reviewDate > c.sunsetDate) {
    problems.add('input.reviewDate', 'must not be after sunsetDate');
  }
}

export interface ControlListSearch {
  /** Upper-cased code prefix, or null when the text cannot begin a classification code. */
  codePrefix: string | null;
  /** Words of the title search, normalised with `normalizeForSearch`. */
  titleWords: string[];
}

/** Reads a search text as a code prefix and as title words; null when it has nothing to search for. */
export function parseSearch(text: string): ControlListSearch | null {
  const code = text.trim().toUpperCase();
  const normalized = normalizeForSearch(text);
  const search: ControlListSearch = {
    codePrefix: CLASSIFICATION_CODE.test(code) ? code : null,
    titleWords: normalized === '' ? [] : normalized.split(' '),
  };
  return search.codePrefix === null && search.titleWords.length === 0 ? null : search;
}

function classificationCode(problems: InputProblems, value: string): string {
  const field = 'input.classificationCode';
  const code = requiredText(problems, field, value, LIMITS.classificationCode).toUpperCase();
  if (code && !CLASSIFICATION_CODE.test(code)) {
    problems.add(field, 'must start with a letter or digit and hold only letters, digits, dots and hyphens');
  }
  return code;
}

function controlReasons(problems: InputProblems, values: readonly string[] | null | undefined): string[] {
  checkListSize(problems, 'input.controlReasons', values, LIMITS.controlReasons);
  return codeList(problems, 'input.controlReasons', values ?? [], LIMITS.controlReason);
}

