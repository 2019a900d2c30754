import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonical } from '../../generator/src/emit/fingerprint.js';

/**
 * `canonical` is what a unit's fingerprint hashes: two values that differ
 * must never give the same text, and it must be the same text whether or not
 * the value needs its odd numbers and NUL-led strings marked.
 */
const reference = (value: unknown): string | undefined => JSON.stringify(value, (_key, v: unknown) => {
  if (typeof v === 'number') return Number.isFinite(v) && !Object.is(v, -0) ? v : `\0${Object.is(v, -0) ? '-0' : String(v)}`;
  if (typeof v === 'string' && v.charCodeAt(0) === 0) return `\0${v}`;
  return v;
});

const odd = fc.constantFrom(-0, 0, NaN, Infinity, -Infinity, '\0', '\0-0', '\0NaN', '-0', 'NaN', null, undefined);
const leaf = fc.oneof(odd, fc.double(), fc.integer(), fc.string(), fc.boolean());
const value = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('node'), { maxLength: 4 }), fc.dictionary(fc.string({ maxLength: 3 }), tie('node'), { maxKeys: 4 })),
})).node;

describe('canonical', () => {
  it('writes every value as the marking replacer does', () => {
    fc.assert(fc.property(value, (v) => { expect(canonical(v)).toBe(reference(v)); }), { numRuns: 2000 });
  });

  it('tells apart the values plain JSON confuses, however deep', () => {
    const confused = [0, -0, NaN, Infinity, -Infinity, null, '\0NaN', '\0-0', '\0\0'];
    for (const wrap of [(v: unknown) => v, (v: unknown) => [1, v], (v: unknown) => ({ a: { b: ['x', v] } })]) {
      const texts = confused.map((v) => canonical(wrap(v)));
      expect(new Set(texts).size).toBe(confused.length);
    }
  });

  it('writes what an object gives through toJSON as its marked value', () => {
    expect(canonical({ at: { toJSON: () => -0 } })).toBe(reference({ at: { toJSON: () => -0 } }));
    expect(canonical([{ toJSON: () => '\0x' }])).toBe('["\\u0000\\u0000x"]');
  });
});
