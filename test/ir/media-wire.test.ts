import { build } from 'esbuild';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fakeApiPerTest } from '../support/fake-api.js';
import { tempTree } from '../support/tmp.js';
import { buildFixture } from './fixture.js';

interface MediaClient {
  items: { createItem(body: unknown): Promise<unknown>; replaceItem(body: unknown): Promise<unknown>; search(body?: unknown): Promise<unknown> };
}
type MediaConstructor = new (options: { baseURL: string; maxRetries: number }) => MediaClient;

/** The generated client, bundled as a user's build would, talking to a real server on 127.0.0.1. */
async function loadClient(): Promise<MediaConstructor> {
  const { files } = buildFixture('media.yaml');
  const tree: Record<string, string> = {};
  for (const [path, text] of files) tree[path] = text;
  const dir = tempTree(tree);
  const out = join(dir, 'bundle.mjs');
  const result = await build({ entryPoints: [join(dir, 'src/index.ts')], bundle: true, format: 'esm', platform: 'neutral', write: false, logLevel: 'silent' });
  writeFileSync(out, result.outputFiles[0]!.text);
  const mod = (await import(pathToFileURL(out).href)) as { default: MediaConstructor };
  return mod.default;
}

describe('media types on the wire', () => {
  const serve = fakeApiPerTest();

  it('sends application/json for a body also offered as application/*+json, and a GET the spec gave a body goes out without one', async () => {
    const Media = await loadClient();
    const api = await serve(() => ({ status: 200, json: [{ name: 'n' }] }));
    const client = new Media({ baseURL: api.url, maxRetries: 0 });
    await client.items.createItem({ name: 'n' });
    await client.items.replaceItem({ name: 'm' });
    // A caller of an older generation still passing the body: it is not sent, and fetch does not throw.
    await expect(client.items.search({ name: 'q' })).resolves.toEqual([{ name: 'n' }]);
    expect(api.received.map((r) => [r.method, r.headers['content-type'], r.body])).toEqual([
      ['POST', 'application/json', '{"name":"n"}'],
      ['PUT', 'application/json', '{"name":"m"}'],
      ['GET', undefined, ''],
    ]);
  });
});
