import { describe, expect, it } from 'vitest';
import { SDKError } from '../../runtime/src/errors.js';
import { logging } from '../../runtime/src/log.js';
import { uploads } from '../../runtime/src/uploads.js';
import { commaDelimited, cookieHeader, deepObject, pipeDelimited, spaceDelimited } from '../../runtime/src/url.js';
import type { AuthScheme } from '../../runtime/src/types.js';
import { fakeApiPerTest, type Route } from '../support/fake-api.js';
import { BEARER, TestClient } from './test-client.js';
import { apiKey, basic } from '../../runtime/src/auth.js';

const serve = fakeApiPerTest();

async function clientWith(route: Route, auth: AuthScheme[] = BEARER, credentials: Record<string, unknown> = { token: 'tok-1' }, options = {}) {
  const api = await serve(route);
  return { api, client: new TestClient(auth, credentials as never, { baseURL: api.url, maxRetries: 0, ...options }) };
}

describe('request building', () => {
  it.each([
    ['../admin', '/things/..%2Fadmin'],
    ['a/b?c#d', '/things/a%2Fb%3Fc%23d'],
    ['line\r\nX-Injected: 1', '/things/line%0D%0AX-Injected%3A%201'],
    ['ünï 😀', '/things/%C3%BCn%C3%AF%20%F0%9F%98%80'],
  ])('path value %j stays inside its segment', async (value, path) => {
    const { api, client } = await clientWith(() => ({ json: 1 }));
    await client.call({ path: '/things/{id}', pathParams: { id: value } });
    expect(api.received[0]!.path).toBe(path);
  });

  it('refuses the dot segments a URL parser would resolve away', async () => {
    const { api, client } = await clientWith(() => ({ json: 1 }));
    for (const id of ['.', '..']) await expect(client.call({ path: '/things/{id}/x', pathParams: { id } })).rejects.toThrow(`cannot be "${id}"`);
    await expect(client.call({ path: '/things/{id}' })).rejects.toThrow('Missing path parameter "id"');
    expect(api.received).toHaveLength(0);
  });

  it('serialises query parameters by style and explode, skipping undefined', async () => {
    const { api, client } = await clientWith(() => ({ json: 1 }));
    await client.call({
      query: { 'page[number]': 2, tags: ['a', 'b'], csv: ['x', 'y'], pipes: ['p', 'q'], spaces: ['s', 't'], pair: { r: 1, g: 2 }, filter: { status: 'new', min: 3 }, flat: { a: 'b' }, flag: false, skip: undefined, when: new Date('2024-01-02T03:04:05Z'), evil: 'a&b=c\r\n' },
      queryStyles: { csv: commaDelimited, pipes: pipeDelimited, spaces: spaceDelimited, pair: commaDelimited, filter: deepObject },
    });
    const q = api.received[0]!.query;
    expect([...q.entries()]).toEqual([
      ['page[number]', '2'], ['tags', 'a'], ['tags', 'b'], ['csv', 'x,y'], ['pipes', 'p|q'], ['spaces', 's t'], ['pair', 'r,1,g,2'], ['filter[status]', 'new'], ['filter[min]', '3'], ['a', 'b'],
      ['flag', 'false'], ['when', '2024-01-02T03:04:05.000Z'], ['evil', 'a&b=c\r\n'],
    ]);
  });

  it('sends JSON:API bodies with their media type and Accept', async () => {
    const { api, client } = await clientWith(() => ({ json: {} }));
    await client.call({ method: 'POST', body: { data: { type: 'invitation' } }, contentType: 'application/vnd.api+json', accept: 'application/vnd.api+json' });
    const r = api.received[0]!;
    expect(r.headers['content-type']).toBe('application/vnd.api+json');
    expect(r.headers['accept']).toBe('application/vnd.api+json');
    expect(r.headers['user-agent']).toBe('test-sdk/1.2.3');
    expect(JSON.parse(r.body)).toEqual({ data: { type: 'invitation' } });
  });

  it('sends a body as JSON when the request brings no encoder', async () => {
    const { api, client } = await clientWith(() => ({ json: {} }));
    await client.request({ method: 'POST', path: '/things', body: { name: 'a' } });
    await client.request({ method: 'PUT', path: '/things', body: [1], contentType: 'application/merge-patch+json' });
    expect(api.received.map((r) => [r.headers['content-type'], JSON.parse(r.body)])).toEqual([['application/json', { name: 'a' }], ['application/merge-patch+json', [1]]]);
  });

  it('sends multipart, form-urlencoded and octet-stream bodies', async () => {
    const { api, client } = await clientWith(() => ({ json: {} }));
    await client.call({ method: 'POST', body: { file: new Blob(['bytes']), purpose: 'batch' }, contentType: 'multipart/form-data', uploads });
    await client.call({ method: 'POST', body: { name: 'a b', tags: ['x', 'y'] }, contentType: 'application/x-www-form-urlencoded' });
    await client.call({ method: 'PUT', body: new Uint8Array([1, 2, 3]), contentType: 'application/octet-stream' });
    const [multipart, form, octet] = api.received;
    expect(multipart!.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(multipart!.body).toMatch(/name="file"[\s\S]*bytes[\s\S]*name="purpose"[\s\S]*batch/);
    expect(form!.body).toBe('name=a+b&tags=x&tags=y');
    expect(octet!.headers['content-type']).toBe('application/octet-stream');
    expect([...Buffer.from(octet!.body, 'latin1')]).toEqual([1, 2, 3]);
  });

  it('sends a Date as its ISO instant in a path, header, cookie, form-urlencoded and multipart value', async () => {
    const { api, client } = await clientWith(() => ({ json: {} }));
    const when = new Date('2024-01-02T03:04:05.600+01:00');
    await client.call({ path: '/at/{when}', pathParams: { when }, headers: { 'X-When': when, 'X-Both': [when, when], Cookie: cookieHeader({ when }) } });
    await client.call({ method: 'POST', body: { when, many: [when] }, contentType: 'application/x-www-form-urlencoded' });
    await client.call({ method: 'POST', body: { when }, contentType: 'multipart/form-data', uploads });
    const [plain, form, multipart] = api.received;
    expect(plain!.path).toBe('/at/2024-01-02T02%3A04%3A05.600Z');
    expect(plain!.headers).toMatchObject({ 'x-when': '2024-01-02T02:04:05.600Z', 'x-both': '2024-01-02T02:04:05.600Z,2024-01-02T02:04:05.600Z', cookie: 'when=2024-01-02T02%3A04%3A05.600Z' });
    expect(new URLSearchParams(form!.body).getAll('many')).toEqual(['2024-01-02T02:04:05.600Z']);
    expect(new URLSearchParams(form!.body).get('when')).toBe('2024-01-02T02:04:05.600Z');
    expect(multipart!.body).toMatch(/name="when"\r\n\r\n2024-01-02T02:04:05\.600Z\r\n/);
  });

  it('per-call headers add, override and remove; header values with line breaks are refused before sending', async () => {
    const { api, client } = await clientWith(() => ({ json: 1 }), BEARER, { token: 'tok-1' }, { defaultHeaders: { 'X-Team': 'a', 'X-Gone': 'b' } });
    await client.call({ headers: { 'X-Param': ['1', '2'] } }, { headers: { 'X-Team': 'override', 'X-Gone': null } });
    expect(api.received[0]!.headers).toMatchObject({ 'x-team': 'override', 'x-param': '1,2' });
    expect(api.received[0]!.headers['x-gone']).toBeUndefined();
    await expect(client.call({}, { headers: { 'X-Evil': 'a\r\nX-Injected: 1' } })).rejects.toThrow(/line break/);
    await expect(client.call({ headers: { 'X-Param': 'a\nb' } })).rejects.toBeInstanceOf(SDKError);
    expect(api.received).toHaveLength(1);
  });
});

describe('auth', () => {
  it('bearer, header and query API keys, and cookies', async () => {
    const seen: Record<string, unknown>[] = [];
    const route: Route = (r) => { seen.push({ auth: r.headers['authorization'], key: r.headers['x-api-key'], q: r.query.get('api_key'), cookie: r.headers['cookie'] }); return { json: 1 }; };
    await (await clientWith(route, BEARER, { token: 'b1' })).client.call();
    await (await clientWith(route, [apiKey({ in: 'header', name: 'X-API-KEY', option: 'apiKey' })], { apiKey: 'h1' })).client.call();
    await (await clientWith(route, [apiKey({ in: 'query', name: 'api_key', option: 'apiKey' })], { apiKey: 'q 1' })).client.call();
    await (await clientWith(route, [apiKey({ in: 'cookie', name: 'session', option: 'apiKey' })], { apiKey: 'c1' })).client.call({ headers: { Cookie: cookieHeader({ theme: 'dark' }) } });
    await (await clientWith(route, [basic({ option: 'basic' })], { basic: 'user:pass' })).client.call();
    expect(seen).toEqual([
      { auth: 'Bearer b1', key: undefined, q: null, cookie: undefined },
      { auth: undefined, key: 'h1', q: null, cookie: undefined },
      { auth: undefined, key: undefined, q: 'q 1', cookie: undefined },
      { auth: undefined, key: undefined, q: null, cookie: 'theme=dark; session=c1' },
      { auth: `Basic ${btoa('user:pass')}`, key: undefined, q: null, cookie: undefined },
    ]);
  });

  it('a credential function is called before every request, so tokens rotate', async () => {
    let n = 0;
    const { api, client } = await clientWith(() => ({ json: 1 }), BEARER, { token: async () => `rotated-${++n}` });
    await client.call();
    await client.call();
    expect(api.received.map((r) => r.headers['authorization'])).toEqual(['Bearer rotated-1', 'Bearer rotated-2']);
  });

  it('falls back to the environment variable, and says clearly when there is no credential', async () => {
    process.env['TEST_SDK_TOKEN'] = 'from-env';
    try {
      const { api, client } = await clientWith(() => ({ json: 1 }), BEARER, {});
      await client.call();
      expect(api.received[0]!.headers['authorization']).toBe('Bearer from-env');
    } finally {
      delete process.env['TEST_SDK_TOKEN'];
    }
    expect(() => new TestClient(BEARER, {}, {})).toThrow('Test: no credential given; pass `token` to the constructor or set TEST_SDK_TOKEN.');
  });

  it('operations that need no auth send none', async () => {
    const { api, client } = await clientWith(() => ({ json: 1 }));
    await client.call({ security: [] });
    expect(api.received[0]!.headers['authorization']).toBeUndefined();
  });
});

describe('hooks and logging', () => {
  it('hooks see every attempt, can change the request, and see errors', async () => {
    let n = 0;
    const events: string[] = [];
    const { api, client } = await clientWith(() => (n++ === 0 ? { status: 503 } : { json: 'ok' }), BEARER, { token: 't' }, {
      maxRetries: 2,
      retry: { initialDelayMs: 1, maxDelayMs: 2 },
      hooks: {
        onRequest: ({ request, attempt }) => { events.push(`request ${attempt}`); const h = new Headers(request.headers); h.set('X-Trace', `t${attempt}`); return new Request(request, { headers: h }); },
        onResponse: ({ response, attempt }) => { events.push(`response ${attempt} ${response.status}`); },
        onError: ({ attempt, error }) => { events.push(`error ${attempt} ${(error as Error).name}`); },
      },
    });
    await expect(client.call()).resolves.toBe('ok');
    expect(events).toEqual(['request 0', 'response 0 503', 'error 0 InternalServerError', 'request 1', 'response 1 200']);
    expect(api.received.map((r) => r.headers['x-trace'])).toEqual(['t0', 't1']);
  });

  it('the logger gets levelled lines with credentials redacted', async () => {
    const lines: string[] = [];
    const logger = { debug: (m: string, d?: unknown) => lines.push(`debug ${m} ${JSON.stringify(d)}`), info: (m: string, d?: unknown) => lines.push(`info ${m} ${JSON.stringify(d)}`), warn: (m: string, d?: unknown) => lines.push(`warn ${m} ${JSON.stringify(d)}`), error: (m: string, d?: unknown) => lines.push(`error ${m} ${JSON.stringify(d)}`) };
    const { client } = await clientWith(() => ({ json: 1 }), [apiKey({ in: 'query', name: 'api_key', option: 'apiKey' })], { apiKey: 'query-secret-77' }, { logger, logLevel: 'debug', logging });
    await client.call();
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join('\n')).toContain('[redacted]');
    expect(lines.join('\n')).not.toContain('query-secret-77');
    lines.length = 0;
    const quiet = await clientWith(() => ({ json: 1 }), BEARER, { token: 't' }, { logger, logLevel: 'warn', logging });
    await quiet.client.call();
    expect(lines).toEqual([]);
  });

  it('logs each try, its answer and the retry after it, at info by default', async () => {
    const lines: string[] = [];
    const logger = { debug: (m: string) => lines.push(`debug ${m}`), info: (m: string) => lines.push(`info ${m}`), warn: (m: string) => lines.push(`warn ${m}`), error: (m: string) => lines.push(`error ${m}`) };
    let n = 0;
    const { api, client } = await clientWith(() => (n++ === 0 ? { status: 503, json: { message: 'busy' } } : { json: 1 }), BEARER, { token: 'tok-secret-9' }, { logger, logging, maxRetries: 1, retry: { initialDelayMs: 1, maxDelayMs: 1 } });
    await client.call();
    const url = `${api.url}/things`;
    expect(lines.map((l) => l.replace(/\(\d+ ms\)/, '(N ms)'))).toEqual([
      `info GET ${url}`, `info GET ${url} -> 503 (N ms)`, `warn retrying GET ${url} in 1 ms (attempt 2)`, `info GET ${url}`, `info GET ${url} -> 200 (N ms)`,
    ]);
  });

  it('a logger without logging is refused when the client is made, so no line goes missing unseen', async () => {
    const logger = { debug() {}, info() {}, warn() {}, error() {} };
    expect(() => new TestClient(BEARER, { token: 't' }, { logger })).toThrow(SDKError);
    expect(() => new TestClient(BEARER, { token: 't' }, { logger })).toThrow('`logger` needs `logging`');
  });
});

describe('the fetch it calls', () => {
  it('is called as a plain function, as browsers require of window.fetch', async () => {
    const { api } = await clientWith(() => ({ json: 1 }));
    // Browsers throw "Illegal invocation" when fetch runs with a `this` other than the global.
    function browserLikeFetch(this: unknown, input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
      if (this !== undefined && this !== globalThis) throw new TypeError("Failed to execute 'fetch' on 'Window': Illegal invocation");
      return fetch(input, init);
    }
    const client = new TestClient(BEARER, { token: 'tok-1' } as never, { baseURL: api.url, maxRetries: 0, fetch: browserLikeFetch });
    await expect(client.call({ path: '/things' })).resolves.toBe(1);
    expect(api.received).toHaveLength(1);
  });
});
