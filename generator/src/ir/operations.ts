import type { LoadedSpec } from '../load/loader.js';
import { isRef } from '../load/refs.js';
import { docsOf } from './docs.js';
import { collectParams, toIRParam, type RawParam } from './parameters.js';
import { isObject, type SchemaConverter } from './schemas.js';
import { isIdentifier, NameRegistry, OBJECT_MEMBERS, pascalCase, snakeCase, typeName, valueName } from './names.js';
import { preferredMedia, responseKind } from './media.js';
import { paginationOf } from './pagination.js';
import type { Warn } from './warnings.js';
import type { IRBody, IRClientParam, IROperation, IRParam, IRResponse, IRType } from './types.js';

export interface OperationSource {
  path: string;
  method: IROperation['httpMethod'];
  node: Record<string, unknown>;
  pathItem: Record<string, unknown>;
  /** The file the operation is written in; relative `$ref`s inside it resolve from here. */
  file: string;
  /** The file of the path item, for its path-level parameters. */
  pathItemFile: string;
  operationId: string;
  methodName: string;
}

export interface OperationContext {
  spec: LoadedSpec;
  schemas: SchemaConverter;
  clientParams: Map<string, IRClientParam>;
  securityOptions: Map<string, string>;
  warn: Warn;
}

/** Names the generated methods and functions use for their own arguments, and `paginate`, which they call. */
export const ARGUMENT_NAMES = ['client', 'params', 'options', 'body', 'paginate', ...OBJECT_MEMBERS];

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
    pagination: paginationOf(src, ctx, success),
    security: securityOf(src.node['security'], ctx),
  };
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
      option: valueName(option),
      env: typeof env === 'string' ? env : undefined,
      description: docsOf(p.node).description,
    });
  }
  return true;
}

function contentOf(node: Record<string, unknown>): [string, Record<string, unknown>] | undefined {
  const content = node['content'];
  if (!isObject(content)) return undefined;
  const media = preferredMedia(Object.keys(content));
  if (media === undefined) return undefined;
  const entry = content[media];
  return [media, isObject(entry) ? entry : {}];
}

function buildBody(src: OperationSource, ctx: OperationContext, base: string): IRBody | undefined {
  const ref = src.node['requestBody'];
  if (ref === undefined) return undefined;
  const node = derefNode(ref, src.file, ctx);
  const content = contentOf(node.value);
  if (!content) return undefined;
  const [contentType, media] = content;
  return {
    type: namedType(media['schema'], node.file, `${base}Body`, ctx),
    required: node.value['required'] === true,
    contentType,
    description: docsOf(node.value).description,
  };
}

function buildResponses(src: OperationSource, ctx: OperationContext, base: string): IRResponse[] {
  const responses = src.node['responses'];
  if (!isObject(responses)) return [];
  return Object.keys(responses).sort().map((status) => {
    const node = derefNode(responses[status], src.file, ctx);
    const content = contentOf(node.value);
    const name = status.startsWith('2') ? `${base}Response` : `${base}${pascalCase(status)}Error`;
    return {
      status,
      description: docsOf(node.value).description,
      contentType: content?.[0],
      type: content && content[1]['schema'] !== undefined ? namedType(content[1]['schema'], node.file, name, ctx) : content ? { kind: 'primitive', name: 'unknown' } : undefined,
    };
  });
}

function derefNode(node: unknown, file: string, ctx: OperationContext): { value: Record<string, unknown>; file: string } {
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
