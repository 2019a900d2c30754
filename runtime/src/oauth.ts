import { readEnv } from './env.js';
import { SDKError } from './errors.js';
import { baseURL, type Core } from './request.js';
import type { Credential } from './types.js';

/** The OAuth2 client credentials flow as the spec states it, with the client's own id and secret. */
export interface ClientCredentialsConfig {
  /** The spec's `tokenUrl`; a relative one resolves against the API's base URL. */
  tokenUrl: string;
  scopes: string[];
  clientId: string;
  clientSecret: string;
}

/** The token endpoint refused or failed: `error` and `errorDescription` are the server's own (RFC 6749 §5.2). */
export class OAuthError extends SDKError {
  override name = 'OAuthError';
  readonly status: number | undefined;
  readonly error: string | undefined;
  readonly errorDescription: string | undefined;

  constructor(message: string, details: { status?: number | undefined; error?: string | undefined; errorDescription?: string | undefined; cause?: unknown } = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.status = details.status;
    this.error = details.error;
    this.errorDescription = details.errorDescription;
  }
}

/** Seconds before `expires_in` runs out at which a token is renewed, so none expires in flight. */
const EARLY_SECONDS = 30;

/**
 * Fetches and caches a client credentials token: one request however many
 * calls need it at once, renewed shortly before it expires, and dropped when
 * the API refuses it.
 */
export class ClientCredentials {
  readonly #config: ClientCredentialsConfig;
  readonly #fetch: () => typeof fetch;
  readonly #baseURL: () => string;
  #token: { value: string; expiresAt: number } | undefined;
  #pending: Promise<string> | undefined;

  constructor(config: ClientCredentialsConfig, fetchFn: () => typeof fetch, baseURL: () => string) {
    this.#config = config;
    this.#fetch = fetchFn;
    this.#baseURL = baseURL;
  }

  /** The secrets a log line or error must never show. */
  get secrets(): string[] {
    return [this.#config.clientSecret, basic(this.#config.clientId, this.#config.clientSecret), ...(this.#token ? [this.#token.value] : [])];
  }

  /** A valid token, from the cache or the token endpoint. */
  token(): Promise<string> {
    if (this.#token && Date.now() < this.#token.expiresAt) return Promise.resolve(this.#token.value);
    this.#pending ??= this.#request().finally(() => { this.#pending = undefined; });
    return this.#pending;
  }

  /** Forgets the token after the API refused a request that carried one of `sent`, so the next call fetches a fresh one. */
  invalidate(sent: string[]): void {
    if (this.#token && sent.includes(this.#token.value)) this.#token = undefined;
  }

  async #request(): Promise<string> {
    const { clientId, clientSecret, scopes } = this.#config;
    const form = new URLSearchParams({ grant_type: 'client_credentials' });
    if (scopes.length > 0) form.set('scope', scopes.join(' '));
    const url = new URL(this.#config.tokenUrl, this.#baseURL()).toString();
    let response: Response;
    try {
      response = await this.#fetch()(url, {
        method: 'POST',
        headers: { Authorization: `Basic ${basic(clientId, clientSecret)}`, 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
        body: form.toString(),
        redirect: 'error',
      });
    } catch (cause) {
      throw new OAuthError(`OAuth2 token request to ${url} failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    }
    const text = await response.text();
    const body = parse(text);
    if (!response.ok) {
      const error = typeof body?.['error'] === 'string' ? body['error'] : undefined;
      const errorDescription = typeof body?.['error_description'] === 'string' ? body['error_description'] : undefined;
      throw new OAuthError(`OAuth2 token request to ${url} failed with ${response.status}${error ? `: ${error}` : ''}${errorDescription ? ` (${errorDescription})` : ''}`, { status: response.status, error, errorDescription });
    }
    const value = body?.['access_token'];
    if (typeof value !== 'string' || value === '') throw new OAuthError(`OAuth2 token response from ${url} has no access_token.`, { status: response.status });
    const expiresIn = Number(body?.['expires_in']);
    const lifetime = Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn : Infinity;
    this.#token = { value, expiresAt: Date.now() + Math.max(lifetime - Math.min(EARLY_SECONDS, lifetime / 10), 0) * 1000 };
    return value;
  }
}

/** `client_secret_basic` (RFC 6749 §2.3.1): id and secret form-encoded, then base64 of `id:secret`. */
function basic(id: string, secret: string): string {
  const pair = `${encodeURIComponent(id)}:${encodeURIComponent(secret)}`.replace(/%20/g, '+');
  return btoa(String.fromCharCode(...new TextEncoder().encode(pair)));
}

function parse(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** How a generated client states the flow: the scheme it feeds and where the id and secret come from. */
export interface ClientCredentialsSetup {
  /** Option name of the bearer scheme the token is sent with. */
  scheme: string;
  tokenUrl: string;
  scopes: string[];
  clientId: { option: string; env?: string; value: string | undefined };
  clientSecret: { option: string; env?: string; value: string | undefined };
  /** {@link startClientCredentials}, passed by the generated clients that have the flow, so the others leave it out of a bundle. */
  flow: typeof startClientCredentials;
}

/**
 * A new client's credentials: when it was given (or the environment holds) a
 * client id and secret and no token, the token source becomes the core's
 * `tokens` and the scheme's credential. `way` words the flow's options for
 * the error of a client given no credential at all.
 */
export function startClientCredentials(setup: ClientCredentialsSetup, core: Core): { credentials: Record<string, Credential | undefined>; way: string } {
  const given = core.config.credentials;
  const { clientId: id, clientSecret: secret } = setup;
  const way = `pass \`${id.option}\` and \`${secret.option}\`${id.env && secret.env ? ` or set ${id.env} and ${secret.env}` : ''}`;
  const config = clientCredentialsOf(setup, given, readEnv);
  if (!config) return { credentials: given, way };
  const tokens = new ClientCredentials(config, () => core.options.fetch ?? fetch, () => baseURL(core));
  core.tokens = tokens;
  return { credentials: { ...given, [setup.scheme]: () => tokens.token() }, way };
}

/** The flow, when the caller gave (or the environment holds) a client id and secret and no token of their own. */
export function clientCredentialsOf(setup: ClientCredentialsSetup | undefined, given: Record<string, unknown>, read: (name: string) => string | undefined): Omit<ClientCredentialsConfig, never> | undefined {
  if (!setup || (given[setup.scheme] !== undefined && given[setup.scheme] !== '')) return undefined;
  const value = (v: { env?: string; value: string | undefined }) => v.value || (v.env ? read(v.env) : undefined);
  const clientId = value(setup.clientId);
  const clientSecret = value(setup.clientSecret);
  if (!clientId || !clientSecret) return undefined;
  return { tokenUrl: setup.tokenUrl, scopes: setup.scopes, clientId, clientSecret };
}
