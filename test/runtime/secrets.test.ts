import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import Clerk from '@sdkgen/clerk';
import Syncano from '@sdkgen/syncano';
import { fakeApiPerTest, type Route } from '../support/fake-api.js';
import { logging } from '../../runtime/src/log.js';
import { TestClient } from './test-client.js';
import { apiKey } from '../../runtime/src/auth.js';

const SECRET = 'sk_live_VERY-SECRET-4f9a2b';
const serve = fakeApiPerTest();

function everyString(value: unknown): string {
  if (value instanceof Error) return [value.message, value.stack, String(value), JSON.stringify(value), inspect(value, { depth: 5 })].join('\n');
  return [String(value), JSON.stringify(value), inspect(value, { depth: 5 })].join('\n');
}

/** Every error the client can throw, and every way a client can be printed, searched for the secret. */
describe('a credential never leaks', () => {
  it('not in errors, stacks, logs, or a printed client', async () => {
    const texts: string[] = [];
    const logged: string[] = [];
    const logger = { debug: (...a: unknown[]) => logged.push(everyString(a)), info: (...a: unknown[]) => logged.push(everyString(a)), warn: (...a: unknown[]) => logged.push(everyString(a)), error: (...a: unknown[]) => logged.push(everyString(a)) };
    const replies: Route[] = [
      () => ({ status: 401, json: { errors: [{ message: 'bad key', long_message: `The key ${'*'.repeat(4)} is invalid`, code: 'auth' }] } }),
      () => ({ status: 500, text: '<html>oops</html>' }),
      () => ({ text: 'not json', headers: { 'content-type': 'application/json' } }),
      () => ({ reset: true }),
      () => ({ hang: true }),
      () => ({ status: 429, headers: { 'retry-after': '999999' } }),
    ];
    for (const route of replies) {
      const api = await serve(route);
      const clerk = new Clerk({ bearerAuth: SECRET, baseURL: api.url, maxRetries: 1, timeout: 50, retry: { initialDelayMs: 1 }, logger, logLevel: 'debug' });
      texts.push(everyString(clerk), inspect(clerk.invitations));
      texts.push(everyString(await clerk.invitations.revoke('inv_1').catch((e: unknown) => e)));
      const query = new TestClient([apiKey({ in: 'query', name: 'api_key', option: 'k' })], { k: SECRET }, { baseURL: api.url, maxRetries: 0, timeout: 50, logger, logLevel: 'debug', logging });
      texts.push(everyString(query), everyString(await query.call().catch((e: unknown) => e)));
    }
    texts.push(everyString((() => { try { return new Syncano({ apiKey: undefined, instanceName: 'x' }); } catch (e) { return e; } })()));
    expect(texts.length).toBeGreaterThan(20);
    expect(logged.length).toBeGreaterThan(10);
    const leaks = [...texts, ...logged].filter((t) => t.includes(SECRET) || t.includes(encodeURIComponent(SECRET)));
    expect(leaks).toEqual([]);
  });
});
