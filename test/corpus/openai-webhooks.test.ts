import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPackage } from '../../generator/src/generate.js';
import { STRICT_OPTIONS, typeCheckFiles } from '../support/compile.js';
import { ROOT } from '../support/packages.js';
import { tempTree } from '../support/tmp.js';
import { newSecret, signDelivery, webhookEndpoint } from '../support/webhook-sender.js';

/** OpenAI declares its webhooks under 3.1 `webhooks`: each payload a model whose `type` is one constant. */
describe('openai.yaml webhooks', () => {
  const { ir, files, warnings } = buildPackage({ spec: join(ROOT, 'corpus/openai.yaml'), out: 'unused', name: 'openai', packageName: 'openai-sdk' });
  const packageDir = () => {
    const tree: Record<string, string> = {};
    for (const [path, text] of files) tree[join('out', path)] = text;
    return tempTree(tree);
  };

  it('are read into the IR with their payload models, told apart by `type`', () => {
    const hooks = ir.webhooks!;
    expect(hooks.tag).toBe('type');
    expect(hooks.secret).toEqual({ option: 'webhookSecret', env: 'OPENAI_WEBHOOK_SECRET' });
    expect(hooks.webhooks.map((w) => w.name)).toHaveLength(14);
    const completed = hooks.webhooks.find((w) => w.name === 'batch_completed')!;
    expect(completed.type).toEqual({ kind: 'ref', name: 'WebhookBatchCompleted' });
    expect(completed.tagValues).toEqual(['batch.completed']);
    expect(completed.contents.map((c) => c.mediaType)).toEqual(['application/json']);
    expect(new Set(hooks.webhooks.flatMap((w) => w.tagValues)).size).toBe(14);
    expect(warnings.filter((w) => /webhook/i.test(w.message))).toEqual([]);
  });

  it('compile, and narrow by `type` as users write it; the README examples compile', () => {
    const consumer = `
import Openai, { OpenaiCore, webhooksUnwrap, Webhooks, WebhookVerificationError, type WebhookEvent, type WebhookPayloads, type WebhookBatchCompleted } from './out/src/index.js';
export async function handle(client: Openai, body: string, headers: Headers, node: Record<string, string | string[] | undefined>) {
  const event = await client.webhooks.unwrap(body, headers);
  const typed: WebhookEvent = event;
  // @ts-expect-error an event is not any value
  const wrong: number = event;
  if (event.type === 'batch.completed') {
    const batch: WebhookBatchCompleted = event;
    const id: string = event.data.id;
    void [batch, id];
  }
  // @ts-expect-error no webhook sends this type
  if (event.type === 'batch.started') void event;
  const payload: WebhookPayloads['fine_tuning_job_failed'] = { created_at: 1, id: 'evt', type: 'fine_tuning.job.failed', data: { id: 'ftjob' } };
  await client.webhooks.unwrap(body, node, 'whsec_x', { toleranceSeconds: 60 });
  const standalone = await webhooksUnwrap(body, headers);
  if (standalone.type === 'response.failed') standalone.data.id.toUpperCase();
  // @ts-expect-error an event is not any value
  const alsoWrong: number = standalone;
  // @ts-expect-error the body is the raw text, not parsed JSON
  await webhooksUnwrap(JSON.parse(body) as object, headers);
  const hooks: Webhooks = new Openai({ apiKeyAuth: 'k', webhookSecret: 'whsec_x' }).webhooks;
  // @ts-expect-error the core client has no resources, webhooks included
  new OpenaiCore().webhooks;
  return [typed, wrong, alsoWrong, payload, hooks, WebhookVerificationError];
}
`;
    const dir = packageDir();
    const readme = files.get('README.md')!;
    const section = readme.slice(readme.indexOf('## Webhooks'), readme.indexOf('## Errors'));
    const blocks = [...section.matchAll(/^```ts\n([\s\S]*?)\n```$/gm)].map((m) => m[1]!);
    expect(blocks).toHaveLength(2);
    const roots: Record<string, string> = { [join(dir, 'consumer.ts')]: consumer };
    blocks.forEach((block, i) => { roots[join(dir, `readme_${i}.mts`)] = `${block.replaceAll("'openai-sdk'", "'./out/src/index.js'")}\n`; });
    expect(typeCheckFiles(roots, { ...STRICT_OPTIONS, types: ['node'], typeRoots: [join(ROOT, 'node_modules/@types')] })).toEqual([]);
  }, 120_000);

  it('unwrap a signed delivery at a node:http endpoint, and refuse it tampered or expired', async () => {
    const dir = packageDir();
    const mod = (await import(join(dir, 'out/src/index.ts'))) as { default: new (o: object) => { webhooks: { unwrap(body: string, headers: object): Promise<unknown> } } };
    const { key, secret } = newSecret();
    const client = new mod.default({ apiKeyAuth: 'k', webhookSecret: secret });
    const endpoint = await webhookEndpoint((body, headers) => client.webhooks.unwrap(body, headers));
    try {
      const body = JSON.stringify({ id: 'evt_1', object: 'event', type: 'batch.completed', created_at: 1_700_000_000, data: { id: 'batch_1' } });
      expect(await endpoint.send(body, signDelivery(body, key))).toEqual({ status: 200, event: JSON.parse(body) });
      expect(await endpoint.send(body.replace('batch_1', 'batch_2'), signDelivery(body, key))).toMatchObject({ status: 400, error: 'WebhookVerificationError', message: 'No webhook signature matches.' });
      const old = Math.floor(Date.now() / 1000) - 600;
      expect(await endpoint.send(body, signDelivery(body, key, { timestamp: old }))).toMatchObject({ status: 400, error: 'WebhookVerificationError', message: 'Webhook timestamp is too old.' });
    } finally {
      await endpoint.close();
    }
  }, 60_000);
});
