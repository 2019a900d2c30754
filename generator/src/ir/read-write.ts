import type { NameRegistry } from './names.js';
import type { IR, IRBody, IRModel, IRType } from './types.js';

/**
 * Request bodies must not ask for read-only properties and responses never
 * carry write-only ones. Models that differ between the two directions get a
 * separate `…Input` model for requests; the original keeps the response shape.
 */
export function splitReadWrite(ir: IR, names: NameRegistry): IR {
  const models = new Map(ir.models.map((m) => [m.name, m]));
  const differing = differingModels(ir.models);
  const differs = (name: string) => differing.has(name);
  const inputs = new Map<string, IRModel>();
  const inputName = (name: string): string => {
    const existing = inputs.get(name);
    if (existing) return existing.name;
    const model = models.get(name)!;
    const input: IRModel = { ...model, name: names.claim(`${name}Input`), source: `${model.source} (request shape)` };
    inputs.set(name, input);
    input.type = rewrite(model.type, 'input', (ref) => (differs(ref) ? inputName(ref) : ref));
    return input.name;
  };
  const toInput = (t: IRType) => rewrite(t, 'input', (ref) => (differs(ref) ? inputName(ref) : ref));
  const inputBody = (body: IRBody): IRBody => ({ ...body, type: toInput(body.type), contents: body.contents.map((c) => ({ ...c, type: toInput(c.type) })) });
  const resources = ir.resources.map((r) => ({
    ...r,
    operations: r.operations.map((op) => (op.body ? { ...op, body: inputBody(op.body) } : op)),
  }));
  const outputs = ir.models.map((m) => ({ ...m, type: rewrite(m.type, 'output', (ref) => ref) }));
  return { ...ir, models: [...outputs, ...inputs.values()], resources };
}

type Direction = 'input' | 'output';

function rewrite(t: IRType, direction: Direction, rename: (ref: string) => string): IRType {
  const next = (x: IRType) => rewrite(x, direction, rename);
  switch (t.kind) {
    case 'ref': return { kind: 'ref', name: rename(t.name) };
    case 'array': return { ...t, items: next(t.items) };
    case 'tuple': return { ...t, items: t.items.map(next), rest: t.rest && next(t.rest) };
    case 'union':
    case 'intersection': return { ...t, members: t.members.map(next) };
    case 'object': return {
      ...t,
      additional: t.additional && next(t.additional),
      properties: t.properties
        .filter((p) => (direction === 'input' ? !p.readOnly : !p.writeOnly))
        .map((p) => ({ ...p, readOnly: direction === 'output' && p.readOnly, type: next(p.type) })),
    };
    default: return t;
  }
}

/** Models with read- or write-only properties, directly or through the models they use. */
function differingModels(models: IRModel[]): Set<string> {
  const found = new Set<string>();
  const refs = new Map<string, string[]>();
  for (const m of models) {
    const used: string[] = [];
    if (someProperty(m.type, (p) => p.readOnly || p.writeOnly, (ref) => (used.push(ref), false))) found.add(m.name);
    refs.set(m.name, used);
  }
  for (let changed = true; changed;) {
    changed = false;
    for (const m of models) {
      if (!found.has(m.name) && refs.get(m.name)!.some((r) => found.has(r))) {
        found.add(m.name);
        changed = true;
      }
    }
  }
  return found;
}

function someProperty(t: IRType, test: (p: { readOnly: boolean; writeOnly: boolean }) => boolean, viaRef: (name: string) => boolean): boolean {
  const any = (x: IRType) => someProperty(x, test, viaRef);
  switch (t.kind) {
    case 'ref': return viaRef(t.name);
    case 'array': return any(t.items);
    case 'tuple': return t.items.some(any) || (t.rest !== undefined && any(t.rest));
    case 'union':
    case 'intersection': return t.members.some(any);
    case 'object': return t.properties.some((p) => test(p) || any(p.type)) || (t.additional !== undefined && any(t.additional));
    default: return false;
  }
}
