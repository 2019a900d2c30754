import type { HttpMethod, RetryConfig } from './types.js';

export const DEFAULT_RETRY: RetryConfig = {
  maxRetries: 2,
  initialDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
  maxElapsedMs: 120_000,
};

const IDEMPOTENT: ReadonlySet<HttpMethod> = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

/** POST and PATCH may create twice; they are retried only under an idempotency key. */
export function mayRetry(method: HttpMethod, idempotencyKey: string | undefined): boolean {
  return IDEMPOTENT.has(method) || idempotencyKey !== undefined;
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
  const ceiling = Math.min(config.maxDelayMs, config.initialDelayMs * 2 ** (retry - 1));
  return Math.round(ceiling * (0.5 + random() / 2));
}

function serverDelay(headers: Headers | undefined): number | undefined {
  const ms = headers?.get('retry-after-ms');
  if (ms && Number.isFinite(Number(ms))) return Math.max(0, Number(ms));
  const after = headers?.get('retry-after');
  if (!after) return undefined;
  if (/^\d+(\.\d+)?$/.test(after.trim())) return Number(after) * 1000;
  const date = Date.parse(after);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
