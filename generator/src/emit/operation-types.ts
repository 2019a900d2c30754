import type { IROperation, IRType } from '../ir/types.js';

/** The type a call resolves to: the 2xx body, `void` when there is none. */
export function successType(op: IROperation): IRType | 'void' {
  if (op.responseKind === 'void' || !op.success?.type) return 'void';
  return op.success.type;
}

/** The parsed JSON body a call resolves to; undefined when it resolves to nothing, text, a stream or a Response. */
export function jsonSuccessType(op: IROperation): IRType | undefined {
  const type = successType(op);
  return op.responseKind === 'json' && type !== 'void' ? type : undefined;
}

/** Every model name an operation's signature mentions. */
export function referencedModels(op: IROperation, extra: IRType[] = []): Set<string> {
  const names = new Set<string>();
  const types: IRType[] = [...extra, ...op.pathParams.map((p) => p.type), ...op.queryParams.map((p) => p.type), ...op.headerParams.map((p) => p.type), ...op.cookieParams.map((p) => p.type)];
  if (op.body) types.push(op.body.type);
  const success = successType(op);
  if (success !== 'void') types.push(success);
  if (op.pagination) types.push(op.pagination.itemType);
  if (op.stream) types.push(op.stream.type);
  for (const t of types) collectRefs(t, names);
  return names;
}

export function collectRefs(t: IRType, into: Set<string>): void {
  switch (t.kind) {
    case 'ref': into.add(t.name); return;
    case 'array': collectRefs(t.items, into); return;
    case 'tuple': t.items.forEach((i) => collectRefs(i, into)); if (t.rest) collectRefs(t.rest, into); return;
    case 'union':
    case 'intersection': t.members.forEach((m) => collectRefs(m, into)); return;
    case 'object': t.properties.forEach((p) => collectRefs(p.type, into)); if (t.additional) collectRefs(t.additional, into); return;
    default: return;
  }
}
