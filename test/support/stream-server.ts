import { afterEach } from 'vitest';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as a streaming server saw it, with how its response ended. */
export interface Exchange {
  headers: IncomingMessage['headers'];
  path: string;
  body: string;
  /** Resolves when the response is over: `finished` is false when the client went away first. */
  ended: Promise<{ finished: boolean }>;
}

export type StreamHandler = (res: ServerResponse, exchange: Exchange, index: number) => void | Promise<void>;

/**
 * A node:http server on 127.0.0.1 whose handler writes the response by hand,
 * chunk by chunk, so tests can send slow, idle, dropped and endless streams.
 * Closed after each test.
 */
export function streamServerPerTest(): (handler: StreamHandler) => Promise<{ url: string; exchanges: Exchange[] }> {
  const servers: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });
  return async (handler) => {
    const exchanges: Exchange[] = [];
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const ended = new Promise<{ finished: boolean }>((resolve) => res.on('close', () => resolve({ finished: res.writableFinished })));
        const exchange: Exchange = { headers: req.headers, path: req.url ?? '/', body: Buffer.concat(chunks).toString('utf8'), ended };
        exchanges.push(exchange);
        void Promise.resolve(handler(res, exchange, exchanges.length - 1)).catch(() => res.destroy());
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push({ close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }) });
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, exchanges };
  };
}

export const SSE_HEADERS = { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' };

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Writes a chunk, waiting for the socket to take it, unless the client has gone. */
export function write(res: ServerResponse, chunk: string | Uint8Array): Promise<boolean> {
  if (res.destroyed) return Promise.resolve(false);
  return new Promise((resolve) => {
    const ok = res.write(chunk);
    if (ok) resolve(true);
    else {
      const done = (v: boolean) => { res.off('drain', onDrain); res.off('close', onClose); resolve(v); };
      const onDrain = () => done(true);
      const onClose = () => done(false);
      res.once('drain', onDrain);
      res.once('close', onClose);
    }
  });
}
