import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { buildPackage } from '../../generator/src/generate.js';
import { STRICT_OPTIONS, typeCheckFiles } from '../support/compile.js';
import { ROOT } from '../support/packages.js';
import { delay, SSE_HEADERS, streamServerPerTest, write } from '../support/stream-server.js';
import { tempTree } from '../support/tmp.js';

const SPEC = join(ROOT, 'test/fixtures/streams/streams.yaml');
const { files, warnings } = buildPackage({ spec: SPEC, out: 'unused', name: 'streams', packageName: 'streams-sdk' });
const serve = streamServerPerTest();

function packageDir(): string {
  const tree: Record<string, string> = {};
  for (const [path, text] of files) tree[join('out', path)] = text;
  return tempTree(tree);
}

/** Code a user writes against both forms of each operation; `@ts-expect-error` lines must fail to compile. */
const CONSUMER = `
import Streams, { StreamsCore, chatCreateCompletion, filesListFiles, Stream, APIUserAbortError, type CompletionChunk, type Completion, type ServerSentEvent } from './out/src/index.js';
export async function use(client: Streams, flag: boolean) {
  const stream = await client.chat.createCompletion({ model: 'm', prompt: 'p', stream: true });
  const asStream: Stream<CompletionChunk> = stream;
  for await (const chunk of stream) {
    const delta: string = chunk.delta;
    // @ts-expect-error a chunk has no whole text
    chunk.text;
    void delta;
  }
  for await (const chunk of client.chat.createCompletion({ model: 'm', prompt: 'p', stream: true })) chunk.delta.toUpperCase();
  const whole: Completion = await client.chat.createCompletion({ model: 'm', prompt: 'p' });
  await client.chat.createCompletion({ model: 'm', prompt: 'p', stream: false });
  await client.chat.createCompletion({ model: 'm', prompt: 'p', stream: null });
  // @ts-expect-error the JSON form is not a stream
  for await (const x of await client.chat.createCompletion({ model: 'm', prompt: 'p' })) void x;
  const either = await client.chat.createCompletion({ model: 'm', prompt: 'p', stream: flag });
  if (either instanceof Stream) for await (const chunk of either) chunk.delta;
  else either.text;
  const standalone = await chatCreateCompletion(new StreamsCore(), { model: 'm', prompt: 'p', stream: true }, { idleTimeout: 5_000, maxReconnects: 1 });
  standalone.abort();

  for await (const line of client.logs.followLogs('job')) line.toUpperCase();
  // @ts-expect-error text events are strings
  for await (const line of client.logs.followLogs('job')) line.delta;
  const logs = await client.logs.followLogs('job', { since: 'yesterday' }, { idleTimeout: 1_000 });
  for await (const e of logs.events()) {
    const event: ServerSentEvent<string> = e;
    const id: string | undefined = e.id;
    const retry: number | undefined = e.retry;
    e.event.toUpperCase();
    void [event, id, retry];
  }
  const bytes: ReadableStream<Uint8Array> = logs.toReadableStream();
  logs.controller.abort();

  const audio: Response = await client.audio.createSpeech({ input: 'hi' });
  const buffer: ArrayBuffer = await audio.arrayBuffer();
  for await (const delta of client.audio.createSpeechStream({ input: 'hi' })) delta.audio.length;
  const file = await client.files.downloadFile('f');
  const body: ReadableStream<Uint8Array> | null = file.body;
  const blob: Blob = await file.blob();
  const xml: string = await client.files.getManifest('f');
  const names: string[] = await filesListFiles(new StreamsCore());
  return [asStream, whole, bytes, buffer, body, blob, xml, names, APIUserAbortError];
}
`;

describe('streams and downloads fixture', () => {
  it('generates without warnings, and the calls compile as users write them, with both forms typed', () => {
    expect(warnings).toEqual([]);
    const dir = packageDir();
    expect(typeCheckFiles({ [join(dir, 'consumer.ts')]: CONSUMER }, STRICT_OPTIONS)).toEqual([]);
  });

  it('the README documents streams and downloads, and every example in it compiles', () => {
    const readme = files.get('README.md')!;
    expect(readme).toContain('## Streaming');
    expect(readme).toContain('## Downloads');
    const dir = packageDir();
    const blocks = [...readme.matchAll(/^```ts\n([\s\S]*?)\n```$/gm)].map((m) => m[1]!);
    const roots: Record<string, string> = {};
    blocks.forEach((block, i) => {
      const text = /^import /m.test(block) ? block : `import type Streams from 'streams-sdk';\ndeclare const streams: Streams;\n${block}`;
      roots[join(dir, `example_${i}.mts`)] = `${text}\nexport {};\n`;
    });
    expect(blocks.length).toBeGreaterThan(8);
    expect(typeCheckFiles(roots, { ...STRICT_OPTIONS, types: ['node'], typeRoots: [join(ROOT, 'node_modules/@types')], paths: { 'streams-sdk': [join(dir, 'out/src/index.ts')] } })).toEqual([]);
  });

  it('a README without streaming or download operations says nothing of them', () => {
    const plain = buildPackage({ spec: join(ROOT, 'specs/syncano.yaml'), out: 'unused', name: 'syncano', packageName: 'syncano-sdk' }).files.get('README.md')!;
    expect(plain).not.toContain('## Streaming');
    expect(plain).not.toContain('## Downloads');
  });

  it('only modules with a streaming operation import the stream reader, and a bundle of another call leaves it out', async () => {
    expect(files.get('src/resources/files.ts')).not.toContain('streaming.js');
    expect(files.get('src/resources/chat.ts')).toContain('streaming.js');
    const dir = packageDir();
    const bundle = async (fn: string, args: string) => {
      const result = await build({
        stdin: { contents: `import { StreamsCore, ${fn} } from ${JSON.stringify(join(dir, 'out/src/index.ts'))};\nexport const run = () => ${fn}(new StreamsCore(), ${args});\n`, resolveDir: dir, loader: 'ts' },
        bundle: true, minify: true, format: 'esm', platform: 'browser', write: false, logLevel: 'silent',
      });
      return result.outputFiles[0]!.text;
    };
    const list = await bundle('filesListFiles', '');
    const chat = await bundle('chatCreateCompletion', "{ model: 'm', prompt: 'p', stream: true }");
    expect(list).not.toContain('Last-Event-ID');
    expect(chat).toContain('Last-Event-ID');
    expect(list.length).toBeLessThan(chat.length);
  });
});

describe('the generated client against a server', () => {
  /** The generated client, imported from its TypeScript sources; its types are proven by the compile test above. */
  interface Api {
    chat: { createCompletion(body: { model: string; prompt: string; stream?: boolean }): AsyncIterable<{ delta: string }> & Promise<unknown> };
    logs: { followLogs(job: string): AsyncIterable<string> };
    files: { downloadFile(id: string): Promise<Response> };
  }
  async function client(url: string): Promise<Api> {
    const mod = (await import(join(packageDir(), 'out/src/index.ts'))) as { default: new (options: object) => Api };
    return new mod.default({ baseURL: url, maxRetries: 0 });
  }

  it('stream: true gets the chunks, ending at the terminator the spec names; without it, the JSON', async () => {
    const server = await serve(async (res, exchange) => {
      if (exchange.headers['accept'] === 'application/json') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"id":"c1","text":"Hello"}');
        return;
      }
      res.writeHead(200, SSE_HEADERS);
      for (const delta of ['Hel', 'lo']) {
        await write(res, `data: {"id":"c1","delta":"${delta}"}\n\n`);
        await delay(5);
      }
      await write(res, 'data: [DONE]\n\n');
      await delay(3_000);
      res.end();
    });
    const api = await client(server.url);
    const deltas: string[] = [];
    for await (const chunk of api.chat.createCompletion({ model: 'm', prompt: 'p', stream: true })) deltas.push(chunk.delta);
    expect(deltas).toEqual(['Hel', 'lo']);
    expect(await server.exchanges[0]!.ended).toEqual({ finished: false });
    expect(JSON.parse(server.exchanges[0]!.body)).toEqual({ model: 'm', prompt: 'p', stream: true });
    const whole = await api.chat.createCompletion({ model: 'm', prompt: 'p' });
    expect(whole).toEqual({ id: 'c1', text: 'Hello' });
  });

  it('text events stay text and resume with Last-Event-ID; a download streams', async () => {
    const server = await serve(async (res, exchange, i) => {
      if (exchange.path.startsWith('/files')) {
        res.writeHead(200, { 'content-type': 'application/octet-stream' });
        res.end(Buffer.from([1, 2, 3]));
        return;
      }
      res.writeHead(200, SSE_HEADERS);
      if (i === 0) {
        await write(res, 'retry: 20\nid: 7\ndata: {"not":"parsed"}\n\n');
        await delay(10);
        res.destroy();
        return;
      }
      res.end('id: 8\ndata: 42\n\n');
    });
    const api = await client(server.url);
    const lines: string[] = [];
    for await (const line of api.logs.followLogs('job-1')) lines.push(line);
    expect(lines).toEqual(['{"not":"parsed"}', '42']);
    expect(server.exchanges.map((e) => [e.path, e.headers['last-event-id']])).toEqual([['/logs/job-1', undefined], ['/logs/job-1', '7']]);
    const file = await api.files.downloadFile('f1');
    expect([...new Uint8Array(await file.arrayBuffer())]).toEqual([1, 2, 3]);
  });
});
