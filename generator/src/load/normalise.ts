import type { Diagnostic } from '../diagnostics.js';
import type { LoadedSpec } from './loaded-spec.js';
import { fixDocument, fixOperation, fixParameter, fixResponse, type MediaTypes } from './operation-fixes.js';
import { fixRefSiblings, fixSchema, fixSchemaRefSiblings, type FixContext } from './schema-fixes.js';
import { walkSpec, type Kind } from './spec-walk.js';

const REFERENCED: Partial<Record<Kind, string>> = {
  parameter: 'parameter', requestBody: 'request body', response: 'response', example: 'example', link: 'link', callback: 'callback', pathItem: 'path item', operation: 'operation',
};

/**
 * Rewrites the mistakes real specs commonly make into what their authors
 * meant, in place, so later stages read clean data. Each rewrite is reported
 * as a warning at the place it was made.
 */
export function normaliseSpec(spec: Omit<LoadedSpec, 'warnings'>): Diagnostic[] {
  const warnings: Diagnostic[] = [];
  const ctx: FixContext = {
    version: spec.version,
    positions: spec.positions,
    note: (message, node, key) => warnings.push({ severity: 'warning', message, location: spec.positions.locate(node, key) }),
  };
  // A `type` naming a component schema is read as a reference only where that reference resolves: in the root file.
  const rootCtx: FixContext = { ...ctx, schemaNames: componentSchemaNames(spec.document) };
  let media: MediaTypes = { consumes: undefined, produces: undefined };
  walkSpec(spec.document, spec.file, spec.refs, {
    visit(node, kind, file) {
      if (kind === 'schema') fixSchema(node, file === spec.file ? rootCtx : ctx);
      else if (kind === 'document') media = fixDocument(node, ctx);
      else if (kind === 'operation') fixOperation(node, ctx, media);
      else if (kind === 'response') fixResponse(node, ctx, media.produces);
      else if (kind === 'parameter') fixParameter(node, ctx);
    },
    refSiblings(node, kind) {
      if (kind === 'schema') fixSchemaRefSiblings(node, ctx);
      else fixRefSiblings(node, REFERENCED[kind] ?? kind, ctx);
    },
  });
  return warnings.sort(byPlace);
}

function componentSchemaNames(document: Record<string, unknown>): Set<string> {
  const components = document['components'];
  const schemas = typeof components === 'object' && components !== null ? (components as Record<string, unknown>)['schemas'] : undefined;
  return new Set(typeof schemas === 'object' && schemas !== null && !Array.isArray(schemas) ? Object.keys(schemas) : []);
}

function byPlace(a: Diagnostic, b: Diagnostic): number {
  const x = a.location;
  const y = b.location;
  if (!x || !y) return x ? -1 : y ? 1 : 0;
  return x.file < y.file ? -1 : x.file > y.file ? 1 : x.line - y.line || x.column - y.column;
}
