import { isRef } from './refs.js';
import type { FixContext } from './schema-fixes.js';

type Node = Record<string, unknown>;

/** Swagger 2's media type lists, from the document or an operation. */
export interface MediaTypes {
  consumes: string[] | undefined;
  produces: string[] | undefined;
}

const FALLBACK_MEDIA_TYPE = 'application/json';

/**
 * Swagger 2 leftovers on the document: `consumes`/`produces` lists (OpenAPI 3
 * names media types in each body's and response's `content`). Returns them,
 * for bodies and responses that are still written the Swagger 2 way.
 */
export function fixDocument(doc: Node, ctx: FixContext): MediaTypes {
  return swaggerMediaTypes(doc, ctx, 'the document');
}

/** An operation's Swagger 2 leftovers, and an operation that declares no responses. */
export function fixOperation(op: Node, ctx: FixContext, inherited: MediaTypes): void {
  const own = swaggerMediaTypes(op, ctx, 'this operation');
  const types = { consumes: own.consumes ?? inherited.consumes, produces: own.produces ?? inherited.produces };
  liftBodyParameters(op, ctx, types.consumes);
  const responses = op['responses'];
  if (responses === undefined || (isObject(responses) && Object.keys(responses).every((k) => k.startsWith('x-')))) {
    ctx.note('this operation declares no responses; assumed it returns no body (the call resolves to nothing)', op, responses === undefined ? undefined : 'responses');
    return;
  }
  if (!isObject(responses)) return;
  for (const status of Object.keys(responses)) {
    const response = responses[status];
    if (isObject(response) && !isRef(response)) fixResponse(response, ctx, types.produces);
  }
}

/** Swagger 2's `schema` directly on a response: OpenAPI 3 puts it under a media type in `content`. */
export function fixResponse(response: Node, ctx: FixContext, produces: string[] | undefined): void {
  if (response['schema'] === undefined || response['content'] !== undefined) return;
  const types = produces && produces.length > 0 ? produces : [FALLBACK_MEDIA_TYPE];
  const schema = response['schema'];
  response['content'] = Object.fromEntries(types.map((t) => [t, { schema }]));
  ctx.note(`\`schema\` directly on a response is Swagger 2; read as \`content\` of ${types.join(', ')}${produces ? ' (from `produces`)' : ''}`, response, 'schema');
  delete response['schema'];
}

/** Keywords Swagger 2 wrote on a parameter or header itself, which OpenAPI 3 keeps in its `schema`. */
const SCHEMA_KEYWORDS = ['type', 'format', 'items', 'enum', 'default', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minLength', 'maxLength', 'pattern', 'minItems', 'maxItems', 'uniqueItems', 'multipleOf'];

/** Swagger 2 `collectionFormat` of a query array, as OpenAPI 3's style and explode. */
const COLLECTION_FORMATS: Record<string, { style: string; explode: boolean }> = {
  csv: { style: 'form', explode: false }, multi: { style: 'form', explode: true }, ssv: { style: 'spaceDelimited', explode: false }, pipes: { style: 'pipeDelimited', explode: false },
};

/** A parameter or header typed the Swagger 2 way, with `type` on itself rather than in a `schema`. */
export function fixParameter(p: Node, ctx: FixContext): void {
  if (typeof p['type'] !== 'string' || p['schema'] !== undefined || p['content'] !== undefined || p['in'] === 'body') return;
  const schema: Node = {};
  ctx.positions.copy(p, schema);
  for (const key of SCHEMA_KEYWORDS) {
    if (p[key] === undefined) continue;
    schema[key] = p[key];
    delete p[key];
  }
  if (schema['type'] === 'file') Object.assign(schema, { type: 'string', format: 'binary' });
  p['schema'] = schema;
  const format = p['collectionFormat'];
  let style = '';
  if (typeof format === 'string' && p['in'] === 'query' && COLLECTION_FORMATS[format]) {
    Object.assign(p, COLLECTION_FORMATS[format]);
    style = ` and \`collectionFormat: ${format}\` as style ${COLLECTION_FORMATS[format].style}${COLLECTION_FORMATS[format].explode ? ' exploded' : ''}`;
  }
  delete p['collectionFormat'];
  ctx.note(`\`type\` directly on a parameter is Swagger 2; read as its \`schema\`${style}`, p, 'type');
}

/** Swagger 2 `in: body` and `in: formData` parameters: OpenAPI 3's `requestBody`. */
function liftBodyParameters(op: Node, ctx: FixContext, consumes: string[] | undefined): void {
  const params = op['parameters'];
  if (!Array.isArray(params)) return;
  const isIn = (where: string) => (p: unknown): p is Node => isObject(p) && !isRef(p) && p['in'] === where;
  const body = params.filter(isIn('body'));
  const form = params.filter(isIn('formData'));
  if (body.length + form.length === 0) return;
  op['parameters'] = params.filter((p) => !body.includes(p as Node) && !form.includes(p as Node));
  const first = body[0] ?? form[0]!;
  if (op['requestBody'] !== undefined) {
    ctx.note(`\`in: ${String(first['in'])}\` parameters are Swagger 2, and this operation has a \`requestBody\` already; ignored them`, first, 'in');
    return;
  }
  const bodyParam = body[0];
  if (bodyParam) {
    const types = consumes && consumes.length > 0 ? consumes : [FALLBACK_MEDIA_TYPE];
    op['requestBody'] = requestBody(types, bodyParam['schema'] ?? {}, bodyParam);
    ctx.note(`an \`in: body\` parameter is Swagger 2; read as the \`requestBody\` (${types.join(', ')})`, bodyParam, 'in');
    return;
  }
  const schema = formSchema(form, ctx);
  const multipart = form.some((p) => p['type'] === 'file') || (consumes ?? []).includes('multipart/form-data');
  const types = [multipart ? 'multipart/form-data' : 'application/x-www-form-urlencoded'];
  op['requestBody'] = requestBody(types, schema, first);
  ctx.note(`\`in: formData\` parameters are Swagger 2; read as a ${types[0]} \`requestBody\` with one field each`, first, 'in');
}

function requestBody(types: string[], schema: unknown, from: Node): Node {
  const body: Node = { content: Object.fromEntries(types.map((t) => [t, { schema }])) };
  if (typeof from['description'] === 'string') body['description'] = from['description'];
  if (from['required'] === true || from['in'] === 'formData') body['required'] = from['required'] === true;
  return body;
}

function formSchema(form: Node[], ctx: FixContext): Node {
  const properties: Node = {};
  const required: string[] = [];
  for (const p of form) {
    if (typeof p['name'] !== 'string') continue;
    const field: Node = {};
    ctx.positions.copy(p, field);
    for (const key of [...SCHEMA_KEYWORDS, 'description']) if (p[key] !== undefined) field[key] = p[key];
    if (field['type'] === 'file') Object.assign(field, { type: 'string', format: 'binary' });
    properties[p['name']] = field;
    if (p['required'] === true) required.push(p['name']);
  }
  return { type: 'object', properties, ...(required.length > 0 ? { required } : {}) };
}

function swaggerMediaTypes(node: Node, ctx: FixContext, where: string): MediaTypes {
  const found: MediaTypes = { consumes: undefined, produces: undefined };
  for (const key of ['consumes', 'produces'] as const) {
    const value = node[key];
    if (value === undefined) continue;
    found[key] = Array.isArray(value) ? value.filter((t): t is string => typeof t === 'string') : [];
    const use = key === 'consumes' ? 'request bodies name their media types in `requestBody.content`' : 'responses name their media types in `content`';
    ctx.note(`\`${key}\` on ${where} is Swagger 2, not OpenAPI 3 (${use}); used only for parts still written the Swagger 2 way`, node, key);
    delete node[key];
  }
  return found;
}

function isObject(v: unknown): v is Node {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
