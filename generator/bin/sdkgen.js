#!/usr/bin/env node
/**
 * The CLI from its bundle (scripts/bundle-cli.js), one file that starts
 * faster, compiled with a code cache (src/cli-bundle.ts), while the modules it
 * was made from are unchanged; from the modules themselves when they changed
 * after it was made, or when there is none.
 *
 * CommonJS (bin/package.json), as are the bundle and its loader: a run from
 * the bundle never starts Node's ES module loader.
 */
'use strict';
const { join } = require('node:path');

function loadMain() {
  const loader = join(__dirname, '../dist/cli-bundle.cjs');
  let bundle;
  try {
    bundle = require(loader).loadCliBundle(join(__dirname, '../dist/sdkgen.bundle.cjs'));
  } catch (err) {
    if (err?.code !== 'MODULE_NOT_FOUND' || !String(err.message).includes(loader)) throw err;
  }
  if (bundle) return Promise.resolve(bundle.main);
  return import('../dist/cli.js').then((cli) => cli.main);
}

new Promise((resolve) => resolve(loadMain())).then((main) => main(process.argv.slice(2))).then(
  (code) => { process.exitCode = code; },
  (err) => {
    process.stderr.write(`sdkgen: internal error: ${err?.stack ?? err}\n`);
    process.exitCode = 70;
  },
);
