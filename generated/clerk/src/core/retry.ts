import type { HttpMethod, RetryConfig } from './types.js';

export const DEFAULT_RETRY: RetryConfig = {
  maxRetries: 2,
  initialDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
  maxElapsedMs: 120_000,
};

/** POST and PATCH may create twice; they are retried only under an idempotency key. GET, HEAD, OPTIONS, PUT and DELETE are idempotent. */
export function mayRetry(method: HttpMethod, idempotencyKey: string | undefined): boolean {
  return (method !== 'POST' && method !== 'PATCH') || idempotencyKey !== undefined;
}

export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/**
 * How long to wait before retry number `retry` (1-based): what the server
 * asked for, else exponential backoff with full jitter. Undefined when the
 * server asks for longer than the config allows.
 */
export function retryDelay(retry: number, headers: Headers | undefined, config: RetryConfig, random = Math.random): number | undefined {
  const asked = serverDelay(headers);
  if (asked !== undefined) return asked > config.maxRetryAfterMs ? undefined : asked;
  return Math.round(Math.min(config.maxDelayMs, config.initialDelayMs * 2 ** (retry - 1)) * (0.5 + random() / 2));
}

/** `Retry-After-Ms`, else `Retry-After` in seconds or as an HTTP date. */
function serverDelay(headers: Headers | undefined): number | undefined {
  const ms = headers?.get('retry-after-ms');
  if (ms && Number.isFinite(+ms)) return Math.max(0, +ms);
  const after = headers?.get('retry-after')?.trim();
  if (!after) return undefined;
  if (/^\d+(\.\d+)?$/.test(after)) return +after * 1000;
  const date = Date.parse(after);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
