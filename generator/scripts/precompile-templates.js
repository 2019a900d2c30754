#!/usr/bin/env node
// Precompiles the templates into dist/ after the TypeScript build, so a run
// loads only the Handlebars runtime. A run whose templates differ from these
// (edited after the build) compiles them from source instead.
import { loadAssets, PRECOMPILED_TEMPLATES } from '../dist/assets.js';
import { precompiledModule } from '../dist/emit/template-engine.js';
import { writeIfChanged } from './write-if-changed.js';

writeIfChanged(PRECOMPILED_TEMPLATES, precompiledModule(loadAssets().templates));
