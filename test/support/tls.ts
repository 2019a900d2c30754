import { readFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';

const FOLDER = new URL('../fixtures/tls/', import.meta.url);

/** A self-signed certificate for 127.0.0.1, made for these tests only. */
export const TEST_TLS = { key: readFileSync(new URL('key.pem', FOLDER), 'utf8'), cert: readFileSync(new URL('cert.pem', FOLDER), 'utf8') };

/**
 * A `fetch` that trusts the test certificate: https goes through node:https,
 * anything else through the global fetch. Like the global fetch, it follows
 * redirects itself unless the request says `redirect: 'manual'`, dropping
 * on a change of origin only what Node's fetch drops, and tells the final
 * `url` and whether it was `redirected`.
 */
export function fetchTrustingTestCA(): typeof fetch {
  const fetcher = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const response = request.url.startsWith('https:') ? await overTLS(request.clone()) : await fetch(request.clone(), { redirect: 'manual' });
    const location = response.headers.get('location');
    if (request.redirect === 'manual' || location === null || ![301, 302, 303, 307, 308].includes(response.status)) return Object.defineProperty(response, 'url', { value: request.url });
    const next = new URL(location, request.url);
    const headers = new Headers(request.headers);
    if (next.origin !== new URL(request.url).origin) for (const name of ['authorization', 'proxy-authorization', 'cookie']) headers.delete(name);
    const toGet = response.status === 303 || ((response.status === 301 || response.status === 302) && request.method === 'POST');
    const body = toGet || request.body === null ? undefined : await request.arrayBuffer();
    const final = await fetcher(next, { method: toGet ? 'GET' : request.method, headers, body, signal: request.signal });
    return Object.defineProperty(final, 'redirected', { value: true });
  };
  return fetcher as typeof fetch;
}

async function overTLS(request: Request): Promise<Response> {
  const body = request.body === null ? undefined : Buffer.from(await request.arrayBuffer());
  return new Promise((resolve, reject) => {
    const req = httpsRequest(request.url, { method: request.method, headers: Object.fromEntries(request.headers), ca: TEST_TLS.cert, signal: request.signal }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const headers = new Headers();
        for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
        const status = res.statusCode ?? 502;
        resolve(new Response(status === 204 || status === 304 ? null : Buffer.concat(chunks), { status, headers }));
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}
