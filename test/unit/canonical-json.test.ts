import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/modules/sync/signed-json.ts';

describe('canonicalJson (RFC 8785)', () => {
  it('writes exactly what the canonicalize package writes, for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(canonicalJson(value)).toBe(canonicalize(value));
      }),
      { numRuns: 500 },
    );
  });

  it('sorts keys by UTF-16 code units and writes numbers as ECMAScript does', () => {
    expect(canonicalJson({ b: [1e21, 0.1, -0], a: { '\u00e9': 'x', z: null, Z: true } })).toBe('{"a":{"Z":true,"z":null,"é":"x"},"b":[1e+21,0.1,0]}');
  });

  it('refuses what has no canonical form', () => {
    expect(() => canonicalJson(Number.NaN)).toThrow();
    expect(() => canonicalJson({ x: Infinity })).toThrow();
    expect(() => canonicalJson('\ud800')).toThrow();
    expect(canonicalJson('\ud83d\ude00')).toBe('"😀"');
  });
});
