import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CanonicalJsonText, canonicalJson } from '../../src/lib/canonical-json.ts';

describe('canonicalJson (RFC 8785)', () => {
  it('writes exactly what the canonicalize package writes, and refuses what it refuses, for any JSON value', () => {
    const outcome = (write: () => string | undefined) => {
      try {
        return write();
      } catch {
        return 'refused';
      }
    };
    fc.assert(
      fc.property(fc.jsonValue({ stringUnit: 'binary' }), (value) => {
        expect(outcome(() => canonicalJson(value))).toBe(outcome(() => canonicalize(value)));
      }),
      { numRuns: 2_000 },
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

  it('writes an array of strings (record ids) as the package does, and refuses one holding a lone surrogate', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary' }), { maxLength: 40 }), (values) => {
        let expected: string | undefined;
        try {
          expected = canonicalize(values);
        } catch {
          expect(() => canonicalJson(values)).toThrow();
          return;
        }
        expect(canonicalJson(values)).toBe(expected);
      }),
      { numRuns: 2_000 },
    );
    expect(() => canonicalJson({ ids: ['a', '\udc00'] })).toThrow();
    expect(canonicalJson({ ids: ['b\n', '"a"'] })).toBe('{"ids":["b\\n","\\"a\\""]}');
  });

  it('writes a value made canonical beforehand as it is, and other writers see the value itself', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), fc.jsonValue(), (outer, inner) => {
        const wrapped = { ...outer, inner: CanonicalJsonText.of(inner) };
        expect(canonicalJson(wrapped)).toBe(canonicalJson({ ...outer, inner }));
        expect(JSON.parse(JSON.stringify(wrapped))).toEqual(JSON.parse(JSON.stringify({ ...outer, inner })));
      }),
      { numRuns: 1_000 },
    );
    expect(() => CanonicalJsonText.of({ x: Number.NaN })).toThrow();
  });
});
