#!/usr/bin/env node
// Bundles the CLI and the modules it loads into dist/sdkgen.bundle.js and the
// chunks it imports (the pipeline, loaded only when there is work, is one)
// after the TypeScript build: reading, linking and compiling a few files
// instead of some seventy is most of what starting a run costs. The bundle
// records the fingerprint of the modules it was made from; bin/sdkgen.js runs
// it only while they are unchanged, and the modules themselves otherwise.
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { generatorFingerprint } from '../dist/assets.js';

const { dependencies } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const result = await build({
  stdin: { contents: "export { main } from './cli.js';\nexport { generatorFingerprint } from './assets.js';\n", resolveDir: dist, sourcefile: 'sdkgen-entry.js', loader: 'js' },
  bundle: true,
  // The pipeline, which the CLI imports only when there is work, is a chunk of its own; every chunk
  // sits beside the modules, whose paths to the templates and package.json it keeps.
  splitting: true,
  outdir: dist,
  entryNames: 'sdkgen.bundle',
  chunkNames: '[name]-[hash].bundle',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Packages stay imports, but for the Handlebars runtime, a few small files that precompiled templates need.
  external: Object.keys(dependencies).filter((name) => name !== 'handlebars'),
  write: false,
  metafile: true,
  logLevel: 'warning',
});
checkModuleRelativePaths(Object.keys(result.metafile.inputs).map((input) => resolve(input)));
const entry = join(dist, 'sdkgen.bundle.js');
const made = new Set();
for (const file of result.outputFiles) {
  made.add(file.path);
  const text = file.path === entry ? `${file.text}export const BUILT_FROM = ${JSON.stringify(generatorFingerprint())};\n` : file.text;
  let old;
  try {
    old = readFileSync(file.path, 'utf8');
  } catch {
    old = undefined;
  }
  // Unchanged output is left alone, so an up-to-date build touches nothing.
  if (old !== text) writeFileSync(file.path, text);
}
// Chunks of an earlier build.
for (const name of readdirSync(dist)) if (name.endsWith('.bundle.js') && !made.has(join(dist, name))) rmSync(join(dist, name));

/**
 * Bundled, every module's `import.meta.url` is the bundle's, at the root of
 * dist/: a path made relative to it in a module of a subfolder would point
 * elsewhere. Such paths belong in a module at the root (as in assets.ts).
 */
function checkModuleRelativePaths(files) {
  for (const file of files) {
    const inSubfolder = file.startsWith(dist) && file.slice(dist.length).includes(sep);
    if (inSubfolder && /new URL\([^)]*import\.meta\.url/.test(readFileSync(file, 'utf8'))) {
      throw new Error(`${file}: a path relative to import.meta.url breaks in the bundle, where the module is no longer in its subfolder; make it in a module at the root of src/`);
    }
  }
}
