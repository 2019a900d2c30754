import { basename, extname } from 'node:path';
import type { Diagnostic } from '../diagnostics.js';
import { buildPackage } from '../generate.js';
import { bumpFor, type ApiChange, type Bump } from './changes.js';
import { classifyChanges } from './classify.js';

export interface SpecDiff {
  bump: Bump;
  changes: ApiChange[];
  warnings: Diagnostic[];
}

/** What regenerating from `newSpec` instead of `oldSpec` would change for consumers; writes nothing. */
export function diffSpecs(oldSpec: string, newSpec: string, options: { name?: string | undefined; strict?: boolean | undefined; overlays?: readonly string[] | undefined } = {}): SpecDiff {
  // Both sides get the same names, so a renamed spec file is not a renamed client.
  const name = options.name ?? basename(newSpec, extname(newSpec));
  const common = { out: '.', name, packageName: 'package', packageVersion: '1.0.0', strict: options.strict, overlays: options.overlays };
  const before = buildPackage({ ...common, spec: oldSpec });
  const after = buildPackage({ ...common, spec: newSpec });
  const changes = classifyChanges(before.files, after.files);
  return { bump: bumpFor(changes), changes, warnings: after.warnings };
}
