import { childTypes } from './children.js';
import type { IR, IRModel, IRType } from './types.js';
import type { Warn } from './warnings.js';

/** What a JSON value is at run time, as far as a reviver can tell without the schema: `any` when it cannot say. */
export type JsonKind = 'string' | 'number' | 'boolean' | 'null' | 'array' | 'object' | 'any';

/** Whether a value of this type may hold a `Date` (a date-time string turned into one), through models too. */
export function reachesDate(t: IRType, models: Map<string, IRModel>, seen = new Set<string>()): boolean {
  if (t.kind === 'primitive') return t.date === true;
  if (t.kind === 'ref') {
    if (seen.has(t.name)) return false;
    seen.add(t.name);
    const m = models.get(t.name);
    return m !== undefined && reachesDate(m.type, models, seen);
  }
  return childTypes(t).some((c) => reachesDate(c, models, seen));
}

export function jsonKind(t: IRType, models: Map<string, IRModel>, seen = new Set<string>()): JsonKind {
  switch (t.kind) {
    case 'primitive':
      if (t.name === 'string') return 'string';
      if (t.name === 'number' || t.name === 'integer') return 'number';
      if (t.name === 'boolean') return 'boolean';
      return t.name === 'null' || t.name === 'undefined' ? 'null' : 'any';
    case 'literal': return t.value === null ? 'null' : (typeof t.value as JsonKind);
    case 'binary': return 'any';
    case 'array':
    case 'tuple': return 'array';
    case 'object': return 'object';
    case 'ref': {
      if (seen.has(t.name)) return 'any';
      seen.add(t.name);
      const m = models.get(t.name);
      return m ? jsonKind(m.type, models, seen) : 'any';
    }
    case 'intersection':
    case 'union': {
      const kinds = new Set(t.members.map((m) => jsonKind(m, models, new Set(seen))));
      return kinds.size === 1 ? [...kinds][0]! : 'any';
    }
  }
}

/**
 * How a reviver chooses the member of a union to revive a value as: by its
 * tag, by its JSON kind when one member alone may hold a Date and no other
 * member has that kind, or not at all (`undefined`) when it cannot decide.
 */
export function unionChoice(t: Extract<IRType, { kind: 'union' }>, models: Map<string, IRModel>): { by: 'none' } | { by: 'tag' } | { by: 'kind'; member: IRType; kind: JsonKind } | undefined {
  const dated = t.members.filter((m) => reachesDate(m, models));
  if (dated.length === 0) return { by: 'none' };
  const d = t.discriminator;
  if (d && t.members.every((m, i) => !reachesDate(m, models) || (d.members[i]?.values.length ?? 0) > 0)) return { by: 'tag' };
  if (dated.length !== 1) return undefined;
  const member = dated[0]!;
  const kind = jsonKind(member, models);
  if (kind === 'any' || t.members.some((m) => m !== member && [kind, 'any'].includes(jsonKind(m, models)))) return undefined;
  return { by: 'kind', member, kind };
}

/**
 * With the `dates` option: keeps `string` wherever a reviver could not tell
 * whether a value holds a date-time, so no type says `Date` where a response
 * gives a string. Such a union's date-times, and every model it reaches, are
 * typed string everywhere (a model is one type for every place), with a
 * warning at the union.
 */
export function settleDates(ir: IR, unionNodes: WeakMap<IRType, Record<string, unknown>>, warn: Warn, webhooksNode?: unknown): void {
  const models = new Map(ir.models.map((m) => [m.name, m]));
  const roots = rootTypes(ir);
  for (let changed = true; changed; ) {
    changed = false;
    for (const u of unions([...ir.models.map((m) => m.type), ...roots])) {
      if (unionChoice(u, models) !== undefined) continue;
      const demoted = demote(u, models);
      changed = true;
      const node = unionNodes.get(u);
      const key = node && ['oneOf', 'anyOf', 'type'].find((k) => k in node);
      const also = demoted.length > 0 ? ` (and so are those of ${demoted.join(', ')}, which it reaches)` : '';
      warn(`a date-time in this union cannot be told apart from its other members at run time; its date-times are typed as string${also}`, node, key);
    }
  }
  const hooks = ir.webhooks;
  if (hooks && hooks.tag === undefined) {
    const typed = hooks.webhooks.flatMap((h) => (h.type ? [h.type] : []));
    const all: IRType = { kind: 'union', members: typed };
    if (typed.length > 1 && unionChoice(all, models) === undefined) {
      const demoted = demote(all, models);
      warn(`webhook payloads are not told apart by a tag, so a date-time in one cannot be found at run time; their date-times are typed as string${demoted.length > 0 ? ` (and so are those of ${demoted.join(', ')})` : ''}`, webhooksNode);
    }
  }
}

/** Every type an operation or webhook names directly. */
function rootTypes(ir: IR): IRType[] {
  const out: IRType[] = [];
  for (const op of ir.resources.flatMap((r) => r.operations)) {
    for (const p of [...op.pathParams, ...op.queryParams, ...op.headerParams, ...op.cookieParams]) out.push(p.type);
    if (op.body) out.push(op.body.type, ...op.body.contents.map((c) => c.type));
    for (const r of op.responses) if (r.type) out.push(r.type, ...r.contents.map((c) => c.type));
    if (op.success?.type) out.push(op.success.type);
    if (op.stream) out.push(op.stream.type);
    if (op.pagination) out.push(op.pagination.itemType);
    for (const s of op.declaredErrors?.statuses ?? []) out.push(s.type);
  }
  for (const h of ir.webhooks?.webhooks ?? []) if (h.type) out.push(h.type, ...h.contents.map((c) => c.type));
  return out;
}

/** The unions written inside these types (not through models: each model is a root of its own). */
function unions(types: IRType[]): Extract<IRType, { kind: 'union' }>[] {
  const out: Extract<IRType, { kind: 'union' }>[] = [];
  const visit = (t: IRType) => {
    if (t.kind === 'union') out.push(t);
    childTypes(t).forEach(visit);
  };
  types.forEach(visit);
  return out;
}

/** Types every date-time inside `t` as string, and inside every model it reaches; returns those models' names. */
function demote(t: IRType, models: Map<string, IRModel>): string[] {
  const names: string[] = [];
  const visit = (x: IRType) => {
    if (x.kind === 'primitive' && x.date) delete x.date;
    if (x.kind === 'ref' && !names.includes(x.name)) {
      const m = models.get(x.name);
      if (m && reachesDate(m.type, models)) {
        names.push(x.name);
        visit(m.type);
      }
      return;
    }
    childTypes(x).forEach(visit);
  };
  visit(t);
  return names;
}
