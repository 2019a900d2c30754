import { APIPromise, type WithResponse } from './api-promise.js';
import { APIConnectionError, errorClass, SDKError } from './errors.js';
import type { logging } from './log.js';
import type { RedirectFollower, RedirectPolicy } from './redirect.js';
import { baseURL, linkedAbort, makeCore, prepare, timeoutOf, type Attempt, type Core, type CoreConfig } from './request.js';
import { errorFromResponse, parseSuccess } from './response.js';
import { DEFAULT_RETRY, isRetryableStatus, mayRetry, retryDelay } from './retry.js';
import { sleep } from './sleep.js';
import type { Hooks, Logger, LogLevel, RequestOptions as CallOptions, RequestSpec, RetryConfig } from './types.js';
import type { ResponseValidators, ValidationMode } from './validation.js';

export type { Hooks, Logger, LogLevel } from './types.js';

/** Per-call options, the last argument of every method. */
export interface RequestOptions extends CallOptions {}
export type { RedirectPolicy } from './redirect.js';
export type { CoreConfig } from './request.js';

/** Options every generated client accepts. */
export interface ClientOptions {
  /** Overrides the server URL from the spec. */
  baseURL?: string | undefined;
  /** Milliseconds before an attempt is aborted; 60 000 by default. */
  timeout?: number | undefined;
  /** Retries after the first attempt; 2 by default. */
  maxRetries?: number | undefined;
  retry?: Partial<RetryConfig> | undefined;
  /** A `fetch` to use instead of the global one, e.g. for proxies or tests. It must not follow redirects itself when a request says `redirect: 'manual'`, and must drop `Authorization` on a redirect to another origin when it follows one, as the standard one does. */
  fetch?: typeof fetch | undefined;
  /**
   * A redirect to another origin: `'strip-credentials'` (the default) follows
   * it without the credential and without any header but Accept,
   * Accept-Language, Content-Language, Content-Type and User-Agent;
   * `'error'` refuses it with a `RedirectError`. Same-origin redirects keep
   * the credential; https to http is always refused. A client whose
   * credential goes only in `Authorization` leaves redirects to fetch, which
   * drops that header on another origin; there a request with any other
   * header, or with `'error'`, refuses every redirect.
   */
  redirects?: RedirectPolicy | undefined;
  /** Redirects followed per attempt before a `RedirectError`; 20 by default, as fetch. Where fetch follows (credential only in `Authorization`), fetch's own limit of 20 applies. */
  maxRedirects?: number | undefined;
  /**
   * The client's own redirect follower, `followRedirects` (exported beside the
   * client), for a client that otherwise leaves redirects to fetch: with it,
   * `redirects` and `maxRedirects` apply, https to http is refused before
   * anything is sent, and headers of your own are dropped on another origin
   * instead of the redirect being refused. A bundle keeps it only when imported.
   */
  redirectFollower?: RedirectFollower | undefined;
  defaultHeaders?: Record<string, string> | undefined;
  hooks?: Hooks | undefined;
  /** Where the client logs its tries and retries, with credentials redacted. Needs `logging` beside it, which the client class with resources passes itself. */
  logger?: Logger | undefined;
  /** `info` by default. */
  logLevel?: LogLevel | undefined;
  /**
   * The words of the log, `logging` (exported beside the client), given with
   * `logger` to the client without resources, so a bundle that never logs
   * leaves them out; the client class with resources passes it itself.
   */
  logging?: typeof logging | undefined;
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

/** A client's log, as `logging` makes it. */
type Logging = ReturnType<typeof logging>;

/** What one try came to: the result, or the error with the response that brought it, if any. */
type Outcome = { result: WithResponse<unknown>; error?: undefined; response?: undefined } | { result?: undefined; error: Error; response?: Response | undefined };

/** The HTTP core under every generated client: auth, retries, timeouts, hooks and logging. Pagination builds on it (`pagination.ts`). */
export class APIClient {
  readonly #core: Core<ClientOptions>;
  readonly #log: Logging | undefined;

  /** `config.follow` is required here: the full core sends every try through it. */
  constructor(config: CoreConfig & { follow: RedirectFollower }, options: ClientOptions = {}) {
    this.#core = makeCore(config, options);
    const { logger } = options;
    if (logger && !options.logging) throw new SDKError(`${config.clientName}: \`logger\` needs \`logging\` beside it.`);
    this.#log = logger && options.logging?.(logger, options.logLevel);
  }

  get baseURL(): string {
    return baseURL(this.#core);
  }

  /** Milliseconds before an attempt is aborted, unless a call says otherwise. */
  get timeout(): number {
    return timeoutOf(this.#core);
  }

  request<T>(spec: RequestSpec, options: RequestOptions = {}): APIPromise<T> {
    return new APIPromise(send(this.#core, this.#log, spec, options) as Promise<WithResponse<T>>);
  }

  toString(): string {
    return `${this.#core.config.clientName} { baseURL: ${this.baseURL} }`;
  }

  toJSON(): { client: string; baseURL: string } {
    return { client: this.#core.config.clientName, baseURL: this.baseURL };
  }
}

/** A call: tries until one succeeds, fails for good, or the retry budget runs out. */
async function send(core: Core<ClientOptions>, log: Logging | undefined, spec: RequestSpec, options: RequestOptions): Promise<WithResponse<unknown>> {
  const retry = retryConfig(core.options, options);
  const started = Date.now();
  let a = await prepare(core, spec, options);
  let renewed = false;
  for (let attempt = 0; ; attempt++) {
    const { result, error, response } = await tryOnce(core, log, a, attempt);
    if (result) return result;
    // A refused token is renewed once: the request was not served, so sending it again is safe.
    if (response?.status === 401 && core.tokens && !renewed) {
      renewed = true;
      core.tokens.invalidate(a.secrets);
      a = await prepare(core, spec, options);
      continue;
    }
    // An error response may pass on a retry when its status says so; a connection error (a timeout is one) always may.
    const retryIn = mayRetry(spec.method, options.idempotencyKey) && attempt < retry.maxRetries && (!response || isRetryableStatus(response.status)) ? retryDelay(attempt + 1, response?.headers, retry) : undefined;
    if (retryIn === undefined || Date.now() - started + retryIn > retry.maxElapsedMs) throw error;
    log?.tried(a, { attempt, error, retryIn });
    await sleep(retryIn, options.signal);
  }
}

/** One try: the request through the hooks, and its result, or the error it came to; errors no retry can help are thrown. */
async function tryOnce(core: Core<ClientOptions>, log: Logging | undefined, a: Attempt, attempt: number): Promise<Outcome> {
  const { hooks } = core.options;
  const { spec } = a;
  const abort = linkedAbort(a.options.signal, timeoutOf(core, a.options));
  const built = new Request(a.url, { ...a.init, signal: abort.signal });
  let request = built;
  const began = Date.now();
  try {
    request = (await hooks?.onRequest?.({ request, attempt })) ?? request;
    log?.tried(a, { attempt, url: request.url });
    let response = await follow(core, log, request, built, a).catch(abort.fail);
    response = (await hooks?.onResponse?.({ request, response, attempt })) ?? response;
    log?.tried(a, { attempt, url: request.url, response, ms: Date.now() - began });
    if (!response.ok) {
      const error = await errorFromResponse(response, core.config, spec.reviveError, errorClass);
      await hooks?.onError?.({ request, error, attempt });
      return { error, response };
    }
    const parsed = await parseSuccess(response, spec).catch(abort.fail);
    core.options.validators?.(a, parsed, response, core.options.validate, log ? log.line : () => undefined);
    return { result: { data: spec.revive && parsed !== undefined ? spec.revive(parsed) : parsed, response } };
  } catch (error) {
    await hooks?.onError?.({ request, error, attempt });
    // Only a connection error (a timeout is one; the caller's abort is not) may pass on a retry.
    if (!(error instanceof APIConnectionError)) throw error;
    log?.tried(a, { attempt, url: request.url, error });
    return { error };
  } finally {
    abort.done(spec);
  }
}

/** Sends the request through the follower the caller chose, else the API's (`followRedirects` or `fetchNatively`, as its client passes). */
function follow(core: Core<ClientOptions>, log: Logging | undefined, request: Request, built: Request, a: Attempt): Promise<Response> {
  const { options, config } = core;
  // The constructor's type requires `follow`.
  const follower = options.redirectFollower ?? config.follow!;
  return follower({ request, built, attempt: a, options, log: (message) => log?.line('debug', message, undefined, a.secrets) });
}

/** Per-call settings over client settings over defaults; `maxRetries` beats `retry.maxRetries` at its level. */
function retryConfig(client: ClientOptions, call: RequestOptions): RetryConfig {
  const maxRetries = (o: { maxRetries?: number | undefined }) => (o.maxRetries === undefined ? {} : { maxRetries: o.maxRetries });
  return { ...DEFAULT_RETRY, ...client.retry, ...maxRetries(client), ...call.retry, ...maxRetries(call) };
}
