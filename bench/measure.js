// How the bench measures one thing: a child process's wall time and peak memory,
// the size of a generated folder, and the bundle of a one-call entry.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const GNU_TIME = existsSync('/usr/bin/time');

/** Wall time (s) and peak resident memory (MB, from GNU time) of one run of `cmd argv` in `cwd`. */
export function time([cmd, argv], cwd) {
  const started = performance.now();
  const options = { encoding: 'utf8', maxBuffer: 1 << 26, cwd };
  const child = GNU_TIME ? spawnSync('/usr/bin/time', ['-f', '%M', cmd, ...argv], options) : spawnSync(cmd, argv, options);
  const wall = (performance.now() - started) / 1000;
  const rssKb = GNU_TIME ? Number(child.stderr.trim().split('\n').pop()) : NaN;
  const ok = child.status === 0;
  return { ok, wall, rss: rssKb / 1024, output: `${child.stdout}${child.stderr}`, error: ok ? undefined : `${child.stdout}${child.stderr}`.slice(0, 2000) };
}

/** Lines and bytes of the `.ts` files under `dir`, leaving out the bench's own entries. */
export function sizeOf(dir) {
  let lines = 0;
  let bytes = 0;
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.ts$/.test(e.name) && !e.name.startsWith('bench-')) {
        lines += readFileSync(p, 'utf8').split('\n').length;
        bytes += statSync(p).size;
      }
    }
  };
  walk(dir);
  return { lines, bytes };
}

/** Minified and gzipped size of a browser bundle of a one-call entry; `modules` gives the minified bytes each file adds, largest first. */
export async function bundleSize(entry, nodeModules) {
  if (!existsSync(entry)) return undefined;
  try {
    const result = await build({ entryPoints: [entry], bundle: true, minify: true, format: 'esm', platform: 'browser', write: false, metafile: true, logLevel: 'silent', nodePaths: [nodeModules] });
    const code = result.outputFiles[0].contents;
    const name = (file) => (file.includes('/src/') ? file.slice(file.lastIndexOf('/src/') + 5) : basename(file));
    const inputs = Object.values(result.metafile.outputs)[0].inputs;
    const modules = Object.entries(inputs).map(([file, i]) => ({ file: name(file), bytes: i.bytesInOutput })).filter((m) => m.bytes > 0).sort((a, b) => b.bytes - a.bytes);
    return { min: code.length, gzip: gzipSync(code).length, modules };
  } catch (e) {
    return { error: String(e.message).split('\n')[0] };
  }
}

export function median(values) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
