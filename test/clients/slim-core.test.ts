import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { build } from 'esbuild';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { STRICT_OPTIONS, typeCheck, typeCheckFiles } from '../support/compile.js';
import { fakeApi, type Route } from '../support/fake-api.js';
import { ROOT } from '../support/packages.js';

const SECRET = 'sk_test_SLIM-4f2a';
const ONE = { id: 'inv_1', email_address: 'a@b.c', status: 'pending', created_at: 1, updated_at: 1 };

interface SlimClerk {
  ClerkCore: new (options: Record<string, unknown>) => object;
  invitationsList(client: object, params?: object, options?: object): PromiseLike<unknown> & { firstPage(): Promise<unknown> };
  invitationsRevoke(client: object, id: string, options?: object): Promise<unknown>;
  APIError: new (...args: never[]) => Error;
  NotFoundError: new (...args: never[]) => Error;
  isInvitationsRevokeError(err: unknown): boolean;
  InternalServerError: new (...args: never[]) => Error;
  APIConnectionTimeoutError: new (...args: never[]) => Error;
  APIUserAbortError: new (...args: never[]) => Error;
  RedirectError: new (...args: never[]) => Error;
}

let dir: string;
let files: Map<string, string>;
let slim: SlimClerk;

/** The Clerk package generated with `--core slim`, written to disk and bundled into one module Node can import. */
beforeAll(async () => {
  const { buildPackage } = (await import(join(ROOT, 'generator/dist/index.js'))) as typeof import('../../generator/src/index.js');
  dir = mkdtempSync(join(tmpdir(), 'sdkgen-slim-'));
  files = buildPackage({ spec: join(ROOT, 'specs/clerk.yaml'), out: dir, name: 'clerk', core: 'slim' }).files;
  for (const [path, text] of files) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  // One ES module for Node to import, bundled from the package's own sources.
  await build({ entryPoints: [join(dir, 'src/index.ts')], bundle: true, format: 'esm', platform: 'node', outfile: join(dir, 'bundle.mjs'), logLevel: 'silent' });
  slim = (await import(pathToFileURL(join(dir, 'bundle.mjs')).href)) as SlimClerk;
}, 120_000);

const servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function api(route: Route) {
  const server = await fakeApi(route);
  servers.push(server);
  return server;
}

const client = (baseURL: string, options: Record<string, unknown> = {}) => new slim.ClerkCore({ bearerAuth: SECRET, baseURL, ...options });
const outcome = (p: PromiseLike<unknown>) => Promise.resolve(p).then(() => undefined, (e: unknown) => e);

describe('a package generated with the slim core', () => {
  it('vendors the slim client as its client.ts and leaves out the retry module', () => {
    expect(files.get('src/core/client.ts')).toBe(readFileSync(join(ROOT, 'runtime/src/slim-client.ts'), 'utf8'));
    expect(files.has('src/core/retry.ts')).toBe(false);
    expect(files.has('src/core/slim-client.ts')).toBe(false);
  });

  it('compiles under strict settings', () => {
    expect(typeCheck(join(dir, 'tsconfig.json'))).toEqual([]);
  }, 120_000);

  it('takes no option it would ignore: neither a client nor a call accepts retry settings', () => {
    const use = (line: string) => ({ [join(dir, 'use.mts')]: `import { ClerkCore, invitationsRevoke } from './src/index.js';\nconst clerk = new ClerkCore({ bearerAuth: 'k' });\n${line}\nexport {};\n` });
    const check = (line: string) => typeCheckFiles(use(line), { ...STRICT_OPTIONS, types: [] });
    expect(check(`void invitationsRevoke(clerk, 'inv_1', { timeout: 5_000, idempotencyKey: 'k' });`)).toEqual([]);
    expect(check(`void invitationsRevoke(clerk, 'inv_1', { maxRetries: 1 });`).join('\n')).toContain('maxRetries');
    expect(check(`void invitationsRevoke(clerk, 'inv_1', { retry: { maxRetries: 1 } });`).join('\n')).toContain('retry');
    expect(check(`void new ClerkCore({ bearerAuth: 'k', maxRetries: 1 });`).join('\n')).toContain('maxRetries');
    expect(check(`void new ClerkCore({ bearerAuth: 'k', logger: console });`).join('\n')).toContain('logger');
    // Without a logger, a warning would go nowhere: only off and strict validation.
    expect(check(`void new ClerkCore({ bearerAuth: 'k', validate: 'strict' });`)).toEqual([]);
    expect(check(`void new ClerkCore({ bearerAuth: 'k', validate: 'warn' });`).join('\n')).toContain('warn');
    expect(check(`void invitationsRevoke(clerk, 'inv_1', { validate: 'warn' });`).join('\n')).toContain('warn');
  }, 120_000);

  it('makes a call, with its credential and parameters', async () => {
    const server = await api(() => ({ json: [ONE] }));
    const page = await slim.invitationsList(client(server.url), { status: 'pending' }).firstPage();
    expect(page).toMatchObject({ items: [ONE] });
    expect(server.received[0]).toMatchObject({ method: 'GET', path: '/invitations', headers: { authorization: `Bearer ${SECRET}` } });
    expect(server.received[0]!.query.get('status')).toBe('pending');
  });

  it('throws APIError for every status, with its status, body and guard, sending each call once', async () => {
    const missing = await api(() => ({ status: 404, json: { errors: [{ message: 'not found', code: 'resource_not_found' }] } }));
    const notFound = await outcome(slim.invitationsRevoke(client(missing.url), 'inv_9'));
    expect(notFound).toBeInstanceOf(slim.APIError);
    expect(notFound).not.toBeInstanceOf(slim.NotFoundError);
    expect(notFound).toMatchObject({ name: 'APIError', status: 404, message: '404 not found (resource_not_found)' });
    expect(slim.isInvitationsRevokeError(notFound)).toBe(true);
    const failing = await api(() => ({ status: 503, json: {} }));
    const unavailable = await outcome(slim.invitationsList(client(failing.url)).firstPage());
    expect(unavailable).toMatchObject({ name: 'APIError', status: 503 });
    expect(unavailable).not.toBeInstanceOf(slim.InternalServerError);
    expect(failing.received).toHaveLength(1);
  });

  it('times out, and stops on the caller’s abort', async () => {
    const server = await api(() => ({ hang: true }));
    expect(await outcome(slim.invitationsList(client(server.url, { timeout: 100 })).firstPage())).toBeInstanceOf(slim.APIConnectionTimeoutError);
    const controller = new AbortController();
    const call = outcome(slim.invitationsList(client(server.url), {}, { signal: controller.signal }).firstPage());
    setTimeout(() => controller.abort(), 50);
    expect(await call).toBeInstanceOf(slim.APIUserAbortError);
  });

  it('refuses a redirect of a request with a credential, which never reaches the other origin', async () => {
    const elsewhere = await api(() => ({ json: [ONE] }));
    for (const status of [301, 302, 303, 307, 308]) {
      const server = await api((req) => ({ status, headers: { location: `${elsewhere.url}${req.path}` } }));
      const error = await outcome(slim.invitationsList(client(server.url)).firstPage());
      expect(error).toBeInstanceOf(slim.RedirectError);
      expect(error).toMatchObject({ reason: 'not-followed', status });
      expect(String(error)).not.toContain(SECRET);
    }
    expect(elsewhere.received).toHaveLength(0);
  });

  it('leaves retries, hooks, logging and redirect following out of a one-call bundle, which the full core keeps', async () => {
    const oneCall = async (pkg: string) => {
      const entry = `import { ClerkCore, invitationsRevoke } from ${JSON.stringify(join(pkg, 'src/index.ts'))};\nexport const run = () => invitationsRevoke(new ClerkCore({ bearerAuth: 'k' }), 'inv_1');\n`;
      const result = await build({ stdin: { contents: entry, resolveDir: ROOT, loader: 'ts' }, bundle: true, minify: true, format: 'esm', platform: 'browser', write: false, logLevel: 'silent' });
      return result.outputFiles[0]!.text;
    };
    // Strings each feature's code holds: Retry-After parsing, the hook names, the calls to the log, and redirect
    // following (Clerk's credential is in Authorization, so fetch follows and the client checks where it ended).
    const FEATURES = ['retry-after', 'onRequest', '.tried(', 'from https to http'];
    const full = await oneCall(join(ROOT, 'generated/clerk'));
    const small = await oneCall(dir);
    for (const s of FEATURES) expect(full).toContain(s);
    for (const s of FEATURES) expect(small).not.toContain(s);
  });

  it('documents the slim core in its README, whose examples compile against it', () => {
    const readme = files.get('README.md')!;
    expect(readme).toContain('--core slim');
    expect(readme).not.toContain('## Hooks and logging');
    expect(readme).not.toContain('maxRetries: 5');
    const blocks = [...readme.matchAll(/^```ts\n([\s\S]*?)\n```$/gm)].map((m) => m[1]!).filter((b) => /^import /m.test(b));
    expect(blocks.length).toBeGreaterThan(4);
    const examples = Object.fromEntries(blocks.map((b, i) => [join(dir, `example-${i}.mts`), `${b}\nexport {};\n`]));
    const packageName = JSON.parse(files.get('package.json')!).name as string;
    expect(typeCheckFiles(examples, { ...STRICT_OPTIONS, types: ['node'], typeRoots: [join(ROOT, 'node_modules/@types')], paths: { [packageName]: [join(dir, 'src/index.ts')] } })).toEqual([]);
  }, 120_000);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));
