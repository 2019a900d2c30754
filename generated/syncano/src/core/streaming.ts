import { APIPromise, type WithResponse } from './api-promise.js';
import type { APIClient } from './client.js';
import { APIConnectionError, APIConnectionTimeoutError, APIResponseError, APIUserAbortError, excerpt, SDKError } from './errors.js';
import { sleep } from './sleep.js';
import type { RequestOptions, RequestSpec } from './types.js';

/** One server-sent event, its `data` decoded as the operation declares. */
export interface ServerSentEvent<T> {
  /** The `event:` field; `message` when the server sent none. */
  event: string;
  data: T;
  /** The last `id:` the server sent, on this event or before it. */
  id: string | undefined;
  /** The `retry:` the server sent with this event, in milliseconds. */
  retry: number | undefined;
}

/** How an operation's events are read, from its spec; the request's `streamTerminator` ends the stream. */
export interface EventFormat {
  /** `json`: each event's data is a JSON value; `text`: it is the text as sent. */
  data: 'json' | 'text';
  /** Turns the date-time strings of each JSON event's data into Dates (packages generated with `dates`). */
  revive?: (value: unknown) => unknown;
}

/** Per-call options of a streaming call. */
export interface StreamOptions extends RequestOptions {
  /** Milliseconds without a byte from the server before the stream fails with `APIConnectionTimeoutError`; the call's `timeout` by default. */
  idleTimeout?: number;
  /** Reconnections after the connection drops, made only when the server has sent event ids; 3 by default. */
  maxReconnects?: number;
}

const DEFAULT_RECONNECT_DELAY = 1_000;
const DEFAULT_MAX_RECONNECTS = 3;

/**
 * Server-sent events from one call. Iterating gives each event's data;
 * `events()` gives whole events with `event`, `id` and `retry`. A stream is
 * read once. `abort()` (or `controller.abort()`) ends it quietly; the call's
 * own `signal` aborting makes the loop throw `APIUserAbortError`.
 */
export class Stream<T> implements AsyncIterable<T> {
  readonly controller: AbortController;
  #response: Response;
  #lastEventId: string | undefined;
  #consumed = false;
  readonly #reconnect: (lastEventId: string) => Promise<Response>;
  readonly #format: EventFormat & { terminator: string | undefined };
  readonly #options: StreamOptions & { idleTimeout: number };

  /** @internal Made by streaming calls. */
  constructor(response: Response, controller: AbortController, format: EventFormat & { terminator: string | undefined }, options: StreamOptions & { idleTimeout: number }, reconnect: (lastEventId: string) => Promise<Response>) {
    this.#response = response;
    this.controller = controller;
    this.#format = format;
    this.#options = options;
    this.#reconnect = reconnect;
  }

  /** The response being read: after a reconnection, the newest one. */
  get response(): Response {
    return this.#response;
  }

  /** The id of the last event the server sent, which a reconnection sends as `Last-Event-ID`. */
  get lastEventId(): string | undefined {
    return this.#lastEventId;
  }

  /** Stops reading and closes the connection; a loop over the stream ends without an error. */
  abort(): void {
    this.controller.abort();
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    const events = this.events()[Symbol.asyncIterator]();
    return {
      next: async () => {
        const r = await events.next();
        return r.done ? { done: true, value: undefined } : { done: false, value: r.value.data };
      },
      return: async () => {
        await events.return?.();
        return { done: true, value: undefined };
      },
    };
  }

  /** Whole events, with `event`, `id` and `retry` beside the data. */
  events(): AsyncIterable<ServerSentEvent<T>> {
    if (this.#consumed) throw new SDKError('This stream has already been read; a stream can be iterated only once.');
    this.#consumed = true;
    return { [Symbol.asyncIterator]: () => this.#read() };
  }

  /** The data of each event as one JSON value per line, for passing a stream on (to a browser, a file). */
  toReadableStream(): ReadableStream<Uint8Array> {
    const encoder = new TextEncoder();
    let iterator: AsyncIterator<T> | undefined;
    return new ReadableStream<Uint8Array>({
      pull: async (controller) => {
        iterator ??= this[Symbol.asyncIterator]();
        try {
          const r = await iterator.next();
          if (r.done) controller.close();
          else controller.enqueue(encoder.encode(`${JSON.stringify(r.value)}\n`));
        } catch (error) {
          controller.error(error);
        }
      },
      cancel: async () => {
        await iterator?.return?.();
      },
    });
  }

  async *#read(): AsyncGenerator<ServerSentEvent<T>> {
    let reconnects = 0;
    let retry = DEFAULT_RECONNECT_DELAY;
    for (;;) {
      const response = this.#response;
      let error: Error | undefined;
      try {
        for await (const raw of parseEvents(response, this.#options.idleTimeout, this.controller)) {
          if (raw.id !== undefined) this.#lastEventId = raw.id;
          if (raw.retry !== undefined) retry = raw.retry;
          if (raw.data === undefined) continue;
          reconnects = 0;
          if (this.#format.terminator !== undefined && raw.data === this.#format.terminator) return;
          yield { event: raw.event ?? 'message', data: this.#decode(raw.data, response), id: this.#lastEventId, retry: raw.retry };
        }
        return;
      } catch (cause) {
        error = this.#failure(cause);
        if (error === undefined) return;
      }
      // Resume only where the server gave ids to resume from, a bounded number of times.
      for (;;) {
        if (!(error instanceof APIConnectionError) || this.#lastEventId === undefined || reconnects >= (this.#options.maxReconnects ?? DEFAULT_MAX_RECONNECTS)) throw error;
        reconnects++;
        try {
          await sleep(retry, this.controller.signal);
          const next = await this.#reconnect(this.#lastEventId);
          if (next.status === 204) return;
          this.#response = next;
          break;
        } catch (cause) {
          error = this.#failure(cause);
          if (error === undefined) return;
        }
      }
    }
  }

  /** The error a failed read means, or undefined when the stream's own `abort()` ended it. */
  #failure(cause: unknown): Error | undefined {
    if (this.controller.signal.aborted) {
      if (this.#options.signal?.aborted) return new APIUserAbortError();
      if (cause instanceof APIConnectionTimeoutError) return cause;
      return undefined;
    }
    if (cause instanceof SDKError) return cause;
    return new APIConnectionError(`Connection error while reading the event stream: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }

  #decode(data: string, response: Response): T {
    if (this.#format.data === 'text') return data as T;
    let value: unknown;
    try {
      value = JSON.parse(data) as unknown;
    } catch {
      throw new APIResponseError(response.status, response.headers, excerpt(data), undefined, `Event stream sent data that is not JSON: ${excerpt(data).slice(0, 200)}`);
    }
    return (this.#format.revive ? this.#format.revive(value) : value) as T;
  }
}

/** The promise a streaming call returns: await it for the `Stream`, or iterate it directly. */
export class StreamPromise<T> extends APIPromise<Stream<T>> implements AsyncIterable<T> {
  [Symbol.asyncIterator](): AsyncIterator<T> {
    const iterator = this.then((stream) => stream[Symbol.asyncIterator]());
    return {
      next: () => iterator.then((it) => it.next()),
      return: () => iterator.then((it) => it.return?.() ?? { done: true as const, value: undefined }),
    };
  }
}

/**
 * Sends a request whose 2xx response is an event stream. Reconnections go
 * through the client again, so they get auth, hooks and retries like the
 * first request, with `Last-Event-ID` added.
 */
export function streamRequest<T>(client: APIClient, spec: RequestSpec, format: EventFormat, options: StreamOptions = {}): StreamPromise<T> {
  const controller = new AbortController();
  const user = options.signal;
  if (user?.aborted) controller.abort();
  else user?.addEventListener('abort', () => controller.abort(), { once: true });
  const send = (headers: Record<string, string | null | undefined>) => {
    const call = client.request<Response>({ ...spec, responseType: 'sse' }, { ...options, headers, signal: controller.signal });
    return call.withResponse().then((r) => r.response);
  };
  const settings = { ...options, idleTimeout: options.idleTimeout ?? options.timeout ?? client.timeout };
  const reconnect = (lastEventId: string) => send({ ...options.headers, 'Last-Event-ID': lastEventId });
  const result: Promise<WithResponse<Stream<T>>> = send({ ...options.headers }).then((response) => ({ response, data: new Stream<T>(response, controller, { ...format, terminator: spec.streamTerminator }, settings, reconnect) }));
  return new StreamPromise(result);
}

interface RawEvent {
  event: string | undefined;
  data: string | undefined;
  id: string | undefined;
  retry: number | undefined;
}

/** The event-stream format of the HTML standard, read line by line with an idle timer between chunks. */
async function* parseEvents(response: Response, idleTimeout: number, controller: AbortController): AsyncGenerator<RawEvent> {
  if (!response.body) return;
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let event: RawEvent = { event: undefined, data: undefined, id: undefined, retry: undefined };
  try {
    for (;;) {
      const { done, value } = await readWithin(reader, idleTimeout);
      buffer += done ? '\n' : value;
      const lines = buffer.split(/\r\n|\r|\n/);
      // A lone '\r' at the end may be the first half of '\r\n'.
      buffer = done ? '' : lines.pop() ?? '';
      for (const line of lines) {
        if (line !== '') {
          field(event, line);
          continue;
        }
        if (event.data !== undefined || event.id !== undefined || event.retry !== undefined) yield event;
        event = { event: undefined, data: undefined, id: undefined, retry: undefined };
      }
      if (done) return;
    }
  } finally {
    if (!controller.signal.aborted) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}

function field(event: RawEvent, line: string): void {
  if (line.startsWith(':')) return;
  const colon = line.indexOf(':');
  const name = colon === -1 ? line : line.slice(0, colon);
  const value = colon === -1 ? '' : line.slice(colon + (line[colon + 1] === ' ' ? 2 : 1));
  if (name === 'data') event.data = event.data === undefined ? value : `${event.data}\n${value}`;
  else if (name === 'event') event.event = value;
  else if (name === 'id' && !value.includes('\0')) event.id = value;
  else if (name === 'retry' && /^\d+$/.test(value)) event.retry = Number(value);
}

/** One read, or `APIConnectionTimeoutError` when the server sends nothing for `ms`. */
function readWithin<T>(reader: ReadableStreamDefaultReader<T>, ms: number): Promise<ReadableStreamReadResult<T>> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const idle = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new APIConnectionTimeoutError(`The event stream sent nothing for ${ms} ms.`));
      void reader.cancel().catch(() => undefined);
    }, ms);
  });
  return Promise.race([reader.read(), idle]).finally(() => clearTimeout(timer));
}
