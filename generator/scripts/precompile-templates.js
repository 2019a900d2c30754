#!/usr/bin/env node
// Precompiles the templates into dist/ after the TypeScript build, so a run
// loads only the Handlebars runtime. A run whose templates differ from these
// (edited after the build) compiles them from source instead.
import { readFileSync, writeFileSync } from 'node:fs';
import { loadAssets, PRECOMPILED_TEMPLATES } from '../dist/assets.js';
import { precompiledModule } from '../dist/emit/template-engine.js';

const text = precompiledModule(loadAssets().templates);
let old;
try {
  old = readFileSync(PRECOMPILED_TEMPLATES, 'utf8');
} catch {
  old = undefined;
}
// Unchanged output is left alone, so an up-to-date build touches nothing.
if (old !== text) writeFileSync(PRECOMPILED_TEMPLATES, text);
