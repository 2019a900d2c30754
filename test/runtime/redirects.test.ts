import { afterEach, describe, expect, it } from 'vitest';
import Clerk, { followRedirects } from '@sdkgen/clerk';
import Fastly from '@sdkgen/fastly';
import Syncano from '@sdkgen/syncano';
import type { ClientOptions } from '../../runtime/src/client.js';
import { nextLink } from '../../runtime/src/page-styles.js';
import { paginate } from '../../runtime/src/pagination.js';
import type { AuthScheme } from '../../runtime/src/types.js';
import { fakeApi, type Received, type Reply, type Route } from '../support/fake-api.js';
import { fetchTrustingTestCA, TEST_TLS } from '../support/tls.js';
import { TestClient } from './test-client.js';
import { apiKey, basic, bearer } from '../../runtime/src/auth.js';
import { cookieHeader } from '../../runtime/src/url.js';

const SECRET = 'sk_live_REDIRECT-7c1e9d';
const OK: Reply = { json: { data: [], objects: [], next: null } };
const REDIRECTS = [301, 302, 303, 307, 308] as const;

/**
 * One way of sending the secret, through a generated package or the runtime's
 * test client, and who follows its redirects: fetch, which drops
 * `Authorization` on another origin, or the client's own follower.
 */
interface Style {
  name: string;
  method: 'GET' | 'POST';
  via: 'fetch' | 'follower';
  call(baseURL: string, options?: ClientOptions): Promise<unknown>;
}

const keyed = (auth: AuthScheme) => (baseURL: string, options: ClientOptions = {}) =>
  new TestClient([auth], { k: SECRET }, { baseURL, maxRetries: 0, ...options }).call();

const STYLES: Style[] = [
  { name: 'Fastly-Key header (Fastly)', method: 'GET', via: 'follower', call: (baseURL, o) => new Fastly({ token: SECRET, baseURL, maxRetries: 0, ...o }).invitations.list().firstPage() },
  { name: 'X-API-KEY header (Syncano)', method: 'GET', via: 'follower', call: (baseURL, o) => new Syncano({ apiKey: SECRET, instanceName: 'inst', baseURL, maxRetries: 0, ...o }).invitations.get(7) },
  { name: 'bearer (Clerk)', method: 'POST', via: 'fetch', call: (baseURL, o) => new Clerk({ bearerAuth: SECRET, baseURL, maxRetries: 0, ...o }).invitations.revoke('inv_1') },
  { name: 'basic', method: 'GET', via: 'fetch', call: keyed(basic({ option: 'k' })) },
  { name: 'OAuth2 token from a function', method: 'GET', via: 'fetch', call: (baseURL, o = {}) => new TestClient([bearer({ option: 'k' })], { k: async () => SECRET }, { baseURL, maxRetries: 0, ...o }).call() },
  { name: 'query key', method: 'GET', via: 'follower', call: keyed(apiKey({ in: 'query', name: 'api_key', option: 'k' })) },
  { name: 'cookie key', method: 'GET', via: 'follower', call: keyed(apiKey({ in: 'cookie', name: 'session', option: 'k' })) },
];

const open: Awaited<ReturnType<typeof fakeApi>>[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((o) => o.close()));
});

async function origin(route: Route, tls?: typeof TEST_TLS) {
  const o = await fakeApi(route, tls);
  open.push(o);
  return o;
}

const BASIC = btoa(`${SECRET}`);

/** Whether a request as the server saw it carries the secret anywhere (basic auth sends it base64-encoded). */
function carries(r: Received): boolean {
  const seen = JSON.stringify([r.headers, r.path, r.query.toString(), r.body]);
  return seen.includes(SECRET) || seen.includes(BASIC);
}

const leaks = (received: Received[]) => received.filter(carries).map((r) => `${r.method} ${r.path}`);

/** As a load balancer that moves a host would answer: the same path and query, elsewhere. */
function redirectTo(status: number, target: string): Route {
  return (req) => {
    if (req.path.startsWith('/final')) return OK;
    const query = req.query.toString();
    return { status, headers: { location: `${target}/final${req.path}${query ? `?${query}` : ''}` } };
  };
}

/** The method a browser sends after the redirect (fetch standard, HTTP-redirect fetch). */
function methodAfter(status: number, method: string): string {
  if (status === 303 && method !== 'HEAD') return 'GET';
  if ((status === 301 || status === 302) && method === 'POST') return 'GET';
  return method;
}

async function outcome(p: Promise<unknown>): Promise<unknown> {
  return p.then(() => 'ok', (e: unknown) => e);
}

describe.each(STYLES)('redirects with $name', (style) => {
  it.each(REDIRECTS)('%i to another origin drops the credential and still arrives', async (status) => {
    const other = await origin(() => OK);
    const api = await origin(redirectTo(status, other.url));
    const result = await outcome(style.call(api.url));
    expect(leaks(other.received), 'credential sent to another origin').toEqual([]);
    expect(result).toBe('ok');
    expect(other.received.map((r) => r.method)).toEqual([methodAfter(status, style.method)]);
    expect(other.received[0]!.path).toMatch(/^\/final\//);
  });

  it.each(REDIRECTS)('%i on the same origin keeps the credential', async (status) => {
    const api = await origin(redirectTo(status, ''));
    expect(await outcome(style.call(api.url))).toBe('ok');
    const [first, second] = api.received;
    expect([first, second].map((r) => r && carries(r))).toEqual([true, true]);
    expect(second!.method).toBe(methodAfter(status, style.method));
  });

  it("with redirects: 'error', a redirect to another origin is refused before anything is sent there", async () => {
    const other = await origin(() => OK);
    const api = await origin(redirectTo(307, other.url));
    const result = await outcome(style.call(api.url, { redirects: 'error' }));
    expect(leaks(other.received), 'credential sent to another origin').toEqual([]);
    expect(other.received).toEqual([]);
    expect(String((result as Error).message)).not.toContain(SECRET);
    const same = await origin(redirectTo(307, ''));
    if (style.via === 'follower') {
      expect(result).toMatchObject({ name: 'RedirectError', reason: 'cross-origin', status: 307 });
      expect(await outcome(style.call(same.url, { redirects: 'error' }))).toBe('ok');
    } else {
      // fetch cannot tell the origin before it follows, so every redirect is refused.
      expect(result).toMatchObject({ name: 'RedirectError', reason: 'not-followed', status: 307 });
      expect(await outcome(style.call(same.url, { redirects: 'error' }))).toMatchObject({ name: 'RedirectError', reason: 'not-followed' });
    }
  });

  it('a redirect loop between two origins stops (after maxRedirects hops with the follower, 20 with fetch)', async () => {
    let b = '';
    const a = await origin((req) => ({ status: 302, headers: { location: `${b}${req.path}` } }));
    const other = await origin((req) => ({ status: 302, headers: { location: `${a.url}${req.path}` } }));
    b = other.url;
    const result = await outcome(style.call(a.url, { maxRedirects: 5 }));
    expect(leaks(other.received), 'credential sent to another origin').toEqual([]);
    expect(leaks(a.received.slice(1)), 'credential restored after leaving the origin').toEqual([]);
    if (style.via === 'follower') {
      expect(result).toMatchObject({ name: 'RedirectError', reason: 'too-many-redirects' });
      expect(a.received.length + other.received.length).toBe(6);
    } else {
      expect(result).toMatchObject({ name: 'APIConnectionError' });
      expect(a.received.length + other.received.length).toBe(21);
    }
  });

  it('https to http is refused, even with the credential dropped', async () => {
    const plain = await origin(() => OK);
    const secure = await origin(redirectTo(302, plain.url), TEST_TLS);
    const result = await outcome(style.call(secure.url, { fetch: fetchTrustingTestCA() }));
    expect(leaks(plain.received), 'credential sent over plain http').toEqual([]);
    expect(result).toMatchObject({ name: 'RedirectError', reason: 'insecure', location: expect.stringMatching(/^http:/) });
    expect(JSON.stringify(result) + String((result as Error).message)).not.toContain(SECRET);
    // The follower refuses before sending; fetch has followed (without Authorization) before the client sees where it went.
    expect(plain.received).toHaveLength(style.via === 'follower' ? 0 : 1);
    expect(secure.received).toHaveLength(1);
  });

  it('https on the same origin follows over TLS with the credential', async () => {
    const secure = await origin(redirectTo(308, ''), TEST_TLS);
    expect(await outcome(style.call(secure.url, { fetch: fetchTrustingTestCA() }))).toBe('ok');
    expect(secure.received.map(carries)).toEqual([true, true]);
  });
});

describe('redirects and request bodies', () => {
  const BODY = { name: 'Ada', note: 'kept' };
  const bearerClient = (baseURL: string, options: ClientOptions = {}) =>
    new TestClient([bearer({ option: 'k' })], { k: SECRET }, { baseURL, maxRetries: 0, ...options });

  it.each([307, 308])('%i replays the method and the same JSON body at the new origin', async (status) => {
    const other = await origin(() => OK);
    const api = await origin(redirectTo(status, other.url));
    await bearerClient(api.url).call({ method: 'PUT', body: BODY, contentType: 'application/json' });
    expect(leaks(other.received), 'credential sent to another origin').toEqual([]);
    expect(other.received).toHaveLength(1);
    const [moved] = other.received;
    expect([moved!.method, JSON.parse(moved!.body), moved!.headers['content-type']]).toEqual(['PUT', BODY, 'application/json']);
    expect(carries(moved!)).toBe(false);
  });

  it.each([301, 302, 303])('%i turns a POST into a GET without its body or Content-Type', async (status) => {
    const api = await origin(redirectTo(status, ''));
    await bearerClient(api.url).call({ method: 'POST', body: BODY });
    const [, moved] = api.received;
    expect([moved!.method, moved!.body, moved!.headers['content-type'], moved!.headers['authorization']]).toEqual(['GET', '', undefined, `Bearer ${SECRET}`]);
  });

  it('a body a hook replaced is copied before it goes out, so a 307 can send it again', async () => {
    const api = await origin(redirectTo(307, ''));
    const hooks = { onRequest: ({ request }: { request: Request }) => new Request(request, { body: JSON.stringify({ signed: true }), duplex: 'half' } as RequestInit) };
    await bearerClient(api.url, { hooks }).call({ method: 'POST', body: BODY, contentType: 'application/json' });
    expect(api.received.map((r) => `${r.method} ${r.body}`)).toEqual(['POST {"signed":true}', 'POST {"signed":true}']);
  });

  it('303 keeps HEAD a HEAD; 301 keeps PUT a PUT', async () => {
    const api = await origin(redirectTo(303, ''));
    await bearerClient(api.url).call({ method: 'HEAD' });
    const put = await origin(redirectTo(301, ''));
    await bearerClient(put.url).call({ method: 'PUT', body: BODY });
    expect([api.received[1]!.method, put.received[1]!.method, JSON.parse(put.received[1]!.body)]).toEqual(['HEAD', 'PUT', BODY]);
  });

  it('a stream body cannot be replayed: 307 is refused with a typed error, 303 goes on without it', async () => {
    const stream = () => new ReadableStream({ start(c) { c.enqueue(new TextEncoder().encode('bytes')); c.close(); } });
    const header = (baseURL: string) => new TestClient([apiKey({ in: 'header', name: 'X-Key', option: 'k' })], { k: SECRET }, { baseURL, maxRetries: 0 });
    const api = await origin(redirectTo(307, ''));
    const result = await outcome(header(api.url).call({ method: 'POST', body: stream(), contentType: 'application/octet-stream' }));
    expect(result).toMatchObject({ name: 'RedirectError', reason: 'body-not-replayable', status: 307 });
    expect(api.received.map((r) => r.body)).toEqual(['bytes']);
    const seeOther = await origin(redirectTo(303, ''));
    await header(seeOther.url).call({ method: 'POST', body: stream(), contentType: 'application/octet-stream' });
    expect(seeOther.received.map((r) => `${r.method} ${r.body}`)).toEqual(['POST bytes', 'GET ']);
  });

  it('where fetch follows, a 307 answering a stream body fails as fetch fails it, and nothing is sent twice', async () => {
    const api = await origin(redirectTo(307, ''));
    const body = new ReadableStream({ start(c) { c.enqueue(new TextEncoder().encode('bytes')); c.close(); } });
    const result = await outcome(bearerClient(api.url).call({ method: 'POST', body, contentType: 'application/octet-stream' }));
    expect(result).toMatchObject({ name: 'APIConnectionError' });
    expect(api.received.map((r) => r.body)).toEqual(['bytes']);
  });
});

describe('what else a redirect to another origin drops', () => {
  const userHeaders = (auth: AuthScheme[], baseURL: string) => new TestClient(auth, { k: SECRET }, {
    baseURL, maxRetries: 0,
    defaultHeaders: { 'X-Custom-Auth': SECRET, 'Proxy-Authorization': 'Basic eA==', 'Accept-Language': 'de' },
    hooks: { onRequest: ({ request }) => { request.headers.set('X-Signature', `sig-${SECRET}`); } },
  });

  it('with the follower: headers the user added (a custom credential in defaultHeaders, a hook), cookies and Proxy-Authorization', async () => {
    const other = await origin(() => OK);
    const api = await origin(redirectTo(307, other.url));
    await userHeaders([apiKey({ in: 'header', name: 'X-Key', option: 'k' })], api.url).call({ headers: { Cookie: cookieHeader({ theme: 'dark' }) } });
    expect(leaks(other.received), 'credential sent to another origin').toEqual([]);
    expect(api.received[0]!.headers['x-custom-auth']).toBe(SECRET);
    const [moved] = other.received;
    expect(moved!.headers['proxy-authorization']).toBeUndefined();
    expect(moved!.headers['cookie']).toBeUndefined();
    expect(moved!.headers['accept-language']).toBe('de');
    expect(moved!.headers['user-agent']).toBe('test-sdk/1.2.3');
  });

  it.each([[[]], [[bearer({ option: 'k' })]]] as AuthScheme[][][])('where fetch follows (auth %j), a request with headers the user added refuses the redirect instead', async (auth) => {
    const other = await origin(() => OK);
    const api = await origin(redirectTo(307, other.url));
    const result = await outcome(userHeaders(auth, api.url).call());
    expect(result).toMatchObject({ name: 'RedirectError', reason: 'not-followed', status: 307 });
    expect(String((result as Error).message)).not.toContain(SECRET);
    expect(api.received[0]!.headers['x-custom-auth']).toBe(SECRET);
    expect(other.received).toEqual([]);
  });

  it('a bearer-only client given redirectFollower: followRedirects follows as an API-key client does: headers of its own dropped, maxRedirects and https to http checked before sending', async () => {
    const other = await origin(() => OK);
    const api = await origin(redirectTo(307, other.url));
    const clerk = (baseURL: string, o: ClientOptions = {}) => new Clerk({ bearerAuth: SECRET, baseURL, maxRetries: 0, redirectFollower: followRedirects, defaultHeaders: { 'X-Custom-Auth': SECRET }, ...o });
    expect(await outcome(clerk(api.url).invitations.revoke('inv_1'))).toBe('ok');
    expect(leaks(other.received), 'credential sent to another origin').toEqual([]);
    expect(other.received).toHaveLength(1);
    let b = '';
    const loop = await origin((req) => ({ status: 302, headers: { location: `${b}${req.path}` } }));
    b = loop.url;
    expect(await outcome(clerk(loop.url, { maxRedirects: 3 }).invitations.revoke('inv_1'))).toMatchObject({ name: 'RedirectError', reason: 'too-many-redirects' });
    expect(loop.received).toHaveLength(4);
    const plain = await origin(() => OK);
    const secure = await origin(redirectTo(302, plain.url), TEST_TLS);
    expect(await outcome(clerk(secure.url, { fetch: fetchTrustingTestCA() }).invitations.revoke('inv_1'))).toMatchObject({ name: 'RedirectError', reason: 'insecure' });
    expect(plain.received).toEqual([]);
  });

  it('a Location that carries the secret somewhere other than the key parameter is refused', async () => {
    const other = await origin(() => OK);
    const api = await origin((req) => ({ status: 302, headers: { location: `${other.url}/echo/${req.query.get('api_key') ?? ''}` } }));
    const result = await outcome(keyed(apiKey({ in: 'query', name: 'api_key', option: 'k' }))(api.url));
    expect(leaks(other.received), 'credential sent to another origin').toEqual([]);
    expect(result).toMatchObject({ name: 'RedirectError', reason: 'cross-origin' });
    expect(other.received).toEqual([]);
    expect(JSON.stringify(result) + String((result as Error).message)).not.toContain(SECRET);
  });

  it('a same-origin Location without the key parameter gets it back; a non-http Location is refused', async () => {
    const api = await origin((req) => (req.path === '/things' ? { status: 302, headers: { location: '/elsewhere?x=1' } } : OK));
    await keyed(apiKey({ in: 'query', name: 'api_key', option: 'k' }))(api.url);
    expect([...api.received[1]!.query]).toEqual([['x', '1'], ['api_key', SECRET]]);
    const data = await origin(() => ({ status: 302, headers: { location: 'data:text/plain,hi' } }));
    expect(await outcome(keyed(apiKey({ in: 'query', name: 'api_key', option: 'k' }))(data.url))).toMatchObject({ name: 'RedirectError', reason: 'unsupported-location' });
  });

  it('a 3xx without a Location, and 304, are answers, not redirects', async () => {
    const api = await origin(() => ({ status: 300, json: { choices: [] } }));
    expect(await outcome(keyed(apiKey({ in: 'header', name: 'X-Key', option: 'k' }))(api.url))).toMatchObject({ name: 'APIError', status: 300 });
  });
});

describe('where the runtime cannot see the redirect (browsers)', () => {
  const opaque = () => {
    const r = new Response(null, { status: 200 });
    Object.defineProperties(r, { type: { value: 'opaqueredirect' }, status: { value: 0 } });
    return r;
  };

  it('an opaque redirect is refused with a typed error instead of being taken for an answer', async () => {
    const client = new TestClient([apiKey({ in: 'header', name: 'X-Key', option: 'k' })], { k: SECRET }, { baseURL: 'https://api.invalid', maxRetries: 0, fetch: async () => opaque() });
    expect(await outcome(client.call())).toMatchObject({ name: 'RedirectError', reason: 'opaque' });
  });

  it('in a browser a request with a credential outside Authorization is sent with redirect: manual; one with none, or only Authorization, lets fetch follow', async () => {
    const modes: string[] = [];
    const fetch = async (r: RequestInfo | URL) => { modes.push((r as Request).redirect); return new Response('1'); };
    const g = globalThis as { document?: unknown };
    g.document = {};
    try {
      await new TestClient([apiKey({ in: 'header', name: 'X-Key', option: 'k' })], { k: SECRET }, { baseURL: 'https://api.invalid', fetch }).call();
      await new TestClient([], {}, { baseURL: 'https://api.invalid', fetch }).call();
      await new TestClient([], {}, { baseURL: 'https://api.invalid', fetch, defaultHeaders: { Authorization: 'x' } }).call();
    } finally {
      delete g.document;
    }
    await new TestClient([], {}, { baseURL: 'https://api.invalid', fetch }).call();
    await new TestClient([], {}, { baseURL: 'https://api.invalid', fetch, defaultHeaders: { 'X-Extra': 'x' } }).call();
    expect(modes).toEqual(['manual', 'follow', 'follow', 'follow', 'manual']);
  });
});

describe('other URLs a response can make the client call', () => {
  const link = (next: string) => (req: Received) => (req.query.get('page') === '2' || req.path.startsWith('/final') ? { json: { objects: [{ id: 2 }], next: null } } : { json: { objects: [{ id: 1 }], next } });

  it.each([
    ['absolute', (o: string) => `${o}/v1.1/instances/inst/invitations/?page=2`],
    ['protocol-relative', (o: string) => `${o.replace('http:', '')}/x?page=2`],
    ['user-info trick', (o: string, a: string) => `${a}@${o.replace('http://', '')}/x?page=2`],
  ])('a next-page link to another origin (%s) is refused before anything is sent', async (_, make) => {
    const other = await origin(() => OK);
    let api = '';
    const server = await origin((req) => link(make(other.url, api))(req));
    api = server.url;
    const page = await new Syncano({ apiKey: SECRET, instanceName: 'inst', baseURL: server.url, maxRetries: 0 }).invitations.list().firstPage();
    expect(await outcome(page.nextPage())).toMatchObject({ name: 'SDKError' });
    expect(leaks(other.received), 'credential sent to another origin').toEqual([]);
    expect(other.received).toEqual([]);
  });

  it('a page-number list reads links.next only as "there is more": the next page still goes to the base URL', async () => {
    const other = await origin(() => OK);
    const api = await origin((req) => ({ json: { data: [{ id: req.query.get('page[number]') ?? '1' }], meta: { total_pages: 2 }, links: { next: `${other.url}/invitations?page[number]=2` } } }));
    const ids: unknown[] = [];
    for await (const inv of new Fastly({ token: SECRET, baseURL: api.url, maxRetries: 0 }).invitations.list()) ids.push(inv.id);
    expect(leaks(other.received), 'credential sent to another origin').toEqual([]);
    expect(ids).toEqual(['1', '2']);
    expect(other.received).toEqual([]);
  });

  it('a same-origin next-page link that redirects elsewhere loses the credential on the way', async () => {
    const other = await origin(() => ({ json: { objects: [{ id: 2 }], next: null } }));
    const api = await origin((req) => (req.query.get('page') === '2' ? { status: 307, headers: { location: `${other.url}/final?page=2&api_key=${req.query.get('api_key') ?? ''}` } } : { json: { objects: [{ id: 1 }], next: '/things?page=2' } }));
    const client = new TestClient([apiKey({ in: 'query', name: 'api_key', option: 'k' })], { k: SECRET }, { baseURL: api.url, maxRetries: 0 });
    const ids: unknown[] = [];
    for await (const item of paginate<{ id: number }>(client, { method: 'GET', path: '/things' }, nextLink({ items: 'objects', next: 'next' }))) {
      if (ids.push(item.id) > 4) break;
    }
    expect(leaks(other.received), 'credential sent to another origin').toEqual([]);
    expect(ids).toEqual([1, 2]);
    expect(api.received.map(carries)).toEqual([true, true]);
    expect([...other.received[0]!.query]).toEqual([['page', '2']]);
  });
});
