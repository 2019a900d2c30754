import { createHmac, randomBytes } from 'node:crypto';
import { fakeApi } from './fake-api.js';

/** A fresh signing key and its Standard Webhooks secret (`whsec_<base64>`). */
export function newSecret(): { key: Buffer; secret: string } {
  const key = randomBytes(24);
  return { key, secret: `whsec_${key.toString('base64')}` };
}

/**
 * The headers a Standard Webhooks sender puts on a delivery, signed with
 * Node's own HMAC: an implementation independent of the runtime's Web Crypto.
 */
export function signDelivery(body: string, key: Buffer, opts: { timestamp?: number; id?: string } = {}): Record<string, string> {
  const id = opts.id ?? `msg_${randomBytes(8).toString('hex')}`;
  const timestamp = String(opts.timestamp ?? Math.floor(Date.now() / 1000));
  const signature = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64');
  return { 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': `v1,${signature}` };
}

export interface Outcome {
  status: number;
  event?: unknown;
  error?: string;
  message?: string;
}

/**
 * A user's webhook endpoint on 127.0.0.1: node:http hands `unwrap` the raw
 * body (as text, and as the bytes received) and Node's own header object, and the endpoint answers 200 with the
 * event or 400 with the error. `send` delivers as a sender would, over HTTP.
 */
export async function webhookEndpoint(unwrap: (body: string, headers: Record<string, string | string[] | undefined>, raw: Buffer) => Promise<unknown>) {
  const server = await fakeApi(async (r) => {
    try {
      return { json: { event: await unwrap(r.body, r.headers, r.raw) } };
    } catch (e) {
      return { status: 400, json: { error: (e as Error).name, message: (e as Error).message } };
    }
  });
  const send = async (body: string, headers: Record<string, string>): Promise<Outcome> => {
    const res = await fetch(server.url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
    return { status: res.status, ...((await res.json()) as object) };
  };
  return { send, close: server.close };
}
