#!/usr/bin/env node
// Copies the templates and the runtime sources into this package while it is
// packed, so an installed sdkgen finds them beside its own code; `--remove`
// takes the copies away again afterwards, so a checkout keeps reading the
// originals at the repository root.
import { cpSync, rmSync } from 'node:fs';

const root = new URL('../../', import.meta.url);
const here = new URL('../', import.meta.url);
const remove = process.argv.includes('--remove');
for (const folder of ['templates/', 'runtime/']) rmSync(new URL(folder, here), { recursive: true, force: true });
if (!remove) {
  cpSync(new URL('templates/', root), new URL('templates/', here), { recursive: true });
  cpSync(new URL('runtime/src/', root), new URL('runtime/src/', here), { recursive: true });
}
