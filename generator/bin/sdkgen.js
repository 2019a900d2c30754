#!/usr/bin/env node
/**
 * The CLI from its bundle (scripts/bundle-cli.js), one file that starts
 * faster, while the modules it was made from are unchanged; from the modules
 * themselves when they changed after it was made, or when there is none.
 */
async function loadMain() {
  let bundle;
  try {
    bundle = await import('../dist/sdkgen.bundle.js');
  } catch (err) {
    if (err?.code !== 'ERR_MODULE_NOT_FOUND' || !String(err.message).includes('sdkgen.bundle.js')) throw err;
  }
  if (bundle && bundle.BUILT_FROM === bundle.generatorFingerprint()) return bundle.main;
  return (await import('../dist/cli.js')).main;
}

loadMain().then((main) => main(process.argv.slice(2))).then(
  (code) => { process.exitCode = code; },
  (err) => {
    process.stderr.write(`sdkgen: internal error: ${err?.stack ?? err}\n`);
    process.exitCode = 70;
  },
);
