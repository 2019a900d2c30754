import { isRef } from '../load/refs.js';
import { docsOf } from './docs.js';
import { collectParams, toIRParam, type RawParam } from './parameters.js';
import type { OperationContext, OperationSource } from './operation-context.js';
import { errorClassFor } from '../load/runtime-surface.js';
import { isObject } from './schemas.js';
import { isIdentifier, NameRegistry, OBJECT_MEMBERS, pascalCase, snakeCase, typeName, valueName } from './names.js';
import { chooseRequestMedia, chooseResponseMedia, isJsonMedia, isMediaRange, requestEncoding, responseKind } from './media.js';
import { paginationOf } from './pagination.js';
import { streamTerminatorOf } from './vendor.js';
import { isEventStream, streamOf } from './streams.js';
import type { IRBody, IRContent, IROperation, IRParam, IRPartEncoding, IRResponse, IRType, ResponseKind } from './types.js';

const UNKNOWN: IRType = { kind: 'primitive', name: 'unknown' };
const STRING: IRType = { kind: 'primitive', name: 'string' };
const RECEIVED_BLOB: IRType = { kind: 'binary', received: true };

/** Names the generated methods and functions use for their own arguments, and the runtime's functions they use (`paginate`, `uploads`, `encodeRequestBody`, `streamRequest`, the query styles, `cookieHeader`). */
export const ARGUMENT_NAMES = ['client', 'params', 'options', 'body', 'paginate', 'uploads', 'encodeRequestBody', 'streamRequest', 'commaDelimited', 'spaceDelimited', 'pipeDelimited', 'deepObject', 'cookieHeader', ...OBJECT_MEMBERS];

export function buildOperation(src: OperationSource, ctx: OperationContext): IROperation {
  const raw = reconcilePathParams(src, collectParams(ctx.spec, { list: src.pathItem['parameters'], file: src.pathItemFile }, { list: src.node['parameters'], file: src.file }), ctx);
  const argNames = new NameRegistry(ARGUMENT_NAMES);
  const clientPathParams: string[] = [];
  const pathParams: IRParam[] = [];
  for (const p of pathOrder(src.path, raw.filter((r) => r.in === 'path'))) {
    if (registerClientParam(p, ctx)) clientPathParams.push(p.name);
    else pathParams.push(toIRParam(p, argNames.claim(valueName(p.name, 'id')), ctx.schemas));
  }
  const propNames = new NameRegistry(['body', ...OBJECT_MEMBERS]);
  const named = (loc: string) => raw.filter((r) => r.in === loc).map((r) => toIRParam(r, propNames.claim(propertyName(r.name)), ctx.schemas));
  const queryParams = named('query');
  const headerParams = named('header');
  const cookieParams = named('cookie');
  const base = pascalCase(src.operationId) || 'Operation';
  const hasParams = queryParams.length + headerParams.length + cookieParams.length > 0;
  const body = buildBody(src, ctx, base);
  const responses = buildResponses(src, ctx, base);
  const success = responses.find((r) => r.status.startsWith('2'));
  const kind = responseKind(success?.contentType);
  const successNode = success ? derefNode((src.node['responses'] as Record<string, unknown>)[success.status], src.file, ctx) : { value: {}, file: src.file };
  const stream = streamOf(success, { src, ctx, response: successNode, bodySchema: body ? bodySchemaOf(src, ctx, body.contentType) : undefined });
  const docs = docsOf(src.node);
  return {
    name: src.methodName,
    functionName: '',
    operationId: src.operationId,
    summary: typeof src.node['summary'] === 'string' ? src.node['summary'] : undefined,
    ...docs,
    httpMethod: src.method,
    path: src.path,
    pathParams,
    queryParams,
    headerParams,
    cookieParams,
    clientPathParams,
    paramsTypeName: hasParams ? ctx.schemas.names.claim(typeName(`${base}Params`)) : undefined,
    body,
    bodyMode: body === undefined ? 'none' : hasParams ? 'property' : 'direct',
    responses,
    success,
    responseKind: kind,
    accept: success?.contentType,
    streamTerminator: stream ? streamTerminatorOf(ctx.spec, src.node) : undefined,
    declaredErrors: declaredErrorsOf(responses),
    stream,
    pagination: paginationOf(src, ctx, success),
    security: securityOf(src.node['security'], ctx),
  };
}

/** Error bodies the runtime parses (JSON) that the spec types; named once the operation's function is. */
function declaredErrorsOf(responses: IRResponse[]): IROperation['declaredErrors'] {
  const statuses = responses.filter((r) => !r.status.startsWith('2') && r.type !== undefined && r.contentType !== undefined && isJsonMedia(r.contentType)).map((r) => ({ status: r.status.toUpperCase(), type: r.type! }));
  return statuses.length > 0 ? { typeName: '', guardName: '', statuses } : undefined;
}

function propertyName(wire: string): string {
  if (isIdentifier(wire)) return wire;
  return snakeCase(wire) || 'param';
}

function pathOrder(path: string, params: RawParam[]): RawParam[] {
  const order = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
  return [...params].sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name));
}

/**
 * Real specs often leave a path parameter undeclared, or declare one the path
 * lacks. Both generate (an undeclared one as a string) with a warning.
 */
function reconcilePathParams(src: OperationSource, raw: RawParam[], ctx: OperationContext): RawParam[] {
  const inTemplate = [...src.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
  const kept = raw.filter((p) => {
    if (p.in !== 'path' || inTemplate.includes(p.name)) return true;
    ctx.warn(`path parameter "${p.name}" is declared but ${src.path} has no {${p.name}}; it is ignored`, p.node, 'name');
    return false;
  });
  for (const name of inTemplate) {
    if (kept.some((p) => p.in === 'path' && p.name === name)) continue;
    ctx.warn(`path parameter {${name}} of ${src.method} ${src.path} is not declared in \`parameters\`; typed as string`, src.node);
    kept.push({ node: { name, in: 'path', required: true, schema: { type: 'string' } }, file: src.file, in: 'path', name });
  }
  return kept;
}

/** `x-sdkgen-client-option` moves a path parameter to the client constructor. */
function registerClientParam(p: RawParam, ctx: OperationContext): boolean {
  const option = p.node['x-sdkgen-client-option'];
  if (typeof option !== 'string') return false;
  if (!ctx.clientParams.has(p.name)) {
    const env = p.node['x-sdkgen-env'];
    ctx.clientParams.set(p.name, {
      wireName: p.name,
      option: ctx.optionNames.claim(valueName(option)),
      env: typeof env === 'string' ? env : undefined,
      description: docsOf(p.node).description,
    });
  }
  return true;
}

/** Every media type of a `content` map, in the spec's order, with its entry. */
export function mediaEntries(node: Record<string, unknown>): Map<string, Record<string, unknown>> {
  const content = node['content'];
  const out = new Map<string, Record<string, unknown>>();
  if (!isObject(content)) return out;
  for (const key of Object.keys(content)) out.set(key, isObject(content[key]) ? content[key] : {});
  return out;
}

/**
 * Converts the schema of every media type. The chosen one is converted first
 * and, when inline, named; the others stay anonymous (or share its type when
 * they share its schema), so offering more media types adds no models.
 */
export function convertContents(entries: Map<string, Record<string, unknown>>, chosen: string, file: string, name: string, ctx: OperationContext, eventName?: string): IRContent[] {
  const first = entries.get(chosen)!['schema'];
  const chosenType = first === undefined ? UNKNOWN : namedType(first, file, name, ctx);
  return [...entries].map(([mediaType, entry]) => {
    const schema = entry['schema'];
    if (mediaType === chosen || schema === first) return { mediaType, type: chosenType };
    if (schema === undefined) return { mediaType, type: UNKNOWN };
    // Events offered beside another response get a method of their own, so their type is named too.
    if (eventName !== undefined && isEventStream(mediaType)) return { mediaType, type: namedType(schema, file, eventName, ctx) };
    return { mediaType, type: ctx.schemas.convert(schema, file) };
  });
}

function buildBody(src: OperationSource, ctx: OperationContext, base: string): IRBody | undefined {
  const ref = src.node['requestBody'];
  if (ref === undefined) return undefined;
  const node = derefNode(ref, src.file, ctx);
  const entries = mediaEntries(node.value);
  const choice = chooseRequestMedia([...entries.keys()]);
  if (!choice) return undefined;
  if (src.method === 'GET' || src.method === 'HEAD') {
    // fetch refuses a GET or HEAD with a body before anything is sent.
    ctx.warn(`${src.method} ${src.path} declares a request body, which HTTP clients built on fetch cannot send with ${src.method}; the generated method takes no body`, src.node, 'requestBody');
    return undefined;
  }
  const content = node.value['content'] as Record<string, unknown>;
  if (choice.guessed) ctx.warn(`the request body offers only the media range "${choice.key}", which is not a Content-Type; it is sent as ${choice.send}`, content, choice.key);
  const contents = convertContents(entries, choice.key, node.file, `${base}Body`, ctx).map((c) => withEncoding(c, entries.get(c.mediaType)!, node.file, ctx));
  const declared = contents.find((c) => c.mediaType === choice.key)!.type;
  return {
    type: sentType(declared, choice.send, entries.get(choice.key)!['schema'], node.file, ctx, content, choice.key),
    required: node.value['required'] === true,
    contentType: choice.send,
    contents,
    alternatives: [...entries.keys()].filter((t) => t !== choice.key && !isMediaRange(t)),
    description: docsOf(node.value).description,
  };
}

/** A multipart media type's `encoding` map, kept for the parts that say something the client can send. */
function withEncoding(content: IRContent, entry: Record<string, unknown>, file: string, ctx: OperationContext): IRContent {
  const encoding = entry['encoding'];
  if (!content.mediaType.toLowerCase().startsWith('multipart/') || !isObject(encoding)) return content;
  const parts: IRPartEncoding[] = [];
  for (const part of Object.keys(encoding)) {
    const e = derefNode(encoding[part], file, ctx).value;
    const headers = isObject(e['headers']) ? fixedHeaders(e['headers'], file, ctx) : [];
    const contentType = typeof e['contentType'] === 'string' ? e['contentType'] : undefined;
    if (contentType !== undefined || headers.length > 0) parts.push({ part, contentType, headers });
  }
  return parts.length > 0 ? { ...content, encoding: parts } : content;
}

/** Part headers whose value the spec fixes with `const` or `default`; the rest only describe what a server may read. */
function fixedHeaders(headers: Record<string, unknown>, file: string, ctx: OperationContext): [string, string][] {
  const out: [string, string][] = [];
  for (const name of Object.keys(headers)) {
    if (/^content-type$/i.test(name)) continue;
    const header = derefNode(headers[name], file, ctx);
    const schema = derefNode(header.value['schema'], header.file, ctx).value;
    const value = schema['const'] ?? schema['default'];
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') out.push([name, String(value)]);
  }
  return out;
}

/** A body the client sends as given (XML, plain text, bytes) is typed as what it takes, a string or a Blob. */
function sentType(declared: IRType, contentType: string, schema: unknown, file: string, ctx: OperationContext, at: unknown, key: string): IRType {
  if (requestEncoding(contentType) !== 'raw' || isRawShape(schema, file, ctx)) return declared;
  ctx.warn(`a ${contentType} request body is sent as given, so it is typed as string | Blob; its schema is not applied`, at, key);
  return { kind: 'union', members: [{ kind: 'primitive', name: 'string' }, { kind: 'binary' }] };
}

/** What a response of this kind resolves to: the schema for JSON and events, else the text or the Blob the client reads. */
function deliveredType(declared: IRType, kind: ResponseKind, contentType: string, schema: unknown, file: string, ctx: OperationContext, at: unknown): IRType {
  if (kind === 'json' || kind === 'sse' || kind === 'void') return declared;
  if (schema === undefined) return kind === 'text' ? STRING : RECEIVED_BLOB;
  if (kind === 'text') {
    if (isRawShape(schema, file, ctx, 'string')) return declared;
    ctx.warn(`a ${contentType} response is read as text, so it is typed as string; its schema is not applied`, at, contentType);
    return STRING;
  }
  if (!isRawShape(schema, file, ctx, 'binary')) ctx.warn(`a ${contentType} response is read as a Blob, so it is typed as Blob; its schema is not applied`, at, contentType);
  return RECEIVED_BLOB;
}

/** Whether a schema already says string (or binary string), looking through one `$ref`. */
function isRawShape(schema: unknown, file: string, ctx: OperationContext, want: 'string' | 'binary' | 'either' = 'either'): boolean {
  const target = isRef(schema) ? ctx.spec.refs.deref(schema, file)?.value : schema;
  if (!isObject(target)) return schema === undefined;
  if (target['type'] !== 'string') return false;
  const binary = target['format'] === 'binary' || target['format'] === 'byte' || target['contentEncoding'] !== undefined || target['contentMediaType'] !== undefined;
  return want === 'either' || (want === 'binary') === binary || (want === 'string' && !binary);
}

function buildResponses(src: OperationSource, ctx: OperationContext, base: string): IRResponse[] {
  const responses = src.node['responses'];
  if (!isObject(responses)) return [];
  return Object.keys(responses).sort().map((status) => {
    const node = derefNode(responses[status], src.file, ctx);
    const entries = mediaEntries(node.value);
    const chosen = chooseResponseMedia([...entries.keys()]);
    const name = status.startsWith('2') ? `${base}Response` : `${base}${pascalCase(status)}Error`;
    const contents = chosen === undefined ? [] : convertContents(entries, chosen, node.file, name, ctx, status.startsWith('2') ? `${base}StreamEvent` : undefined);
    const declared = contents.find((c) => c.mediaType === chosen)?.type;
    return {
      status,
      description: docsOf(node.value).description,
      contentType: chosen,
      contents,
      type: chosen === undefined || declared === undefined ? undefined : deliveredType(declared, responseKind(chosen), chosen, entries.get(chosen)!['schema'], node.file, ctx, node.value['content']),
      errorClass: status.startsWith('2') ? undefined : errorClassFor(ctx.runtime, status.toUpperCase()),
    };
  });
}

/** The raw schema of the body's media type, for questions the IR type cannot answer. */
function bodySchemaOf(src: OperationSource, ctx: OperationContext, contentType: string): { value: unknown; file: string } | undefined {
  const node = derefNode(src.node['requestBody'], src.file, ctx);
  const content = node.value['content'];
  if (!isObject(content)) return undefined;
  const key = contentType in content ? contentType : Object.keys(content).find((k) => k.split(';')[0]!.trim() === contentType);
  const entry = key === undefined ? undefined : content[key];
  return isObject(entry) ? { value: entry['schema'], file: node.file } : undefined;
}

export function derefNode(node: unknown, file: string, ctx: OperationContext): { value: Record<string, unknown>; file: string } {
  const resolved = isRef(node) ? ctx.spec.refs.deref(node, file) : undefined;
  const value = resolved ? resolved.value : node;
  return { value: isObject(value) ? value : {}, file: resolved?.file ?? file };
}

/** Inline object schemas of bodies and responses become named models, as a person would write them. */
function namedType(schema: unknown, file: string, name: string, ctx: OperationContext): IRType {
  if (isObject(schema) && !isRef(schema) && isComposite(schema)) {
    return ctx.schemas.inlineModel(name, schema, file);
  }
  return ctx.schemas.convert(schema, file);
}

function isComposite(s: Record<string, unknown>): boolean {
  return isObject(s['properties']) || Array.isArray(s['allOf']) || Array.isArray(s['oneOf']) || Array.isArray(s['anyOf']);
}

function securityOf(security: unknown, ctx: OperationContext): string[] | undefined {
  if (!Array.isArray(security)) return undefined;
  const options = security.flatMap((req) => (isObject(req) ? Object.keys(req) : []));
  return [...new Set(options.map((name) => ctx.securityOptions.get(name)).filter((o): o is string => o !== undefined))];
}
