import { SDKError } from './errors.js';
import type { ParamStyle } from './types.js';

/**
 * Fills a path template. Every value is percent-encoded, so no value can
 * leave its segment. URL parsers treat `.` and `..` (even encoded) as dot
 * segments and resolve them away, so those values are refused outright.
 */
export function fillPath(template: string, params: Record<string, unknown>): string {
  return template.replace(/\{([^}]+)\}/g, (_whole, name: string) => {
    const value = params[name];
    if (value === undefined || value === null) throw new SDKError(`Missing path parameter "${name}".`);
    return encodeSegment(pathValue(value));
  });
}

function pathValue(value: unknown): string {
  if (Array.isArray(value)) return value.map(scalar).join(',');
  return scalar(value);
}

function encodeSegment(value: string): string {
  if (value === '.' || value === '..') throw new SDKError(`A path parameter cannot be "${value}".`);
  return encodeURIComponent(value);
}

function scalar(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return String(value);
}

const DELIMITERS: Record<string, string> = { spaceDelimited: ' ', pipeDelimited: '|' };

/** Query string per OpenAPI styles; form with explode is the default. */
export function serializeQuery(query: Record<string, unknown>, styles: Record<string, ParamStyle> = {}): string {
  const pairs: [string, string][] = [];
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined) continue;
    const { style = 'form', explode = style === 'form' || style === 'deepObject' } = styles[name] ?? {};
    if (Array.isArray(value)) {
      if (explode) for (const item of value) pairs.push([name, scalar(item)]);
      else pairs.push([name, value.map(scalar).join(DELIMITERS[style] ?? ',')]);
    } else if (isPlainObject(value)) {
      const entries = Object.entries(value).filter(([, v]) => v !== undefined);
      if (style === 'deepObject') for (const [k, v] of entries) pairs.push([`${name}[${k}]`, scalar(v)]);
      else if (explode) for (const [k, v] of entries) pairs.push([k, scalar(v)]);
      else pairs.push([name, entries.flatMap(([k, v]) => [k, scalar(v)]).join(',')]);
    } else {
      pairs.push([name, scalar(value)]);
    }
  }
  return pairs.map(([k, v]) => `${encodeQueryPart(k)}=${encodeQueryPart(v)}`).join('&');
}

/** Like encodeURIComponent, but keeps `[` and `]` readable in keys such as `page[number]`. */
function encodeQueryPart(text: string): string {
  return encodeURIComponent(text).replace(/%5B/g, '[').replace(/%5D/g, ']');
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !(value instanceof Date) && !Array.isArray(value);
}

/** Joins the base URL and a filled path, then appends a query string. */
export function buildURL(baseURL: string, path: string, query: string): string {
  return withQuery(`${baseURL.replace(/\/+$/, '')}${path}`, query);
}

/** Appends a query string to a URL that may already have one, such as a next-page link. */
export function withQuery(url: string, query: string): string {
  return query ? `${url}${url.includes('?') ? '&' : '?'}${query}` : url;
}

/**
 * Resolves a link a server gave for the next page. Links to another origin
 * are refused, so credentials are never sent to a host the user did not choose.
 */
export function sameOriginURL(link: string, baseURL: string): string {
  const base = new URL(baseURL);
  const target = new URL(link, base.origin);
  if (target.origin !== base.origin) throw new SDKError(`Refusing to follow a pagination link to another origin (${target.origin}).`);
  return target.toString();
}

export function cookieHeader(cookies: Record<string, unknown>): string | undefined {
  const parts = Object.entries(cookies)
    .filter(([, v]) => v !== undefined && v !== null)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(scalar(v))}`);
  return parts.length > 0 ? parts.join('; ') : undefined;
}
