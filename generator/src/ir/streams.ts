import { isRef } from '../load/refs.js';
import { isObject } from './schemas.js';
import type { IRResponse, IRStream } from './types.js';
import type { OperationContext, OperationSource } from './operation-context.js';

/** The body property that, set to `true`, asks such APIs for the stream instead of the whole response. */
const FLAG = 'stream';

const EVENT_STREAM = 'text/event-stream';

export function isEventStream(mediaType: string): boolean {
  return mediaType.split(';')[0]!.trim().toLowerCase() === EVENT_STREAM;
}

interface Lookup {
  src: OperationSource;
  ctx: OperationContext;
  /** The 2xx response's own node and file, resolved. */
  response: { value: Record<string, unknown>; file: string };
  /** The request body's schema for the media type it is sent as, and its file. */
  bodySchema: { value: unknown; file: string } | undefined;
}

/**
 * The event-stream form of an operation whose 2xx response offers
 * `text/event-stream`. When it also offers another type, callers choose the
 * stream as such APIs are used: by `stream: true` in the body when the body
 * has that boolean, by a separate method otherwise.
 */
export function streamOf(success: IRResponse | undefined, look: Lookup): IRStream | undefined {
  const content = success?.contents.find((c) => isEventStream(c.mediaType));
  if (!success || !content) return undefined;
  const entry = look.response.value['content'];
  const media = isObject(entry) && isObject(entry[content.mediaType]) ? (entry[content.mediaType] as Record<string, unknown>) : {};
  const only = success.contentType !== undefined && isEventStream(success.contentType);
  return {
    type: content.type,
    data: isStringSchema(media['schema'], look.response.file, look) ? 'text' : 'json',
    form: only ? { kind: 'only' } : hasFlag(look) ? { kind: 'flag', property: FLAG } : { kind: 'method', name: '', functionName: '' },
  };
}

function resolve(schema: unknown, file: string, look: Lookup): { value: unknown; file: string } {
  if (!isRef(schema)) return { value: schema, file };
  const target = look.ctx.spec.refs.deref(schema, file);
  return target ? { value: target.value, file: target.file } : { value: undefined, file };
}

/** Event data is read as text when its schema says string; structured data (and none) is JSON. */
function isStringSchema(schema: unknown, file: string, look: Lookup): boolean {
  const target = resolve(schema, file, look).value;
  if (!isObject(target)) return false;
  const type = target['type'];
  return type === 'string' || (Array.isArray(type) && type.length > 0 && type.every((t) => t === 'string' || t === 'null') && type.includes('string'));
}

/** Whether the body declares `stream` as a boolean, directly or through `$ref` and `allOf`. */
function hasFlag(look: Lookup): boolean {
  if (!look.bodySchema) return false;
  const seen = new Set<unknown>();
  const visit = (schema: unknown, file: string, depth: number): boolean => {
    const { value, file: at } = resolve(schema, file, look);
    if (!isObject(value) || seen.has(value) || depth > 16) return false;
    seen.add(value);
    const props = value['properties'];
    if (isObject(props) && FLAG in props) return isBoolean(props[FLAG], at, look);
    const all = value['allOf'];
    return Array.isArray(all) && all.some((s) => visit(s, at, depth + 1));
  };
  return visit(look.bodySchema.value, look.bodySchema.file, 0);
}

function isBoolean(schema: unknown, file: string, look: Lookup): boolean {
  const { value } = resolve(schema, file, look);
  if (!isObject(value)) return false;
  const type = value['type'];
  if (type === 'boolean' || (Array.isArray(type) && type.includes('boolean'))) return true;
  const options = value['anyOf'] ?? value['oneOf'];
  return Array.isArray(options) && options.some((o) => isBoolean(o, file, look));
}
