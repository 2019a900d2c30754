export { generate, buildPackage, GENERATOR_VERSION, type GenerateOptions, type GenerateResult } from './generate.js';
export { packagesFromConfig } from './config.js';
export { loadSpec, type LoadedSpec } from './load/loader.js';
export { buildIR } from './ir/build.js';
export type * from './ir/types.js';
export { SpecError, formatDiagnostic, type Diagnostic, type SourceLocation } from './diagnostics.js';
export { WriteConflict } from './write/writer.js';
