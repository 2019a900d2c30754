import { SDKError } from './errors.js';
import type { AppliedAuth } from './auth.js';
import type { RequestOptions, RequestSpec } from './types.js';

interface HeaderSources {
  spec: RequestSpec;
  options: RequestOptions;
  contentType: string | undefined;
  auth: AppliedAuth;
  defaults: Record<string, string> | undefined;
  userAgent: string;
}

/**
 * Every header of a request, later sources over earlier ones; `null` among
 * the call's own headers removes one. A value that could split a header is refused.
 */
export function buildHeaders(s: HeaderSources): Headers {
  const headers = new Headers();
  const { spec, options, auth } = s;
  const sources: (Record<string, unknown> | undefined)[] = [
    { Accept: spec.accept ?? 'application/json', 'User-Agent': isBrowser() ? undefined : s.userAgent, 'Content-Type': s.contentType || undefined },
    s.defaults,
    spec.headers,
    auth.headers,
    { 'Idempotency-Key': options.idempotencyKey },
    options.headers,
  ];
  for (const source of sources) {
    for (const [name, value] of Object.entries(source ?? {})) {
      if (value === null && source === options.headers) headers.delete(name);
      if (value === undefined || value === null) continue;
      const text = Array.isArray(value) ? value.map(headerText).join(',') : headerText(value);
      if (/[\r\n\0]/.test(text)) throw new SDKError(`Header "${name}" contains a line break or NUL and was not sent.`);
      // A cookie the auth scheme sends joins the call's cookies (`cookieHeader`) instead of replacing them.
      headers.set(name, source === auth.headers && name === 'Cookie' && headers.has(name) ? `${headers.get(name)!}; ${text}` : text);
    }
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
