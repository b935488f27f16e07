/** Control-list classification codes ("3A001.b.4", "ML8.a", "EAR99") as license screening and denial matching compare them. */

/**
 * A code as its segments: split at separators and wherever letters and digits meet, upper-cased.
 * "3A001.b.4", "3a001b4" and "3A001 b 4" are all [3, A, 001, B, 4]; "ML8.a" is [ML, 8, A].
 */
export function codeSegments(code: string): string[] {
  return code
    .normalize('NFKC')
    .toUpperCase()
    .split(/[^\p{Letter}\p{Number}]+/u)
    .flatMap((part) => part.match(/\p{Letter}+|\p{Number}+/gu) ?? []);
}

/**
 * Two classifications overlap when they are equal or one is a prefix of the other at a segment
 * boundary: "3A001" covers "3A001.b.4" and "ML8" covers "ML8.a", but "3A001" is not "3A0011"
 * and "ML1" is not "ML10". A code without letters or digits overlaps nothing.
 */
export function codesOverlap(a: string, b: string): boolean {
  const left = codeSegments(a);
  const right = codeSegments(b);
  if (left.length === 0 || right.length === 0) return false;
  const [shorter, longer] = left.length <= right.length ? [left, right] : [right, left];
  return shorter.every((segment, i) => segment === longer[i]);
}

/** The application's codes that overlap one of the denied codes, each once, in the application's order. */
export function overlappingCodes(applicationCodes: readonly string[], deniedCodes: readonly string[]): string[] {
  const found = applicationCodes.filter((code) => deniedCodes.some((denied) => codesOverlap(code, denied)));
  return [...new Set(found)];
}
