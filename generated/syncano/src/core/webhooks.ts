import { SDKError } from './errors.js';
import { readEnv } from './env.js';

/** A webhook whose signature, timestamp or body did not check out; nothing of it should be trusted. */
export class WebhookVerificationError extends SDKError {
  override name = 'WebhookVerificationError';
}

export interface VerifyOptions {
  /** Seconds a timestamp may differ from now, either way; 300 by default. */
  toleranceSeconds?: number;
  /** The time to check against, in milliseconds; `Date.now()` by default. */
  now?: number;
}

/** Request headers as a server framework gives them: a Fetch `Headers`, or Node's `req.headers`. */
export type WebhookHeaders = Headers | Record<string, string | string[] | undefined>;

/** Where a client looks for its webhook signing secret when a call gives none. */
export interface WebhookSecretSource {
  /** The client option, for the message when there is none. */
  option: string;
  env: string;
  /** The option's value, when the client was given one. */
  value?: string | undefined;
}

/**
 * Verifies a Standard Webhooks signature (`webhook-id`, `webhook-timestamp`,
 * `webhook-signature: v1,<base64>`; secret `whsec_<base64>`) with Web
 * Crypto, and returns the parsed body. `body` must be the raw body as
 * received, as text or as its bytes (a Node `Buffer` too): parsed and
 * re-serialised JSON will not match.
 */
export async function unwrapWebhook<T = unknown>(body: string | Uint8Array, headers: WebhookHeaders, secret: string, options: VerifyOptions = {}): Promise<T> {
  const id = header(headers, 'webhook-id');
  const timestamp = header(headers, 'webhook-timestamp');
  const signatures = header(headers, 'webhook-signature');
  if (!id || !timestamp || !signatures) throw new WebhookVerificationError('Missing webhook-id, webhook-timestamp or webhook-signature header.');
  const seconds = Number(timestamp);
  if (!/^\d+$/.test(timestamp) || !Number.isSafeInteger(seconds)) throw new WebhookVerificationError('Invalid webhook-timestamp header.');
  const tolerance = options.toleranceSeconds ?? 300;
  const now = Math.floor((options.now ?? Date.now()) / 1000);
  if (seconds < now - tolerance) throw new WebhookVerificationError('Webhook timestamp is too old.');
  if (seconds > now + tolerance) throw new WebhookVerificationError('Webhook timestamp is too far in the future.');
  // The signature is over the bytes as sent, so bytes are signed as they are, never decoded and encoded again.
  const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
  const prefix = new TextEncoder().encode(`${id}.${timestamp}.`);
  const content = new Uint8Array(prefix.length + bytes.length);
  content.set(prefix);
  content.set(bytes, prefix.length);
  const expected = await sign(secretKey(secret), content);
  const matched = signatures.split(' ').some((entry) => {
    const [version, value] = entry.split(',', 2);
    return version === 'v1' && value !== undefined && equal(decodeBase64(value), expected);
  });
  if (!matched) throw new WebhookVerificationError('No webhook signature matches.');
  try {
    return JSON.parse(typeof body === 'string' ? body : new TextDecoder().decode(body)) as T;
  } catch (cause) {
    throw new WebhookVerificationError('Webhook body is not JSON.', { cause });
  }
}

/**
 * `unwrapWebhook` with the secret the call gives, else the client's option,
 * else its environment variable (read at the call, so a secret set after the
 * client was made is seen). No secret at all rejects with an `SDKError`.
 */
export async function unwrapWithSecret<T>(body: string | Uint8Array, headers: WebhookHeaders, given: string | undefined, source: WebhookSecretSource, options?: VerifyOptions): Promise<T> {
  const secret = given ?? source.value ?? readEnv(source.env);
  if (secret === undefined || secret === '') throw new SDKError(`No webhook secret: pass one to unwrap(), set the client's \`${source.option}\` option or the ${source.env} environment variable.`);
  return unwrapWebhook<T>(body, headers, secret, options);
}

function header(headers: WebhookHeaders, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  const value = key === undefined ? undefined : headers[key];
  return Array.isArray(value) ? value.join(' ') : value;
}

function secretKey(secret: string): Uint8Array<ArrayBuffer> {
  const encoded = secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret;
  const key = decodeBase64(encoded);
  if (!key || key.length === 0) throw new WebhookVerificationError('The webhook secret is not base64 (whsec_…).');
  return key;
}

async function sign(key: Uint8Array<ArrayBuffer>, content: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
  const subtle = globalThis.crypto.subtle;
  const hmac = await subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return new Uint8Array(await subtle.sign('HMAC', hmac, content));
}

function decodeBase64(text: string): Uint8Array<ArrayBuffer> | undefined {
  try {
    return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  } catch {
    return undefined;
  }
}

/** Compares without stopping at the first difference, so timing tells nothing of the expected signature. */
function equal(a: Uint8Array | undefined, b: Uint8Array): boolean {
  if (!a || a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}
