import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPackage } from '../../generator/src/generate.js';
import { STRICT_OPTIONS, typeCheckFiles } from '../support/compile.js';
import { ROOT } from '../support/packages.js';
import { tempTree } from '../support/tmp.js';

/** The call every OpenAI user writes first must type-check, and the docs must show it the same way. */
describe('openai.yaml', () => {
  const { files } = buildPackage({ spec: join(ROOT, 'corpus/openai.yaml'), out: 'unused', name: 'openai', packageName: 'openai-sdk' });

  it('accepts a chat message tagged with its role, and rejects a schema name as the role', () => {
    const tree: Record<string, string> = {};
    for (const [path, text] of files) tree[join('out', path)] = text;
    const dir = tempTree(tree);
    const consumer = `
import Openai from './out/src/index.js';
export async function chat(client: Openai) {
  await client.chat.createChatCompletion({ model: 'gpt-4o', messages: [{ role: 'developer', content: 'hi' }] });
  await client.chat.createChatCompletion({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }, { role: 'assistant', content: 'hello' }] });
  // @ts-expect-error the schema's name is not a role
  await client.chat.createChatCompletion({ model: 'gpt-4o', messages: [{ role: 'ChatCompletionRequestDeveloperMessage', content: 'hi' }] });
}
`;
    expect(typeCheckFiles({ [join(dir, 'consumer.ts')]: consumer }, STRICT_OPTIONS)).toEqual([]);
  });

  it('offers the JSON and the event-stream form of each streaming operation, each with its own type', () => {
    const tree: Record<string, string> = {};
    for (const [path, text] of files) tree[join('out', path)] = text;
    const dir = tempTree(tree);
    const consumer = `
import Openai, { Stream, type CreateChatCompletionResponse, type CreateChatCompletionStreamResponse, type ResponseStreamEvent } from './out/src/index.js';
export async function chat(client: Openai) {
  const stream = await client.chat.createChatCompletion({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }], stream: true });
  const typed: Stream<CreateChatCompletionStreamResponse> = stream;
  for await (const chunk of stream) chunk.choices[0]?.delta.content;
  for await (const chunk of client.chat.createChatCompletion({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }], stream: true })) chunk.id;
  const whole: CreateChatCompletionResponse = await client.chat.createChatCompletion({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] });
  whole.choices[0]?.message.content;
  // @ts-expect-error the JSON form is not iterable
  for await (const x of await client.chat.createChatCompletion({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] })) void x;
  for await (const event of client.responses.createResponse({ model: 'gpt-4o', input: 'hi', stream: true })) {
    const e: ResponseStreamEvent = event;
    void e;
  }
  const speech: Response = await client.audio.createSpeech({ model: 'tts-1', input: 'hi', voice: 'alloy' });
  for await (const delta of client.audio.createSpeechStream({ model: 'tts-1', input: 'hi', voice: 'alloy', stream_format: 'sse' })) delta.type;
  for await (const event of client.audio.createTranscription({ file: new Blob(['x']), model: 'gpt-4o-transcribe', stream: true })) event.type;
  return [typed, speech];
}
`;
    expect(typeCheckFiles({ [join(dir, 'consumer.ts')]: consumer }, STRICT_OPTIONS)).toEqual([]);
  });

  it('shows the role, not a schema name, in the docs example', () => {
    const chat = files.get('src/resources/chat.ts')!;
    expect(chat).toContain("openai.chat.createChatCompletion({ messages: [{ content: 'content', role: 'developer' }]");
    expect(chat).not.toContain("role: 'ChatCompletionRequestDeveloperMessage'");
  });
});
