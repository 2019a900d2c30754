import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SDKError } from '../../runtime/src/errors.js';
import { toFile, type Uploadable } from '../../runtime/src/to-file.js';
import { uploads } from '../../runtime/src/uploads.js';
import { fakeApiPerTest } from '../support/fake-api.js';
import { parseMultipart } from '../support/multipart.js';
import { TestClient } from './test-client.js';

const serve = fakeApiPerTest();
/** Every byte value, so no text decoding can pass unnoticed. */
const BYTES = Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 7) % 256));

async function client() {
  const api = await serve(() => ({ json: { ok: true } }));
  return { api, client: new TestClient([], {}, { baseURL: api.url, maxRetries: 0 }) };
}

function streamOf(chunks: Uint8Array[]): ReadableStream<Uint8Array> {
  return new ReadableStream({ start(c) { for (const x of chunks) c.enqueue(x); c.close(); } });
}

async function* generated(): AsyncIterable<Uint8Array> {
  yield BYTES.subarray(0, 100);
  yield BYTES.subarray(100);
}

const dir = mkdtempSync(join(tmpdir(), 'sdkgen-uploads-'));
const file = join(dir, 'report.bin');
writeFileSync(file, BYTES);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('multipart uploads', () => {
  const kinds: [string, () => Uploadable, string][] = [
    ['Blob', () => new Blob([BYTES]), 'file'],
    ['File', () => new File([BYTES], 'named.bin', { type: 'application/x-thing' }), 'named.bin'],
    ['Uint8Array', () => new Uint8Array(BYTES), 'file'],
    ['ArrayBuffer', () => new Uint8Array(BYTES).buffer, 'file'],
    ['Buffer (a slice of a shared pool)', () => Buffer.concat([Buffer.from('xx'), BYTES]).subarray(2), 'file'],
    ['ReadableStream', () => streamOf([BYTES.subarray(0, 3), BYTES.subarray(3)]), 'file'],
    ['fetch Response', () => new Response(BYTES), 'file'],
    ['fs.ReadStream', () => createReadStream(file) as unknown as Uploadable, 'report.bin'],
    ['async iterable', () => generated(), 'file'],
  ];

  it.each(kinds)('sends a %s byte for byte, with its part name and filename', async (_, make, filename) => {
    const { api, client: c } = await client();
    await c.call({ uploads, method: 'POST', body: { file: make(), purpose: 'batch' }, contentType: 'multipart/form-data' });
    const r = api.received[0]!;
    const parts = parseMultipart(r.headers['content-type'], r.raw);
    expect(parts.map((p) => p.name)).toEqual(['file', 'purpose']);
    expect(parts[0]!.filename).toBe(filename);
    expect(parts[0]!.data.equals(BYTES)).toBe(true);
    expect(parts[0]!.headers['content-type']).toBe(filename === 'named.bin' ? 'application/x-thing' : 'application/octet-stream');
    expect(parts[1]!.data.toString()).toBe('batch');
    expect(Number(r.headers['content-length'])).toBe(r.raw.length);
  });

  it('toFile names and types a file, and names a read stream by its path', async () => {
    const { api, client: c } = await client();
    await c.call({
      uploads,
      method: 'POST',
      contentType: 'multipart/form-data',
      body: { a: await toFile(BYTES, 'a "quoted"\r\nname.png', { type: 'image/png' }), b: await toFile(createReadStream(file) as unknown as Uploadable), c: await toFile(new Response('hi', { headers: { 'content-type': 'text/plain; charset=utf-8' } }), 'c.txt') },
    });
    const r = api.received[0]!;
    const [a, b, cc] = parseMultipart(r.headers['content-type'], r.raw);
    expect(a).toMatchObject({ name: 'a', filename: 'a %22quoted%22%0D%0Aname.png', headers: { 'content-type': 'image/png' } });
    expect(a!.data.equals(BYTES)).toBe(true);
    expect(b).toMatchObject({ name: 'b', filename: 'report.bin' });
    expect(b!.data.equals(BYTES)).toBe(true);
    expect(cc).toMatchObject({ name: 'c', filename: 'c.txt', headers: { 'content-type': 'text/plain' } });
    expect(cc!.data.toString()).toBe('hi');
  });

  it('follows the per-part encoding: content types and headers; arrays repeat the part; objects are JSON', async () => {
    const { api, client: c } = await client();
    await c.call({
      uploads,
      method: 'POST',
      contentType: 'multipart/form-data',
      encoding: { image: { contentType: 'image/png', headers: { 'X-Rate-Limit-Limit': '10' } }, meta: { contentType: 'application/json' }, ids: {} },
      body: { image: new Uint8Array([1, 2]), meta: { k: 'v' }, ids: [1, 2], skipped: undefined, when: new Date('2024-01-02T03:04:05Z') },
    });
    const r = api.received[0]!;
    const parts = parseMultipart(r.headers['content-type'], r.raw);
    expect(parts.map((p) => [p.name, p.data.toString('latin1')])).toEqual([['image', '\x01\x02'], ['meta', '{"k":"v"}'], ['ids', '1'], ['ids', '2'], ['when', '2024-01-02T03:04:05.000Z']]);
    expect(parts[0]!.headers).toMatchObject({ 'content-type': 'image/png', 'x-rate-limit-limit': '10' });
    expect(parts[1]!.headers['content-type']).toBe('application/json');
    expect(parts[2]!.headers['content-type']).toBeUndefined();
  });

  it('retries a multipart upload with the same bytes', async () => {
    let n = 0;
    const api = await serve(() => (n++ === 0 ? { status: 503, json: {} } : { json: {} }));
    const c = new TestClient([], {}, { baseURL: api.url, maxRetries: 1, retry: { initialDelayMs: 1, maxDelayMs: 1 } });
    await c.call({ uploads, method: 'PUT', body: { file: generated() }, contentType: 'multipart/form-data' });
    const [first, second] = api.received.map((r) => parseMultipart(r.headers['content-type'], r.raw)[0]!.data);
    expect(first!.equals(BYTES)).toBe(true);
    expect(second!.equals(BYTES)).toBe(true);
  });
});

describe('choosing multipart over JSON', () => {
  const offered = { uploads, method: 'POST' as const, contentType: 'application/json', contentTypes: ['multipart/form-data'] };

  it('sends JSON by default, multipart when the body holds a file, and what the call asks for', async () => {
    const { api, client: c } = await client();
    await c.call({ uploads, ...offered, body: { purpose: 'x' } });
    await c.call({ uploads, ...offered, body: { file: new Blob(['abc']), purpose: 'x' } });
    await c.call({ uploads, ...offered, body: { purpose: 'x' } }, { contentType: 'multipart/form-data' });
    const [json, auto, chosen] = api.received;
    expect(json!.headers['content-type']).toBe('application/json');
    expect(auto!.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(parseMultipart(auto!.headers['content-type'], auto!.raw).map((p) => p.name)).toEqual(['file', 'purpose']);
    expect(parseMultipart(chosen!.headers['content-type'], chosen!.raw)[0]).toMatchObject({ name: 'purpose' });
  });

  it('refuses a media type the operation does not offer, before sending', async () => {
    const { api, client: c } = await client();
    await expect(c.call({ uploads, ...offered, body: {} }, { contentType: 'text/csv' })).rejects.toBeInstanceOf(SDKError);
    expect(api.received).toHaveLength(0);
  });
});

describe('raw bodies', () => {
  it('sends a stream, a Response or a read stream as the whole body', async () => {
    const { api, client: c } = await client();
    for (const body of [generated(), new Response(BYTES), streamOf([BYTES])]) await c.call({ uploads, method: 'PUT', body, contentType: 'application/octet-stream' });
    for (const r of api.received) expect(r.raw.equals(BYTES)).toBe(true);
  });
});
