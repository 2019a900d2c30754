import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, serveFiles, withCors } from '../support/browser.js';
import { typeCheck } from '../support/compile.js';
import { installTarballs, packGenerated, type Packed } from '../support/consumer.js';
import { fakeApi, type Received } from '../support/fake-api.js';
import { PACKAGES, ROOT } from '../support/packages.js';
import { SCENARIOS, scenarioModule, type Scenario } from './scenarios.js';

/**
 * Every generated package as its users get it: `npm pack`ed, installed from
 * the tarball into a project outside the workspace, then loaded by Node
 * (`import` and `require`), by TypeScript, and by a browser bundle.
 */

interface Consumer {
  name: string;
  packageName: string;
  packed: Packed;
  scenario: Scenario;
}

const execFileAsync = promisify(execFile);

let work: string;
let project: string;
let consumers: Consumer[];

const STRICT = { target: 'ES2022', strict: true, noUncheckedIndexedAccess: true, exactOptionalPropertyTypes: true, skipLibCheck: true, noEmit: true };

/** The consumer's own code: the scenario, Node runners for `import` and `require`, browser entries, and its tsconfigs. */
function consumerSources(c: Consumer): Record<string, string> {
  const pkg = JSON.stringify(c.packageName);
  const scenario = `../scenarios/${c.name}.js`;
  return {
    [`scenarios/${c.name}.ts`]: scenarioModule(c.packageName, c.scenario),
    [`node/${c.name}.ts`]: `import * as sdk from ${pkg};\nimport { run } from '${scenario}';\n\nconsole.log(JSON.stringify(await run(sdk, process.argv[2]!)));\n`,
    [`node/${c.name}-require.cts`]: `import sdk = require(${pkg});\n\nvoid import('${scenario}').then(async ({ run }) => {\n  const imported = await import(${pkg});\n  console.log(JSON.stringify({ ...(await run(sdk, process.argv[2]!)), sameModule: imported.default === sdk.default && imported.APIError === sdk.APIError }));\n});\n`,
    [`browser/${c.name}.ts`]: `import * as sdk from ${pkg};\nimport { run } from '${scenario}';\n\nconst page = globalThis as { scenarios?: Record<string, (url: string) => unknown> };\n(page.scenarios ??= {})[${pkg}] = (url) => run(sdk, url);\n`,
    [`worker/${c.name}.ts`]: `import * as sdk from ${pkg};\nimport { run } from '${scenario}';\n\nconst worker = globalThis as unknown as { postMessage(value: unknown): void };\naddEventListener('message', (event) => {\n  run(sdk, (event as MessageEvent<string>).data).then((result) => worker.postMessage(result), (e: unknown) => worker.postMessage({ crashed: String(e) }));\n});\n`,
  };
}

const TSCONFIGS: Record<string, object> = {
  // Node ESM, as `module: node16` resolves it, with Node's types.
  'tsconfig.node16.json': { compilerOptions: { ...STRICT, module: 'node16', moduleResolution: 'node16', types: ['node'], typeRoots: [join(ROOT, 'node_modules/@types')] }, include: ['scenarios', 'node/*.ts'] },
  // CommonJS requiring the ES module: TypeScript 5.8+ with `module: nodenext`.
  'tsconfig.require.json': { compilerOptions: { ...STRICT, module: 'nodenext', moduleResolution: 'nodenext', types: ['node'], typeRoots: [join(ROOT, 'node_modules/@types')] }, include: ['scenarios', 'node/*.cts'] },
  // A browser app behind a bundler: DOM types, no Node types.
  'tsconfig.bundler.json': { compilerOptions: { ...STRICT, module: 'esnext', moduleResolution: 'bundler', lib: ['ES2022', 'DOM', 'DOM.Iterable'], types: [] }, include: ['scenarios', 'browser', 'worker'] },
};

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'sdkgen-consumer-'));
  consumers = PACKAGES.map((p) => {
    const packageName = p.packageName ?? `@sdkgen/${p.name}`;
    const scenario = SCENARIOS[packageName];
    if (!scenario) throw new Error(`no consumer scenario for ${packageName}: add one to test/consumers/scenarios.ts`);
    return { name: p.name, packageName, scenario, packed: packGenerated(p.out, work) };
  });
  project = join(work, 'consumer');
  mkdirSync(project);
  installTarballs(project, consumers.map((c) => c.packed.tarball));
  const files: Record<string, string> = Object.fromEntries(Object.entries(TSCONFIGS).map(([f, c]) => [f, JSON.stringify(c, null, 2)]));
  for (const c of consumers) Object.assign(files, consumerSources(c));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(project, path)), { recursive: true });
    writeFileSync(join(project, path), text);
  }
  // The runners as the consumer ships them: its own code compiled, the package left to Node's resolution.
  for (const c of consumers) {
    await build({ entryPoints: [join(project, `node/${c.name}.ts`)], outfile: join(project, `out/${c.name}.mjs`), bundle: true, packages: 'external', format: 'esm', platform: 'node', logLevel: 'silent' });
    await build({ entryPoints: [join(project, `node/${c.name}-require.cts`)], outfile: join(project, `out/${c.name}-require.cjs`), bundle: true, packages: 'external', format: 'cjs', platform: 'node', logLevel: 'silent' });
  }
}, 300_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Runs a compiled runner against the scenario's fake API; returns what it printed and what the API saw. */
async function runInNode(c: Consumer, file: string): Promise<{ result: Record<string, unknown>; received: Received[] }> {
  const api = await fakeApi(c.scenario.route);
  try {
    // Asynchronously: the fake API answers from this process.
    const { stdout, stderr } = await execFileAsync(process.execPath, [join(project, 'out', file), api.url], { cwd: project, encoding: 'utf8' });
    expect(stderr).toBe('');
    return { result: JSON.parse(stdout) as Record<string, unknown>, received: api.received };
  } finally {
    await api.close();
  }
}

function expectScenario(c: Consumer, result: Record<string, unknown>): void {
  expect(result).toMatchObject({
    call: c.scenario.expected.call,
    pages: c.scenario.expected.pages,
    error: { name: 'NotFoundError', apiError: true, notFound: true, status: 404, body: c.scenario.expected.errorBody },
    timeout: { name: 'APIConnectionTimeoutError', timedOut: true, aborted: false },
    abort: { name: 'APIUserAbortError', aborted: true, timedOut: false },
  });
}

describe('generated packages, packed and installed outside the workspace', () => {
  it('npm pack builds dist/ on prepack, from scratch: the tarball holds what consumers load and nothing stale', () => {
    for (const c of consumers) {
      const { files } = c.packed;
      const sources = files.filter((f) => f.startsWith('src/') && f.endsWith('.ts'));
      expect(sources.length).toBeGreaterThan(0);
      const built = sources.flatMap((f) => ['.js', '.d.ts'].map((ext) => f.replace(/^src\//, 'dist/').replace(/\.ts$/, ext)));
      expect(files.filter((f) => f.startsWith('dist/'))).toEqual(built.sort());
      expect(files).toEqual(expect.arrayContaining(['package.json', 'README.md', 'dist/index.js', 'dist/index.d.ts']));
      expect(files.filter((f) => /tsbuildinfo|sdkgen-manifest|node_modules/.test(f))).toEqual([]);
    }
  });

  it('installs with an exports map for types, import, require and bundlers, and engines that allow require()', () => {
    for (const c of consumers) {
      const manifest = JSON.parse(readFileSync(join(project, 'node_modules', c.packageName, 'package.json'), 'utf8')) as { exports: Record<string, Record<string, string>>; engines: { node: string }; type: string };
      expect(manifest.type).toBe('module');
      expect(manifest.exports['.']).toMatchObject({ types: './dist/index.d.ts', import: './dist/index.js', default: './dist/index.js' });
      // `types` must come before the conditions it describes.
      expect(Object.keys(manifest.exports['.']!).indexOf('types')).toBeLessThan(Object.keys(manifest.exports['.']!).indexOf('import'));
      expect(manifest.engines.node).toBe('^20.19.0 || >=22.12.0');
      const readme = readFileSync(join(project, 'node_modules', c.packageName, 'README.md'), 'utf8');
      expect(readme).toContain('## Module formats');
      expect(readme).toContain(`require('${c.packageName}')`);
    }
  });

  it('TypeScript type-checks the imports: ESM under module node16, CommonJS require under nodenext, and moduleResolution bundler', () => {
    for (const config of Object.keys(TSCONFIGS)) expect(typeCheck(join(project, config)), config).toEqual([]);
  });

  it('Node imports each package by name and runs a call, pagination, a typed error, a timeout and an abort', async () => {
    for (const c of consumers) {
      const { result, received } = await runInNode(c, `${c.name}.mjs`);
      expectScenario(c, result);
      for (const r of received) expect(r.headers[c.scenario.auth[0]]).toBe(c.scenario.auth[1]);
      expect(received.every((r) => r.headers['user-agent']?.startsWith(`${c.packageName}/`))).toBe(true);
    }
  });

  it('Node require()s each package (Node 20.19+ loads the ES module) and gets the same module as import', async () => {
    for (const c of consumers) {
      const { result } = await runInNode(c, `${c.name}-require.cjs`);
      expect(readFileSync(join(project, `out/${c.name}-require.cjs`), 'utf8')).toMatch(new RegExp(`require\\("${c.packageName}"\\)`));
      expectScenario(c, result);
      expect(result['sameModule']).toBe(true);
    }
  });
});

describe('generated packages in a browser (headless Chromium)', () => {
  it('bundled into a page and a worker on another origin, each package calls, pages, throws typed errors, times out and aborts', async () => {
    const files: Record<string, { type: string; body: string }> = {
      '/': { type: 'text/html', body: `<!doctype html>\n<meta charset="utf-8">\n<title>consumer</title>\n<script>\nwindow.inWorker = (src, url) => new Promise((resolve, reject) => {\n  const w = new Worker(src, { type: 'module' });\n  w.onmessage = (e) => { w.terminate(); resolve(e.data); };\n  w.onerror = (e) => { w.terminate(); reject(new Error(e.message)); };\n  w.postMessage(url);\n});\n</script>\n${consumers.map((c) => `<script type="module" src="/page-${c.name}.js"></script>`).join('\n')}\n` },
    };
    for (const c of consumers) {
      for (const kind of ['browser', 'worker'] as const) {
        const out = await build({ entryPoints: [join(project, `${kind}/${c.name}.ts`)], bundle: true, format: 'esm', platform: 'browser', target: 'es2022', write: false, logLevel: 'silent' });
        files[`/${kind === 'browser' ? 'page' : 'worker'}-${c.name}.js`] = { type: 'text/javascript', body: out.outputFiles[0]!.text };
      }
    }
    const site = await serveFiles(files);
    const browser = await launchChromium();
    const apis = await Promise.all(consumers.map((c) => fakeApi(withCors(c.scenario.route, () => site.url, c.scenario.allowHeaders))));
    try {
      const page = browser.context.pages()[0] ?? (await browser.context.newPage());
      const problems: string[] = [];
      page.on('pageerror', (e) => problems.push(e.message));
      await page.goto(`${site.url}/`);
      await page.waitForFunction((n) => Object.keys((globalThis as { scenarios?: object }).scenarios ?? {}).length === n, consumers.length);
      expect(await page.evaluate(() => ({ ua: navigator.userAgent, process: typeof (globalThis as { process?: unknown }).process }))).toMatchObject({ ua: expect.stringContaining('HeadlessChrome'), process: 'undefined' });
      for (const [i, c] of consumers.entries()) {
        const api = apis[i]!;
        const inPage = await page.evaluate(([name, url]) => (globalThis as unknown as { scenarios: Record<string, (u: string) => Promise<unknown>> }).scenarios[name]!(url), [c.packageName, api.url] as const);
        expectScenario(c, inPage as Record<string, unknown>);
        const inWorker = await page.evaluate(([src, url]) => (globalThis as unknown as { inWorker(s: string, u: string): Promise<unknown> }).inWorker(src, url), [`/worker-${c.name}.js`, api.url] as const);
        expectScenario(c, inWorker as Record<string, unknown>);
        const preflights = api.received.filter((r) => r.method === 'OPTIONS');
        const requests = api.received.filter((r) => r.method !== 'OPTIONS');
        expect(preflights.length).toBeGreaterThan(0);
        for (const p of preflights) for (const h of String(p.headers['access-control-request-headers'] ?? '').split(',').filter(Boolean)) expect(c.scenario.allowHeaders).toContain(h.trim());
        for (const r of requests) {
          expect(r.headers.origin).toBe(site.url);
          expect(r.headers[c.scenario.auth[0]]).toBe(c.scenario.auth[1]);
          expect(r.headers['user-agent']).toContain('HeadlessChrome');
        }
      }
      expect(problems).toEqual([]);
    } finally {
      await Promise.all(apis.map((a) => a.close()));
      await browser.close();
      await site.close();
    }
  }, 120_000);
});
