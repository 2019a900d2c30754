import { isRef } from './refs.js';
import type { FixContext } from './schema-fixes.js';

type Node = Record<string, unknown>;

const FALLBACK_MEDIA_TYPE = 'application/json';

/**
 * Swagger 2 leftovers on the document: `consumes`/`produces` lists (OpenAPI 3
 * names media types in each body's and response's `content`). Returns the
 * document-wide `produces`, which answers for responses that still carry a
 * bare `schema`.
 */
export function fixDocument(doc: Node, ctx: FixContext): string[] | undefined {
  return swaggerMediaTypes(doc, ctx, 'the document');
}

/** An operation's Swagger 2 leftovers, and an operation that declares no responses. */
export function fixOperation(op: Node, ctx: FixContext, documentProduces: string[] | undefined): void {
  const produces = swaggerMediaTypes(op, ctx, 'this operation') ?? documentProduces;
  const responses = op['responses'];
  if (responses === undefined || (isObject(responses) && Object.keys(responses).every((k) => k.startsWith('x-')))) {
    ctx.note('this operation declares no responses; assumed it returns no body (the call resolves to nothing)', op, responses === undefined ? undefined : 'responses');
    return;
  }
  if (!isObject(responses)) return;
  for (const status of Object.keys(responses)) {
    const response = responses[status];
    if (isObject(response) && !isRef(response)) fixResponse(response, ctx, produces);
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

function swaggerMediaTypes(node: Node, ctx: FixContext, where: string): string[] | undefined {
  let produces: string[] | undefined;
  for (const key of ['consumes', 'produces'] as const) {
    const value = node[key];
    if (value === undefined) continue;
    const types = Array.isArray(value) ? value.filter((t): t is string => typeof t === 'string') : [];
    if (key === 'produces') produces = types;
    const use = key === 'consumes' ? 'request bodies name their media types in `requestBody.content`' : 'responses name their media types in `content`';
    ctx.note(`\`${key}\` on ${where} is Swagger 2, not OpenAPI 3 (${use}); ignored`, node, key);
    delete node[key];
  }
  return produces;
}

function isObject(v: unknown): v is Node {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
