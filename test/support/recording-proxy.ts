import { createServer, request, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Exchange {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  status: number;
  responseHeaders: IncomingHttpHeaders;
  responseBody: Buffer;
}

export interface RecordingProxy {
  url: string;
  /** What passed through, by the value of the `key` request header. */
  exchanges: Map<string, Exchange>;
  stop(): Promise<void>;
}

/**
 * An HTTP proxy on 127.0.0.1 in front of `target` that keeps every request
 * and response byte for byte, so a test sees what really went over the wire.
 */
export async function startRecordingProxy(target: string, key: string): Promise<RecordingProxy> {
  const exchanges = new Map<string, Exchange>();
  const upstream = new URL(target);
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      // Prism sends some binary responses with both Content-Length and chunked encoding; read them anyway.
      // A fresh connection each time: a kept-alive one Prism has closed would reset the next request.
      const forward = request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers, insecureHTTPParser: true, agent: false }, (up) => {
        const parts: Buffer[] = [];
        up.on('data', (c: Buffer) => parts.push(c));
        up.on('end', () => {
          const responseBody = Buffer.concat(parts);
          const id = req.headers[key];
          if (typeof id === 'string') {
            exchanges.set(id, { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body, status: up.statusCode ?? 0, responseHeaders: up.headers, responseBody });
          }
          // The body goes on whole, so it is framed by its length alone.
          const { 'transfer-encoding': _chunked, 'content-length': _length, ...headers } = up.headers;
          res.writeHead(up.statusCode ?? 502, { ...headers, 'content-length': responseBody.length });
          res.end(responseBody);
        });
      });
      forward.on('error', (e) => {
        res.writeHead(502);
        res.end(String(e));
      });
      forward.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    exchanges,
    stop: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
