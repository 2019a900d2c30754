import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPackage } from '../../generator/src/generate.js';
import { countAnyTypes, STRICT_OPTIONS, typeCheckFiles } from '../support/compile.js';
import { ROOT } from '../support/packages.js';
import { tempTree } from '../support/tmp.js';

const FIXTURES = join(ROOT, 'test/fixtures/features');

/** Code a user would write against each fixture's package; `@ts-expect-error` lines must fail to compile. */
const CONSUMERS: Record<string, string> = {
  composition: `
import type { Pet, Shape, Reading } from './out/src/index.js';
export function describe(pet: Pet): string {
  if (pet.kind === 'cat') return String(pet.indoor) + pet.name + pet.id;
  return String(pet.barks);
}
export function area(shape: Shape): number {
  return shape.sides === 0 ? shape.radius : shape.edge;
}
// @ts-expect-error a discriminator value outside the mapping
export const bad: Pet = { kind: 'cow', id: '1', name: 'x' };
export const reading: Reading = { value: { id: 'e' } };
`,
  types: `
import type { Account, AccountInput, Closed, Json, Node, Primitives } from './out/src/index.js';
export const tree: Node = { children: [{ children: [] }] };
export const json: Json = [1, 'a', [2]];
export const closed: Closed = {};
export function read(a: Account): string {
  // @ts-expect-error write-only properties never come back
  a.password;
  // @ts-expect-error read-only properties cannot be assigned
  a.id = 'x';
  return a.id;
}
// @ts-expect-error read-only properties are not sent
export const input: AccountInput = { id: '1', email: 'a@b.c', password: 'p' };
export const ok: AccountInput = { email: 'a@b.c', password: 'p', owner: { name: 'n' } };
export const p: Primitives = { const_string: 'fixed', const_number: 42, mixed_enum: null, tuple: ['a', 1] };
`,
  bodies: `
import Bodies from './out/src/index.js';
export async function use(client: Bodies) {
  const uploaded = await client.files.uploadFile({ file: new Blob(['x']), purpose: 'batch' });
  const download: Response = await client.files.downloadFile('id');
  const blob: Blob = await download.blob();
  const text: string = await client.health.health();
  for await (const event of client.completions.streamCompletion({ prompt: 'hi' })) {
    const delta: string = event.delta;
    void delta;
  }
  return [uploaded.id, blob.size, text.length];
}
`,
  media: `
import Media, { toFile, type Uploadable } from './out/src/index.js';
export async function use(client: Media, bytes: Uint8Array, stream: ReadableStream<Uint8Array>, chunks: AsyncIterable<Uint8Array>) {
  await client.assets.createAsset({ file: await toFile(bytes, 'a.png', { type: 'image/png' }), title: 't' });
  await client.assets.createAsset({ file: new Blob(['x']), title: 't', thumbnail: stream, metadata: { k: 'v' } });
  await client.assets.createAsset({ file: new Response('x'), title: 't' });
  await client.assets.createAsset({ file: chunks, title: 't' });
  await client.assets.createAsset({ file: new ArrayBuffer(8), title: 't' });
  await client.assets.importAsset({ name: 'n', file: bytes }, { contentType: 'multipart/form-data' });
  await client.assets.replaceAssetContent('id', stream);
  const blob: Blob = await (await client.assets.downloadAsset('id')).blob();
  // @ts-expect-error a number is not a file
  await client.assets.createAsset({ file: 42, title: 't' });
  // @ts-expect-error a download is the unread Response, not any upload
  const notUpload: Uint8Array = await client.assets.downloadAsset('id');
  const u: Uploadable = blob;
  const machine = new Media({ clientId: 'id', clientSecret: 'secret' });
  return [u, notUpload, machine];
}
`,
  parameters: `
import Parameters from './out/src/index.js';
export async function use(client: Parameters) {
  const results: string[] = await client.search.search('a', [1, 2], { limit: 5, tags: ['x'], csv: ['a'], filter: { status: 'new' }, page_size: 10, x_request_id: 'r', session: 's' });
  // @ts-expect-error limit is required
  await client.search.search('a', [1], {});
  return results;
}
`,
  names: `
import Names, { NamesCore, thingsGet2, type Class, type User, type User2, type T404, type PromiseModel } from './out/src/index.js';
export async function use(client: Names) {
  await client.things.get('c', 't');
  await thingsGet2(new NamesCore(), 'c', 't');
  const c: Class = await client.class.getClassByDefault('d', { for: 'x', '2fa': true });
  await client.class.deleteClassByDefault('d');
  const u: User = await client.users.listUsers();
  await client.users.listUsers2();
  const u2: User2 = { full_name: 'x' };
  const nf: T404 = { message: 'gone' };
  const p: PromiseModel = 'p';
  return [c['kebab-case'], c.constructor, c.status === '\\u2028', u, u2, nf, p];
}
`,
};

describe.each(readdirSync(FIXTURES).filter((f) => f.endsWith('.yaml')).sort())('feature fixture %s', (file) => {
  const name = file.replace(/\.yaml$/, '');
  const { files, warnings } = buildPackage({ spec: join(FIXTURES, file), out: 'unused', name, packageName: `${name}-sdk` });

  it('matches its reviewed snapshot', async () => {
    for (const [path, text] of files) {
      if (path.startsWith('src/') && !path.startsWith('src/core/')) await expect(text).toMatchFileSnapshot(join('__snapshots__/features', name, `${path}.snap`));
    }
  });

  it('compiles under strict with no any, and reads as its users expect', () => {
    const tree: Record<string, string> = {};
    for (const [path, text] of files) tree[join('out', path)] = text;
    const dir = tempTree(tree);
    const consumer = CONSUMERS[name];
    const roots: Record<string, string> = consumer ? { [join(dir, 'consumer.ts')]: consumer } : { [join(dir, 'out/src/index.ts')]: files.get('src/index.ts')! };
    expect(typeCheckFiles(roots, STRICT_OPTIONS)).toEqual([]);
    for (const [path, text] of files) if (path.endsWith('.ts')) expect(countAnyTypes(text), path).toBe(0);
    for (const w of warnings) expect(w.location, w.message).toBeDefined();
  });
});
