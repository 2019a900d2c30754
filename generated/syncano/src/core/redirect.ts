import { SDKError } from './errors.js';
import { redactURL } from './log.js';
import type { Attempt } from './request.js';

/**
 * What to do when a redirect leads to another origin: follow it without any
 * credential the client added (the default), or refuse it with a `RedirectError`.
 */
export type RedirectPolicy = 'strip-credentials' | 'error';

export type RedirectReason = 'not-followed' | 'cross-origin' | 'insecure' | 'too-many-redirects' | 'body-not-replayable' | 'unsupported-location' | 'opaque';

/** A redirect the client would not follow. `location` has every credential redacted. */
export class RedirectError extends SDKError {
  override name = 'RedirectError';
  readonly reason: RedirectReason;
  /** The redirect's status; 0 for a redirect the browser hid. */
  readonly status: number;
  readonly location: string | undefined;

  constructor(reason: RedirectReason, status: number, location: string | undefined, message: string) {
    super(message);
    this.reason = reason;
    this.status = status;
    this.location = location;
  }
}

/** Fetch follows this many redirects; so does the client by default. */
export const DEFAULT_MAX_REDIRECTS = 20;

const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

/** The only headers that go on to another origin: they describe the request and cannot carry a credential. */
const CROSS_ORIGIN_HEADERS: ReadonlySet<string> = new Set(['accept', 'accept-language', 'content-language', 'content-type', 'user-agent']);

const BODY_HEADERS = ['content-type', 'content-length', 'content-encoding', 'content-language', 'content-location'];

export interface FollowOptions {
  fetch: typeof fetch;
  policy: RedirectPolicy;
  max: number;
  /** Query parameters an auth scheme added, by name. */
  authQuery: Record<string, string>;
  /** Every credential value sent, to redact and to find where a Location repeats one. */
  secrets: string[];
  /** The body to send again after a 307 or 308; `null` when it cannot be (a stream). */
  body: () => Promise<BodyInit | null | undefined>;
  log(message: string): void;
}

/**
 * Sends a request and follows its redirects as fetch would, except that the
 * client checks every hop: credentials stay on the origin they were meant
 * for, https never drops to http, and the number of hops is bounded.
 */
export async function fetchFollowing(first: Request, o: FollowOptions): Promise<Response> {
  // Called unbound: browsers throw "Illegal invocation" when fetch runs as a method of another object.
  const send = o.fetch;
  const home = new URL(first.url).origin;
  let request = first;
  let left = false;
  for (let hops = 0; ; hops++) {
    const response = await send(request);
    if (response.type === 'opaqueredirect') {
      throw new RedirectError('opaque', 0, undefined, 'A redirect the browser hides was not followed, as the request carries credentials; call the final URL directly.');
    }
    const location = response.headers.get('location');
    if (!REDIRECT_STATUSES.has(response.status) || location === null) return response;
    await response.body?.cancel().catch(() => undefined);
    const target = resolve(location, request.url, response.status, o.secrets);
    if (hops >= o.max) throw refuse('too-many-redirects', response.status, target, o.secrets, `Stopped after ${o.max} redirects`);
    const away: boolean = left || target.origin !== home;
    if (away && o.policy === 'error') throw refuse('cross-origin', response.status, target, o.secrets, 'Refusing a redirect to another origin');
    request = await nextRequest(request, response.status, target, away, left, o);
    o.log(`redirect ${response.status} -> ${redactURL(request.url, o.secrets)}${away && !left ? ' (credentials dropped)' : ''}`);
    left = away;
  }
}

function resolve(location: string, current: string, status: number, secrets: string[]): URL {
  let target: URL;
  try {
    target = new URL(location, current);
  } catch {
    throw new RedirectError('unsupported-location', status, undefined, `The ${status} redirect's Location is not a URL.`);
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') throw refuse('unsupported-location', status, target, secrets, `Refusing a redirect to a ${target.protocol} URL`);
  if (new URL(current).protocol === 'https:' && target.protocol === 'http:') throw refuse('insecure', status, target, secrets, 'Refusing a redirect from https to http');
  return target;
}

/** The request for the next hop: method and body per the fetch standard, credentials per origin. */
async function nextRequest(request: Request, status: number, target: URL, away: boolean, alreadyAway: boolean, o: FollowOptions): Promise<Request> {
  const headers = new Headers(request.headers);
  const toGet = (status === 303 && request.method !== 'HEAD' && request.method !== 'GET') || ((status === 301 || status === 302) && request.method === 'POST');
  let body: BodyInit | null | undefined;
  if (toGet) {
    for (const name of BODY_HEADERS) headers.delete(name);
  } else if (request.method !== 'GET' && request.method !== 'HEAD') {
    body = await o.body();
    if (body === null) throw refuse('body-not-replayable', status, target, o.secrets, `A ${status} redirect must resend the body, and a stream body cannot be sent twice`);
  }
  if (away) {
    for (const name of [...headers.keys()]) {
      if (!CROSS_ORIGIN_HEADERS.has(name) || carriesSecret(headers.get(name) ?? '', o.secrets)) headers.delete(name);
    }
    if (!alreadyAway) dropQuery(target, o.authQuery);
    if (carriesSecret(target.href, o.secrets)) throw refuse('cross-origin', status, target, o.secrets, 'Refusing a redirect to another origin whose URL repeats a credential');
  } else {
    restoreQuery(target, o.authQuery);
  }
  const init: RequestInit = { method: toGet ? 'GET' : request.method, headers, signal: request.signal, redirect: 'manual' };
  if (body !== undefined) init.body = body;
  return new Request(target, init);
}

function dropQuery(target: URL, query: Record<string, string>): void {
  const names = Object.keys(query).filter((name) => target.searchParams.has(name));
  if (names.length === 0) return;
  const params = new URLSearchParams(target.search);
  for (const name of names) params.delete(name);
  target.search = params.toString();
}

/** A same-origin Location that left out the key parameter still authenticates; the rest of its query stays as written. */
function restoreQuery(target: URL, query: Record<string, string>): void {
  const missing = Object.entries(query).filter(([name]) => !target.searchParams.has(name));
  if (missing.length === 0) return;
  const added = missing.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
  target.search = target.search.length > 1 ? `${target.search.slice(1)}&${added}` : added;
}

function carriesSecret(text: string, secrets: string[]): boolean {
  const decoded = safeDecode(text);
  return secrets.some((s) => s !== '' && (text.includes(s) || text.includes(encodeURIComponent(s)) || decoded.includes(s)));
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

function refuse(reason: RedirectReason, status: number, target: URL, secrets: string[], what: string): RedirectError {
  const location = redactURL(target.href, secrets);
  return new RedirectError(reason, status, location, `${what}: ${status} to ${location}.`);
}

/**
 * Browsers hide a redirect's Location from `redirect: 'manual'`. A request
 * with nothing a redirect would have to strip can let the browser follow it
 * (the browser applies CORS and mixed-content rules); one with credentials is
 * sent with `manual`, so a redirect is refused rather than followed blindly.
 */
export function redirectMode(headers: Headers, secrets: string[]): RequestRedirect {
  if (!inBrowser() || secrets.length > 0) return 'manual';
  for (const name of headers.keys()) if (!CROSS_ORIGIN_HEADERS.has(name)) return 'manual';
  return 'follow';
}

function inBrowser(): boolean {
  const g = globalThis as { document?: unknown; WorkerGlobalScope?: unknown };
  return g.document !== undefined || g.WorkerGlobalScope !== undefined;
}

/**
 * How to send the body again: the encoded value the client built (a stream
 * cannot be), or, when a hook replaced the request, a copy taken before it went out.
 */
export function bodyReplay(request: Request, built: Request, encoded: BodyInit | undefined): () => Promise<BodyInit | null | undefined> {
  if (request === built) {
    const value = encoded instanceof ReadableStream ? null : encoded;
    return () => Promise.resolve(value);
  }
  if (request.body === null) return () => Promise.resolve(undefined);
  const spare = request.clone();
  let copy: Promise<ArrayBuffer> | undefined;
  return () => (copy ??= spare.arrayBuffer());
}

/** What the client hands a redirect follower for one try. */
export interface FollowContext {
  request: Request;
  /** The request as the client built it, before any hook replaced it. */
  built: Request;
  attempt: Attempt;
  options: { fetch?: typeof fetch | undefined; redirects?: RedirectPolicy | undefined; maxRedirects?: number | undefined };
  log(message: string): void;
}

/** Sends one try and deals with its redirects; without one, the client leaves them to fetch (`request.ts`). */
export type RedirectFollower = (c: FollowContext) => Promise<Response>;

/**
 * The client's own follower, which a generated client passes only when its
 * API sends a credential somewhere other than `Authorization` (an API key in
 * a header, the query or a cookie): fetch drops `Authorization` on a redirect
 * to another origin, and nothing else.
 */
export const followRedirects: RedirectFollower = ({ request, built, attempt: a, options, log }) => {
  const mode = redirectMode(request.headers, a.secrets);
  return fetchFollowing(request.redirect === mode ? request : new Request(request, { redirect: mode }), {
    fetch: options.fetch ?? fetch,
    policy: options.redirects ?? 'strip-credentials',
    max: options.maxRedirects ?? DEFAULT_MAX_REDIRECTS,
    authQuery: a.authQuery,
    secrets: a.secrets,
    body: bodyReplay(request, built, a.init.body ?? undefined),
    log,
  });
};
