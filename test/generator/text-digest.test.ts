import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { textDigest } from '../../generator/src/text-digest.js';

/** A file's digest is asked for more than once a run and given from memory: it must be the digest of that text, however many texts came before. */
describe('textDigest', () => {
  const sha = (t: string) => createHash('sha256').update(t).digest('hex');

  it('gives the sha256 of each text, asked again or asked for an equal text made apart', () => {
    const texts = ['', 'a', 'ü😀', 'x'.repeat(100_000), `${'x'.repeat(99_999)}y`];
    for (const t of [...texts, ...texts.map((t) => [...t].join(''))]) expect(textDigest(t).toString('hex')).toBe(sha(t));
  });

  it('still gives the right digests after more text than it keeps', () => {
    const big = (i: number) => `${i}`.padEnd(8 * 2 ** 20, String.fromCharCode(97 + (i % 26)));
    for (let i = 0; i < 12; i++) expect(textDigest(big(i)).toString('hex')).toBe(sha(big(i)));
    expect(textDigest(big(0)).toString('hex')).toBe(sha(big(0)));
  });
});
