import { isDeepStrictEqual } from 'node:util';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import { buildPackage, type IROperation, type IRParam } from '../../generator/dist/index.js';
import { apiName } from '../support/packages.js';
import { startPrism } from '../support/prism.js';
import { startRecordingProxy, type Exchange } from '../support/recording-proxy.js';
import { SpecDocs, type Schema } from '../support/spec-docs.js';
import { tempTree } from '../support/tmp.js';
import { Judge } from './judge.js';
import { Binary, seeded, Synthesizer } from './synth.js';

export interface CallOutcome {
  operation: string;
  verdict: 'accepted' | 'rejected' | 'not sent' | 'mock failed';
  /** Why the mock refused it, or what went wrong. */
  reason?: string;
  /** Parameters whose value on the wire is not the value given. */
  garbled: string[];
  /** Parameter values compared on the wire. */
  compared: number;
  /** Parameters sent that this test cannot compare (objects in paths or headers). */
  unchecked: number;
  /** Whether the client returned what the mock sent (undefined when not compared). */
  responseEqual?: boolean;
  /** Whether an argument had to be sent that ajv does not accept (the synthesizer's fault, not the client's). */
  argumentsValid: boolean;
}

const CALL_HEADER = 'x-fidelity-call';

/**
 * Calls every operation of a spec through its generated client, with
 * arguments synthesized from the spec (every optional parameter set, arrays of
 * two), against a Prism mock of the same spec that validates requests, and
 * reads what went over the wire through a recording proxy. `alter` changes
 * the generated files first, to show that a wrong client is caught.
 */
export async function measureRequests(spec: string, options: { concurrency?: number; alter?: (files: Map<string, string>) => void } = {}): Promise<CallOutcome[]> {
  const concurrency = options.concurrency ?? 6;
  const name = apiName(spec);
  const { ir, files } = buildPackage({ spec, out: 'unused', name, packageName: `@sdkgen/${name}` });
  options.alter?.(files);
  const tree: Record<string, string> = {};
  for (const [path, text] of files) tree[path] = text;
  const dir = tempTree(tree);
  const pkg = (await import(join(dir, 'src/index.ts'))) as { default: new (options: Record<string, unknown>) => Record<string, Record<string, (...args: unknown[]) => unknown>> };
  const docs = new SpecDocs(spec);
  const judge = new Judge(docs, 'input', false);
  const mock = await startPrism(spec, { errors: true, startTimeoutMs: 180_000 });
  const proxy = await startRecordingProxy(mock.url, CALL_HEADER);
  try {
    const clientOptions: Record<string, unknown> = { baseURL: proxy.url, maxRetries: 0, timeout: 30_000 };
    for (const a of ir.auth) clientOptions[a.option] = a.type === 'basic' ? 'user:secret' : 'test-credential';
    const calls = ir.resources.flatMap((r) => r.operations.map((op) => ({ resource: r.property, op })));
    const clientParams = new Map<string, unknown>();
    for (const p of ir.clientParams) {
      const found = calls.map(({ op }) => specParameter(docs, op, p.wireName, 'path')).find((x) => x !== undefined);
      clientParams.set(p.wireName, found ? synthesize(docs, judge, found, `client:${p.wireName}`).value : 'value');
      clientOptions[p.option] = clientParams.get(p.wireName);
    }
    const client = new pkg.default(clientOptions);
    const outcomes: CallOutcome[] = [];
    let next = 0;
    const worker = async () => {
      while (next < calls.length) {
        const i = next++;
        const { resource, op } = calls[i]!;
        outcomes[i] = await callOne(docs, judge, client[resource]!, op, String(i), proxy.exchanges, clientParams);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    return outcomes;
  } finally {
    await proxy.stop();
    await mock.stop();
  }
}

interface Located {
  file: string;
  pointer: string;
  /** Examples the spec gives beside the schema (a parameter's `example`/`examples`). */
  examples?: unknown[];
}

async function callOne(docs: SpecDocs, judge: Judge, resource: Record<string, (...args: unknown[]) => unknown>, op: IROperation, id: string, exchanges: Map<string, Exchange>, clientParams: Map<string, unknown>): Promise<CallOutcome> {
  const outcome: CallOutcome = { operation: op.operationId, verdict: 'not sent', garbled: [], compared: 0, unchecked: 0, argumentsValid: true };
  const given = new Map<IRParam, unknown>();
  const args: unknown[] = [];
  const value = (p: IRParam, where: string) => {
    const at = specParameter(docs, op, p.wireName, where);
    const made = at ? synthesize(docs, judge, at, `${op.operationId}:${p.wireName}`) : { value: 'value', valid: false };
    if (!made.valid) outcome.argumentsValid = false;
    given.set(p, made.value);
    return made.value;
  };
  for (const p of op.pathParams) args.push(value(p, 'path'));
  const body = op.body ? requestBody(docs, judge, op) : undefined;
  if (body && !body.valid) outcome.argumentsValid = false;
  if (op.bodyMode === 'direct') args.push(body?.value);
  if (op.paramsTypeName) {
    const params: Record<string, unknown> = {};
    for (const [list, where] of [[op.queryParams, 'query'], [op.headerParams, 'header'], [op.cookieParams, 'cookie']] as const) {
      for (const p of list) params[p.name] = value(p, where);
    }
    if (op.bodyMode === 'property' && body) params['body'] = body.value;
    args.push(params);
  }
  args.push({ headers: { [CALL_HEADER]: id } });
  let result: unknown;
  try {
    const call = resource[op.name]!(...args) as Promise<unknown> & { firstPage?: () => Promise<{ body: unknown }> };
    result = op.pagination ? (await call.firstPage!()).body : await call;
    if (op.responseKind === 'sse' && result && typeof result === 'object' && Symbol.asyncIterator in result) {
      const events: unknown[] = [];
      for await (const e of result as AsyncIterable<unknown>) events.push(e);
      result = events;
    }
  } catch (e) {
    const exchange = exchanges.get(id);
    if (!exchange) return { ...outcome, reason: String((e as Error).message ?? e).slice(0, 200) };
    const status = exchange.status;
    const reason = prismReason(exchange);
    if (status >= 400 && status < 500) return { ...outcome, verdict: 'rejected', reason: `${status} ${reason}` };
    return { ...outcome, verdict: 'mock failed', reason: `${status} ${reason}` };
  }
  const exchange = exchanges.get(id);
  if (!exchange) return { ...outcome, reason: 'no request reached the mock' };
  outcome.verdict = 'accepted';
  compareParameters(op, exchange, given, clientParams, outcome);
  outcome.responseEqual = await sameResponse(op, exchange, result);
  return outcome;
}

function prismReason(x: Exchange): string {
  try {
    const body = JSON.parse(decoded(x).toString()) as { title?: string; detail?: string; validation?: { location?: string[]; message?: string }[] };
    const details = (body.validation ?? []).map((v) => `${(v.location ?? []).join('.')} ${v.message ?? ''}`);
    return [body.title ?? body.detail ?? '', ...details].join('; ').slice(0, 400);
  } catch {
    return decoded(x).toString().slice(0, 200);
  }
}

/** The response body without its content encoding. */
function decoded(x: Exchange): Buffer {
  const encoding = String(x.responseHeaders['content-encoding'] ?? '');
  if (encoding === 'gzip') return gunzipSync(x.responseBody);
  if (encoding === 'br') return brotliDecompressSync(x.responseBody);
  if (encoding === 'deflate') return inflateSync(x.responseBody);
  return x.responseBody;
}

function compareParameters(op: IROperation, x: Exchange, given: Map<IRParam, unknown>, clientParams: Map<string, unknown>, outcome: CallOutcome): void {
  const url = new URL(x.url, 'http://x');
  const names: string[] = [];
  const pattern = new RegExp(`^(?:.*?)${op.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{([^}]+)\}/g, (_m, n: string) => {
    names.push(n);
    return '([^/]*)';
  })}$`);
  const match = pattern.exec(url.pathname);
  const pathValues = new Map(names.map((n, i) => [n, match ? decodeURIComponent(match[i + 1] ?? '') : undefined]));
  for (const [wire, v] of clientParams) check(`path ${wire}`, pathValues.get(wire), simple(v));
  for (const p of op.pathParams) check(`path ${p.wireName}`, pathValues.get(p.wireName), simple(given.get(p)));
  for (const p of op.headerParams) check(`header ${p.wireName}`, x.headers[p.wireName.toLowerCase()], simple(given.get(p)));
  for (const p of op.queryParams) {
    const v = given.get(p);
    const style = p.style ?? 'form';
    const explode = p.explode ?? style === 'form';
    if (Array.isArray(v) && v.every(isPrimitive)) {
      if (explode && style === 'form') check(`query ${p.wireName}`, url.searchParams.getAll(p.wireName), v.map(String));
      else check(`query ${p.wireName}`, url.searchParams.get(p.wireName), v.map(String).join(style === 'spaceDelimited' ? ' ' : style === 'pipeDelimited' ? '|' : ','));
    } else if (isPrimitive(v)) check(`query ${p.wireName}`, url.searchParams.get(p.wireName), String(v));
    else if (v && typeof v === 'object' && Object.values(v).every(isPrimitive) && (style === 'deepObject' || explode)) {
      for (const [k, item] of Object.entries(v)) check(`query ${p.wireName}.${k}`, url.searchParams.get(style === 'deepObject' ? `${p.wireName}[${k}]` : k), String(item));
    } else outcome.unchecked++;
  }

  function check(what: string, actual: unknown, expected: unknown): void {
    if (expected === undefined) outcome.unchecked++;
    else outcome.compared++;
    if (expected !== undefined && !isDeepStrictEqual(actual, expected)) outcome.garbled.push(`${what}: sent ${JSON.stringify(expected)}, arrived ${JSON.stringify(actual)}`);
  }
}

/** A path or header value as the `simple` style writes it; undefined for what it cannot compare. */
function simple(v: unknown): string | undefined {
  if (isPrimitive(v)) return String(v);
  if (Array.isArray(v) && v.every(isPrimitive)) return v.map(String).join(',');
  return undefined;
}

function isPrimitive(v: unknown): v is string | number | boolean {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

async function sameResponse(op: IROperation, x: Exchange, result: unknown): Promise<boolean | undefined> {
  const type = String(x.responseHeaders['content-type'] ?? '');
  const body = decoded(x);
  const text = body.toString();
  if (op.responseKind === 'sse') return undefined;
  if (op.responseKind === 'void') return result === undefined;
  // A binary download resolves to the unread Response, for the caller to stream or buffer.
  if (op.responseKind === 'blob') return result instanceof Response && Buffer.from(await result.arrayBuffer()).equals(body);
  if (op.responseKind === 'text') return result === text;
  if (/json/.test(type)) return isDeepStrictEqual(result, text === '' ? undefined : JSON.parse(text));
  return result === text || result === undefined;
}

/** The operation object and its path item, wherever their `$ref`s put them. */
function specOperation(docs: SpecDocs, op: IROperation): { item: Located; operation: Located } {
  const item = docs.locate(docs.root, `/paths/${escape(op.path)}`);
  const operation = docs.locate(item.file, `${item.pointer}/${op.httpMethod.toLowerCase()}`);
  return { item, operation };
}

function specParameter(docs: SpecDocs, op: IROperation, wireName: string, where: string): Located | undefined {
  const { item, operation } = specOperation(docs, op);
  for (const base of [operation, item]) {
    const list = docs.get(base.file, `${base.pointer}/parameters`);
    if (!Array.isArray(list)) continue;
    for (let i = 0; i < list.length; i++) {
      const p = docs.locate(base.file, `${base.pointer}/parameters/${i}`);
      if (p.node['name'] === wireName && p.node['in'] === where) {
        const examples = [p.node['example'], ...Object.values((p.node['examples'] ?? {}) as Record<string, { value?: unknown }>).map((e) => e?.value)].filter((e) => e !== undefined);
        if (p.node['schema'] !== undefined) return { file: p.file, pointer: `${p.pointer}/schema`, examples };
        const content = p.node['content'] as Record<string, unknown> | undefined;
        const media = content && Object.keys(content)[0];
        return media ? { file: p.file, pointer: `${p.pointer}/content/${escape(media)}/schema` } : undefined;
      }
    }
  }
  return undefined;
}

function requestBody(docs: SpecDocs, judge: Judge, op: IROperation): { value: unknown; valid: boolean } {
  const { operation } = specOperation(docs, op);
  const body = docs.locate(operation.file, `${operation.pointer}/requestBody`);
  const content = body.node?.['content'] as Record<string, Schema> | undefined;
  if (!content || !op.body) return { value: undefined, valid: false };
  const media = content[op.body.contentType] !== undefined ? op.body.contentType : Object.keys(content)[0]!;
  if (content[media]?.['schema'] === undefined) return { value: new Blob(['binary-content']), valid: true };
  const made = synthesize(docs, judge, { file: body.file, pointer: `${body.pointer}/content/${escape(media)}/schema` }, `${op.operationId}:body`);
  // The JSON form is the one checked here: Prism cannot mock an event stream of structured events.
  const flag = op.stream?.form?.kind === 'flag' ? op.stream.form.property : undefined;
  if (flag !== undefined && typeof made.value === 'object' && made.value !== null && flag in made.value) (made.value as Record<string, unknown>)[flag] = false;
  return made;
}

/** A value the schema at `at` allows, if ajv accepts one of a few proposals; else the last proposal. */
function synthesize(docs: SpecDocs, judge: Judge, at: Located, seed: string): { value: unknown; valid: boolean } {
  for (const example of at.examples ?? []) {
    try {
      if (judge.accepts(at.file, at.pointer, example)) return { value: example, valid: true };
    } catch {
      break;
    }
  }
  const synth = new Synthesizer(docs, 'input', seeded(seed));
  let last: unknown = 'value';
  for (let n = 0; n < 4; n++) {
    const made = synth.make({ file: at.file, schema: docs.get(at.file, at.pointer) as Schema }, n === 0 ? 0 : n + 1);
    if (!made) continue;
    last = made.value;
    let ok = false;
    try {
      ok = judge.accepts(at.file, at.pointer, wire(made.value));
    } catch {
      ok = false;
    }
    if (ok) return { value: toRuntime(made.value), valid: true };
  }
  return { value: toRuntime(last), valid: false };
}

function wire(v: unknown): unknown {
  if (v instanceof Binary) return v.text;
  if (Array.isArray(v)) return v.map(wire);
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, wire(x)]));
  return v;
}

function toRuntime(v: unknown): unknown {
  if (v instanceof Binary) return new Blob([v.text]);
  if (Array.isArray(v)) return v.map(toRuntime);
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toRuntime(x)]));
  return v;
}

function escape(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}
