import { describe, expect, it } from 'vitest';
import { APIConnectionError, APIConnectionTimeoutError, APIUserAbortError, InternalServerError, RateLimitError } from '../../runtime/src/errors.js';
import { DEFAULT_RETRY, retryDelay } from '../../runtime/src/retry.js';
import { fakeApiPerTest, sequence, type Route } from '../support/fake-api.js';
import { BEARER, TestClient } from './test-client.js';

const serve = fakeApiPerTest();

export async function clientWith(route: Route, options: ConstructorParameters<typeof TestClient>[2] = {}) {
  const api = await serve(route);
  return { api, client: new TestClient(BEARER, { token: 'secret-token' }, { baseURL: api.url, retry: { initialDelayMs: 1, maxDelayMs: 4 }, ...options }) };
}

describe('retries', () => {
  it('503, 503, 200 succeeds on the third attempt', async () => {
    const { api, client } = await clientWith(sequence({ status: 503 }, { status: 503 }, { json: { ok: true } }));
    await expect(client.call()).resolves.toEqual({ ok: true });
    expect(api.received).toHaveLength(3);
  });

  it('waits as long as Retry-After / retry-after-ms say on 429', async () => {
    const { api, client } = await clientWith(sequence({ status: 429, headers: { 'retry-after': '0' } }, { status: 429, headers: { 'retry-after-ms': '60' } }, { json: 1 }), { retry: { initialDelayMs: 1, maxRetryAfterMs: 5000 } });
    const started = Date.now();
    await expect(client.call()).resolves.toBe(1);
    expect(api.received).toHaveLength(3);
    expect(Date.now() - started).toBeGreaterThanOrEqual(55);
  });

  it('reads Retry-After as seconds or an HTTP date, and backs off exponentially with jitter otherwise', () => {
    const config = { ...DEFAULT_RETRY, initialDelayMs: 100, maxDelayMs: 1000 };
    expect(retryDelay(1, new Headers({ 'retry-after': '2' }), config)).toBe(2000);
    const date = retryDelay(1, new Headers({ 'retry-after': new Date(Date.now() + 30_000).toUTCString() }), config)!;
    expect(date).toBeGreaterThan(28_000);
    expect(date).toBeLessThanOrEqual(30_000);
    expect(retryDelay(1, new Headers({ 'retry-after': '999999' }), config)).toBeUndefined();
    expect([1, 2, 3, 4, 5].map((n) => retryDelay(n, undefined, config, () => 1))).toEqual([100, 200, 400, 800, 1000]);
    expect(retryDelay(3, undefined, config, () => 0)).toBe(200);
  });

  it('gives up at once when Retry-After asks for longer than the cap', async () => {
    const { api, client } = await clientWith(sequence({ status: 429, headers: { 'retry-after': '999999' }, json: { message: 'slow down' } }, { json: 1 }));
    const started = Date.now();
    await expect(client.call()).rejects.toBeInstanceOf(RateLimitError);
    expect(api.received).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('retries a reset connection', async () => {
    const { api, client } = await clientWith(sequence({ reset: true }, { json: 'after reset' }));
    await expect(client.call()).resolves.toBe('after reset');
    expect(api.received).toHaveLength(2);
  });

  it('raises APIConnectionError when every attempt is reset', async () => {
    const { api, client } = await clientWith(() => ({ reset: true }), { maxRetries: 1 });
    await expect(client.call()).rejects.toBeInstanceOf(APIConnectionError);
    expect(api.received).toHaveLength(2);
  });

  it('does not retry POST without an idempotency key, and does with one', async () => {
    const { api, client } = await clientWith(sequence({ status: 503 }, { json: 'created' }));
    await expect(client.call({ method: 'POST' })).rejects.toBeInstanceOf(InternalServerError);
    expect(api.received).toHaveLength(1);
    await expect(client.call({ method: 'POST' }, { idempotencyKey: 'key-1' })).resolves.toBe('created');
    expect(api.received.map((r) => r.headers['idempotency-key'])).toEqual([undefined, 'key-1']);
  });

  it('maxRetries per call overrides the client', async () => {
    const { api, client } = await clientWith(() => ({ status: 500 }), { maxRetries: 5 });
    await expect(client.call({}, { maxRetries: 0 })).rejects.toBeInstanceOf(InternalServerError);
    expect(api.received).toHaveLength(1);
  });

  it('stops retrying when the total time budget is spent', async () => {
    const { api, client } = await clientWith(() => ({ status: 503 }), { maxRetries: 50, retry: { initialDelayMs: 20, maxDelayMs: 20, maxElapsedMs: 100 } });
    await expect(client.call()).rejects.toBeInstanceOf(InternalServerError);
    expect(api.received.length).toBeGreaterThan(1);
    expect(api.received.length).toBeLessThan(10);
  });
});

describe('timeouts and cancellation', () => {
  it('a request that gets no answer times out, and the server sees the connection close', async () => {
    // The timeout leaves a loaded machine time to deliver the request before it fires.
    const { api, client } = await clientWith(() => ({ hang: true }), { maxRetries: 0, timeout: 400 });
    const started = Date.now();
    await expect(client.call()).rejects.toBeInstanceOf(APIConnectionTimeoutError);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(api.received).toHaveLength(1);
    for (let i = 0; i < 40 && !api.received[0]!.abandoned; i++) await new Promise((r) => setTimeout(r, 25));
    expect(api.received[0]!.abandoned).toBe(true);
  });

  it('a timed-out attempt is retried like a connection error', async () => {
    const { api, client } = await clientWith(sequence({ hang: true }, { json: 'second' }), { timeout: 400 });
    await expect(client.call()).resolves.toBe('second');
    expect(api.received).toHaveLength(2);
  });

  it('aborting through a signal raises APIUserAbortError and is not retried', async () => {
    // Aborted once the server holds the request, however slowly it got there.
    const controller = new AbortController();
    const { api, client } = await clientWith(() => {
      setTimeout(() => controller.abort(), 0);
      return { hang: true };
    });
    const pending = client.call({}, { signal: controller.signal });
    await expect(pending).rejects.toBeInstanceOf(APIUserAbortError);
    expect(api.received).toHaveLength(1);
  });

  it('an already aborted signal sends nothing', async () => {
    const { api, client } = await clientWith(() => ({ json: 1 }));
    await expect(client.call({}, { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(APIUserAbortError);
    expect(api.received).toHaveLength(0);
  });
});
