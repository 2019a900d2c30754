import { APIError, APIResponseError, excerpt, type ErrorReading } from './errors.js';
import type { RequestSpec } from './types.js';

/** Error bodies are read only this far: enough for any vendor message, never a memory hazard. */
const ERROR_BODY_LIMIT = 64 * 1024;
const SUCCESS_BODY_LIMIT = 50 * 1024 * 1024;

/** Reads at most `limit` bytes of a body as text, cancelling the rest of the stream. */
export async function readText(response: Response, limit: number): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    size += value.byteLength;
    text += decoder.decode(value, { stream: true });
    if (size >= limit) {
      await reader.cancel().catch(() => undefined);
      return text.slice(0, limit);
    }
  }
}

/** The error for a non-2xx response, read as the client's `reading` says (its core config). */
export async function errorFromResponse(response: Response, reading?: ErrorReading, revive?: (status: number, value: unknown) => unknown, classFor?: (status: number) => typeof APIError): Promise<APIError> {
  const text = await readText(response, ERROR_BODY_LIMIT).catch(() => '');
  const error = APIError.from(response.status, response.headers, text, reading, classFor);
  // The message was made from the body as sent; only the typed body gets Dates.
  if (revive && error.error !== undefined) (error as { error: unknown }).error = revive(response.status, error.error);
  return error;
}

/** The value a 2xx response resolves to, by the operation's response type. */
export async function parseSuccess(response: Response, spec: RequestSpec): Promise<unknown> {
  const kind = spec.responseType ?? 'json';
  if (kind === 'void' || response.status === 204 || spec.method === 'HEAD') {
    await response.body?.cancel().catch(() => undefined);
    return undefined;
  }
  // A download or an event stream is handed over unread, for the caller (or `streaming.ts`) to read at its pace.
  if (kind === 'blob' || kind === 'sse') return response;
  const text = await readText(response, SUCCESS_BODY_LIMIT);
  if (kind === 'text') return text;
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    const type = response.headers.get('content-type') ?? 'no content type';
    throw new APIResponseError(response.status, response.headers, excerpt(text), undefined, `${response.status} response body is not JSON (${type}): ${text.slice(0, 200)}`);
  }
}
