import { describe, expect, it } from 'vitest';
import { APIConnectionError, APIConnectionTimeoutError, APIUserAbortError, NotFoundError, APIResponseError } from '../../runtime/src/errors.js';
import { Stream, streamRequest, type EventFormat, type StreamOptions } from '../../runtime/src/streaming.js';
import { delay, SSE_HEADERS, streamServerPerTest, write, type StreamHandler } from '../support/stream-server.js';
import { BEARER, TestClient } from './test-client.js';

const serve = streamServerPerTest();

async function open<T>(handler: StreamHandler, format: EventFormat = { data: 'json' }, options: StreamOptions = {}, streamTerminator?: string) {
  const server = await serve(handler);
  const client = new TestClient(BEARER, { token: 'tok' }, { baseURL: server.url, maxRetries: 0 });
  const call = () => streamRequest<T>(client, { method: 'POST', path: '/events', body: { go: true }, contentType: 'application/json', accept: 'text/event-stream', responseType: 'sse', ...(streamTerminator ? { streamTerminator } : {}) }, format, options);
  return { server, client, call };
}

/** Sends `text` in pieces of `size` characters, so events and lines arrive split. */
async function sendInPieces(res: Parameters<StreamHandler>[0], text: string, size: number): Promise<void> {
  res.writeHead(200, SSE_HEADERS);
  for (let i = 0; i < text.length; i += size) {
    await write(res, text.slice(i, i + size));
    await delay(1);
  }
  res.end();
}

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe('event streams: parsing', () => {
  const WIRE = ': keep-alive\r\n\r\nevent: delta\r\nid: 1\r\ndata: {"text":\r\ndata: "Hel"}\r\n\r\nretry: 2500\nid: 2\ndata: {"text":"lo"}\n\nevent: done\ndata:{"text":""}\n\n';

  it('yields data parsed as JSON, across split chunks, CRLF and multi-line data', async () => {
    const { call } = await open<{ text: string }>((res) => sendInPieces(res, WIRE, 7));
    const stream = await call();
    expect(stream).toBeInstanceOf(Stream);
    const texts: string[] = [];
    for await (const chunk of stream) texts.push(chunk.text);
    expect(texts).toEqual(['Hel', 'lo', '']);
  });

  it('events() gives event, id and retry with the data; the last id is remembered', async () => {
    const { call } = await open<{ text: string }>((res) => sendInPieces(res, WIRE, 5));
    const stream = await call();
    const events = await collect(stream.events());
    expect(events).toEqual([
      { event: 'delta', id: '1', retry: undefined, data: { text: 'Hel' } },
      { event: 'message', id: '2', retry: 2500, data: { text: 'lo' } },
      { event: 'done', id: '2', retry: undefined, data: { text: '' } },
    ]);
    expect(stream.lastEventId).toBe('2');
  });

  it('text data stays text, even when it looks like JSON', async () => {
    const { call } = await open<string>((res) => sendInPieces(res, 'data: hello world\n\ndata: 42\n\ndata: {"a":1}\n\ndata: line one\ndata: line two\n\n', 4), { data: 'text' });
    const got = await collect(await call());
    expect(got).toEqual(['hello world', '42', '{"a":1}', 'line one\nline two']);
    for (const g of got) expect(typeof g).toBe('string');
  });

  it('a terminator given by the spec ends the stream and closes the connection; without one it is plain data', async () => {
    const handler: StreamHandler = async (res) => {
      res.writeHead(200, SSE_HEADERS);
      await write(res, 'data: one\n\ndata: [DONE]\n\n');
      await delay(5_000);
      res.end('data: late\n\n');
    };
    const { call, server } = await open<string>(handler, { data: 'text' }, {}, '[DONE]');
    expect(await collect(await call())).toEqual(['one']);
    expect(await server.exchanges[0]!.ended).toEqual({ finished: false });

    const plain = await open<string>((res) => sendInPieces(res, 'data: one\n\ndata: [DONE]\n\ndata: two\n\n', 3), { data: 'text' });
    expect(await collect(await plain.call())).toEqual(['one', '[DONE]', 'two']);
  });

  it('a JSON stream ends at [DONE] only when the spec names it; undeclared, [DONE] is data that is not JSON', async () => {
    const handler: StreamHandler = async (res) => {
      res.writeHead(200, SSE_HEADERS);
      await write(res, 'data: {"n":1}\n\ndata: [DONE]\n\n');
      await delay(5_000);
      res.end('data: {"n":2}\n\n');
    };
    const declared = await open<{ n: number }>(handler, { data: 'json' }, {}, '[DONE]');
    expect(await collect(await declared.call())).toEqual([{ n: 1 }]);
    expect(await declared.server.exchanges[0]!.ended).toEqual({ finished: false });

    // A vendor's sentinel is the spec's to declare: the shared runtime knows none.
    const undeclared = await open<{ n: number }>((res) => sendInPieces(res, 'data: {"n":1}\n\ndata: [DONE]\n\n', 50));
    const seen: unknown[] = [];
    const error = await (async () => { for await (const x of await undeclared.call()) seen.push(x); })().catch((e: unknown) => e);
    expect(seen).toEqual([{ n: 1 }]);
    expect(error).toBeInstanceOf(APIResponseError);
    expect((error as Error).message).toMatch(/not JSON: \[DONE\]/);
  });

  it('data that is not JSON where JSON was declared throws APIResponseError naming it', async () => {
    const { call } = await open((res) => sendInPieces(res, 'data: {"ok":1}\n\ndata: oops\n\n', 50));
    const stream = await call();
    const seen: unknown[] = [];
    const error = await (async () => { for await (const x of stream) seen.push(x); })().catch((e: unknown) => e);
    expect(seen).toEqual([{ ok: 1 }]);
    expect(error).toBeInstanceOf(APIResponseError);
    expect((error as Error).message).toMatch(/not JSON: oops/);
  });

  it('the call itself is iterable, without a separate await', async () => {
    const { call } = await open<{ text: string }>((res) => sendInPieces(res, WIRE, 64));
    const texts: string[] = [];
    for await (const chunk of call()) texts.push(chunk.text);
    expect(texts).toEqual(['Hel', 'lo', '']);
  });

  it('an error status rejects the call with the API error before any iteration', async () => {
    const { call } = await open((res) => { res.writeHead(404, { 'content-type': 'application/json' }); res.end('{"error":{"message":"no such model"}}'); });
    await expect(call()).rejects.toThrow(NotFoundError);
    const error = await collect(call()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
  });

  it('toReadableStream gives one JSON value per line, as bytes', async () => {
    const { call } = await open<{ text: string }>((res) => sendInPieces(res, WIRE, 64));
    const stream = await call();
    const text = await new Response(stream.toReadableStream()).text();
    expect(text).toBe('{"text":"Hel"}\n{"text":"lo"}\n{"text":""}\n');
  });

  it('a stream is read once', async () => {
    const { call } = await open((res) => sendInPieces(res, WIRE, 64));
    const stream = await call();
    await collect(stream);
    expect(() => stream[Symbol.asyncIterator]()).toThrow(/already/);
  });

  it('the request carries Accept: text/event-stream, the body and the credential', async () => {
    const { call, server } = await open((res) => sendInPieces(res, 'data: 1\n\n', 64));
    await collect(await call());
    const { headers, body } = server.exchanges[0]!;
    expect(headers['accept']).toBe('text/event-stream');
    expect(headers['authorization']).toBe('Bearer tok');
    expect(JSON.parse(body)).toEqual({ go: true });
  });
});

describe('event streams: slow, idle and dropped', () => {
  it('a slow stream whose events come within the idle timeout is read to the end', async () => {
    const { call } = await open<number>(async (res) => {
      res.writeHead(200, SSE_HEADERS);
      for (let i = 0; i < 4; i++) {
        await write(res, `data: ${i}\n\n`);
        await delay(120);
      }
      res.end();
    }, { data: 'json' }, { idleTimeout: 600 });
    expect(await collect(call())).toEqual([0, 1, 2, 3]);
  });

  it('an idle stream fails with APIConnectionTimeoutError and the connection is closed', async () => {
    const { call, server } = await open<number>(async (res) => {
      res.writeHead(200, SSE_HEADERS);
      await write(res, 'data: 1\n\n');
    }, { data: 'json' }, { idleTimeout: 200 });
    const seen: number[] = [];
    const started = Date.now();
    const error = await (async () => { for await (const n of call()) seen.push(n); })().catch((e: unknown) => e);
    expect(seen).toEqual([1]);
    expect(error).toBeInstanceOf(APIConnectionTimeoutError);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await server.exchanges[0]!.ended).toEqual({ finished: false });
  });

  it('a dropped stream without ids is not resumed: APIConnectionError, one request', async () => {
    const { call, server } = await open<number>(async (res) => {
      res.writeHead(200, SSE_HEADERS);
      await write(res, 'data: 1\n\n');
      await delay(20);
      res.destroy();
    });
    const seen: number[] = [];
    const error = await (async () => { for await (const n of call()) seen.push(n); })().catch((e: unknown) => e);
    expect(seen).toEqual([1]);
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(server.exchanges).toHaveLength(1);
  });

  it('a dropped stream with ids reconnects with Last-Event-ID after the retry the server asked for', async () => {
    const times: number[] = [];
    const { call, server } = await open<number>(async (res, _x, i) => {
      times.push(Date.now());
      res.writeHead(200, SSE_HEADERS);
      if (i === 0) {
        await write(res, 'retry: 300\nid: a1\ndata: 1\n\nid: a2\ndata: 2\n\n');
        await delay(20);
        res.destroy();
        return;
      }
      res.end('id: a3\ndata: 3\n\n');
    });
    expect(await collect(call())).toEqual([1, 2, 3]);
    expect(server.exchanges.map((e) => e.headers['last-event-id'])).toEqual([undefined, 'a2']);
    expect(server.exchanges[1]!.body).toBe(server.exchanges[0]!.body);
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(300);
  });

  it('reconnection is bounded: after maxReconnects the connection error is thrown', async () => {
    const { call, server } = await open<number>(async (res, _x, i) => {
      res.writeHead(200, SSE_HEADERS);
      if (i === 0) await write(res, 'retry: 10\nid: 1\ndata: 1\n\n');
      await delay(10);
      res.destroy();
    }, { data: 'json' }, { maxReconnects: 2 });
    const error = await collect(call()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(server.exchanges).toHaveLength(3);
    expect(server.exchanges.map((e) => e.headers['last-event-id'])).toEqual([undefined, '1', '1']);
  });

  it('a reconnection answered 204 ends the stream', async () => {
    const { call, server } = await open<number>(async (res, _x, i) => {
      if (i > 0) { res.writeHead(204); res.end(); return; }
      res.writeHead(200, SSE_HEADERS);
      await write(res, 'retry: 10\nid: 1\ndata: 1\n\n');
      await delay(10);
      res.destroy();
    });
    expect(await collect(call())).toEqual([1]);
    expect(server.exchanges).toHaveLength(2);
  });
});

describe('event streams: aborts', () => {
  it('the caller aborting before the response rejects the call with APIUserAbortError', async () => {
    const controller = new AbortController();
    const { call, server } = await open(() => undefined, { data: 'json' }, { signal: controller.signal });
    const pending = call();
    await delay(50);
    controller.abort();
    await expect(pending).rejects.toBeInstanceOf(APIUserAbortError);
    expect(await server.exchanges[0]!.ended).toEqual({ finished: false });
  });

  it('the caller aborting mid-stream throws APIUserAbortError from the loop and closes the connection', async () => {
    const controller = new AbortController();
    const { call, server } = await open<number>(async (res) => {
      res.writeHead(200, SSE_HEADERS);
      for (let i = 0; i < 1000 && !res.destroyed; i++) {
        await write(res, `data: ${i}\n\n`);
        await delay(10);
      }
      res.end();
    }, { data: 'json' }, { signal: controller.signal });
    const seen: number[] = [];
    const error = await (async () => {
      for await (const n of call()) {
        seen.push(n);
        if (n === 2) controller.abort();
      }
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect(seen.slice(0, 3)).toEqual([0, 1, 2]);
    expect(seen.length).toBeLessThan(10);
    expect(await server.exchanges[0]!.ended).toEqual({ finished: false });
  });

  it('the caller aborting while the stream waits to reconnect throws APIUserAbortError at once', async () => {
    const controller = new AbortController();
    const { call, server } = await open<number>(async (res) => {
      res.writeHead(200, SSE_HEADERS);
      await write(res, 'retry: 20000\nid: 1\ndata: 1\n\n');
      await delay(10);
      res.destroy();
      setTimeout(() => controller.abort(), 100);
    }, { data: 'json' }, { signal: controller.signal });
    const started = Date.now();
    const error = await collect(call()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(server.exchanges).toHaveLength(1);
  });

  it('stream.abort() and break end the loop quietly and close the connection', async () => {
    const endless: StreamHandler = async (res) => {
      res.writeHead(200, SSE_HEADERS);
      for (let i = 0; i < 1000 && !res.destroyed; i++) {
        await write(res, `data: ${i}\n\n`);
        await delay(10);
      }
      res.end();
    };
    const { call, server } = await open<number>(endless);
    const stream = await call();
    const seen: number[] = [];
    for await (const n of stream) {
      seen.push(n);
      if (n === 1) stream.abort();
    }
    expect(seen.length).toBeLessThan(10);
    expect(stream.controller.signal.aborted).toBe(true);
    expect(await server.exchanges[0]!.ended).toEqual({ finished: false });

    for await (const n of call()) if (n === 1) break;
    expect(await server.exchanges[1]!.ended).toEqual({ finished: false });
  });
});
