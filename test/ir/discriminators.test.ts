import { describe, expect, it } from 'vitest';
import { buildFixture, compileConsumer, model, unionOf } from './fixture.js';

describe('discriminated unions', () => {
  const { ir, files, warnings } = buildFixture('discriminators.yaml');
  const tags = (name: string) => unionOf(model(ir, name).type).discriminator!.members;

  it('takes each tag from the member\'s own literal when there is no mapping, through allOf and $ref', () => {
    expect(tags('ChatMessage')).toEqual([
      { values: ['developer'], source: 'literal', narrow: false },
      { values: ['user'], source: 'literal', narrow: false },
      { values: ['tool'], source: 'literal', narrow: false },
    ]);
  });

  it('reads mapping keys as the wire type of the member\'s property', () => {
    expect(tags('Source')).toEqual([
      { values: [false], source: 'mapping', narrow: false },
      { values: [true], source: 'mapping', narrow: true },
    ]);
    expect(tags('Level')).toEqual([
      { values: [10], source: 'mapping', narrow: false },
      { values: [20], source: 'mapping', narrow: true },
    ]);
  });

  it('uses schema names only for members that leave the property open', () => {
    expect(tags('Pet')).toEqual([
      { values: ['Cat'], source: 'schema-name', narrow: true },
      { values: ['Dog'], source: 'schema-name', narrow: true },
    ]);
  });

  it('finds the tags of a member that is itself a union', () => {
    expect(tags('StreamEvent')).toEqual([
      { values: ['thread.created', 'thread.deleted'], source: 'literal', narrow: false },
      { values: ['done'], source: 'literal', narrow: false },
    ]);
  });

  it('warns, at the discriminator, when a mapping value contradicts its member, and leaves the member as it is', () => {
    expect(tags('Contradicted')).toEqual([{ values: ['y'], source: 'literal', narrow: false }]);
    const warning = warnings.find((w) => w.message.includes('"x"'));
    expect(warning?.message).toMatch(/not a value that member 1 \(Wrong\) allows/);
    expect(warning?.location?.line).toBeGreaterThan(0);
  });

  it('gives types that accept the tagged values and reject others, under the real compiler', () => {
    const consumer = `
import type { ChatMessage, Source, Level, Pet, StreamEvent, Contradicted } from './out/src/index.js';
export const messages: ChatMessage[] = [{ role: 'developer', content: 'hi' }, { role: 'user', content: 'hi' }, { role: 'tool', tool_call_id: 't' }];
// @ts-expect-error a schema name is not a role
export const named: ChatMessage = { role: 'DeveloperMessage', content: 'hi' };
export const custom: Source = { use_custom: false, url: 'u' };
export const standard: Source = { use_custom: true };
// @ts-expect-error the mapping key's spelling is not the wire value
export const spelled: Source = { use_custom: 'False', url: 'u' };
export const levels: Level[] = [{ tag: 10 }, { tag: 20, extra: 'e' }];
// @ts-expect-error no member has tag 30
export const level30: Level = { tag: 30 };
export const pets: Pet[] = [{ kind: 'Cat', name: 'n' }, { kind: 'Dog', barks: true }];
// @ts-expect-error no member is a Cow
export const cow: Pet = { kind: 'Cow' };
export const events: StreamEvent[] = [{ event: 'thread.created', data: 'd' }, { event: 'thread.deleted' }, { event: 'done' }];
export const wrong: Contradicted = { kind: 'y' };
export function narrow(m: ChatMessage): string {
  return m.role === 'tool' ? m.tool_call_id : m.content;
}
`;
    expect(compileConsumer(files, consumer)).toEqual([]);
  });

  it('shows the tag in docs examples', () => {
    const chat = files.get('src/resources/chat.ts')!;
    expect(chat).toContain("messages: [{ role: 'developer', content: 'content' }]");
  });
});
