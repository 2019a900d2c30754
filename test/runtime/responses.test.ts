import { describe, expect, it } from 'vitest';
import {
  APIError, APIResponseError, AuthenticationError, BadRequestError, ConflictError, InternalServerError, NotFoundError,
  PermissionDeniedError, RateLimitError, UnprocessableEntityError, fieldMessages, messageAt, requestIdAt,
} from '../../runtime/src/errors.js';
import { fakeApiPerTest, type Route } from '../support/fake-api.js';
import { BEARER, TestClient } from './test-client.js';

const serve = fakeApiPerTest();

async function clientWith(route: Route) {
  const api = await serve(route);
  return { api, client: new TestClient(BEARER, { token: 'tok-secret-999' }, { baseURL: api.url, maxRetries: 0 }) };
}

describe('errors', () => {
  it.each([
    [400, BadRequestError], [401, AuthenticationError], [403, PermissionDeniedError], [404, NotFoundError],
    [409, ConflictError], [422, UnprocessableEntityError], [429, RateLimitError], [500, InternalServerError], [503, InternalServerError], [418, APIError],
  ] as const)('%i raises %o with status, headers and the parsed body', async (status, Class) => {
    const { client } = await clientWith(() => ({ status, headers: { 'x-request-id': 'req_1' }, json: { detail: `failed with ${status}` } }));
    const err = await client.call().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Class);
    expect(err).toBeInstanceOf(APIError);
    const e = err as APIError;
    expect(e.name).toBe(Class.name);
    expect(e.status).toBe(status);
    expect(e.headers.get('x-request-id')).toBe('req_1');
    expect(e.requestId).toBe('req_1');
    expect(e.error).toEqual({ detail: `failed with ${status}` });
    expect(e.message).toBe(`${status} failed with ${status}`);
  });

  it("builds messages from each vendor's error shape", async () => {
    const bodies: [unknown, string][] = [
      [{ errors: [{ message: 'is invalid', long_message: 'email_address must be valid.', code: 'form_param_format_invalid' }] }, '422 email_address must be valid. (form_param_format_invalid)'],
      [{ msg: 'Bad request', detail: 'Invalid role' }, '422 Bad request: Invalid role'],
      [{ email: ['Enter a valid email address.'] }, '422 email: Enter a valid email address.'],
      [{ error: { message: 'nested' } }, '422 nested'],
    ];
    for (const [json, message] of bodies) {
      const { client } = await clientWith(() => ({ status: 422, json }));
      await expect(client.call()).rejects.toThrow(message);
    }
  });

  it('reads the message where the client says the API keeps it, else gives the body', async () => {
    const api = await serve((req) => ({ status: 422, json: JSON.parse(decodeURIComponent(req.path.slice(1))) as unknown }));
    const declared = new TestClient(BEARER, { token: 't' }, { baseURL: api.url, maxRetries: 0 }, { errorMessage: messageAt([['msg'], ['detail'], ['code']], [['errors', 0, 'detail']], fieldMessages) });
    const unread = new TestClient(BEARER, { token: 't' }, { baseURL: api.url, maxRetries: 0 }, { errorMessage: undefined });
    const message = (c: TestClient, body: unknown) => c.call({ path: `/${encodeURIComponent(JSON.stringify(body))}` }).catch((e: APIError) => e.message);
    expect(await message(declared, { msg: 'Bad request', detail: 'Invalid role', code: 'role_invalid' })).toBe('422 Bad request (Invalid role, role_invalid)');
    expect(await message(declared, { msg: 'Bad request', code: 'bad' })).toBe('422 Bad request (bad)');
    expect(await message(declared, { msg: 'Bad request' })).toBe('422 Bad request');
    expect(await message(declared, { errors: [{ detail: 'Too short' }] })).toBe('422 Too short');
    expect(await message(declared, { email: ['Enter a valid email address.', 'Too long.'] })).toBe('422 email: Enter a valid email address. Too long.');
    expect(await message(declared, { msg: 5, detail: '' })).toBe('422 {"msg":5,"detail":""}');
    expect(await message(unread, { message: 'nested' })).toBe('422 {"message":"nested"}');
  });

  it('an HTML error page keeps its text, bounded, and no parsed body', async () => {
    const page = `<html><body>${'Bad gateway '.repeat(20_000)}</body></html>`;
    const { client } = await clientWith(() => ({ status: 502, headers: { 'content-type': 'text/html' }, text: page }));
    const e = (await client.call().catch((x: unknown) => x)) as APIError;
    expect(e).toBeInstanceOf(InternalServerError);
    expect(e.error).toBeUndefined();
    expect(e.body.startsWith('<html><body>Bad gateway')).toBe(true);
    expect(e.body.length).toBeLessThanOrEqual(64 * 1024);
    expect(e.message.length).toBeLessThan(1100);
  });

  it('a 200 whose body is not JSON raises APIResponseError instead of crashing', async () => {
    const { client } = await clientWith(() => ({ headers: { 'content-type': 'application/json' }, text: '{"truncated": ' }));
    const e = (await client.call().catch((x: unknown) => x)) as APIResponseError;
    expect(e).toBeInstanceOf(APIResponseError);
    expect(e.status).toBe(200);
    expect(e.body).toBe('{"truncated": ');
    expect(e.message).toBe('200 response body is not JSON (application/json): {"truncated": ');
  });

  it('a 200 with an HTML page where JSON was promised says so', async () => {
    const { client } = await clientWith(() => ({ headers: { 'content-type': 'text/html' }, text: '<html>login</html>' }));
    await expect(client.call()).rejects.toThrow('200 response body is not JSON (text/html): <html>login</html>');
  });
});

describe('responses', () => {
  it('a 204 resolves to undefined', async () => {
    const { client } = await clientWith(() => ({ status: 204 }));
    await expect(client.call({ method: 'DELETE', responseType: 'void' })).resolves.toBeUndefined();
  });

  it('withResponse gives the data and the raw Response; asResponse only the Response', async () => {
    const { client } = await clientWith(() => ({ headers: { 'x-ratelimit-remaining': '41' }, json: { id: 1 } }));
    const { data, response } = await client.call<{ id: number }>().withResponse();
    expect(data).toEqual({ id: 1 });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-ratelimit-remaining')).toBe('41');
    expect((await client.call().asResponse()).status).toBe(200);
  });

  it('a text response resolves to its text; a download to the Response itself, unread', async () => {
    const { client } = await clientWith((req) => ({ headers: { 'content-type': req.path.endsWith('txt') ? 'text/plain' : 'application/octet-stream' }, text: 'hello' }));
    await expect(client.call({ path: '/a.txt', responseType: 'text' })).resolves.toBe('hello');
    const download = await client.call<Response>({ path: '/a.bin', responseType: 'blob' });
    expect(download).toBeInstanceOf(Response);
    expect(download.bodyUsed).toBe(false);
    expect(await (await download.blob()).text()).toBe('hello');
  });

  it('request ids come from x-request-id, then from where the client config says the API puts them', async () => {
    const api = await serve((req) => ({ status: 404, headers: req.path === '/h' ? { 'x-vendor-trace': 'hdr_1' } : {}, json: { trace: 'body_1' } }));
    const plain = new TestClient(BEARER, { token: 't' }, { baseURL: api.url, maxRetries: 0 });
    const configured = new TestClient(BEARER, { token: 't' }, { baseURL: api.url, maxRetries: 0 }, { requestId: requestIdAt({ headers: ['x-vendor-trace'], errorField: 'trace' }) });
    const idOf = (c: TestClient, path: string) => c.call({ path }).catch((e: APIError) => e.requestId);
    expect(await idOf(plain, '/h')).toBeUndefined();
    expect(await idOf(plain, '/b')).toBeUndefined();
    expect(await idOf(configured, '/h')).toBe('hdr_1');
    expect(await idOf(configured, '/b')).toBe('body_1');
  });
});
