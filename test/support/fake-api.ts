import { afterEach } from 'vitest';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createTLSServer } from 'node:https';
import type { AddressInfo } from 'node:net';

export interface Received {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: string;
  /** The body's bytes, exactly as received. */
  raw: Buffer;
  /** Set when the client went away before the answer was sent. */
  abandoned: boolean;
}

export interface Reply {
  /** Drop the connection without answering, as a crashed proxy would. */
  reset?: boolean;
  /** Never answer; the client must time out or abort. */
  hang?: boolean;
  status?: number;
  headers?: Record<string, string>;
  json?: unknown;
  text?: string;
}

export type Route = (req: Received) => Reply | Promise<Reply>;

/**
 * A vendor stand-in on 127.0.0.1: records every request exactly as received
 * and answers from a queue of replies, so a test states the whole exchange.
 * With `tls` (a key and certificate in PEM) it speaks HTTPS.
 */
export async function fakeApi(route: Route, tls?: { key: string; cert: string }): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const r: Received = { method: req.method ?? '', path: url.pathname, query: url.searchParams, headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), raw: Buffer.concat(chunks), abandoned: false };
      received.push(r);
      res.on('close', () => { if (!res.writableFinished) r.abandoned = true; });
      Promise.resolve(route(r)).then((reply) => send(res, reply), (e: unknown) => send(res, { status: 599, text: String(e) }));
    });
  };
  const server = tls ? createTLSServer(tls, handler) : createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

function send(res: ServerResponse, reply: Reply): void {
  if (reply.reset) {
    res.socket?.destroy();
    return;
  }
  if (reply.hang) return;
  const headers: Record<string, string> = { ...reply.headers };
  let body = '';
  if (reply.json !== undefined) {
    body = JSON.stringify(reply.json);
    headers['content-type'] ??= 'application/json';
  } else if (reply.text !== undefined) {
    body = reply.text;
  }
  res.writeHead(reply.status ?? 200, headers);
  res.end(body);
}

/** Replies in order, the last one repeating. */
export function sequence(...replies: Reply[]): Route {
  let i = 0;
  return () => replies[Math.min(i++, replies.length - 1)]!;
}

/**
 * One fake API per test, closed after it: `const serve = fakeApiPerTest()`
 * at the top of a file, then `await serve(route)` in a test.
 */
export function fakeApiPerTest(): (route: Route) => Promise<Awaited<ReturnType<typeof fakeApi>>> {
  let current: Awaited<ReturnType<typeof fakeApi>> | undefined;
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  return async (route) => {
    await current?.close();
    current = await fakeApi(route);
    return current;
  };
}
