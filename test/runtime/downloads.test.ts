import { describe, expect, it } from 'vitest';
import { streamServerPerTest, write } from '../support/stream-server.js';
import { BEARER, TestClient } from './test-client.js';

const serve = streamServerPerTest();
const CHUNK = new Uint8Array(64 * 1024).fill(7);
const TOTAL = 256 * 1024 * 1024;

/** A server that would send 256 MiB, only as fast as the client reads, counting what it wrote. */
async function bigFile() {
  const sent = { bytes: 0 };
  const server = await serve(async (res) => {
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(TOTAL) });
    while (sent.bytes < TOTAL) {
      if (!(await write(res, CHUNK))) return;
      sent.bytes += CHUNK.byteLength;
    }
    res.end();
  });
  return { server, sent, client: new TestClient(BEARER, { token: 'tok' }, { baseURL: server.url, maxRetries: 0 }) };
}

describe('downloads', () => {
  it('resolve to the Response before the body is read, so a large file streams without being buffered', async () => {
    const { server, sent, client } = await bigFile();
    const response = await client.call<Response>({ path: '/file', responseType: 'blob', accept: 'application/octet-stream' });
    expect(response.headers.get('content-length')).toBe(String(TOTAL));
    const reader = response.body!.getReader();
    const first = await reader.read();
    expect(first.value!.byteLength).toBeGreaterThan(0);
    await reader.cancel();
    expect(await server.exchanges[0]!.ended).toEqual({ finished: false });
    expect(sent.bytes).toBeLessThan(TOTAL / 8);
  });

  it("the caller's signal still stops a body being read after the call resolved", async () => {
    const { server, client } = await bigFile();
    const controller = new AbortController();
    const response = await client.call<Response>({ path: '/file', responseType: 'blob' }, { signal: controller.signal });
    const reader = response.body!.getReader();
    await reader.read();
    controller.abort();
    await expect(reader.read()).rejects.toThrow();
    expect(await server.exchanges[0]!.ended).toEqual({ finished: false });
  });

  it('a small download can be buffered with blob() or arrayBuffer()', async () => {
    const server = await serve((res) => { res.writeHead(200, { 'content-type': 'image/png' }); res.end(Buffer.from([137, 80, 78, 71])); });
    const client = new TestClient(BEARER, { token: 'tok' }, { baseURL: server.url, maxRetries: 0 });
    const bytes = new Uint8Array(await (await client.call<Response>({ path: '/img', responseType: 'blob' })).arrayBuffer());
    expect([...bytes]).toEqual([137, 80, 78, 71]);
    const blob = await (await client.call<Response>({ path: '/img', responseType: 'blob' })).blob();
    expect(blob.type).toBe('image/png');
  });
});
