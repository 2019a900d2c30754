import { APIError, APIResponseError, excerpt, SDKError } from './errors.js';
import { isJson } from './body.js';
import type { RequestIdSource, RequestSpec } from './types.js';

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
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      text += decoder.decode(value, { stream: true });
      if (size >= limit) {
        await reader.cancel().catch(() => undefined);
        return text.slice(0, limit);
      }
    }
    return text + decoder.decode();
  } finally {
    reader.releaseLock();
  }
}

export async function errorFromResponse(response: Response, requestId?: RequestIdSource): Promise<APIError> {
  const text = await readText(response, ERROR_BODY_LIMIT).catch(() => '');
  return APIError.from(response.status, response.headers, text, requestId);
}

/** The value a 2xx response resolves to, by the operation's response type. */
export async function parseSuccess(response: Response, spec: RequestSpec): Promise<unknown> {
  const kind = spec.responseType ?? 'json';
  if (kind === 'void' || response.status === 204 || spec.method === 'HEAD') {
    await response.body?.cancel().catch(() => undefined);
    return undefined;
  }
  if (kind === 'blob') return response.blob();
  if (kind === 'sse') return serverSentEvents(response, spec.streamTerminator);
  const text = await readText(response, SUCCESS_BODY_LIMIT);
  if (kind === 'text') return text;
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    const type = response.headers.get('content-type') ?? 'no content type';
    const said = isJson(type) ? 'invalid JSON' : `${type}, not JSON`;
    throw new APIResponseError(response.status, response.headers, excerpt(text), undefined, `${response.status} response body is ${said}: ${excerpt(text).slice(0, 200)}`);
  }
}

/** Server-sent events as an async iterable of each event's parsed `data`; ends with the stream, or at `terminator`. */
async function* serverSentEvents(response: Response, terminator: string | undefined): AsyncGenerator<unknown> {
  if (!response.body) return;
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      buffer += done ? '\n\n' : value;
      const events = buffer.split(/\r?\n\r?\n/);
      buffer = events.pop() ?? '';
      for (const event of events) {
        const data = event.split(/\r?\n/).filter((l) => l.startsWith('data:')).map((l) => l.slice(5).replace(/^ /, '')).join('\n');
        if (data === '') continue;
        if (terminator !== undefined && data === terminator) return;
        try {
          yield JSON.parse(data) as unknown;
        } catch {
          throw new SDKError(`Event stream sent data that is not JSON: ${excerpt(data).slice(0, 200)}`);
        }
      }
      if (done) return;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}
