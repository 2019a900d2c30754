// The ways a list operation finds its next page, one function per style of
// the spec's `x-sdkgen-pagination`: an operation imports the one it uses, so a
// bundle carries no other.
import { at, type Paging } from './pagination.js';
import type { RequestSpec } from './types.js';
import { sameOriginURL } from './url.js';

/** `offset` and `limit` query parameters: the next page starts after the items seen; a short page is the last. */
export function offsetPages(p: { offset: string; limit: string; items?: string; defaultLimit?: number }): Paging {
  return {
    items: p.items,
    next({ items }, request) {
      if (items.length === 0) return undefined;
      const query = request.query ?? {};
      const limit = numberOr(query[p.limit], p.defaultLimit);
      if (limit !== undefined && items.length < limit) return undefined;
      return withQuery(request, p.offset, (numberOr(query[p.offset], 0) ?? 0) + items.length);
    },
  };
}

/** A page number: the next page is one more, until the body's total or its next-page field says there is none. */
export function pageNumbers(p: { page: string; size?: string; items?: string; totalPages?: string; next?: string }): Paging {
  return {
    items: p.items,
    next({ items, body }, request) {
      if (items.length === 0) return undefined;
      const current = numberOr(request.query?.[p.page], 1) ?? 1;
      const total = p.totalPages ? at(body, p.totalPages) : undefined;
      if (typeof total === 'number' && current >= total) return undefined;
      if (p.next !== undefined) {
        const link = at(body, p.next);
        if (link === null || link === '' || (link === undefined && typeof total !== 'number')) return undefined;
      }
      return withQuery(request, p.page, current + 1);
    },
  };
}

/** A link to the next page in the body, followed only on the client's own origin. */
export function nextLink(p: { items?: string; next: string }): Paging {
  return {
    items: p.items,
    next({ body }, request, baseURL) {
      const link = at(body, p.next);
      return typeof link === 'string' && link !== '' ? { ...request, link: sameOriginURL(link, baseURL) } : undefined;
    },
  };
}

function withQuery(request: RequestSpec, name: string, value: number): RequestSpec {
  return { ...request, query: { ...request.query, [name]: value } };
}

function numberOr(value: unknown, fallback: number | undefined): number | undefined {
  const n = typeof value === 'string' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : fallback;
}
