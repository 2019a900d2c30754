import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPackage } from '../../generator/src/generate.js';
import { STRICT_OPTIONS, typeCheckFiles } from '../support/compile.js';
import { ROOT } from '../support/packages.js';
import { tempTree } from '../support/tmp.js';

/** OpenAI's upload operations take every kind of file a user has at hand, and refuse what is not one. */
describe('openai.yaml uploads', () => {
  const { files } = buildPackage({ spec: join(ROOT, 'corpus/openai.yaml'), out: 'unused', name: 'openai', packageName: 'openai-sdk' });

  it('send files as multipart parts named as in the spec', () => {
    const text = [...files.values()].join('\n');
    expect(text).toMatch(/path: '\/files',\n\s+body,\n\s+contentType: 'multipart\/form-data'/);
    expect(text).toMatch(/path: '\/audio\/transcriptions',\n\s+body,\n\s+contentType: 'multipart\/form-data'/);
    expect(files.get('src/models.ts')).toMatch(/export interface CreateFileRequest \{[^}]*file: Uploadable;/);
  });

  it('type-check createFile and createTranscription with toFile, a Blob and bytes', () => {
    const tree: Record<string, string> = {};
    for (const [path, text] of files) tree[join('out', path)] = text;
    const dir = tempTree(tree);
    const consumer = `
import Openai, { toFile } from './out/src/index.js';
export async function upload(client: Openai, bytes: Uint8Array, stream: ReadableStream<Uint8Array>) {
  await client.files.createFile({ file: await toFile(bytes, 'train.jsonl', { type: 'application/jsonl' }), purpose: 'fine-tune' });
  await client.files.createFile({ file: new Blob(['{}']), purpose: 'batch' });
  await client.audio.createTranscription({ file: await toFile(new Response(stream), 'speech.mp3'), model: 'whisper-1' });
  await client.audio.createTranscription({ file: new File(['...'], 'speech.mp3'), model: 'whisper-1' });
  // @ts-expect-error a file name is not a file
  await client.files.createFile({ file: 'train.jsonl', purpose: 'batch' });
}
`;
    expect(typeCheckFiles({ [join(dir, 'consumer.ts')]: consumer }, STRICT_OPTIONS)).toEqual([]);
  });
});
