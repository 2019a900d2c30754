import { afterEach, describe, expect, it } from 'vitest';
import { APIClient, type ClientOptions } from '../../runtime/src/client.js';
import { AuthenticationError, SDKError } from '../../runtime/src/errors.js';
import { logging } from '../../runtime/src/log.js';
import { OAuthError, startClientCredentials } from '../../runtime/src/oauth.js';
import type { Logger } from '../../runtime/src/types.js';
import { fakeApi, type Received, type Reply, type Route } from '../support/fake-api.js';
import { bearer } from '../../runtime/src/auth.js';
import { fetchNatively } from '../../runtime/src/request.js';

/** Several servers per test (a token server beside the API), all closed after it. */
const open: Awaited<ReturnType<typeof fakeApi>>[] = [];
afterEach(async () => { await Promise.all(open.splice(0).map((s) => s.close())); });
async function serve(route: Route) {
  const server = await fakeApi(route);
  open.push(server);
  return server;
}
const SECRET = 's3cr3t/+=&x';

/** A client as the generator writes one for a spec with a client credentials flow. */
class OAuthClient extends APIClient {
  constructor(tokenUrl: string, options: ClientOptions & { clientId?: string; clientSecret?: string; token?: string } = {}) {
    super({
      clientName: 'Media', userAgent: 'media-sdk/1.0.0', defaultBaseURL: 'https://api.invalid',
      auth: [bearer({ option: 'oauth', env: 'MEDIA_TOKEN' })],
      credentials: { oauth: options.token },
      clientCredentials: {
        scheme: 'oauth', tokenUrl, scopes: ['assets:read', 'assets:write'],
        clientId: { option: 'clientId', env: 'MEDIA_CLIENT_ID', value: options.clientId },
        clientSecret: { option: 'clientSecret', env: 'MEDIA_CLIENT_SECRET', value: options.clientSecret },
        flow: startClientCredentials,
      },
      follow: fetchNatively,
    }, { maxRetries: 0, ...options });
  }

  get<T = unknown>(): Promise<T> {
    return this.request<T>({ method: 'GET', path: '/assets' });
  }
}

/** A token server that issues tok-1, tok-2, … each valid for `expiresIn` seconds, after `delayMs`. */
async function tokenServer(opts: { expiresIn?: number; delayMs?: number; reply?: Reply } = {}) {
  let issued = 0;
  return serve(async () => {
    if (opts.reply) return opts.reply;
    await new Promise((r) => setTimeout(r, opts.delayMs ?? 0));
    issued++;
    return { json: { access_token: `tok-${issued}`, token_type: 'Bearer', ...(opts.expiresIn === undefined ? {} : { expires_in: opts.expiresIn }) } };
  });
}

/** An API that accepts only the tokens in `valid`. */
async function api(valid: (token: string) => boolean = () => true) {
  return serve((r: Received) => (valid(String(r.headers['authorization']).replace(/^Bearer /, '')) ? { json: { ok: r.headers['authorization'] } } : { status: 401, json: { error: 'invalid_token' } }));
}

describe('OAuth2 client credentials', () => {
  it('fetches a token with the client id and secret, the scopes and the grant, and sends it', async () => {
    const tokens = await tokenServer({ expiresIn: 3600 });
    const server = await api();
    const client = new OAuthClient(`${tokens.url}/oauth/token`, { baseURL: server.url, clientId: 'media app', clientSecret: SECRET });
    expect(await client.get()).toEqual({ ok: 'Bearer tok-1' });
    const t = tokens.received[0]!;
    expect(t.method).toBe('POST');
    expect(t.path).toBe('/oauth/token');
    expect(t.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(t.body))).toEqual({ grant_type: 'client_credentials', scope: 'assets:read assets:write' });
    const [id, secret] = Buffer.from(String(t.headers['authorization']).replace(/^Basic /, ''), 'base64').toString().split(':').map((s) => decodeURIComponent(s!.replace(/\+/g, ' ')));
    expect([id, secret]).toEqual(['media app', SECRET]);
  });

  it('a client given neither a token nor an id and secret names both ways in its error', () => {
    const names = ['MEDIA_TOKEN', 'MEDIA_CLIENT_ID', 'MEDIA_CLIENT_SECRET'];
    const saved = names.map((n) => process.env[n]);
    for (const n of names) delete process.env[n];
    try {
      expect(() => new OAuthClient('/token')).toThrow('Media: no credential given; pass `oauth` to the constructor or set MEDIA_TOKEN, or pass `clientId` and `clientSecret` or set MEDIA_CLIENT_ID and MEDIA_CLIENT_SECRET.');
    } finally {
      names.forEach((n, i) => (saved[i] === undefined ? delete process.env[n] : (process.env[n] = saved[i])));
    }
  });

  it('resolves a relative tokenUrl against the base URL', async () => {
    const server = await serve((r) => (r.path === '/token' ? { json: { access_token: 'rel', expires_in: 60 } } : { json: { ok: r.headers['authorization'] } }));
    const client = new OAuthClient('/token', { baseURL: server.url, clientId: 'a', clientSecret: 'b' });
    expect(await client.get()).toEqual({ ok: 'Bearer rel' });
  });

  it('caches the token until shortly before it expires', async () => {
    const tokens = await tokenServer({ expiresIn: 3600 });
    const server = await api();
    const client = new OAuthClient(tokens.url, { baseURL: server.url, clientId: 'a', clientSecret: 'b' });
    for (let i = 0; i < 3; i++) await client.get();
    expect(tokens.received).toHaveLength(1);
  });

  it('N concurrent requests make one token request', async () => {
    const tokens = await tokenServer({ expiresIn: 3600, delayMs: 100 });
    const server = await api();
    const client = new OAuthClient(tokens.url, { baseURL: server.url, clientId: 'a', clientSecret: 'b' });
    const results = await Promise.all(Array.from({ length: 10 }, () => client.get()));
    expect(tokens.received).toHaveLength(1);
    expect(new Set(results.map((r) => JSON.stringify(r)))).toEqual(new Set([JSON.stringify({ ok: 'Bearer tok-1' })]));
  });

  it('renews an expired token', async () => {
    const tokens = await tokenServer({ expiresIn: 1 });
    const server = await api();
    const client = new OAuthClient(tokens.url, { baseURL: server.url, clientId: 'a', clientSecret: 'b' });
    expect(await client.get()).toEqual({ ok: 'Bearer tok-1' });
    await new Promise((r) => setTimeout(r, 1100));
    expect(await client.get()).toEqual({ ok: 'Bearer tok-2' });
    expect(tokens.received).toHaveLength(2);
  });

  it('retries once with a fresh token after a 401, and only once', async () => {
    const tokens = await tokenServer({ expiresIn: 3600 });
    const server = await api((t) => t === 'tok-2');
    const client = new OAuthClient(tokens.url, { baseURL: server.url, clientId: 'a', clientSecret: 'b' });
    expect(await client.get()).toEqual({ ok: 'Bearer tok-2' });
    expect(server.received.map((r) => r.headers['authorization'])).toEqual(['Bearer tok-1', 'Bearer tok-2']);
    const refusing = await api(() => false);
    const stubborn = new OAuthClient(tokens.url, { baseURL: refusing.url, clientId: 'a', clientSecret: 'b' });
    await expect(stubborn.get()).rejects.toBeInstanceOf(AuthenticationError);
    expect(refusing.received).toHaveLength(2);
  });

  it('takes the id and secret from MEDIA_CLIENT_ID and MEDIA_CLIENT_SECRET; a token given outright wins', async () => {
    const tokens = await tokenServer({ expiresIn: 3600 });
    const server = await api();
    process.env['MEDIA_CLIENT_ID'] = 'env-id';
    process.env['MEDIA_CLIENT_SECRET'] = 'env-secret';
    try {
      expect(await new OAuthClient(tokens.url, { baseURL: server.url }).get()).toEqual({ ok: 'Bearer tok-1' });
      expect(Buffer.from(String(tokens.received[0]!.headers['authorization']).slice(6), 'base64').toString()).toBe('env-id:env-secret');
      expect(await new OAuthClient(tokens.url, { baseURL: server.url, token: 'mine' }).get()).toEqual({ ok: 'Bearer mine' });
      expect(tokens.received).toHaveLength(1);
    } finally {
      delete process.env['MEDIA_CLIENT_ID'];
      delete process.env['MEDIA_CLIENT_SECRET'];
    }
    expect(() => new OAuthClient(tokens.url, { baseURL: server.url })).toThrow(/clientId.*clientSecret.*MEDIA_CLIENT_ID and MEDIA_CLIENT_SECRET/);
  });

  it('token endpoint errors are OAuthError with the server\'s error code, and never show the secret', async () => {
    const tokens = await tokenServer({ reply: { status: 401, json: { error: 'invalid_client', error_description: 'Client authentication failed' } } });
    const server = await api();
    const client = new OAuthClient(tokens.url, { baseURL: server.url, clientId: 'a', clientSecret: SECRET });
    const err = await client.get().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OAuthError);
    expect(err).toBeInstanceOf(SDKError);
    expect(err).toMatchObject({ status: 401, error: 'invalid_client', errorDescription: 'Client authentication failed' });
    expect(String((err as Error).message)).not.toContain(SECRET);
    expect(server.received).toHaveLength(0);
    const empty = await tokenServer({ reply: { json: { token_type: 'Bearer' } } });
    await expect(new OAuthClient(empty.url, { baseURL: server.url, clientId: 'a', clientSecret: 'b' }).get()).rejects.toThrow(/no access_token/);
  });

  it('never logs the client secret or the token', async () => {
    const tokens = await tokenServer({ expiresIn: 3600 });
    const server = await api((t) => t === 'tok-2');
    const lines: string[] = [];
    const logger: Logger = { debug: (m, d) => lines.push(m + JSON.stringify(d)), info: (m, d) => lines.push(m + JSON.stringify(d)), warn: (m, d) => lines.push(m + JSON.stringify(d)), error: (m, d) => lines.push(m + JSON.stringify(d)) };
    const client = new OAuthClient(tokens.url, { baseURL: server.url, clientId: 'a', clientSecret: SECRET, logger, logLevel: 'debug', logging, hooks: { onRequest: ({ request }) => { lines.push(request.headers.get('authorization') ?? ''); } } });
    await client.get();
    const logged = lines.filter((l) => !l.startsWith('Bearer '));
    expect(logged.length).toBeGreaterThan(2);
    for (const line of logged) {
      expect(line).not.toContain(SECRET);
      expect(line).not.toMatch(/tok-\d/);
    }
    expect(String(client)).not.toContain(SECRET);
    expect(JSON.stringify(client)).not.toContain(SECRET);
  });
});
