import { resolve as resolvePath } from 'node:path';
import { specError, type Diagnostic } from '../diagnostics.js';
import { normaliseSpec } from './normalise.js';
import { applyOverlays } from './overlay.js';
import { SourcePositions } from './positions.js';
import { RefResolver } from './refs.js';
import type { LoadedSpec, OpenAPIVersion } from './loaded-spec.js';

export type { LoadedSpec, OpenAPIVersion } from './loaded-spec.js';

/** Reads a spec, applies the given OpenAPI Overlay files to it in order, and normalises the result. */
export function loadSpec(path: string, overlays: readonly string[] = []): LoadedSpec {
  const file = resolvePath(path);
  const positions = new SourcePositions();
  const refs = new RefResolver(file, positions);
  let document: unknown;
  try {
    document = refs.load(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR' || code === 'EACCES') {
      throw specError(`cannot read spec file (${code})`, { file, line: 1, column: 1 });
    }
    throw e;
  }
  if (document === null || typeof document !== 'object' || Array.isArray(document)) {
    throw specError('a spec must be a mapping with an `openapi` field', positions.locate(document) ?? { file, line: 1, column: 1 });
  }
  const doc = document as Record<string, unknown>;
  const overlaid = applyOverlays(doc, overlays, refs, file);
  const spec = { file, version: openapiVersion(doc, positions, file), document: doc, refs, positions };
  return { ...spec, warnings: [...overlaid, ...normaliseSpec(spec)] };
}

function openapiVersion(doc: Record<string, unknown>, positions: SourcePositions, file: string): OpenAPIVersion {
  const v = doc['openapi'];
  if (typeof v === 'string' && /^3\.[01]\.\d+$/.test(v)) return v.startsWith('3.0') ? '3.0' : '3.1';
  const where = positions.locate(doc, 'openapi') ?? { file, line: 1, column: 1 };
  if (v === undefined) {
    const swagger = doc['swagger'] !== undefined ? ' (Swagger 2.0 is not supported; convert it to OpenAPI 3)' : '';
    throw specError(`missing \`openapi\` version field${swagger}`, where);
  }
  if (typeof v !== 'string') throw specError(`\`openapi\` must be a string such as "3.1.0", got ${typeof v}`, where);
  if (/^3\.0\.\d+$/.test(v)) return '3.0';
  if (/^3\.1\.\d+$/.test(v)) return '3.1';
  throw specError(`unsupported OpenAPI version "${v}" (supported: 3.0.x and 3.1.x)`, where);
}
