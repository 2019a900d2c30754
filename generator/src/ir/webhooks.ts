import { specError } from '../diagnostics.js';
import { docsOf } from './docs.js';
import { findProperty, literalsOf } from './discriminators.js';
import { chooseRequestMedia, requestEncoding } from './media.js';
import { typeName, valueName, type NameRegistry } from './names.js';
import { convertContents, derefNode, mediaEntries } from './operations.js';
import type { OperationContext } from './operation-context.js';
import { isObject } from './schemas.js';
import type { IRLiteral, IRModel, IRType, IRWebhook, IRWebhooks } from './types.js';

const METHODS = ['post', 'put', 'patch', 'get', 'delete', 'options', 'head'] as const;

/** Properties that name an event's kind in most APIs, tried before the payload's other properties. */
const TAG_CANDIDATES = ['type', 'event', 'event_type', 'kind'];

/**
 * Reads OpenAPI 3.1 `webhooks`: each one's payload, converted as request
 * bodies are (every media type kept, an inline JSON schema named
 * `<Name>Event`). What `unwrap` cannot return is warned where it is written.
 * Runs before the models are drained, so the payloads' models are built with
 * the rest.
 */
export function collectWebhooks(ctx: OperationContext): IRWebhook[] {
  const { spec, warn } = ctx;
  const hooks = spec.document['webhooks'];
  if (hooks === undefined) return [];
  if (!isObject(hooks)) throw specError('`webhooks` must be a mapping', spec.positions.locate(spec.document, 'webhooks'));
  const out: IRWebhook[] = [];
  for (const name of Object.keys(hooks)) {
    const item = derefNode(hooks[name], spec.file, ctx);
    const methods = METHODS.filter((m) => isObject(item.value[m]));
    if (methods.length === 0) {
      warn(`webhook "${name}" declares no operation, so it has no payload to type; it is left out`, hooks, name);
      continue;
    }
    for (const extra of methods.slice(1)) warn(`webhook "${name}" declares more than one operation; only its ${methods[0]!.toUpperCase()} payload is typed`, item.value, extra);
    out.push(buildWebhook(name, methods[0]!, item, ctx));
  }
  return out;
}

function buildWebhook(name: string, method: (typeof METHODS)[number], item: { value: Record<string, unknown>; file: string }, ctx: OperationContext): IRWebhook {
  const op = item.value[method] as Record<string, unknown>;
  const body = op['requestBody'] === undefined ? undefined : derefNode(op['requestBody'], item.file, ctx);
  const entries = body ? mediaEntries(body.value) : new Map<string, Record<string, unknown>>();
  const choice = chooseRequestMedia([...entries.keys()]);
  const docs = docsOf(op);
  const description = [op['summary'], docs.description, body && docsOf(body.value).description].filter((d, i, all): d is string => typeof d === 'string' && d.trim() !== '' && all.indexOf(d) === i).join('\n\n');
  const base = { name, httpMethod: method.toUpperCase() as IRWebhook['httpMethod'], ...docs, description: description === '' ? undefined : description, tagValues: [] };
  if (!body || !choice) {
    ctx.warn(`webhook "${name}" declares no request body, so there is no payload to verify and type; it is left out of the events \`unwrap\` returns`, body ? body.value : op);
    return { ...base, type: undefined, contents: [] };
  }
  const contents = convertContents(entries, choice.key, body.file, `${name} event`, ctx);
  if (requestEncoding(choice.send) !== 'json') {
    ctx.warn(`webhook "${name}" sends ${choice.key}, not JSON; \`unwrap\` parses JSON only, so this payload is left out of the events it returns`, body.value['content'], choice.key);
    return { ...base, type: undefined, contents };
  }
  return { ...base, type: contents.find((c) => c.mediaType === choice.key)!.type, contents };
}

export interface WebhookNames {
  /** Type names (models, classes). */
  types: NameRegistry;
  /** Members of the client class. */
  clientMembers: NameRegistry;
  /** Standalone function names of the package. */
  functions: NameRegistry;
  /** Client constructor options. */
  options: NameRegistry;
  envPrefix: string;
}

/**
 * Names the package's webhook surface and finds the property that tells the
 * events apart, once every model is built. Names are claimed after the
 * operations', so adding webhooks to a spec renames nothing that existed.
 */
export function finishWebhooks(webhooks: IRWebhook[], models: IRModel[], names: WebhookNames): IRWebhooks | undefined {
  if (!webhooks.some((w) => w.type !== undefined)) return undefined;
  const byName = new Map(models.map((m) => [m.name, m]));
  const tag = eventTag(webhooks, byName);
  const property = names.clientMembers.claim('webhooks');
  return {
    property,
    className: names.types.claim(typeName(property), `${typeName(property)}Resource`),
    functionName: names.functions.claim(valueName(`${property} unwrap`)),
    eventTypeName: names.types.claim('WebhookEvent'),
    payloadsTypeName: names.types.claim('WebhookPayloads'),
    file: 'src/webhooks.ts',
    secret: { option: names.options.claim('webhookSecret'), env: `${names.envPrefix}_WEBHOOK_SECRET` },
    tag: tag?.property,
    webhooks: webhooks.map((w) => ({ ...w, tagValues: (w.type && tag?.values.get(w)) ?? [] })),
  };
}

/**
 * The property every payload requires and pins to literal values no other
 * payload shares, so that checking it narrows the event union; a payload
 * several webhooks send counts once.
 */
function eventTag(webhooks: IRWebhook[], models: Map<string, IRModel>): { property: string; values: Map<IRWebhook, IRLiteral[]> } | undefined {
  const typed = webhooks.filter((w): w is IRWebhook & { type: IRType } => w.type !== undefined);
  const distinct = [...new Map(typed.map((w) => [JSON.stringify(w.type), w.type])).values()];
  const own = propertyNames(distinct[0]!, models, 0);
  const candidates = [...TAG_CANDIDATES.filter((c) => own.includes(c)), ...own.filter((p) => !TAG_CANDIDATES.includes(p))];
  for (const property of candidates) {
    const sets = distinct.map((t) => {
      const prop = findProperty(t, property, models, 0);
      return prop?.required ? literalsOf(prop.type, models, 0) : undefined;
    });
    if (sets.some((s) => s === undefined || s.length === 0)) continue;
    const all = sets.flat();
    if (new Set(all).size !== all.length) continue;
    const values = new Map(typed.map((w) => [w, sets[distinct.findIndex((t) => JSON.stringify(t) === JSON.stringify(w.type))]!]));
    return { property, values };
  }
  return undefined;
}

/** The property names an object type declares, through model references and intersections. */
function propertyNames(t: IRType, models: Map<string, IRModel>, depth: number): string[] {
  if (depth > 16) return [];
  switch (t.kind) {
    case 'ref': {
      const model = models.get(t.name);
      return model ? propertyNames(model.type, models, depth + 1) : [];
    }
    case 'object': return t.properties.map((p) => p.name);
    case 'intersection':
    case 'union': return [...new Set(t.members.flatMap((m) => propertyNames(m, models, depth + 1)))];
    default: return [];
  }
}
