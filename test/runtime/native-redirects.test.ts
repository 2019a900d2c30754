import { afterEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { fakeApi, type Route } from '../support/fake-api.js';

// A client without its own redirect follower leaves redirects to fetch only
// because fetch drops `Authorization` when a redirect changes origin. These
// tests hold the platform's fetch to that, with real servers on 127.0.0.1.

const REDIRECTS = [301, 302, 303, 307, 308] as const;
const HEADERS = { authorization: 'Bearer sk-native', 'x-api-key': 'sk-native' };

const open: Awaited<ReturnType<typeof fakeApi>>[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((o) => o.close()));
});

async function origin(route: Route) {
  const o = await fakeApi(route);
  open.push(o);
  return o;
}

describe("the platform fetch's own redirect following", () => {
  it.each(REDIRECTS)('%i to another origin (another port) drops Authorization and keeps any other header', async (status) => {
    const other = await origin(() => ({ text: 'ok' }));
    const api = await origin(() => ({ status, headers: { location: `${other.url}/final` } }));
    for (const method of ['GET', 'POST']) {
      const response = await fetch(`${api.url}/start`, { method, headers: HEADERS, body: method === 'POST' ? '{}' : null, redirect: 'follow' });
      expect([response.status, response.redirected, response.url]).toEqual([200, true, `${other.url}/final`]);
    }
    expect(other.received.map((r) => [r.headers['authorization'], r.headers['x-api-key']])).toEqual([[undefined, 'sk-native'], [undefined, 'sk-native']]);
    expect(api.received.every((r) => r.headers['authorization'] === HEADERS.authorization)).toBe(true);
  });

  it.each(REDIRECTS)('%i on the same origin keeps Authorization', async (status) => {
    const api = await origin((req) => (req.path === '/final' ? { text: 'ok' } : { status, headers: { location: '/final' } }));
    await fetch(`${api.url}/start`, { headers: HEADERS, redirect: 'follow' });
    expect(api.received.map((r) => r.headers['authorization'])).toEqual([HEADERS.authorization, HEADERS.authorization]);
  });

  it('https to http drops Authorization and reports where it ended (real TLS, the test certificate trusted through NODE_EXTRA_CA_CERTS)', () => {
    const script = fileURLToPath(new URL('../support/native-downgrade.mjs', import.meta.url));
    const cert = fileURLToPath(new URL('../fixtures/tls/cert.pem', import.meta.url));
    const child = spawnSync(process.execPath, [script], { encoding: 'utf8', env: { ...process.env, NODE_EXTRA_CA_CERTS: cert }, timeout: 30_000 });
    expect(child.stderr).toBe('');
    const seen = JSON.parse(child.stdout) as { status: number; redirected: boolean; url: string; authorization: string | null; apiKey: string | null }[];
    expect(seen).toHaveLength(REDIRECTS.length);
    for (const s of seen) expect([s.redirected, s.url.startsWith('http:'), s.authorization, s.apiKey]).toEqual([true, true, null, 'sk-native']);
  });
});
