import type { IR, IRType, IRWebhooks } from '../ir/types.js';
import { literal, objectKey, propertyAccess, stringLiteral } from './escape.js';

/**
 * Examples of receiving webhooks, for doc comments and the README: a Fetch
 * handler, as Node, Deno, Bun and workers take one. Each narrows the event by
 * its tag when the payloads have one.
 */
/** What the webhook examples read of the IR. */
export type WebhookDocsIR = Pick<IR, 'auth' | 'clientName' | 'clientParams' | 'clientVariable' | 'packageName' | 'webhooks'>;

export function handlerExample(ir: WebhookDocsIR, hooks: IRWebhooks, unwrap: string): string {
  return [
    'export async function handle(request: Request): Promise<Response> {',
    `  const event = await ${unwrap}(await request.text(), request.headers);`,
    ...narrowing(hooks, '  '),
    '  return new Response(null, { status: 200 });',
    '}',
  ].join('\n');
}

/** The README's example: a client given the secret, and the failures a handler answers with 400. */
export function readmeWebhookExample(ir: WebhookDocsIR, hooks: IRWebhooks): string {
  const auth = ir.auth[0];
  const args = [
    ...(auth ? [`  ${objectKey(auth.option)}: ${auth.env ? `process.env[${stringLiteral(auth.env)}]` : "'...'"},`] : []),
    ...ir.clientParams.map((p) => `  ${objectKey(p.option)}: ${stringLiteral(`my-${p.option.toLowerCase()}`)},`),
    `  ${objectKey(hooks.secret.option)}: process.env[${stringLiteral(hooks.secret.env)}],`,
  ];
  return [
    `import ${ir.clientName}, { WebhookVerificationError } from ${stringLiteral(ir.packageName)};`,
    '',
    `const ${ir.clientVariable} = new ${ir.clientName}({\n${args.join('\n')}\n});`,
    '',
    'export async function handle(request: Request): Promise<Response> {',
    '  try {',
    `    const event = await ${ir.clientVariable}.${hooks.property}.unwrap(await request.text(), request.headers);`,
    ...narrowing(hooks, '    '),
    '    return new Response(null, { status: 200 });',
    '  } catch (err) {',
    '    if (err instanceof WebhookVerificationError) return new Response(err.message, { status: 400 });',
    '    throw err;',
    '  }',
    '}',
  ].join('\n');
}

/** The standalone form, which needs no client and so no API credential. */
export function standaloneWebhookExample(ir: WebhookDocsIR, hooks: IRWebhooks): string {
  return [
    `import { ${hooks.functionName} } from ${stringLiteral(ir.packageName)};`,
    '',
    handlerExample(ir, hooks, hooks.functionName),
  ].join('\n');
}

function narrowing(hooks: IRWebhooks, indent: string): string[] {
  const first = hooks.webhooks.find((w) => w.type && w.tagValues.length > 0);
  if (!hooks.tag || !first) return [`${indent}console.log(event);`];
  const value = first.tagValues[0]!;
  return [`${indent}if (${propertyAccess('event', hooks.tag)} === ${literal(value)}) console.log(${stringLiteral(`${hooks.tag} is ${String(value)}`)}, event);`];
}

/** The README's Webhooks section, when the API sends any. */
export function webhooksReadmeView(ir: WebhookDocsIR) {
  const hooks = ir.webhooks;
  if (!hooks) return undefined;
  return {
    call: `${ir.clientVariable}.${hooks.property}.unwrap(body, headers)`,
    functionName: hooks.functionName,
    eventType: hooks.eventTypeName,
    payloadsType: hooks.payloadsTypeName,
    option: hooks.secret.option,
    env: hooks.secret.env,
    tag: hooks.tag,
    rows: hooks.webhooks.filter((h) => h.type).map((h) => ({ name: h.name, payload: typeName(h.type!), tag: h.tagValues.map((v) => JSON.stringify(v)).join(' | '), summary: h.description?.split(/\r\n?|\n/)[0] ?? '' })),
    example: readmeWebhookExample(ir, hooks),
    standalone: standaloneWebhookExample(ir, hooks),
  };
}

/** A payload's type as the table shows it: its model's name, or `object` for one written inline. */
function typeName(t: IRType): string {
  return t.kind === 'ref' ? t.name : t.kind === 'primitive' ? (t.name === 'integer' ? 'number' : t.name) : t.kind;
}
