import { describe, expect, it } from 'vitest';
import { buildFixture, compileConsumer } from './fixture.js';

describe('webhooks', () => {
  const { ir, files, warnings } = buildFixture('webhooks.yaml');
  const hooks = ir.webhooks!;
  const hook = (name: string) => hooks.webhooks.find((w) => w.name === name)!;
  const warned = (text: string) => warnings.filter((w) => w.message.includes(text));

  it('are read in the spec\'s order, through a $ref\'d path item, with inline payloads named after the webhook', () => {
    expect(hooks.webhooks.map((w) => w.name)).toEqual(['order.created', 'order.cancelled', 'order.archived', 'heartbeat', 'export.ready']);
    expect(hook('order.created').type).toEqual({ kind: 'ref', name: 'OrderCreatedEvent' });
    expect(hook('order.cancelled').type).toEqual({ kind: 'ref', name: 'OrderCancelledEvent' });
    expect(hook('order.cancelled').description).toBe('The order and why it was cancelled.');
    expect(hook('order.created').description).toBe('An order was placed.');
    expect(hook('order.archived').contents.map((c) => c.mediaType)).toEqual(['application/json', 'text/plain']);
  });

  it('find the property that tells the events apart, with each payload\'s values', () => {
    expect(hooks.tag).toBe('event');
    expect(hooks.webhooks.map((w) => w.tagValues)).toEqual([['order.created'], ['order.cancelled'], ['order.archived', 'order.purged'], [], []]);
  });

  it('warn, at the place, for a webhook without a body and one that is not JSON, and leave them out of the events', () => {
    const [noBody] = warned('webhook "heartbeat" declares no request body');
    expect(noBody?.location).toMatchObject({ line: 40 });
    const [csv] = warned('webhook "export.ready" sends text/csv, not JSON');
    expect(csv?.location).toMatchObject({ line: 47 });
    expect(hook('heartbeat').type).toBeUndefined();
    expect(hook('export.ready').type).toBeUndefined();
    expect(files.get('src/webhooks.ts')).toContain('export type WebhookEvent = OrderCreatedEvent | OrderCancelledEvent | OrderArchivedEvent;');
  });

  it('narrow by the tag in code users write; a spec without webhooks gets no webhooks module', () => {
    const consumer = `
import { webhooksUnwrap, type WebhookPayloads } from './out/src/index.js';
export async function use(body: string, headers: Headers) {
  const event = await webhooksUnwrap(body, headers);
  if (event.event === 'order.purged') event.order.id.toUpperCase();
  if (event.event === 'order.cancelled') event.reason.toUpperCase();
  // @ts-expect-error only a cancelled order has a reason
  event.reason;
  const archived: WebhookPayloads['order.archived']['event'] = 'order.purged';
  // @ts-expect-error no webhook without a JSON payload is in the map
  const beat: WebhookPayloads['heartbeat'] = {};
  return [archived, beat];
}
`;
    expect(compileConsumer(files, consumer)).toEqual([]);
    const plain = buildFixture('media.yaml');
    expect(plain.ir.webhooks).toBeUndefined();
    expect([...plain.files.keys()].filter((f) => f.includes('webhook'))).toEqual(['src/core/webhooks.ts']);
    expect(plain.files.get('README.md')).not.toContain('## Webhooks');
  });
});
