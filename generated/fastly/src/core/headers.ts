import { SDKError } from './errors.js';
import type { AppliedAuth } from './auth.js';
import { cookieHeader } from './url.js';
import type { RequestOptions, RequestSpec } from './types.js';

interface HeaderSources {
  spec: RequestSpec;
  options: RequestOptions;
  contentType: string | undefined;
  auth: AppliedAuth;
  defaults: Record<string, string> | undefined;
  userAgent: string;
}

/** Every header of a request, in order of precedence; a value that could split a header is refused. */
export function buildHeaders(s: HeaderSources): Headers {
  const headers = new Headers();
  const set = (name: string, value: unknown) => {
    if (value === undefined || value === null) return;
    const text = Array.isArray(value) ? value.map(headerText).join(',') : headerText(value);
    if (/[\r\n\0]/.test(text)) throw new SDKError(`Header "${name}" contains a line break or NUL and was not sent.`);
    headers.set(name, text);
  };
  set('Accept', s.spec.accept ?? 'application/json');
  if (!isBrowser()) set('User-Agent', s.userAgent);
  if (s.contentType) set('Content-Type', s.contentType);
  for (const [k, v] of Object.entries(s.defaults ?? {})) set(k, v);
  for (const [k, v] of Object.entries(s.spec.headers ?? {})) set(k, v);
  set('Cookie', cookieHeader({ ...s.spec.cookies, ...s.auth.cookies }));
  for (const [k, v] of Object.entries(s.auth.headers)) set(k, v);
  if (s.options.idempotencyKey !== undefined) set('Idempotency-Key', s.options.idempotencyKey);
  for (const [k, v] of Object.entries(s.options.headers ?? {})) {
    if (v === null) headers.delete(k);
    else set(k, v);
  }
  return headers;
}

/** A Date as its ISO instant (`String(date)` would give the local time, in words). */
function headerText(value: unknown): string {
  return value instanceof Date ? value.toISOString() : String(value);
}

/** Browsers refuse to let scripts set User-Agent; elsewhere it names the SDK. */
function isBrowser(): boolean {
  return typeof (globalThis as { document?: unknown }).document !== 'undefined';
}
