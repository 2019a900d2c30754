#!/usr/bin/env node
// Time per generator stage for one spec, to know the slowest before optimising:
//   node bench/profile.js corpus/openai.yaml
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const spec = process.argv[2];
if (!spec) {
  console.error('usage: node bench/profile.js SPEC');
  process.exit(2);
}
const t0 = performance.now();
const { loadSpec } = await import('../generator/dist/load/loader.js');
const { buildIR } = await import('../generator/dist/ir/build.js');
const { emitPackage } = await import('../generator/dist/emit/package.js');
const { loadAssets } = await import('../generator/dist/assets.js');
const { TYPESCRIPT_VERSION } = await import('../generator/dist/generate.js');
const { writePackage } = await import('../generator/dist/write/writer.js');
const t1 = performance.now();
const loaded = loadSpec(spec);
const t2 = performance.now();
const { ir } = buildIR(loaded, { name: 'profile', packageName: 'profile', packageVersion: '0.0.0' });
const t3 = performance.now();
const files = emitPackage(ir, loadAssets(), TYPESCRIPT_VERSION);
const t4 = performance.now();
const out = mkdtempSync(join(tmpdir(), 'sdkgen-profile-'));
writePackage(join(out, 'pkg'), files, { inputHash: '', inputs: [] });
const t5 = performance.now();
rmSync(out, { recursive: true, force: true });
const row = (name, ms) => `${name.padEnd(10)} ${ms.toFixed(0).padStart(6)} ms`;
console.log([row('imports', t1 - t0), row('load', t2 - t1), row('ir', t3 - t2), row('emit', t4 - t3), row('write', t5 - t4), row('total', t5 - t0)].join('\n'));
console.log(`${ir.resources.reduce((n, r) => n + r.operations.length, 0)} operations, ${ir.models.length} models, ${files.size} files`);
