import type { RequestIdSource } from './types.js';

/** The base of every error the client throws. */
export class SDKError extends Error {
  override name = 'SDKError';
}

const EXCERPT = 1000;

/**
 * A response with a non-2xx status. `error` is the parsed JSON body, unknown
 * here: an operation's generated error guard (`is…Error(err)`) narrows
 * it to the body the spec declares for that status.
 */
export class APIError extends SDKError {
  override name = 'APIError';
  readonly status: number;
  readonly headers: Headers;
  readonly error: unknown;
  /** The raw body text, bounded. */
  readonly body: string;
  readonly requestId: string | undefined;

  constructor(status: number, headers: Headers, body: string, error: unknown, message?: string, requestId?: string) {
    super(message ?? `${status} ${excerpt(body.trim()) || 'status code (no body)'}`);
    this.status = status;
    this.headers = headers;
    this.body = body;
    this.error = error;
    this.requestId = requestId ?? headers.get('x-request-id') ?? undefined;
  }

  /**
   * The error for a status, with the body parsed when it is JSON: of the class
   * `classFor` gives (the full core passes `errorClass`), else APIError itself.
   * Its message is what the client's reader finds in the body, else the body.
   */
  static from(status: number, headers: Headers, text: string, reading: ErrorReading = {}, classFor?: (status: number) => typeof APIError): APIError {
    const parsed = parseJson(text);
    const Class = classFor?.(status) ?? APIError;
    const said = parsed === undefined ? undefined : reading.errorMessage?.(parsed);
    return new Class(status, headers, text, parsed, said ? `${status} ${said}` : undefined, reading.requestId?.(headers, parsed));
  }
}

export class BadRequestError extends APIError { override name = 'BadRequestError'; }
export class AuthenticationError extends APIError { override name = 'AuthenticationError'; }
export class PermissionDeniedError extends APIError { override name = 'PermissionDeniedError'; }
export class NotFoundError extends APIError { override name = 'NotFoundError'; }
export class ConflictError extends APIError { override name = 'ConflictError'; }
export class UnprocessableEntityError extends APIError { override name = 'UnprocessableEntityError'; }
export class RateLimitError extends APIError { override name = 'RateLimitError'; }
export class InternalServerError extends APIError { override name = 'InternalServerError'; }

/** An error an operation declares: one of its error statuses, with the body the spec gives that status. */
export type DeclaredError<Status extends number, Body> = APIError & { readonly status: Status; readonly error: Body };

/**
 * Whether `err` is an APIError with a parsed body and a status among
 * `statuses` (`404`, `4XX` or `default`, as the spec writes them): what an
 * operation's generated error guard asks.
 */
export function hasDeclaredStatus(err: unknown, statuses: readonly string[]): err is APIError {
  if (!(err instanceof APIError) || err.error === undefined) return false;
  const status = String(err.status);
  return statuses.includes(status) || statuses.includes(`${status[0]}XX`) || statuses.includes('default');
}

/** A 2xx response whose body is not what the operation promises (truncated JSON, an HTML page). */
export class APIResponseError extends APIError {
  override name = 'APIResponseError';
}

export class APIConnectionError extends SDKError {
  override name = 'APIConnectionError';
  constructor(message = 'Connection error.', options?: { cause?: unknown }) {
    super(message, options);
  }
}

export class APIConnectionTimeoutError extends APIConnectionError {
  override name = 'APIConnectionTimeoutError';
  constructor(message = 'Request timed out.') {
    super(message);
  }
}

export class APIUserAbortError extends SDKError {
  override name = 'APIUserAbortError';
  constructor(message = 'Request was aborted.') {
    super(message);
  }
}

/**
 * The class each status raises, by exact status or by range (`5XX`); any
 * other status raises APIError. Generated documents are made from this table.
 */
const ERROR_CLASSES: Record<string, typeof APIError> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
  422: UnprocessableEntityError,
  429: RateLimitError,
  '5XX': InternalServerError,
};

/** The class of a status's error; the slim core leaves it out and throws APIError for every status. */
export function errorClass(status: number): typeof APIError {
  return ERROR_CLASSES[status] ?? ERROR_CLASSES[`${Math.floor(status / 100)}XX`] ?? APIError;
}

export function parseJson(text: string): unknown {
  try {
    return text === '' ? undefined : (JSON.parse(text) as unknown);
  } catch {
    return undefined;
  }
}

export function excerpt(text: string): string {
  return text.length > EXCERPT ? `${text.slice(0, EXCERPT)}…` : text;
}

/** Finds the message in a parsed error body; a client's `errorMessage`, chosen by the generator from the spec. */
export type MessageReader = (error: unknown) => string | undefined;

/** What a client says of its API's error bodies. */
export interface ErrorReading {
  /** Where the message is: one of the readers below. */
  errorMessage?: MessageReader | undefined;
  /** Where the API reports request ids beyond `x-request-id`: `requestIdAt(…)`. */
  requestId?: RequestIdReader | undefined;
}

/** Keys and array indexes from the top of an error body to one of its fields. */
export type MessagePath = (string | number)[];

/**
 * The reader of an API whose spec declares where its error bodies keep the
 * message: in order, the first entry whose first path holds a string gives the
 * message, with the strings at its other paths in parentheses (`message
 * (code)`); a reader as an entry reads the body itself.
 */
export function messageAt(...entries: (MessagePath[] | MessageReader)[]): MessageReader {
  return (error) => {
    for (const entry of entries) {
      const [text, ...more] = typeof entry === 'function' ? [entry(error)] : entry.map((path) => str(path.reduce(field, error)));
      const extra = more.filter(Boolean).join(', ');
      if (text) return extra ? `${text} (${extra})` : text;
    }
    return undefined;
  };
}

function field(value: unknown, key: string | number): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

/**
 * The reader of an API whose spec declares no error body the generator can
 * read: it knows the shapes vendors commonly send, most specific first.
 */
export function vendorMessage(error: unknown): string | undefined {
  if (!isRecord(error)) return undefined;
  const first = Array.isArray(error['errors']) ? error['errors'][0] : undefined;
  if (isRecord(first)) {
    const text = str(first['long_message']) ?? str(first['message']) ?? str(first['detail']) ?? str(first['title']);
    const code = str(first['code']);
    if (text) return code ? `${text} (${code})` : text;
  }
  const msg = str(error['msg']);
  const detail = str(error['detail']);
  if (msg) return detail ? `${msg}: ${detail}` : msg;
  if (detail) return detail;
  const nested = isRecord(error['error']) ? str(error['error']['message']) : str(error['error']);
  return str(error['message']) ?? nested ?? str(error['title']) ?? fieldMessages(error);
}

/** The reader of `{ field: ["message", ...] }`, as validation errors often come. */
export function fieldMessages(error: unknown): string | undefined {
  if (!isRecord(error)) return undefined;
  const parts = Object.entries(error)
    .filter((e): e is [string, unknown[]] => Array.isArray(e[1]) && e[1].every((m) => typeof m === 'string'))
    .map(([field, messages]) => `${field}: ${messages.join(' ')}`);
  return parts.length > 0 ? parts.join('; ') : undefined;
}

/** Finds an error response's request id; without one, an error takes `x-request-id` alone. */
export type RequestIdReader = (headers: Headers, error: unknown) => string | undefined;

/**
 * The reader of an API whose spec says where it reports request ids beyond
 * `x-request-id` (`x-sdkgen-request-id`); only such clients pass one, so other
 * bundles leave it out.
 */
export function requestIdAt({ headers: names = [], errorField }: RequestIdSource): RequestIdReader {
  return (headers, error) => {
    const named = ['x-request-id', ...names].map((name) => headers.get(name)).find((v): v is string => !!v);
    return named ?? (errorField === undefined ? undefined : str(field(error, errorField)));
  };
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
