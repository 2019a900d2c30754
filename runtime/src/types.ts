// Shared types of the client core. This folder is copied unchanged into every generated package.

import type { AppliedAuth } from './auth.js';
import type { EncodedBody } from './body.js';
import type { Uploads } from './uploads.js';
import type { QueryStyle } from './url.js';
import type { ValidationMode } from './validation.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS';

/** A secret, or a function returning one; a function is called before every request, so tokens can rotate. */
export type Credential = string | (() => string | Promise<string>);

/** Where an auth scheme puts the secret, as `bearer`, `basic` and `apiKey` in auth.ts write it. */
export type AuthPlacement =
  | { type: 'bearer'; option: string; env?: string }
  | { type: 'basic'; option: string; env?: string }
  | { type: 'apiKey'; in: 'header' | 'query' | 'cookie'; name: string; option: string; env?: string };

/**
 * An auth scheme of the client, made by `bearer`, `basic` or `apiKey`: its
 * placement, and `put`, which sends the secret so, so a bundle carries only
 * the placements its API uses.
 */
export type AuthScheme = AuthPlacement & { put(secret: string, applied: AppliedAuth): void };

/**
 * Fills a path template with its parameters: `fillPath` from url.ts, which a
 * request names only when its path has parameters, so bundles of calls
 * without any leave it out. `pathParams` without it do not compile.
 */
type PathFill =
  | { pathParams?: undefined; fill?: (template: string, params: Record<string, unknown>) => string }
  | { pathParams: Record<string, unknown>; fill: (template: string, params: Record<string, unknown>) => string };

/** One HTTP call as a generated method describes it. */
export type RequestSpec = RequestFields & PathFill;

interface RequestFields {
  method: HttpMethod;
  /** Path template, e.g. `/invitations/{invitation_id}/revoke`; sent as written unless `fill` is given. */
  path: string;
  /** Query parameters by wire name; `undefined` values are left out. */
  query?: Record<string, unknown>;
  /** Only for parameters whose style differs from `form` with `explode`: `commaDelimited`, `spaceDelimited`, `pipeDelimited` or `deepObject` from `url.ts`. */
  queryStyles?: Record<string, QueryStyle>;
  /** Header parameters by wire name, and `Cookie` as `cookieHeader` (url.ts) writes the cookie parameters. */
  headers?: Record<string, unknown>;
  body?: unknown;
  contentType?: string;
  /** Other media types the operation accepts, which a call may choose with `RequestOptions.contentType`. */
  contentTypes?: string[];
  /** The spec's per-part `encoding` of a multipart body, by part name. */
  encoding?: Record<string, { contentType?: string; headers?: Record<string, string> }>;
  /** Given by operations with a body (`encodeRequestBody`), so bundles of calls without one leave the encoders out; without it a body goes as JSON. */
  encode?: (spec: RequestSpec, options: RequestOptions) => Promise<EncodedBody>;
  /** Given by operations that may send files: multipart and file encoding, kept out of bundles that never upload. */
  uploads?: Uploads;
  /** Turns the date-time strings of the parsed success body into Dates, after validation (packages generated with `dates`). */
  revive?: (value: unknown) => unknown;
  /** The same for a declared error body, by status. */
  reviveError?: (status: number, value: unknown) => unknown;
  accept?: string;
  responseType?: 'json' | 'text' | 'blob' | 'void' | 'sse';
  /** Option names of the auth schemes the operation accepts: `[]` for none, absent for any. */
  security?: string[];
  /** A URL the server gave, such as a next-page link, sent instead of `path` and `query`. */
  link?: string;
  /** The `data` of the event that ends an event stream, for APIs that send one (OpenAI's `[DONE]`). */
  streamTerminator?: string;
}

/** Where an API reports a request's id besides the `x-request-id` header, from the spec's `x-sdkgen-request-id`. */
export interface RequestIdSource {
  /** Response headers, in order; the first present wins. */
  headers?: string[];
  /** A top-level string field of error bodies. */
  errorField?: string;
}

export interface RetryConfig {
  maxRetries: number;
  initialDelayMs: number;
  maxDelayMs: number;
  /** A `Retry-After` longer than this is not waited for: the error is thrown instead. */
  maxRetryAfterMs: number;
  /** No retry starts after this much time since the first attempt. */
  maxElapsedMs: number;
}

/** Per-call options, the last argument of every method. */
export interface RequestOptions {
  /** Extra headers; `null` removes a header the client would send. */
  headers?: Record<string, string | null | undefined>;
  signal?: AbortSignal;
  /** Milliseconds before an attempt is aborted. */
  timeout?: number;
  maxRetries?: number;
  /** Sent as `Idempotency-Key`; makes POST and PATCH safe to retry. */
  idempotencyKey?: string;
  retry?: Partial<RetryConfig>;
  /** Sends the body as this media type, one of those the operation offers (e.g. `multipart/form-data` instead of JSON). */
  contentType?: string;
  /** Response validation for this call, over the client's `validate`; needs the client's `validators`. */
  validate?: ValidationMode;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'off';

export interface Logger {
  debug(message: string, data?: unknown): void;
  info(message: string, data?: unknown): void;
  warn(message: string, data?: unknown): void;
  error(message: string, data?: unknown): void;
}

/** Middleware around every attempt, retries included. */
export interface Hooks {
  onRequest?(context: { request: Request; attempt: number }): Request | void | Promise<Request | void>;
  onResponse?(context: { request: Request; response: Response; attempt: number }): Response | void | Promise<Response | void>;
  onError?(context: { request: Request; error: unknown; attempt: number }): void | Promise<void>;
}
