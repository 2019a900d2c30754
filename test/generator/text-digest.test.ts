import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../../generator/src/load/loader.js';
import { textDigest } from '../../generator/src/text-digest.js';

const sha = (t: string) => createHash('sha256').update(t).digest('hex');

/** A file's digest is asked for more than once a run and given from memory: it must be the digest of that text, however many texts came before. */
describe('textDigest', () => {
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

describe('a spec file read by the loader', () => {
  const spec = (title: string) => `openapi: 3.1.0\ninfo: {title: "${title}", version: "1"}\npaths: {}\n`;

  it('has the digest of its text, whether its bytes are UTF-8 (with a BOM, outside the BMP) or not', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sdkgen-digest-'));
    try {
      const files: [string, Buffer][] = [
        ['plain.yaml', Buffer.from(spec('Plain'))],
        ['bom.yaml', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(spec('Ünïcödé 😀'))])],
        ['latin1.yaml', Buffer.from(spec('Caf\u00e9'), 'latin1')],
      ];
      for (const [name, bytes] of files) {
        writeFileSync(join(dir, name), bytes);
        const loaded = loadSpec(join(dir, name));
        const text = loaded.refs.textOf(join(dir, name))!;
        expect(textDigest(text).toString('hex')).toBe(sha(text));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
