// The request pipeline both client cores share: a call's URL, headers, body
// and credentials, one signal for its timeout and the caller's abort, and the
// error a failed fetch becomes. Written as plain functions over one state
// object, since a bundler can shorten their names and not those of class members.
import { applyAuth, resolveCredentials } from './auth.js';
import { APIConnectionError, APIConnectionTimeoutError, APIUserAbortError, SDKError, type MessageReader, type RequestIdReader } from './errors.js';
import { readEnv } from './env.js';
import { buildHeaders } from './headers.js';
import type { ClientCredentials, ClientCredentialsSetup } from './oauth.js';
import { redactURL } from './log.js';
import { RedirectError, type RedirectFollower } from './redirect.js';
import type { AuthScheme, Credential, RequestOptions, RequestSpec } from './types.js';
import { buildURL, serializeQuery, withQuery } from './url.js';

/** What a generated client tells the core about its API. */
export interface CoreConfig {
  clientName: string;
  /** `<package name>/<version>`, sent as User-Agent where the platform lets a script set it. */
  userAgent: string;
  defaultBaseURL: string;
  auth: AuthScheme[];
  credentials: Record<string, Credential | undefined>;
  /** Path parameters given once to the constructor, by wire name, as `clientPathParams` found them. */
  pathParams?: Record<string, string>;
  /** OAuth2 client credentials: with a client id and secret (and no token) the client fetches its own tokens. */
  clientCredentials?: ClientCredentialsSetup;
  /** Where the API reports request ids beyond `x-request-id`: `requestIdAt(…)`, given only by clients whose spec says. */
  requestId?: RequestIdReader;
  /** Where its error bodies keep the message: `messageAt(…)` for the fields the spec declares, else `vendorMessage`; without it, an error's message is its body. */
  errorMessage?: MessageReader;
  /**
   * How the full core sends a try and meets its redirects, which its generated
   * client always passes: the client's own follower (`followRedirects`) when
   * the API sends a credential somewhere fetch would not drop on a redirect to
   * another origin, else `fetchNatively`; so a bundle carries only the one its
   * API needs. The slim core takes neither.
   */
  follow?: RedirectFollower;
}

/** The options every core reads. */
export interface BaseOptions {
  baseURL?: string | undefined;
  timeout?: number | undefined;
  fetch?: typeof fetch | undefined;
  defaultHeaders?: Record<string, string> | undefined;
}

/** A client's settled state: its settings and the credentials found. */
export interface Core<Options extends BaseOptions = BaseOptions> {
  config: CoreConfig;
  options: Options;
  credentials: Map<string, Credential>;
  /** The token source of the OAuth2 client credentials flow, when the client runs it. */
  tokens?: ClientCredentials | undefined;
}

/** One try of a call, ready to send. */
export interface Attempt {
  spec: RequestSpec;
  options: RequestOptions;
  url: string;
  init: RequestInit;
  /** Query parameters and secrets the auth scheme added, so a redirect to another origin can drop them. */
  authQuery: Record<string, string>;
  secrets: string[];
}

const DEFAULT_TIMEOUT = 60_000;

/** The state of a new client; throws, naming the option to pass, when a credential or client parameter is missing. */
export function makeCore<Options extends BaseOptions>(config: CoreConfig, options: Options): Core<Options> {
  const core: Core<Options> = { config, options, credentials: new Map() };
  const flow = config.clientCredentials;
  // The flow, passed only by clients whose API has it, starts its token source and gives the credentials with it.
  const started = flow?.flow(flow, core);
  core.credentials = resolveCredentials(config.clientName, config.auth, started?.credentials ?? config.credentials, started?.way);
  return core;
}

export function baseURL(core: Core): string {
  return core.options.baseURL ?? core.config.defaultBaseURL;
}

/** Milliseconds before an attempt is aborted: the call's, else the client's, else a minute. */
export function timeoutOf(core: Core, options: RequestOptions = {}): number {
  return options.timeout ?? core.options.timeout ?? DEFAULT_TIMEOUT;
}

/**
 * The request for one try: URL with query, credentials, headers and body. It
 * is built with `redirect: 'manual'` unless `redirect` says otherwise; the full
 * core's follower or `fetchNatively` sets the mode it is sent with.
 */
export async function prepare(core: Core, spec: RequestSpec, options: RequestOptions, redirect?: (headers: Headers, secrets: string[]) => RequestRedirect): Promise<Attempt> {
  const { link } = spec;
  const auth = await applyAuth(core.config.auth, core.credentials, spec.security);
  const query = serializeQuery({ ...(link ? {} : spec.query), ...auth.query }, spec.queryStyles);
  const url = link ? withQuery(link, query) : buildURL(baseURL(core), pathOf(core, spec), query);
  const { body, contentType } = spec.encode ? await spec.encode(spec, options) : jsonBody(spec);
  const headers = buildHeaders({
    spec, options, contentType, auth,
    defaults: core.options.defaultHeaders,
    userAgent: core.config.userAgent,
  });
  const secrets = [...auth.secrets, ...(core.tokens?.secrets ?? [])];
  const init: RequestInit & { duplex?: 'half' } = { method: spec.method, headers, redirect: redirect?.(headers, secrets) ?? 'manual' };
  if (body !== undefined) init.body = body;
  // Node's fetch sends a stream body only when told it is one-way.
  if (body instanceof ReadableStream) init.duplex = 'half';
  return { spec, options, url, init, authQuery: auth.query, secrets };
}

/**
 * The request's path: filled by the writer its spec names (`fillPath`), which
 * only operations with path parameters give, so other bundles leave it out.
 */
function pathOf(core: Core, spec: RequestSpec): string {
  if (spec.fill) return spec.fill(spec.path, { ...core.config.pathParams, ...spec.pathParams });
  return spec.path;
}

/** A body sent as JSON, for a request that brings no encoder of its own. */
function jsonBody(spec: RequestSpec): { body: string | undefined; contentType: string | undefined } {
  return spec.body === undefined ? { body: undefined, contentType: undefined } : { body: JSON.stringify(spec.body), contentType: spec.contentType ?? 'application/json' };
}

/**
 * The values of the path parameters a client takes once, by wire name, from
 * its options or their environment variables; throws, naming the option to
 * pass, when one is missing. Generated clients whose API has such parameters
 * call it for their `pathParams`, so other bundles leave it out.
 */
export function clientPathParams(clientName: string, params: Record<string, { option: string; env?: string; value: string | undefined }>): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [wire, p] of Object.entries(params)) {
    const value = p.value ?? (p.env ? readEnv(p.env) : undefined);
    if (value === undefined || value === '') {
      throw new SDKError(`${clientName}: missing \`${p.option}\`; pass it to the constructor${p.env ? ` or set ${p.env}` : ''}.`);
    }
    values[wire] = value;
  }
  return values;
}

/**
 * One signal that aborts on the caller's signal or on the timeout, and `fail`,
 * which throws what a failed fetch or body read becomes: the caller's abort,
 * the timeout, or a connection error.
 */
export function linkedAbort(user: AbortSignal | undefined, timeout: number) {
  const controller = new AbortController();
  const { signal } = controller;
  const onAbort = () => controller.abort(user?.reason);
  if (user?.aborted) onAbort();
  else user?.addEventListener('abort', onAbort);
  // The timeout aborts with its own error, which fetch and body reads reject with.
  const timer = setTimeout(() => controller.abort(new APIConnectionTimeoutError()), timeout);
  return {
    signal,
    fail(cause: unknown): never {
      throw cause instanceof SDKError ? cause
        : user?.aborted ? new APIUserAbortError()
        : signal.aborted ? (signal.reason as SDKError)
        : new APIConnectionError(`Connection error: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    },
    /** Streams and downloads keep the caller's signal for as long as their body is read; the timer still goes. */
    done(spec: RequestSpec) {
      clearTimeout(timer);
      if (spec.responseType !== 'sse' && spec.responseType !== 'blob') user?.removeEventListener('abort', onAbort);
    },
  };
}

/** Headers that may reach another origin through fetch's own following: they describe the request, or fetch drops them there (`Authorization`). */
const FETCH_SAFE: ReadonlySet<string> = new Set(['accept', 'accept-language', 'content-language', 'content-type', 'user-agent', 'authorization']);

/**
 * Sends a try of a client whose credential fetch drops itself. Fetch follows the
 * redirects when the only credential is in `Authorization`, which the fetch
 * standard drops on a move to another origin (https to http is one); a request
 * with any other header, an auth query parameter, or `redirects: 'error'`, is
 * sent with `redirect: 'manual'`, and a redirect then throws `RedirectError`.
 * A move from https to http is refused even with the credential dropped.
 */
export const fetchNatively: RedirectFollower = async ({ request, attempt: a, options }) => {
  const follows = options.redirects !== 'error' && Object.keys(a.authQuery).length === 0
    && [...request.headers].every(([name, value]) => FETCH_SAFE.has(name) && (name === 'authorization' || !a.secrets.some((s) => value.includes(s))));
  const mode: RequestRedirect = follows ? 'follow' : 'manual';
  const response = await (options.fetch ?? fetch)(request.redirect === mode ? request : new Request(request, { redirect: mode }));
  const insecure = response.redirected && request.url.startsWith('https:') && response.url.startsWith('http:');
  if (insecure || response.type === 'opaqueredirect' || ([301, 302, 303, 307, 308].includes(response.status) && response.headers.has('location'))) {
    await response.body?.cancel().catch(() => undefined);
    const where = insecure ? redactURL(response.url, a.secrets) : undefined;
    throw new RedirectError(insecure ? 'insecure' : 'not-followed', response.status, where, insecure ? `Refusing a redirect from https to http: ${where}.` : `A ${response.status} redirect was not followed: a header of the request would reach another origin. Call the final URL directly.`);
  }
  return response;
};
