import { createHash } from 'node:crypto';
import { build } from 'esbuild';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPackage } from '../../generator/src/generate.js';
import { STRICT_OPTIONS, typeCheckFiles } from '../support/compile.js';
import { fakeApiPerTest } from '../support/fake-api.js';
import { parseMultipart } from '../support/multipart.js';
import { ROOT } from '../support/packages.js';
import { delay, SSE_HEADERS, streamServerPerTest, write } from '../support/stream-server.js';
import { tempTree } from '../support/tmp.js';
import { newSecret, signDelivery, webhookEndpoint } from '../support/webhook-sender.js';

/**
 * corpus/feature-tour.yaml, our own spec that uses every feature a client
 * offers, generated and driven end to end against node:http servers on
 * 127.0.0.1 as a user's code would drive it.
 */
const SPEC = join(ROOT, 'corpus/feature-tour.yaml');
const { ir, files, warnings } = buildPackage({ spec: SPEC, out: 'unused', name: 'featuretour', packageName: 'feature-tour-sdk' });
const serveStream = streamServerPerTest();
const serve = fakeApiPerTest();

function packageDir(): string {
  const tree: Record<string, string> = {};
  for (const [path, text] of files) tree[join('out', path)] = text;
  return tempTree(tree);
}

const CONSUMER = `
import Featuretour, { FeaturetourCore, toFile, Stream, OAuthError, WebhookVerificationError, webhooksUnwrap, jobsFollowLog, type JobEvent, type Completion, type CompletionChunk, type StoredFile, type WebhookEvent, type ServerSentEvent } from './out/src/index.js';
export async function tour(client: Featuretour, bytes: Uint8Array<ArrayBuffer>, body: string, headers: Headers) {
  for await (const e of client.jobs.streamEvents('job_1')) { const p: number = e.progress; void p; }
  const events = await client.jobs.streamEvents('job_1');
  for await (const e of events.events()) { const whole: ServerSentEvent<JobEvent> = e; const id: string | undefined = e.id; void [whole, id]; }
  for await (const line of client.jobs.followLog('job_1', { level: 'warn' })) line.toUpperCase();
  // @ts-expect-error log lines are text
  for await (const line of client.jobs.followLog('job_1')) line.step;
  const whole: Completion = await client.completions.createCompletion({ prompt: 'hi' });
  const chunks: Stream<CompletionChunk> = await client.completions.createCompletion({ prompt: 'hi', stream: true });
  const stored: StoredFile = await client.files.uploadFile({ file: await toFile(bytes, 'data.bin'), purpose: 'training', attributes: { team: 'a' }, preview: new Blob([bytes]) });
  // @ts-expect-error a purpose the API does not take
  await client.files.uploadFile({ file: new Blob([]), purpose: 'fun' });
  const download: Response = await client.files.downloadFile('file_1');
  const xml: string = await client.reports.getReport('job_1');
  const event: WebhookEvent = await client.webhooks.unwrap(body, headers);
  if (event.type === 'job.failed') event.data.error.message.toUpperCase();
  if (event.type === 'file.uploaded') event.data.filename.toUpperCase();
  // @ts-expect-error only a failed job has an error
  event.data.error;
  const standalone = await webhooksUnwrap(body, headers);
  await client.webhooks.unwrap(bytes, headers);
  await webhooksUnwrap(Buffer.from(body), { 'webhook-id': 'msg', 'webhook-signature': ['v1,a', 'v1,b'] });
  for await (const line of jobsFollowLog(new FeaturetourCore({ accessToken: 't' }), 'job_1')) void line;
  new Featuretour({ clientId: 'id', clientSecret: 'secret', webhookSecret: 'whsec_x' });
  return [whole, chunks, stored, download, xml, standalone, OAuthError, WebhookVerificationError];
}
`;

describe('feature tour: generation', () => {
  it('generates without warnings, every feature in the IR', () => {
    expect(warnings).toEqual([]);
    const ops = new Map(ir.resources.flatMap((r) => r.operations).map((op) => [op.operationId, op]));
    expect(ops.get('streamEvents')?.stream).toMatchObject({ data: 'json', form: { kind: 'only' } });
    expect(ops.get('followLog')?.stream).toMatchObject({ data: 'text', form: { kind: 'only' } });
    expect(ops.get('createCompletion')?.stream).toMatchObject({ form: { kind: 'flag', property: 'stream' } });
    expect(ops.get('uploadFile')?.body?.contents[0]?.encoding?.map((e) => e.part)).toEqual(['file', 'attributes', 'preview']);
    expect(ops.get('downloadFile')?.responseKind).toBe('blob');
    expect(ops.get('getReport')?.responseKind).toBe('text');
    expect(ir.auth[0]).toMatchObject({ option: 'accessToken', clientCredentials: { tokenUrl: '/oauth/token', scopes: ['jobs:read', 'jobs:write', 'files:write'] } });
    expect(ir.webhooks).toMatchObject({ tag: 'type', secret: { option: 'webhookSecret', env: 'FEATURETOUR_WEBHOOK_SECRET' } });
    expect(ir.webhooks?.webhooks.map((w) => [w.name, w.type, w.tagValues])).toEqual([
      ['job.completed', { kind: 'ref', name: 'JobCompletedEvent' }, ['job.completed']],
      ['job.failed', { kind: 'ref', name: 'JobFailedEvent' }, ['job.failed']],
      ['file.uploaded', { kind: 'ref', name: 'FileUploadedEvent' }, ['file.uploaded']],
    ]);
  });

  it('users\' calls of every feature compile, and the README documents each feature with examples that compile', () => {
    const readme = files.get('README.md')!;
    for (const section of ['## Streaming', '## File uploads', '## Downloads', '### OAuth2 client credentials', '## Webhooks', '## Response validation']) expect(readme).toContain(section);
    expect(readme).toContain('The stream ends at the event whose data is `[DONE]`, the terminator the spec declares');
    const dir = packageDir();
    const roots: Record<string, string> = { [join(dir, 'consumer.ts')]: CONSUMER };
    const blocks = [...readme.matchAll(/^```ts\n([\s\S]*?)\n```$/gm)].map((m) => m[1]!);
    expect(blocks.length).toBeGreaterThan(12);
    blocks.forEach((block, i) => {
      const text = /^import /m.test(block) ? block : `import type Featuretour from 'feature-tour-sdk';\ndeclare const featuretour: Featuretour;\n${block}`;
      roots[join(dir, `example_${i}.mts`)] = `${text}\nexport {};\n`;
    });
    const options = { ...STRICT_OPTIONS, types: ['node'], typeRoots: [join(ROOT, 'node_modules/@types')], paths: { 'feature-tour-sdk': [join(dir, 'out/src/index.ts')] } };
    expect(typeCheckFiles(roots, options)).toEqual([]);
  }, 120_000);
});

describe('feature tour: bundles', () => {
  /** A minified browser bundle of `entry`, as a consumer's bundler would make it. */
  async function bundle(dir: string, entry: string): Promise<string> {
    const contents = entry.replace('PACKAGE', JSON.stringify(join(dir, 'out/src/index.ts')));
    const result = await build({ stdin: { contents, resolveDir: dir, loader: 'ts' }, bundle: true, minify: true, format: 'esm', platform: 'browser', write: false, logLevel: 'silent' });
    return result.outputFiles[0]!.text;
  }

  it('a webhook handler\'s bundle keeps the verifier and none of the client; an operation\'s bundle leaves the verifier out', async () => {
    const dir = packageDir();
    const handler = await bundle(dir, "import { webhooksUnwrap } from PACKAGE;\nexport const run = (body: string, headers: Headers) => webhooksUnwrap(body, headers);\n");
    const log = await bundle(dir, "import { FeaturetourCore, jobsFollowLog } from PACKAGE;\nexport const run = () => jobsFollowLog(new FeaturetourCore({ accessToken: 't' }), 'job_1');\n");
    const full = await bundle(dir, "import Featuretour from PACKAGE;\nexport const run = () => new Featuretour({ accessToken: 't' });\n");
    expect(handler).toContain('webhook-signature');
    for (const absent of ['/jobs/{job_id}/log', 'Last-Event-ID', 'client_credentials', 'maxRetries']) expect(handler).not.toContain(absent);
    expect(log).toContain('/jobs/{job_id}/log');
    expect(log).not.toContain('webhook-signature');
    expect(full).toContain('webhook-signature');
    expect(handler.length).toBeLessThan(log.length);
  });
});

/** The generated client, imported from its TypeScript sources; its types are proven by the compile test above. */
interface Tour {
  jobs: {
    streamEvents(job: string): AsyncIterable<{ step: string; progress: number }> & Promise<{ events(): AsyncIterable<{ id?: string; retry?: number; data: unknown }> }>;
    followLog(job: string, params?: { level?: string }): AsyncIterable<string>;
  };
  completions: { createCompletion(body: { prompt: string; stream?: boolean }): AsyncIterable<{ delta: string }> & Promise<unknown> };
  files: {
    uploadFile(body: { file: unknown; purpose: string; attributes?: Record<string, string>; preview?: unknown }): Promise<unknown>;
    downloadFile(id: string): Promise<Response>;
  };
  reports: { getReport(job: string): Promise<string> };
  webhooks: { unwrap(body: string | Uint8Array, headers: object, secret?: string, options?: { toleranceSeconds?: number; now?: number }): Promise<{ type: string }> };
}
interface Module {
  default: new (options: object) => Tour;
  featuretourValidators: unknown;
  toFile(data: unknown, name: string, options?: { type?: string }): Promise<File>;
  webhooksUnwrap(body: string, headers: object): Promise<{ type: string }>;
}
async function load(): Promise<Module> {
  return (await import(join(packageDir(), 'out/src/index.ts'))) as Module;
}

describe('feature tour: against node:http servers', () => {
  it('fetches a token with the client credentials and scopes, then sends it; an XML report arrives as text', async () => {
    const mod = await load();
    const server = await serve((r) => {
      if (r.path === '/oauth/token') return { json: { access_token: 'tok-1', token_type: 'Bearer', expires_in: 3600 } };
      if (r.headers['authorization'] !== 'Bearer tok-1') return { status: 401, json: { message: 'no' } };
      return { headers: { 'content-type': 'application/xml' }, text: '<report job="job_1"><status>succeeded</status></report>' };
    });
    const client = new mod.default({ baseURL: `${server.url}/v1`, clientId: 'tour-id', clientSecret: 's3cret', maxRetries: 0 });
    const [a, b] = await Promise.all([client.reports.getReport('job_1'), client.reports.getReport('job_2')]);
    expect([a, b]).toEqual(['<report job="job_1"><status>succeeded</status></report>', '<report job="job_1"><status>succeeded</status></report>']);
    const token = server.received.filter((r) => r.path === '/oauth/token');
    expect(token).toHaveLength(1);
    expect(Object.fromEntries(new URLSearchParams(token[0]!.body))).toEqual({ grant_type: 'client_credentials', scope: 'jobs:read jobs:write files:write' });
    expect(Buffer.from(String(token[0]!.headers['authorization']).replace(/^Basic /, ''), 'base64').toString()).toBe('tour-id:s3cret');
    expect(server.received.filter((r) => r.path.startsWith('/v1/reports/')).map((r) => [r.path, r.headers['accept'], r.headers['authorization']])).toEqual([
      ['/v1/reports/job_1', 'application/xml', 'Bearer tok-1'],
      ['/v1/reports/job_2', 'application/xml', 'Bearer tok-1'],
    ]);
  });

  it('JSON events resume with Last-Event-ID after a drop, waiting as retry: asks; text events stay text', async () => {
    const mod = await load();
    const server = await serveStream(async (res, exchange, i) => {
      res.writeHead(200, SSE_HEADERS);
      if (exchange.path.startsWith('/v1/jobs/job_1/log')) {
        res.end('id: l1\ndata: {"not":"parsed"}\n\nid: l2\ndata: done\n\n');
        return;
      }
      if (i === 0) {
        await write(res, 'retry: 50\nid: 1\ndata: {"job_id":"job_1","step":"queued","progress":0}\n\n');
        await delay(10);
        res.destroy();
        return;
      }
      res.end('id: 2\ndata: {"job_id":"job_1","step":"done","progress":1}\n\n');
    });
    const client = new mod.default({ baseURL: `${server.url}/v1`, accessToken: 'tok', maxRetries: 0 });
    const started = Date.now();
    const events = [];
    for await (const e of (await client.jobs.streamEvents('job_1')).events()) events.push(e);
    expect(events.map((e) => [e.id, e.data])).toEqual([['1', { job_id: 'job_1', step: 'queued', progress: 0 }], ['2', { job_id: 'job_1', step: 'done', progress: 1 }]]);
    expect(events[0]!.retry).toBe(50);
    expect(Date.now() - started).toBeGreaterThanOrEqual(40);
    expect(server.exchanges.map((e) => [e.path, e.headers['last-event-id'], e.headers['accept'], e.headers['authorization']])).toEqual([
      ['/v1/jobs/job_1/events', undefined, 'text/event-stream', 'Bearer tok'],
      ['/v1/jobs/job_1/events', '1', 'text/event-stream', 'Bearer tok'],
    ]);
    const lines: string[] = [];
    for await (const line of client.jobs.followLog('job_1', { level: 'warn' })) lines.push(line);
    expect(lines).toEqual(['{"not":"parsed"}', 'done']);
    expect(server.exchanges[2]!.path).toBe('/v1/jobs/job_1/log?level=warn');
  });

  it('stream: true gets the chunks up to [DONE]; without it, the JSON', async () => {
    const mod = await load();
    const server = await serveStream(async (res, exchange) => {
      if (exchange.headers['accept'] === 'application/json') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"id":"c1","text":"Hello"}');
        return;
      }
      res.writeHead(200, SSE_HEADERS);
      res.end('data: {"id":"c1","delta":"Hel"}\n\ndata: {"id":"c1","delta":"lo"}\n\ndata: [DONE]\n\n');
    });
    const client = new mod.default({ baseURL: `${server.url}/v1`, accessToken: 'tok', maxRetries: 0 });
    const deltas: string[] = [];
    for await (const chunk of client.completions.createCompletion({ prompt: 'hi', stream: true })) deltas.push(chunk.delta);
    expect(deltas).toEqual(['Hel', 'lo']);
    expect(await client.completions.createCompletion({ prompt: 'hi' })).toEqual({ id: 'c1', text: 'Hello' });
    expect(server.exchanges.map((e) => JSON.parse(e.body) as unknown)).toEqual([{ prompt: 'hi', stream: true }, { prompt: 'hi' }]);
  });

  it('a response that drifted from the spec is refused under strict validation, naming the place', async () => {
    const mod = await load();
    const server = await serveStream((res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"id":"c1","text":42}');
    });
    const options = { baseURL: `${server.url}/v1`, accessToken: 'tok', maxRetries: 0 };
    const strict = new mod.default({ ...options, validate: 'strict', validators: mod.featuretourValidators });
    await expect(strict.completions.createCompletion({ prompt: 'hi' })).rejects.toMatchObject({ name: 'ResponseValidationError', pointer: '/text' });
    expect(await new mod.default(options).completions.createCompletion({ prompt: 'hi' })).toEqual({ id: 'c1', text: 42 });
  });

  it('an upload arrives byte for byte, with its filenames, part content types and the header the spec fixes', async () => {
    const mod = await load();
    const server = await serve(() => ({ status: 201, json: { id: 'file_1', filename: 'data.bin', bytes: 256, purpose: 'training' } }));
    const client = new mod.default({ baseURL: `${server.url}/v1`, accessToken: 'tok', maxRetries: 0 });
    const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const stored = await client.files.uploadFile({ file: await mod.toFile(bytes, 'data.bin'), purpose: 'training', attributes: { team: 'tour', 'é': '☕' }, preview: new File([png], 'preview.png') });
    expect(stored).toEqual({ id: 'file_1', filename: 'data.bin', bytes: 256, purpose: 'training' });
    const [req] = server.received;
    const parts = parseMultipart(req!.headers['content-type'], req!.raw);
    expect(parts.map((p) => [p.name, p.filename, p.headers['content-type']])).toEqual([
      ['file', 'data.bin', 'application/octet-stream'],
      ['purpose', undefined, undefined],
      ['attributes', undefined, 'application/json'],
      ['preview', 'preview.png', 'image/png'],
    ]);
    expect(Buffer.compare(parts[0]!.data, Buffer.from(bytes))).toBe(0);
    expect(parts[0]!.headers['x-checksum-algorithm']).toBe('sha256');
    expect(parts[1]!.data.toString()).toBe('training');
    expect(JSON.parse(parts[2]!.data.toString('utf8'))).toEqual({ team: 'tour', 'é': '☕' });
    expect(Buffer.compare(parts[3]!.data, Buffer.from(png))).toBe(0);
  });

  it('a large download is read as it arrives: the server is still sending when the first bytes are read', async () => {
    const mod = await load();
    const CHUNK = 64 * 1024;
    const TOTAL = 1024 * CHUNK; // 64 MiB
    const chunk = (i: number) => Buffer.alloc(CHUNK, i % 251);
    let sent = 0;
    const server = await serveStream(async (res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(TOTAL) });
      for (let i = 0; i * CHUNK < TOTAL; i++) {
        if (!(await write(res, chunk(i)))) return;
        sent += CHUNK;
      }
      res.end();
    });
    const client = new mod.default({ baseURL: `${server.url}/v1`, accessToken: 'tok', maxRetries: 0 });
    const response = await client.files.downloadFile('file_1');
    const reader = response.body!.getReader();
    const hash = createHash('sha256');
    let read = 0;
    let sentWhenFirstRead: number | undefined;
    for (let next = await reader.read(); !next.done; next = await reader.read()) {
      sentWhenFirstRead ??= sent;
      hash.update(next.value);
      read += next.value.byteLength;
    }
    const expected = createHash('sha256');
    for (let i = 0; i * CHUNK < TOTAL; i++) expected.update(chunk(i));
    expect(read).toBe(TOTAL);
    expect(hash.digest('hex')).toBe(expected.digest('hex'));
    // Back-pressure held the server to what the sockets buffer: far less than the whole body.
    expect(sentWhenFirstRead).toBeLessThan(TOTAL / 4);
  }, 60_000);

  it('webhooks: a signed delivery is unwrapped to its typed event; tampered and expired ones are refused', async () => {
    const mod = await load();
    const { key, secret } = newSecret();
    const client = new mod.default({ accessToken: 'tok', webhookSecret: secret });
    const endpoint = await webhookEndpoint((body, headers) => client.webhooks.unwrap(body, headers));
    try {
      const body = JSON.stringify({ id: 'evt_1', type: 'job.failed', created_at: 1_700_000_000, data: { job_id: 'job_1', error: { message: 'out of memory' } } });
      expect(await endpoint.send(body, signDelivery(body, key))).toEqual({ status: 200, event: JSON.parse(body) });
      expect(await endpoint.send(body.replace('out of', 'plenty of'), signDelivery(body, key))).toMatchObject({ status: 400, error: 'WebhookVerificationError', message: 'No webhook signature matches.' });
      const hourAgo = Math.floor(Date.now() / 1000) - 3600;
      expect(await endpoint.send(body, signDelivery(body, key, { timestamp: hourAgo }))).toMatchObject({ status: 400, error: 'WebhookVerificationError', message: 'Webhook timestamp is too old.' });
      expect(await endpoint.send(body, signDelivery(body, newSecret().key))).toMatchObject({ status: 400, message: 'No webhook signature matches.' });
    } finally {
      await endpoint.close();
    }
    // As the bytes received (a Node Buffer), as express.raw() gives them.
    const bytes = await webhookEndpoint((_text, headers, raw) => client.webhooks.unwrap(raw, headers));
    try {
      const body = JSON.stringify({ id: 'evt_3', type: 'job.completed', created_at: 1_700_000_000, data: { job_id: 'job_☕', status: 'succeeded' } });
      expect(await bytes.send(body, signDelivery(body, key))).toEqual({ status: 200, event: JSON.parse(body) });
      expect(await bytes.send(body.replace('☕', '☔'), signDelivery(body, key))).toMatchObject({ status: 400, message: 'No webhook signature matches.' });
    } finally {
      await bytes.close();
    }
  });

  it('webhooks: the standalone unwrap reads FEATURETOUR_WEBHOOK_SECRET, and says what to set when it is missing', async () => {
    const mod = await load();
    const { key, secret } = newSecret();
    const body = JSON.stringify({ id: 'evt_2', type: 'file.uploaded', created_at: 1_700_000_000, data: { id: 'file_1', filename: 'a.txt', bytes: 1, purpose: 'evaluation' } });
    delete process.env['FEATURETOUR_WEBHOOK_SECRET'];
    await expect(mod.webhooksUnwrap(body, signDelivery(body, key))).rejects.toThrow('No webhook secret: pass one to unwrap(), set the client\'s `webhookSecret` option or the FEATURETOUR_WEBHOOK_SECRET environment variable.');
    try {
      process.env['FEATURETOUR_WEBHOOK_SECRET'] = secret;
      await expect(mod.webhooksUnwrap(body, new Headers(signDelivery(body, key)))).resolves.toEqual(JSON.parse(body));
    } finally {
      delete process.env['FEATURETOUR_WEBHOOK_SECRET'];
    }
  });
});
