import { AppError } from './errors.ts';

/**
 * Collects every problem with an input before failing, so that a caller fixes a request in
 * one round trip. Fields are paths within the operation's arguments (`input.aliases[2].name`).
 */
export class InputProblems {
  private readonly problems: { field: string; reason: string }[] = [];

  add(field: string, reason: string): void {
    this.problems.push({ field, reason });
  }

  get isEmpty(): boolean {
    return this.problems.length === 0;
  }

  /** Throws one BAD_USER_INPUT naming every field at fault; `extensions.field` is the first. */
  throwIfAny(): void {
    const first = this.problems[0];
    if (!first) return;
    throw new AppError('BAD_USER_INPUT', this.problems.map((p) => `${p.field}: ${p.reason}`).join('; '), {
      field: first.field,
      fields: this.problems.map((p) => p.field).join(','),
    });
  }
}

/** Trims a required text and checks its length; returns the trimmed value (NFC). */
export function requiredText(problems: InputProblems, field: string, value: string, maxLength: number): string {
  const trimmed = value.normalize('NFC').trim();
  if (trimmed.length === 0) problems.add(field, 'must not be empty');
  else if (trimmed.length > maxLength) problems.add(field, `must be at most ${maxLength} characters`);
  return trimmed;
}

/** Like `requiredText`, but null/blank becomes null. */
export function optionalText(
  problems: InputProblems,
  field: string,
  value: string | null | undefined,
  maxLength: number,
): string | null {
  if (value == null) return null;
  const trimmed = value.normalize('NFC').trim();
  if (trimmed.length === 0) return null;
  if (trimmed.length > maxLength) problems.add(field, `must be at most ${maxLength} characters`);
  return trimmed;
}

export function checkListSize(problems: InputProblems, field: string, list: readonly unknown[] | null | undefined, max: number): void {
  if (list && list.length > max) problems.add(field, `must have at most ${max} items`);
}

/** De-duplicates a list of short codes, keeping first occurrences, after trimming. */
export function codeList(problems: InputProblems, field: string, values: readonly string[], maxLength: number): string[] {
  const seen = new Set<string>();
  values.forEach((raw, i) => {
    const value = raw.trim();
    if (value.length === 0) problems.add(`${field}[${i}]`, 'must not be empty');
    else if (value.length > maxLength) problems.add(`${field}[${i}]`, `must be at most ${maxLength} characters`);
    else seen.add(value);
  });
  return [...seen];
}

/** The agencies a record may be released to: null (no restriction beyond agreements) or de-duplicated ids. */
export function releasability(problems: InputProblems, ids: readonly string[] | null | undefined): string[] | null {
  if (ids == null) return null;
  checkListSize(problems, 'input.releasableTo', ids, 200);
  return codeList(problems, 'input.releasableTo', ids, 64);
}
