import { specError } from '../diagnostics.js';
import { isRef } from '../load/refs.js';
import type { OperationContext, OperationSource } from './operation-context.js';
import { isObject } from './schemas.js';
import type { IROperation, IRPagination, IRResponse, IRType } from './types.js';

const STYLES = ['offset', 'page', 'next_url'] as const;

/** Reads `x-sdkgen-pagination`, and finds the item type at its `items` path. */
export function paginationOf(src: OperationSource, ctx: OperationContext, success: IRResponse | undefined): IROperation['pagination'] {
  const ext = src.node['x-sdkgen-pagination'];
  if (ext === undefined) return undefined;
  // Found only for a message: a position costs a second look at the text.
  const where = () => ctx.spec.positions.locate(src.node, 'x-sdkgen-pagination');
  if (!isObject(ext) || !STYLES.includes(ext['style'] as (typeof STYLES)[number])) {
    throw specError('x-sdkgen-pagination needs `style`: offset, page or next_url', where());
  }
  const str = (key: string, required = false): string | undefined => {
    const v = ext[key];
    if (v === undefined && !required) return undefined;
    if (typeof v !== 'string' || v === '') throw specError(`x-sdkgen-pagination.${key} must be a non-empty string`, where());
    return v;
  };
  const items = str('items');
  const itemType = itemTypeOf(src, ctx, items) ?? { kind: 'primitive', name: 'unknown' };
  if (!success) throw specError('a paginated operation needs a 2xx response', where());
  const pagination = paginationSpec(ext['style'] as (typeof STYLES)[number], str, items, ext['defaultLimit']);
  return { ...pagination, itemType };
}

function paginationSpec(style: (typeof STYLES)[number], str: (k: string, r?: boolean) => string | undefined, items: string | undefined, defaultLimit: unknown): IRPagination {
  switch (style) {
    case 'offset':
      return { style, offset: str('offset', true)!, limit: str('limit', true)!, items, defaultLimit: typeof defaultLimit === 'number' ? defaultLimit : undefined };
    case 'page':
      return { style, page: str('page', true)!, size: str('size'), items, totalPages: str('totalPages'), next: str('next') };
    case 'next_url':
      return { style, items, next: str('next', true)! };
  }
}

/** Walks the 2xx response schema along the dot path to the array, and types its items. */
function itemTypeOf(src: OperationSource, ctx: OperationContext, path: string | undefined): IRType | undefined {
  const responses = src.node['responses'];
  if (!isObject(responses)) return undefined;
  const status = Object.keys(responses).sort().find((s) => s.startsWith('2'));
  if (status === undefined) return undefined;
  let at = deref(responses[status], src.file, ctx);
  const content = isObject(at.value['content']) ? Object.values(at.value['content'])[0] : undefined;
  if (!isObject(content)) return undefined;
  at = deref(content['schema'], at.file, ctx);
  for (const segment of path ? path.split('.') : []) {
    const next = propertyOf(at, segment, ctx);
    if (!next) return undefined;
    at = next;
  }
  return at.value['items'] === undefined ? undefined : ctx.schemas.convert(at.value['items'], at.file);
}

type At = { value: Record<string, unknown>; file: string };

function deref(node: unknown, file: string, ctx: OperationContext): At {
  const r = isRef(node) ? ctx.spec.refs.deref(node, file) : undefined;
  const value = r ? r.value : node;
  return { value: isObject(value) ? value : {}, file: r?.file ?? file };
}

function propertyOf(at: At, name: string, ctx: OperationContext): At | undefined {
  const props = at.value['properties'];
  if (isObject(props) && props[name] !== undefined) return deref(props[name], at.file, ctx);
  for (const member of Array.isArray(at.value['allOf']) ? at.value['allOf'] : []) {
    const found = propertyOf(deref(member, at.file, ctx), name, ctx);
    if (found) return found;
  }
  return undefined;
}
