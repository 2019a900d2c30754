import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SDKError } from '../../runtime/src/errors.js';
import { unwrapWebhook, unwrapWithSecret, WebhookVerificationError } from '../../runtime/src/webhooks.js';
import { fakeApiPerTest } from '../support/fake-api.js';

const serve = fakeApiPerTest();
const KEY = randomBytes(24);
const SECRET = `whsec_${KEY.toString('base64')}`;
const NOW = Math.floor(Date.now() / 1000);

/** Signs as a Standard Webhooks sender does, with Node's own HMAC: an implementation independent of the runtime's. */
function signed(body: string, opts: { key?: Buffer; timestamp?: number; id?: string; extra?: string[] } = {}) {
  const id = opts.id ?? 'msg_2KWPBgLlAfxdpx2AI54pPJ85f4W';
  const timestamp = String(opts.timestamp ?? NOW);
  const signature = createHmac('sha256', opts.key ?? KEY).update(`${id}.${timestamp}.${body}`).digest('base64');
  return { 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': [...(opts.extra ?? []), `v1,${signature}`].join(' ') };
}

/** A receiver on 127.0.0.1 that unwraps what it is sent, as a user's endpoint would, and answers with the outcome. */
async function receiver() {
  const server = await serve(async (r) => {
    try {
      return { json: { event: await unwrapWebhook(r.body, r.headers as Record<string, string>, SECRET) } };
    } catch (e) {
      return { status: 400, json: { error: (e as Error).name, message: (e as Error).message } };
    }
  });
  return (body: string, headers: Record<string, string>) => fetch(server.url, { method: 'POST', body, headers }).then(async (res) => ({ status: res.status, ...((await res.json()) as object) }));
}

const EVENT = JSON.stringify({ type: 'asset.ready', asset: { id: 'a_1', title: 'Café ☕', size: 3 } });

describe('webhooks', () => {
  it('returns the event of a validly signed delivery', async () => {
    const send = await receiver();
    expect(await send(EVENT, signed(EVENT))).toEqual({ status: 200, event: JSON.parse(EVENT) });
  });

  it('refuses a tampered body, a wrong secret and a missing signature', async () => {
    const send = await receiver();
    expect(await send(EVENT.replace('a_1', 'a_2'), signed(EVENT))).toMatchObject({ status: 400, error: 'WebhookVerificationError', message: 'No webhook signature matches.' });
    expect(await send(EVENT, signed(EVENT, { key: randomBytes(24) }))).toMatchObject({ status: 400, message: 'No webhook signature matches.' });
    const { 'webhook-signature': _, ...unsigned } = signed(EVENT);
    expect(await send(EVENT, unsigned)).toMatchObject({ status: 400, message: expect.stringContaining('Missing') });
  });

  it('refuses a signature over another message id', async () => {
    const headers = { ...signed(EVENT), 'webhook-id': 'msg_other' };
    await expect(unwrapWebhook(EVENT, headers, SECRET)).rejects.toBeInstanceOf(WebhookVerificationError);
  });

  it('refuses timestamps outside the tolerance, either way, and accepts them inside it', async () => {
    const at = { now: NOW * 1000 };
    await expect(unwrapWebhook(EVENT, signed(EVENT, { timestamp: NOW - 301 }), SECRET, at)).rejects.toThrow('too old');
    await expect(unwrapWebhook(EVENT, signed(EVENT, { timestamp: NOW + 301 }), SECRET, at)).rejects.toThrow('too far in the future');
    await expect(unwrapWebhook(EVENT, signed(EVENT, { timestamp: NOW - 250 }), SECRET, at)).resolves.toMatchObject({ type: 'asset.ready' });
    await expect(unwrapWebhook(EVENT, signed(EVENT, { timestamp: NOW - 250 }), SECRET, { ...at, toleranceSeconds: 60 })).rejects.toThrow('too old');
  });

  it('accepts a delivery when any of several signatures matches (a rotated secret), and ignores other versions', async () => {
    const headers = signed(EVENT, { extra: ['v1,AAAA', 'v1a,c29tZXRoaW5n', 'v2,whatever'] });
    expect(headers['webhook-signature'].split(' ')).toHaveLength(4);
    await expect(unwrapWebhook(EVENT, new Headers(headers), SECRET)).resolves.toMatchObject({ asset: { title: 'Café ☕' } });
    const onlyWrong = { ...headers, 'webhook-signature': 'v1,AAAA v2,whatever' };
    await expect(unwrapWebhook(EVENT, onlyWrong, SECRET)).rejects.toBeInstanceOf(WebhookVerificationError);
  });

  it('refuses a secret that is not base64', async () => {
    await expect(unwrapWebhook(EVENT, signed(EVENT), 'whsec_%%%')).rejects.toThrow('not base64');
  });

  it('takes the secret from the call, else the client option, else the environment variable, read at the call', async () => {
    const env = 'SDKGEN_TEST_WEBHOOK_SECRET';
    const wrong = `whsec_${randomBytes(24).toString('base64')}`;
    delete process.env[env];
    await expect(unwrapWithSecret(EVENT, signed(EVENT), undefined, { option: 'webhookSecret', env })).rejects.toThrow(SDKError);
    await expect(unwrapWithSecret(EVENT, signed(EVENT), undefined, { option: 'webhookSecret', env })).rejects.toThrow(`No webhook secret: pass one to unwrap(), set the client's \`webhookSecret\` option or the ${env} environment variable.`);
    try {
      process.env[env] = SECRET;
      await expect(unwrapWithSecret(EVENT, signed(EVENT), undefined, { option: 'webhookSecret', env })).resolves.toMatchObject({ type: 'asset.ready' });
      await expect(unwrapWithSecret(EVENT, signed(EVENT), undefined, { option: 'webhookSecret', env, value: wrong })).rejects.toBeInstanceOf(WebhookVerificationError);
      await expect(unwrapWithSecret(EVENT, signed(EVENT), SECRET, { option: 'webhookSecret', env, value: wrong })).resolves.toMatchObject({ type: 'asset.ready' });
      process.env[env] = wrong;
      await expect(unwrapWithSecret(EVENT, signed(EVENT), undefined, { option: 'webhookSecret', env, value: SECRET })).resolves.toMatchObject({ type: 'asset.ready' });
    } finally {
      delete process.env[env];
    }
  });

  it('takes the body as bytes too, signed as they came, and refuses one changed by a byte', async () => {
    // Bytes that are not UTF-8 inside a JSON string: decoding and encoding them again would change them.
    const bytes = Buffer.concat([Buffer.from('{"type":"asset.ready","note":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]);
    const id = 'msg_bytes';
    const signature = createHmac('sha256', KEY).update(Buffer.concat([Buffer.from(`${id}.${NOW}.`), bytes])).digest('base64');
    const headers = { 'webhook-id': id, 'webhook-timestamp': String(NOW), 'webhook-signature': `v1,${signature}` };
    await expect(unwrapWebhook(bytes, headers, SECRET)).resolves.toMatchObject({ type: 'asset.ready' });
    await expect(unwrapWebhook(new Uint8Array(bytes), headers, SECRET)).resolves.toMatchObject({ type: 'asset.ready' });
    await expect(unwrapWebhook(bytes.toString('utf8'), headers, SECRET)).rejects.toThrow('No webhook signature matches.');
    const changed = Buffer.from(bytes);
    changed[changed.length - 3] = 0x29;
    await expect(unwrapWebhook(changed, headers, SECRET)).rejects.toThrow('No webhook signature matches.');
    await expect(unwrapWebhook(Buffer.from(EVENT), signed(EVENT), SECRET)).resolves.toEqual(JSON.parse(EVENT));
  });
});
