// The slim client core, chosen at generation time (`--core slim`): a package
// generated with it gets this file as its `client.ts`. It sends each call once,
// with the same auth, parameters, typed errors, timeouts and aborts as the full
// core, but without retries, hooks, logging or redirect following.
import { APIPromise, type WithResponse } from './api-promise.js';
import { RedirectError } from './redirect.js';
import { baseURL, linkedAbort, makeCore, prepare, timeoutOf, type Core, type CoreConfig } from './request.js';
import { errorFromResponse, parseSuccess } from './response.js';
import type { RequestOptions as CallOptions, RequestSpec } from './types.js';
import type { ResponseValidators, ValidationMode } from './validation.js';

export type { CoreConfig } from './request.js';

/**
 * Per-call options, the last argument of every method: those of the full core
 * but `maxRetries` and `retry`, as each call is sent once, and `validate: 'warn'`.
 */
export interface RequestOptions extends Omit<CallOptions, 'maxRetries' | 'retry' | 'validate'> {
  /** Response validation for this call, over the client's `validate`; needs the client's `validators`. */
  validate?: Exclude<ValidationMode, 'warn'>;
}

/** Options every generated client accepts. */
export interface ClientOptions {
  /** Overrides the server URL from the spec. */
  baseURL?: string | undefined;
  /** Milliseconds before a request is aborted; 60 000 by default. */
  timeout?: number | undefined;
  /** A `fetch` to use instead of the global one, e.g. for proxies or tests. It must not follow redirects itself when a request says `redirect: 'manual'`. */
  fetch?: typeof fetch | undefined;
  defaultHeaders?: Record<string, string> | undefined;
  /**
   * Checks 2xx JSON bodies against the spec: `off` (the default) or `strict`
   * (a `ResponseValidationError` is thrown); there is no `warn`, as the slim
   * core has no logger. A call may say otherwise in its options. Has no
   * effect without `validators`.
   */
  validate?: Exclude<ValidationMode, 'warn'> | undefined;
  /** The package's validators (`<api>Validators`), given only when validating, so bundles that never validate leave them out. */
  validators?: ResponseValidators | undefined;
}

/** The HTTP core under every generated client, without retries, hooks, logging or redirect following. */
export class APIClient {
  readonly #core: Core<ClientOptions>;

  constructor(config: CoreConfig, options: ClientOptions = {}) {
    this.#core = makeCore(config, options);
  }

  get baseURL(): string {
    return baseURL(this.#core);
  }

  /** Milliseconds before a request is aborted, unless a call says otherwise. */
  get timeout(): number {
    return timeoutOf(this.#core);
  }

  /** A call as the operations make it; their own options type (`RequestOptions`) is the narrower one, as pagination and streams pass theirs on. */
  request<T>(spec: RequestSpec, options: CallOptions = {}): APIPromise<T> {
    return new APIPromise(send(this.#core, spec, options) as Promise<WithResponse<T>>);
  }
}

async function send(core: Core<ClientOptions>, spec: RequestSpec, options: CallOptions): Promise<WithResponse<unknown>> {
  const a = await prepare(core, spec, options, redirectMode);
  const abort = linkedAbort(options.signal, timeoutOf(core, options));
  try {
    const response = await (core.options.fetch ?? fetch)(a.url, { ...a.init, signal: abort.signal }).catch(abort.fail);
    refuseRedirect(response);
    if (!response.ok) throw await errorFromResponse(response, core.config, spec.reviveError);
    const parsed = await parseSuccess(response, spec).catch(abort.fail);
    core.options.validators?.(a, parsed, response, core.options.validate, () => undefined);
    return { data: spec.revive && parsed !== undefined ? spec.revive(parsed) : parsed, response };
  } finally {
    abort.done(spec);
  }
}

/**
 * A request that carries a credential, or any header a redirect to another
 * origin would have to drop, is sent with `redirect: 'manual'` and its
 * redirects refused; fetch follows the others itself.
 */
function redirectMode(headers: Headers, secrets: string[]): RequestRedirect {
  if (secrets.length > 0) return 'manual';
  for (const name of headers.keys()) if (!SAFE_HEADERS.has(name)) return 'manual';
  return 'follow';
}

const SAFE_HEADERS: ReadonlySet<string> = new Set(['accept', 'accept-language', 'content-language', 'content-type', 'user-agent']);

function refuseRedirect(response: Response): void {
  if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400 && response.headers.has('location'))) {
    throw new RedirectError('not-followed', response.status, undefined, `A ${response.status} redirect was not followed, as the request carries a credential or a header of yours; call the final URL directly.`);
  }
}

