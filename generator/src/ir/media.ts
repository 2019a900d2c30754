import type { ResponseKind } from './types.js';

export function isJsonMedia(type: string): boolean {
  const base = type.split(';')[0]!.trim().toLowerCase();
  return base === 'application/json' || base.endsWith('+json') || base === '*/*';
}

/** Media types in the order a client would rather send or read them. */
function rank(type: string): number {
  const t = type.toLowerCase();
  if (isJsonMedia(t)) return 0;
  if (t.startsWith('multipart/form-data')) return 1;
  if (t.startsWith('application/x-www-form-urlencoded')) return 2;
  if (t.startsWith('text/event-stream')) return 5;
  if (t.startsWith('text/')) return 3;
  return 4;
}

export function preferredMedia(types: string[]): string | undefined {
  return [...types].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0))[0];
}

export function responseKind(contentType: string | undefined): ResponseKind {
  if (contentType === undefined) return 'void';
  const t = contentType.toLowerCase();
  if (t.startsWith('text/event-stream')) return 'sse';
  if (isJsonMedia(t)) return 'json';
  if (t.startsWith('text/')) return 'text';
  return 'blob';
}
