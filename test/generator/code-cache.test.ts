import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtGenerator } from '../support/built-generator.js';
import { ROOT } from '../support/packages.js';
import { treeHash } from '../support/tree-hash.js';

const CACHE = 'generator/dist/sdkgen.bundle.cjs.v8-cache';

function sdkgen(dir: string, args: string[]): { code: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [join(dir, 'generator/bin/sdkgen.js'), ...args], { cwd: dir, encoding: 'utf8' });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** Generates a package into `out` and returns what a user sees of it: the files, the exit code and the messages. */
function generate(dir: string, out: string) {
  const run = sdkgen(dir, ['generate', '--spec', join(ROOT, 'specs/syncano.yaml'), '--out', join(dir, out), '--name', 'syncano']);
  // The emit record stamps each file with its inode and time, which differ between any two folders.
  const files = Object.fromEntries(Object.entries(treeHash(join(dir, out))).filter(([path]) => !path.startsWith('.sdkgen-cache/')));
  return { files, code: run.code, stdout: run.stdout.replace(/\(\d+ ms\)/g, '').replaceAll(out, 'OUT'), stderr: run.stderr };
}

interface CacheFile {
  header: { key: string; data: string; full: boolean };
  data: Buffer;
}

function readCache(dir: string): CacheFile {
  const bytes = readFileSync(join(dir, CACHE));
  const end = bytes.indexOf(0x0a);
  return { header: JSON.parse(bytes.subarray(0, end).toString('utf8')), data: bytes.subarray(end + 1) };
}

function writeCache(dir: string, header: CacheFile['header'], data: Buffer): void {
  writeFileSync(join(dir, CACHE), Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`), data]));
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** The cache was written again, whole, for the same bundle and Node, and holds other bytes than `bad`. */
function expectRewritten(dir: string, key: string, bad: Buffer): void {
  const now = readCache(dir);
  expect(now.header).toEqual({ key, data: sha256(now.data), full: true });
  expect(now.data.equals(bad)).toBe(false);
}

describe('the code cache of the CLI bundle', () => {
  it('changes nothing a run produces: without a cache, with one, and with a damaged or foreign one, which is replaced', () => {
    const dir = builtGenerator();
    const cold = generate(dir, 'cold');
    expect(cold.code).toBe(0);
    const made = readCache(dir);
    expect(made.header).toEqual({ key: expect.stringMatching(/^[0-9a-f]{64}$/), data: sha256(made.data), full: true });

    expect(generate(dir, 'cached')).toEqual(cold);
    // A cache in use is not written again.
    expect(readCache(dir).data.equals(made.data)).toBe(true);

    const damaged = Buffer.from(made.data);
    damaged[damaged.length >> 1] ^= 0xff;
    writeCache(dir, made.header, damaged);
    expect(generate(dir, 'damaged')).toEqual(cold);
    expectRewritten(dir, made.header.key, damaged);

    const truncated = readFileSync(join(dir, CACHE)).subarray(0, 1000);
    writeFileSync(join(dir, CACHE), truncated);
    expect(generate(dir, 'truncated')).toEqual(cold);
    expectRewritten(dir, made.header.key, truncated);

    // Made for another bundle or Node, whose key it carries.
    writeCache(dir, { ...made.header, key: '0'.repeat(64) }, made.data);
    expect(generate(dir, 'foreign')).toEqual(cold);
    expect(readCache(dir).header.key).toBe(made.header.key);

    // Data V8 itself refuses, under the right key and hash.
    const refused = Buffer.from('not code from V8');
    writeCache(dir, { ...made.header, data: sha256(refused) }, refused);
    expect(generate(dir, 'refused')).toEqual(cold);
    expectRewritten(dir, made.header.key, refused);
  });

  it('is never used for another bundle, even one of the same length (all V8 compares)', () => {
    const dir = builtGenerator();
    expect(sdkgen(dir, ['--help']).stdout).toMatch(/^Usage: sdkgen generate/);
    const { header } = readCache(dir);
    const bundle = join(dir, 'generator/dist/sdkgen.bundle.cjs');
    const text = readFileSync(bundle, 'utf8');
    writeFileSync(bundle, text.replace('Usage: sdkgen generate', 'Usage: SDKGEN generate'));
    expect(readFileSync(bundle).length).toBe(Buffer.byteLength(text));
    expect(sdkgen(dir, ['--help']).stdout).toMatch(/^Usage: SDKGEN generate/);
    expect(readCache(dir).header.key).not.toBe(header.key);
  });

  it('made by a run that generated nothing, is replaced by the first run that generates', () => {
    const dir = builtGenerator();
    expect(sdkgen(dir, ['--version']).code).toBe(0);
    expect(readCache(dir).header.full).toBe(false);
    expect(generate(dir, 'out').code).toBe(0);
    expect(readCache(dir).header.full).toBe(true);
  });

  it('that cannot be written leaves the run as it was, and nothing behind', () => {
    const dir = builtGenerator();
    const cold = generate(dir, 'cold');
    const written = builtGenerator();
    // A folder where the file would be: neither read nor replaced (file permissions do not stop root).
    mkdirSync(join(written, CACHE));
    expect(generate(written, 'cold')).toEqual(cold);
    expect(readdirSync(join(written, CACHE))).toEqual([]);
    expect(readdirSync(join(written, 'generator/dist')).filter((name) => name.includes('v8-cache'))).toEqual(['sdkgen.bundle.cjs.v8-cache']);
    expect(existsSync(join(written, 'cold/.sdkgen-manifest.json'))).toBe(true);
  });
});
