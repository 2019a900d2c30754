import { SDKError } from './errors.js';

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

/**
 * How a query parameter of another style than `form` with `explode` is
 * written: the name and value pairs to send for it. Operations name theirs in
 * their request's `queryStyles`, so a bundle keeps only the styles its calls use.
 */
export type QueryStyle = (name: string, value: unknown) => [string, string][];

/** Query string per OpenAPI styles; form with explode, the default, unless `styles` names another. */
export function serializeQuery(query: Record<string, unknown>, styles: Record<string, QueryStyle> = {}): string {
  const pairs: string[] = [];
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined) for (const [k, v] of (styles[name] ?? exploded)(name, value)) pairs.push(`${encodeQueryPart(k)}=${encodeQueryPart(v)}`);
  }
  return pairs.join('&');
}

/** `form` with `explode`: an array repeats the name, an object sends its own fields. */
const exploded: QueryStyle = (name, value) => {
  if (Array.isArray(value)) return value.map((item) => [name, scalar(item)]);
  return isPlainObject(value) ? fields(value).map(([k, v]) => [k, scalar(v)]) : [[name, scalar(value)]];
};

/** The styles without `explode`: one value, the items (or an object's keys and values) joined. */
function delimited(name: string, value: unknown, delimiter: string): [string, string][] {
  const items = Array.isArray(value) ? value : isPlainObject(value) ? fields(value).flat() : [value];
  return [[name, items.map(scalar).join(delimiter)]];
}

// Functions, not calls of a maker, so a bundle drops those its operations do not name.
/** `form` without `explode`: `ids=1,2,3`. */
export const commaDelimited: QueryStyle = (name, value) => delimited(name, value, ',');
/** `spaceDelimited`: `ids=1%202%203`. */
export const spaceDelimited: QueryStyle = (name, value) => delimited(name, value, ' ');
/** `pipeDelimited`: `ids=1|2|3`. */
export const pipeDelimited: QueryStyle = (name, value) => delimited(name, value, '|');
/** `deepObject`: `filter[status]=new`; other values as `form` with `explode` writes them. */
export const deepObject: QueryStyle = (name, value) => (isPlainObject(value) ? fields(value).map(([k, v]) => [`${name}[${k}]`, scalar(v)]) : exploded(name, value));

function fields(value: Record<string, unknown>): [string, unknown][] {
  return Object.entries(value).filter(([, v]) => v !== undefined);
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

/** The `Cookie` header of an operation's cookie parameters, which its generated function sends among its headers. */
export function cookieHeader(cookies: Record<string, unknown>): string | undefined {
  const parts = Object.entries(cookies)
    .filter(([, v]) => v !== undefined && v !== null)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(scalar(v))}`);
  return parts.length > 0 ? parts.join('; ') : undefined;
}
