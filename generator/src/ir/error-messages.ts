import { isJsonMedia } from './media.js';
import type { IRErrorMessage, IRMessagePath, IRModel, IRProperty, IRResource, IRType } from './types.js';

/** Fields that hold what went wrong, most useful first; `detail` and `code` follow any of them in parentheses. */
const SUMMARIES = ['long_message', 'message', 'error_description', 'msg', 'title', 'error'];
const DETAIL = 'detail';
const CODE = 'code';
/** Fields that hold a nested error (`{ error: { message } }`) or a list of them (`{ errors: [{ detail }] }`). */
const NESTED = /^errors?$/i;
const DEPTH = 2;

/**
 * Where the API's error bodies keep their message, from the JSON schemas its
 * operations declare for their error statuses, so the client reads just those
 * fields; undefined when no declared error body has a field the client knows,
 * and the client falls back to the runtime's reader of every common shape.
 */
export function errorMessageOf(resources: IRResource[], models: IRModel[]): IRErrorMessage | undefined {
  const byName = new Map(models.map((m) => [m.name, m.type]));
  const entries: IRMessagePath[][] = [];
  const seen = new Set<string>();
  let fieldMessages = false;
  const add = (entry: IRMessagePath[]) => {
    const key = JSON.stringify(entry);
    if (!seen.has(key)) entries.push(entry);
    seen.add(key);
  };
  for (const r of resources) {
    for (const op of r.operations) {
      for (const res of op.responses) {
        if (res.status.startsWith('2') || res.type === undefined || res.contentType === undefined || !isJsonMedia(res.contentType)) continue;
        for (const shape of objectShapes(res.type, byName, new Set())) {
          collect(shape, [], 0, byName, add);
          if (isFieldMessages(shape, byName)) fieldMessages = true;
        }
      }
    }
  }
  return entries.length > 0 || fieldMessages ? { entries, fieldMessages } : undefined;
}

interface Shape {
  properties: IRProperty[];
  additional: IRType | undefined;
}

/** The object types a type may be, through refs, unions and intersections (whose members' properties merge). */
function objectShapes(type: IRType, models: Map<string, IRType>, visiting: Set<string>): Shape[] {
  switch (type.kind) {
    case 'ref': {
      const target = models.get(type.name);
      if (!target || visiting.has(type.name)) return [];
      return objectShapes(target, models, new Set([...visiting, type.name]));
    }
    case 'object':
      return [{ properties: type.properties, additional: type.additional }];
    case 'union':
      return type.members.flatMap((m) => objectShapes(m, models, visiting));
    case 'intersection': {
      const parts = type.members.flatMap((m) => objectShapes(m, models, visiting));
      return parts.length === 0 ? [] : [{ properties: parts.flatMap((p) => p.properties), additional: parts.find((p) => p.additional)?.additional }];
    }
    default:
      return [];
  }
}

/** The message entries of one object shape: its nested errors first, being the more specific, then its own fields. */
function collect(shape: Shape, prefix: IRMessagePath, depth: number, models: Map<string, IRType>, add: (entry: IRMessagePath[]) => void): void {
  if (depth < DEPTH) {
    for (const p of shape.properties.filter((q) => NESTED.test(q.name))) {
      const items = arrayItems(p.type, models);
      const path = items ? [...prefix, p.name, 0] : [...prefix, p.name];
      for (const inner of objectShapes(items ?? p.type, models, new Set())) collect(inner, path, depth + 1, models, add);
    }
  }
  const strings = new Set(shape.properties.filter((p) => isString(p.type, models)).map((p) => p.name));
  const [detail, code] = [DETAIL, CODE].map((k) => (strings.has(k) ? [[...prefix, k]] : []));
  for (const summary of SUMMARIES.filter((k) => strings.has(k))) add([[...prefix, summary], ...detail!, ...code!]);
  if (detail!.length > 0) add([...detail!, ...code!]);
}

/** `{ field: ["message", ...] }`, as validation errors often come. */
function isFieldMessages(shape: Shape, models: Map<string, IRType>): boolean {
  const items = shape.additional && arrayItems(shape.additional, models);
  return items !== undefined && isString(items, models);
}

function arrayItems(type: IRType, models: Map<string, IRType>): IRType | undefined {
  const t = type.kind === 'ref' ? models.get(type.name) : type;
  return t?.kind === 'array' ? t.items : undefined;
}

function isString(type: IRType, models: Map<string, IRType>, depth = 0): boolean {
  if (depth > 8) return false;
  switch (type.kind) {
    case 'primitive':
      return type.name === 'string';
    case 'literal':
      return typeof type.value === 'string';
    case 'ref': {
      const target = models.get(type.name);
      return target !== undefined && isString(target, models, depth + 1);
    }
    case 'union': {
      const present = type.members.filter((m) => !(m.kind === 'primitive' && (m.name === 'null' || m.name === 'undefined')));
      return present.length > 0 && present.every((m) => isString(m, models, depth + 1));
    }
    default:
      return false;
  }
}

