#!/usr/bin/env node
// Bundles the CLI and the modules it loads into dist/sdkgen.bundle.cjs after
// the TypeScript build: reading, linking and compiling one file instead of
// some seventy is most of what starting a run costs. It is CommonJS because
// Node 20 gives only a script, not an ES module, V8's code cache, which
// src/cli-bundle.ts keeps beside it. The bundle records the fingerprint of the
// modules it was made from; bin/sdkgen.js runs it only while they are
// unchanged, and the modules themselves otherwise.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { generatorFingerprint } from '../dist/assets.js';
import { writeIfChanged } from './write-if-changed.js';

const { dependencies } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const entry = join(dist, 'sdkgen.bundle.cjs');
const result = await build({
  stdin: {
    contents: "export { main } from './cli.js';\nexport { generatorFingerprint, PRECOMPILED_TEMPLATES } from './assets.js';\n",
    resolveDir: dist,
    sourcefile: 'sdkgen-entry.js',
    loader: 'js',
  },
  bundle: true,
  // The bundle sits beside the modules, whose paths to the templates and package.json it keeps.
  outfile: entry,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // A CommonJS module has no import.meta; the bundle's own URL is what every bundled module's was.
  banner: { js: 'const import_meta_url = require("node:url").pathToFileURL(__filename).href;' },
  define: { 'import.meta.url': 'import_meta_url' },
  // Packages stay requires, but for the Handlebars runtime (a few small files that precompiled templates
  // need) and code-block-writer, which the emitters use on every run: bundled, they are in the code cache.
  external: Object.keys(dependencies).filter((name) => name !== 'handlebars' && name !== 'code-block-writer'),
  write: false,
  metafile: true,
  logLevel: 'warning',
});
checkModuleRelativePaths(Object.keys(result.metafile.inputs).map((input) => resolve(input)));
checkNoDynamicImports(result.metafile.outputs);
const [output] = result.outputFiles;
// Unchanged output is left alone, so an up-to-date build touches nothing. A new bundle's cache goes
// with the old one; it could not be used (its key is the old bundle's), but would be left lying there.
if (writeIfChanged(entry, `${output.text}module.exports.BUILT_FROM = ${JSON.stringify(generatorFingerprint())};\n`)) {
  rmSync(`${entry}.v8-cache`, { force: true });
}
// The loader of the bundle, required by bin/sdkgen.js, also CommonJS: a run that loads no ES module
// never starts Node's ES module loader.
const loader = await build({
  entryPoints: [join(dist, 'cli-bundle.js')],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  write: false,
  outfile: join(dist, 'cli-bundle.cjs'),
  logLevel: 'warning',
});
writeIfChanged(join(dist, 'cli-bundle.cjs'), loader.outputFiles[0].text);
// The ES module bundle and chunks of earlier builds.
for (const name of readdirSync(dist)) if (name.endsWith('.bundle.js')) rmSync(join(dist, name));

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

/**
 * The bundle runs as a script compiled by node:vm, where `import()` fails:
 * every module it loads must be in it or required.
 */
function checkNoDynamicImports(outputs) {
  for (const [file, { imports }] of Object.entries(outputs)) {
    const dynamic = imports.filter((i) => i.kind === 'dynamic-import');
    if (dynamic.length > 0) throw new Error(`${file}: import() of ${dynamic.map((i) => i.path).join(', ')} cannot run in the bundle; bundle the module or require it`);
  }
}
