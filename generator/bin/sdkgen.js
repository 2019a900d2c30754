#!/usr/bin/env node
/**
 * The CLI from its bundle (scripts/bundle-cli.js), one file that starts
 * faster, compiled with a code cache (src/cli-bundle.ts), while the modules it
 * was made from are unchanged; from the modules themselves when they changed
 * after it was made, or when there is none.
 */
import { fileURLToPath } from 'node:url';

async function loadMain() {
  const { loadCliBundle } = await import('../dist/cli-bundle.js');
  const bundle = loadCliBundle(fileURLToPath(new URL('../dist/sdkgen.bundle.cjs', import.meta.url)));
  if (bundle) return bundle.main;
  return (await import('../dist/cli.js')).main;
}

loadMain().then((main) => main(process.argv.slice(2))).then(
  (code) => { process.exitCode = code; },
  (err) => {
    process.stderr.write(`sdkgen: internal error: ${err?.stack ?? err}\n`);
    process.exitCode = 70;
  },
);
