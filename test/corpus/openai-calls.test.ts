import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPackage } from '../../generator/src/generate.js';
import { fakeApiPerTest } from '../support/fake-api.js';
import { parseMultipart } from '../support/multipart.js';
import { ROOT } from '../support/packages.js';
import { SSE_HEADERS, streamServerPerTest } from '../support/stream-server.js';
import { tempTree } from '../support/tmp.js';

/**
 * openai.yaml's streaming and upload operations, generated and called
 * against node:http servers on 127.0.0.1 that answer as the API does; their
 * types are proven in openai-types.test.ts and openai-uploads.test.ts.
 */
/** openai.yaml does not declare the `[DONE]` its chat streams end with; our overlay does. */
const OVERLAY = join(ROOT, 'corpus/openai.overlay.yaml');
const OPTIONS = { spec: join(ROOT, 'corpus/openai.yaml'), out: 'unused', name: 'openai', packageName: 'openai-sdk' };
const { files } = buildPackage({ ...OPTIONS, overlays: [OVERLAY] });
const serveStream = streamServerPerTest();
const serve = fakeApiPerTest();

interface OpenAI {
  chat: { createChatCompletion(body: object): AsyncIterable<{ choices: { delta: { content?: string } }[] }> & Promise<unknown> };
  files: { createFile(body: { file: unknown; purpose: string }): Promise<{ id: string }> };
}
interface Module {
  default: new (options: object) => OpenAI;
  toFile(data: unknown, name: string, options?: { type?: string }): Promise<File>;
}
async function load(generated = files): Promise<Module> {
  const tree: Record<string, string> = {};
  for (const [path, text] of generated) tree[join('out', path)] = text;
  return (await import(join(tempTree(tree), 'out/src/index.ts'))) as Module;
}

describe('openai.yaml calls against a server', () => {
  it('a chat completion with stream: true yields its chunks and ends at [DONE], the terminator our overlay declares', async () => {
    const mod = await load();
    const chunk = (content: string) => JSON.stringify({ id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o', choices: [{ index: 0, delta: { content }, finish_reason: null }] });
    const server = await serveStream((res) => {
      res.writeHead(200, SSE_HEADERS);
      res.write(`data: ${chunk('Hel')}\n\ndata: ${chunk('lo')}\n\ndata: [DONE]\n\n`);
      // Left open: the stream must end at [DONE], not when the connection does.
      setTimeout(() => res.end(`data: ${chunk(' late')}\n\n`), 5_000);
    });
    const client = new mod.default({ baseURL: server.url, apiKeyAuth: 'sk-test', maxRetries: 0 });
    const text: string[] = [];
    for await (const c of client.chat.createChatCompletion({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }], stream: true })) text.push(c.choices[0]?.delta.content ?? '');
    expect(text.join('')).toBe('Hello');
    const [exchange] = server.exchanges;
    expect([exchange!.path, exchange!.headers['accept'], exchange!.headers['authorization']]).toEqual(['/chat/completions', 'text/event-stream', 'Bearer sk-test']);
    expect(JSON.parse(exchange!.body)).toEqual({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }], stream: true });
    expect(await exchange!.ended).toEqual({ finished: false });
  });

  it('without the overlay, [DONE] is data that is not JSON, and the stream says so', async () => {
    const bare = buildPackage(OPTIONS).files;
    expect([...bare.values()].some((t) => t.includes("streamTerminator: '[DONE]'"))).toBe(false);
    expect([...files.values()].filter((t) => t.includes("streamTerminator: '[DONE]'"))).toHaveLength(1);
    const mod = await load(bare);
    const server = await serveStream((res) => {
      res.writeHead(200, SSE_HEADERS);
      res.end('data: [DONE]\n\n');
    });
    const client = new mod.default({ baseURL: server.url, apiKeyAuth: 'sk-test', maxRetries: 0 });
    const error = await (async () => { for await (const _ of client.chat.createChatCompletion({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }], stream: true })) void _; })().catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/not JSON: \[DONE\]/);
  });

  it('createFile sends the file byte for byte, with its filename, beside its purpose', async () => {
    const mod = await load();
    const server = await serve(() => ({ json: { id: 'file-1', object: 'file', bytes: 3, created_at: 1, filename: 'train.jsonl', purpose: 'fine-tune', status: 'uploaded' } }));
    const client = new mod.default({ baseURL: server.url, apiKeyAuth: 'sk-test', maxRetries: 0 });
    const bytes = new TextEncoder().encode('{"prompt":"é"}\n');
    expect((await client.files.createFile({ file: await mod.toFile(bytes, 'train.jsonl', { type: 'application/jsonl' }), purpose: 'fine-tune' })).id).toBe('file-1');
    const [req] = server.received;
    expect(req!.path).toBe('/files');
    const parts = parseMultipart(req!.headers['content-type'], req!.raw);
    expect(parts.map((p) => [p.name, p.filename, p.headers['content-type']])).toEqual([['file', 'train.jsonl', 'application/jsonl'], ['purpose', undefined, undefined]]);
    expect(Buffer.compare(parts[0]!.data, Buffer.from(bytes))).toBe(0);
    expect(parts[1]!.data.toString()).toBe('fine-tune');
  });
});
