/**
 * RFC 8785 canonical JSON, as the `canonicalize` package writes it (keys sorted by UTF-16 code
 * units, numbers and strings as ECMAScript's JSON.stringify writes them; NaN, infinities and
 * lone surrogates refused): what signatures (bundles, record proofs, tree heads) and the audit
 * log's leaf hashes are made over, so every hub and `interlock audit verify` get the same bytes.
 *
 * Written into one list of parts instead of a string per level, and an array of plain strings
 * in one JSON.stringify call (record ids: an audit entry of a 500-record page is mostly these):
 * bundles and entries are canonicalised on every request, and that package's concatenation
 * dominated serving them.
 */
export function canonicalJson(value: unknown): string {
  const parts: string[] = [];
  writeCanonical(value === undefined ? null : value, parts, new Set());
  return parts.join('');
}

/**
 * A value already written in its RFC 8785 form, made only by `CanonicalJsonText.of` (so the text
 * is canonical by construction). `canonicalJson` writes it as it is: a record's field is made
 * canonical once, when its origin digests it, and not again inside every bundle that carries it.
 * Other writers (JSON.stringify, loggers) see the value itself.
 */
export class CanonicalJsonText {
  private constructor(readonly text: string) {}

  static of(value: unknown): CanonicalJsonText {
    return new CanonicalJsonText(canonicalJson(value));
  }

  toJSON(): unknown {
    return JSON.parse(this.text);
  }
}

const isWellFormed = (text: string) => (text as string & { isWellFormed(): boolean }).isWellFormed();

/** True when every item is a well-formed string: JSON.stringify then writes the array canonically. */
function isArrayOfStrings(value: readonly unknown[]): boolean {
  for (const item of value) if (typeof item !== 'string' || !isWellFormed(item)) return false;
  return true;
}

function writeCanonical(value: unknown, out: string[], seen: Set<object>): void {
  if (value === null || typeof value === 'boolean') return void out.push(String(value));
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`${value} has no JSON form`);
    return void out.push(JSON.stringify(value));
  }
  if (typeof value === 'string') {
    if (!isWellFormed(value)) throw new Error('Lone surrogate is not allowed');
    return void out.push(JSON.stringify(value));
  }
  if (typeof value !== 'object') throw new TypeError('value has no JSON form');
  if (value instanceof CanonicalJsonText) return void out.push(value.text);
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return writeCanonical((value as { toJSON(): unknown }).toJSON(), out, seen);
  if (seen.has(value)) throw new Error('Circular reference detected');
  if (Array.isArray(value) && isArrayOfStrings(value)) return void out.push(JSON.stringify(value));
  seen.add(value);
  if (Array.isArray(value)) {
    out.push('[');
    value.forEach((item, i) => {
      if (i > 0) out.push(',');
      writeCanonical(item === undefined || typeof item === 'function' || typeof item === 'symbol' ? null : item, out, seen);
    });
    out.push(']');
  } else {
    out.push('{');
    let first = true;
    for (const key of Object.keys(value).sort()) {
      const item = (value as Record<string, unknown>)[key];
      if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
      if (!first) out.push(',');
      first = false;
      out.push(JSON.stringify(key), ':');
      writeCanonical(item, out, seen);
    }
    out.push('}');
  }
  seen.delete(value);
}
