import { APIPromise, type WithResponse } from './api-promise.js';
import { applyAuth, resolveCredentials } from './auth.js';
import { APIConnectionError, APIConnectionTimeoutError, APIUserAbortError, SDKError } from './errors.js';
import { readEnv } from './env.js';
import { buildHeaders } from './headers.js';
import { levelled } from './log.js';
import type { ClientCredentials, ClientCredentialsSetup } from './oauth.js';
import { bodyReplay, DEFAULT_MAX_REDIRECTS, fetchFollowing, redactURL, redirectMode, type RedirectPolicy } from './redirect.js';
import { errorFromResponse, parseSuccess } from './response.js';
import { DEFAULT_RETRY, isRetryableStatus, mayRetry, retryDelay } from './retry.js';
import { sleep } from './sleep.js';
import type { ResponseValidators, ValidationMode } from './validation.js';
import type { AuthScheme, Credential, Hooks, Logger, LogLevel, RequestIdSource, RequestOptions, RequestSpec, RetryConfig } from './types.js';
import { buildURL, fillPath, serializeQuery, withQuery } from './url.js';

export type { Hooks, Logger, LogLevel } from './types.js';
export type { RedirectPolicy } from './redirect.js';

/** Options every generated client accepts. */
export interface ClientOptions {
  /** Overrides the server URL from the spec. */
  baseURL?: string | undefined;
  /** Milliseconds before an attempt is aborted; 60 000 by default. */
  timeout?: number | undefined;
  /** Retries after the first attempt; 2 by default. */
  maxRetries?: number | undefined;
  retry?: Partial<RetryConfig> | undefined;
  /** A `fetch` to use instead of the global one, e.g. for proxies or tests. It must not follow redirects itself when a request says `redirect: 'manual'`. */
  fetch?: typeof fetch | undefined;
  /**
   * A redirect to another origin: `'strip-credentials'` (the default) follows
   * it without the credential and without any header but Accept,
   * Accept-Language, Content-Language, Content-Type and User-Agent;
   * `'error'` refuses it with a `RedirectError`. Same-origin redirects keep
   * the credential; https to http is always refused.
   */
  redirects?: RedirectPolicy | undefined;
  /** Redirects followed per attempt before a `RedirectError`; 20 by default, as fetch. */
  maxRedirects?: number | undefined;
  defaultHeaders?: Record<string, string> | undefined;
  hooks?: Hooks | undefined;
  logger?: Logger | undefined;
  /** `info` when a logger is given, otherwise `off`. */
  logLevel?: LogLevel | undefined;
  /**
   * Checks 2xx JSON bodies against the spec: `off` (the default), `warn`
   * (each drifted field is logged through `logger` at level warn, and the
   * data returned) or `strict` (a `ResponseValidationError` is thrown). A call
   * may say otherwise in its options. Has no effect without `validators`.
   */
  validate?: ValidationMode | undefined;
  /** The package's validators (`<api>Validators`), given only when validating, so bundles that never validate leave them out. */
  validators?: ResponseValidators | undefined;
}

/** What a generated client tells the core about its API. */
export interface CoreConfig {
  clientName: string;
  packageName: string;
  packageVersion: string;
  defaultBaseURL: string;
  auth: AuthScheme[];
  credentials: Record<string, Credential | undefined>;
  /** Path parameters given once to the constructor, by wire name. */
  clientParams?: Record<string, { option: string; env?: string; value: string | undefined }>;
  /** OAuth2 client credentials: with a client id and secret (and no token) the client fetches its own tokens. */
  clientCredentials?: ClientCredentialsSetup;
  /** Where the API reports request ids beyond `x-request-id`. */
  requestId?: RequestIdSource;
}

interface Attempt {
  spec: RequestSpec;
  options: RequestOptions;
  url: string;
  init: RequestInit;
  /** Query parameters and secrets the auth scheme added, so a redirect to another origin can drop them. */
  authQuery: Record<string, string>;
  secrets: string[];
}

const DEFAULT_TIMEOUT = 60_000;

/** The HTTP core under every generated client: auth, retries, timeouts, hooks and logging. Pagination builds on it (`pagination.ts`). */
export class APIClient {
  readonly #config: CoreConfig;
  readonly #options: ClientOptions;
  readonly #credentials: Map<string, Credential>;
  readonly #tokens: ClientCredentials | undefined;
  readonly #pathParams: Record<string, string>;
  readonly #log: ReturnType<typeof levelled>;

  constructor(config: CoreConfig, options: ClientOptions = {}) {
    this.#config = config;
    this.#options = options;
    this.#tokens = config.clientCredentials?.flow(config.clientCredentials, config.credentials, () => this.#options.fetch ?? fetch, () => this.baseURL);
    const tokens = this.#tokens;
    const credentials = tokens ? { ...config.credentials, [config.clientCredentials!.scheme]: () => tokens.token() } : config.credentials;
    this.#credentials = resolveCredentials(config.clientName, config.auth, credentials, config.clientCredentials);
    this.#pathParams = clientPathParams(config);
    this.#log = levelled(options.logger, options.logLevel ?? (options.logger ? 'info' : 'off'));
  }

  get baseURL(): string {
    return this.#options.baseURL ?? this.#config.defaultBaseURL;
  }

  /** Milliseconds before an attempt is aborted, unless a call says otherwise. */
  get timeout(): number {
    return this.#options.timeout ?? DEFAULT_TIMEOUT;
  }

  request<T>(spec: RequestSpec, options: RequestOptions = {}): APIPromise<T> {
    return new APIPromise(this.#send(spec, options) as Promise<WithResponse<T>>);
  }

  toString(): string {
    return `${this.#config.clientName} { baseURL: ${this.baseURL} }`;
  }

  toJSON(): { client: string; baseURL: string } {
    return { client: this.#config.clientName, baseURL: this.baseURL };
  }

  async #send(spec: RequestSpec, options: RequestOptions): Promise<WithResponse<unknown>> {
    let attempt = await this.#prepare(spec, options);
    const retry = retryConfig(this.#options, options);
    const retryable = mayRetry(spec.method, options.idempotencyKey);
    const started = Date.now();
    let renewed = false;
    for (let n = 0; ; n++) {
      const outcome = await this.#attempt(attempt, n);
      // A refused token is renewed once: the request was not served, so sending it again is safe.
      if (outcome.response?.status === 401 && this.#tokens && !renewed) {
        renewed = true;
        for (const secret of attempt.secrets) this.#tokens.invalidate(secret);
        this.#log('info', `${spec.method} ${spec.path}: token refused, fetching a new one`, undefined, attempt.secrets);
        attempt = await this.#prepare(spec, options);
        continue;
      }
      const canRetry = retryable && n < retry.maxRetries && outcome.retryable;
      const delay = canRetry ? retryDelay(n + 1, outcome.response?.headers, retry) : undefined;
      if (outcome.result && !outcome.error) return outcome.result;
      if (delay === undefined || Date.now() - started + delay > retry.maxElapsedMs) throw outcome.error;
      this.#log('warn', `retrying ${spec.method} ${spec.path} in ${delay} ms (attempt ${n + 2})`, { reason: outcome.error?.message }, attempt.secrets);
      await sleep(delay, options.signal);
    }
  }

  async #prepare(spec: RequestSpec, options: RequestOptions): Promise<Attempt> {
    const { link } = spec;
    const auth = await applyAuth(this.#config.auth, this.#credentials, spec.security);
    const query = serializeQuery({ ...(link ? {} : spec.query), ...auth.query }, spec.queryStyles);
    const url = link
      ? withQuery(link, query)
      : buildURL(this.baseURL, fillPath(spec.path, { ...this.#pathParams, ...spec.pathParams }), query);
    const { body, contentType } = spec.encode ? await spec.encode(spec, options) : jsonBody(spec);
    const headers = buildHeaders({
      spec, options, contentType, auth,
      defaults: this.#options.defaultHeaders,
      userAgent: `${this.#config.packageName}/${this.#config.packageVersion}`,
    });
    const init: RequestInit & { duplex?: 'half' } = { method: spec.method, headers, redirect: redirectMode(headers, auth.secrets) };
    if (body !== undefined) init.body = body;
    // Node's fetch sends a stream body only when told it is one-way.
    if (body instanceof ReadableStream) init.duplex = 'half';
    return { spec, options, url, init, authQuery: auth.query, secrets: [...auth.secrets, ...(this.#tokens?.secrets ?? [])] };
  }

  /** One try: the request through the hooks, its response or error, and whether another try may help. */
  async #attempt(a: Attempt, n: number): Promise<{ result?: WithResponse<unknown>; error?: Error; response?: Response; retryable: boolean }> {
    const hooks = this.#options.hooks;
    const timeout = a.options.timeout ?? this.#options.timeout ?? DEFAULT_TIMEOUT;
    const abort = linkedAbort(a.options.signal, timeout);
    const built = new Request(a.url, { ...a.init, signal: abort.signal });
    let request = built;
    const began = Date.now();
    try {
      request = (await hooks?.onRequest?.({ request, attempt: n })) ?? request;
      this.#log('info', `${a.spec.method} ${redactURL(request.url, a.secrets)}`, { attempt: n }, a.secrets);
      let response: Response;
      try {
        response = await this.#fetch(request, built, a);
      } catch (cause) {
        throw networkError(cause, abort);
      }
      response = (await hooks?.onResponse?.({ request, response, attempt: n })) ?? response;
      this.#log('info', `${a.spec.method} ${redactURL(request.url, a.secrets)} -> ${response.status} (${Date.now() - began} ms)`, undefined, a.secrets);
      if (!response.ok) {
        const error = await errorFromResponse(response, this.#config.requestId);
        await hooks?.onError?.({ request, error, attempt: n });
        return { error, response, retryable: isRetryableStatus(response.status) };
      }
      try {
        const data = await parseSuccess(response, a.spec);
        this.#options.validators?.(a, data, response, this.#options.validate, this.#log);
        return { result: { data, response }, retryable: false };
      } catch (cause) {
        throw cause instanceof SDKError ? cause : networkError(cause, abort);
      }
    } catch (error) {
      await hooks?.onError?.({ request, error, attempt: n });
      if (!(error instanceof Error)) throw error;
      const retryable = error instanceof APIConnectionError;
      if (error instanceof APIUserAbortError || !retryable) throw error;
      this.#log('error', `${a.spec.method} ${a.spec.path} failed: ${error.message}`, undefined, a.secrets);
      return { error, retryable };
    } finally {
      abort.done(a.spec.responseType === 'sse' || a.spec.responseType === 'blob');
    }
  }

  /** Sends the request and follows redirects with the client's own checks (`redirect.ts`). */
  #fetch(request: Request, built: Request, a: Attempt): Promise<Response> {
    const body = bodyReplay(request, built, a.init.body ?? undefined);
    const mode = redirectMode(request.headers, a.secrets);
    const sent = request.redirect === mode ? request : new Request(request, { redirect: mode });
    return fetchFollowing(sent, {
      fetch: this.#options.fetch ?? fetch,
      policy: this.#options.redirects ?? 'strip-credentials',
      max: this.#options.maxRedirects ?? DEFAULT_MAX_REDIRECTS,
      authQuery: a.authQuery,
      secrets: a.secrets,
      body,
      log: (message) => this.#log('debug', message, undefined, a.secrets),
    });
  }
}

/** A body sent as JSON, for a request that brings no encoder of its own. */
function jsonBody(spec: RequestSpec): { body: string | undefined; contentType: string | undefined } {
  return spec.body === undefined ? { body: undefined, contentType: undefined } : { body: JSON.stringify(spec.body), contentType: spec.contentType ?? 'application/json' };
}

/** Per-call settings over client settings over defaults; `maxRetries` beats `retry.maxRetries` at its level. */
function retryConfig(client: ClientOptions, call: RequestOptions): RetryConfig {
  const maxRetries = (o: { maxRetries?: number | undefined }) => (o.maxRetries === undefined ? {} : { maxRetries: o.maxRetries });
  return { ...DEFAULT_RETRY, ...client.retry, ...maxRetries(client), ...call.retry, ...maxRetries(call) };
}

function clientPathParams(config: CoreConfig): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [wire, p] of Object.entries(config.clientParams ?? {})) {
    const value = p.value ?? (p.env ? readEnv(p.env) : undefined);
    if (value === undefined || value === '') {
      throw new SDKError(`${config.clientName}: missing \`${p.option}\`; pass it to the constructor${p.env ? ` or set ${p.env}` : ''}.`);
    }
    values[wire] = value;
  }
  return values;
}

/** One signal that aborts on the caller's signal or on the timeout, and remembers which. */
function linkedAbort(user: AbortSignal | undefined, timeout: number) {
  const controller = new AbortController();
  let timedOut = false;
  const onAbort = () => controller.abort(user?.reason);
  if (user?.aborted) controller.abort(user.reason);
  else user?.addEventListener('abort', onAbort, { once: true });
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeout);
  return {
    signal: controller.signal,
    get timedOut() { return timedOut; },
    get userAborted() { return user?.aborted === true; },
    /** Streams and downloads keep the caller's signal for as long as their body is read; the timer still goes. */
    done(streaming: boolean) {
      clearTimeout(timer);
      if (!streaming) user?.removeEventListener('abort', onAbort);
    },
  };
}

function networkError(cause: unknown, abort: { timedOut: boolean; userAborted: boolean }): SDKError {
  if (cause instanceof SDKError) return cause;
  if (abort.userAborted) return new APIUserAbortError();
  if (abort.timedOut) return new APIConnectionTimeoutError();
  return new APIConnectionError(`Connection error: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
}
