import type { IRType } from './types.js';

/** The types written directly inside a type, in source order; a model reference has none (its model is elsewhere). */
export function childTypes(t: IRType): IRType[] {
  switch (t.kind) {
    case 'array': return [t.items];
    case 'tuple': return t.rest === undefined ? t.items : [...t.items, t.rest];
    case 'union':
    case 'intersection': return t.members;
    case 'object': {
      const types = t.properties.map((p) => p.type);
      return t.additional === undefined ? types : [...types, t.additional];
    }
    default: return [];
  }
}
