import type { ResponseKind } from './types.js';

function base(type: string): string {
  return type.split(';')[0]!.trim().toLowerCase();
}

export function isJsonMedia(type: string): boolean {
  const b = base(type);
  return b === 'application/json' || b.endsWith('+json') || b === '*/*';
}

/** XML is text: the client reads it as a string for the caller's parser. */
export function isXmlMedia(type: string): boolean {
  const b = base(type);
  return b === 'application/xml' || b.endsWith('+xml');
}

/** `*\/*`, `application/*`, `application/*+json`: a pattern of types, which no server takes as a Content-Type. */
export function isMediaRange(type: string): boolean {
  return base(type).includes('*');
}

/** Request media types in the order a client would rather send them: JSON itself, other JSON, forms, text, the rest. */
function requestRank(type: string): number {
  const t = base(type);
  if (t === 'application/json') return 0;
  if (t.endsWith('+json') || t.endsWith('/json')) return 1;
  if (t === 'multipart/form-data') return 2;
  if (t === 'application/x-www-form-urlencoded') return 3;
  if (t.startsWith('text/')) return 4;
  return 5;
}

/** Response media types in the order a client would rather read them. */
function responseRank(type: string): number {
  const t = type.toLowerCase();
  if (isJsonMedia(t)) return 0;
  if (t.startsWith('multipart/form-data')) return 1;
  if (t.startsWith('application/x-www-form-urlencoded')) return 2;
  if (t.startsWith('text/event-stream')) return 5;
  if (t.startsWith('text/')) return 3;
  return 4;
}

function byRank(rank: (t: string) => number): (a: string, b: string) => number {
  return (a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
}

export interface RequestMediaChoice {
  /** The `content` key whose schema describes the body. */
  key: string;
  /** The Content-Type the client sends: never a media range. */
  send: string;
  /** Set when the spec offers only media ranges, so the sent type is a guess. */
  guessed: boolean;
}

/**
 * The request body's Content-Type, chosen from every type the spec offers:
 * `application/json`, then other JSON types, then the rest. A media range is
 * never sent; a spec that offers only ranges gets the concrete type each
 * range most plainly stands for.
 */
export function chooseRequestMedia(types: string[]): RequestMediaChoice | undefined {
  const concrete = types.filter((t) => !isMediaRange(t)).sort(byRank(requestRank));
  if (concrete[0] !== undefined) return { key: concrete[0], send: concrete[0], guessed: false };
  const range = [...types].sort(byRank(requestRank))[0];
  if (range === undefined) return undefined;
  return { key: range, send: concreteFor(range), guessed: true };
}

function concreteFor(range: string): string {
  const b = base(range);
  if (b === '*/*' || b.startsWith('application/') && (b.endsWith('json') || b === 'application/*')) return 'application/json';
  if (b.startsWith('text/')) return 'text/plain';
  return 'application/octet-stream';
}

/** The response media type the client asks for and reads, chosen from every type the spec offers. */
export function chooseResponseMedia(types: string[]): string | undefined {
  return [...types].sort(byRank(responseRank))[0];
}

export function responseKind(contentType: string | undefined): ResponseKind {
  if (contentType === undefined) return 'void';
  const t = contentType.toLowerCase();
  if (t.startsWith('text/event-stream')) return 'sse';
  if (isJsonMedia(t)) return 'json';
  if (t.startsWith('text/') || isXmlMedia(t)) return 'text';
  return 'blob';
}

/** How the runtime sends a body of this type: JSON, a form, or the value as given. */
export function requestEncoding(contentType: string): 'json' | 'form' | 'raw' {
  const t = base(contentType);
  if (t === 'multipart/form-data' || t === 'application/x-www-form-urlencoded') return 'form';
  return t.endsWith('/json') || t.endsWith('+json') ? 'json' : 'raw';
}
