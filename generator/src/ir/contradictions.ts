import type { IRModel, IRType } from './types.js';
import type { Warn } from './warnings.js';

type JsonKind = 'string' | 'number' | 'boolean' | 'null' | 'array' | 'object';
const ALL: ReadonlySet<JsonKind> = new Set(['string', 'number', 'boolean', 'null', 'array', 'object']);

export interface PendingAllOf {
  type: Extract<IRType, { kind: 'intersection' }>;
  node: Record<string, unknown>;
}

/**
 * An `allOf` whose members admit no common kind of JSON value (a string and
 * an integer, say) allows nothing. Written as an intersection it would read
 * as `string & number`; it becomes `never`, with a warning at the `allOf`.
 */
export function collapseContradictions(pending: PendingAllOf[], models: IRModel[], warn: Warn): void {
  const index = new Map(models.map((m) => [m.name, m]));
  for (const { type, node } of pending) {
    const kinds = type.members.map((m) => kindsOf(m, index, 0));
    if (kinds.some((k) => k.size === 0) || intersect(kinds).size > 0) continue;
    warn(`allOf members admit no common value (${kinds.map((k) => [...k].join(' or ')).join('; ')}), so the schema allows nothing; typed as never`, node, 'allOf');
    // In place: copies of this node that carry the schema's facts share the array.
    type.members.splice(0, type.members.length, { kind: 'primitive', name: 'never' });
  }
}

function intersect(sets: ReadonlySet<JsonKind>[]): Set<JsonKind> {
  return new Set([...ALL].filter((k) => sets.every((s) => s.has(k))));
}

function kindsOf(t: IRType, models: Map<string, IRModel>, depth: number): ReadonlySet<JsonKind> {
  if (depth > 16) return ALL;
  switch (t.kind) {
    case 'primitive':
      if (t.name === 'unknown') return ALL;
      if (t.name === 'never' || t.name === 'undefined') return new Set();
      return new Set([t.name === 'integer' ? 'number' : t.name]);
    case 'literal': return new Set([t.value === null ? 'null' : (typeof t.value as JsonKind)]);
    case 'binary': return new Set(['string']);
    case 'array':
    case 'tuple': return new Set(['array']);
    case 'object': return new Set(['object']);
    case 'ref': {
      const model = models.get(t.name);
      return model ? kindsOf(model.type, models, depth + 1) : ALL;
    }
    case 'union': return new Set(t.members.flatMap((m) => [...kindsOf(m, models, depth + 1)]));
    case 'intersection': return intersect(t.members.map((m) => kindsOf(m, models, depth + 1)));
  }
}
