import type { LoadedSpec } from '../load/loader.js';
import { isRef } from '../load/refs.js';
import { specError } from '../diagnostics.js';
import { docsOf } from './docs.js';
import { isObject, type SchemaConverter } from './schemas.js';
import type { IRParam, IRType } from './types.js';

export type ParamLocation = 'path' | 'query' | 'header' | 'cookie';

/** A parameter after `$ref`s are followed, with the node it came from for messages. */
export interface RawParam {
  node: Record<string, unknown>;
  file: string;
  in: ParamLocation;
  name: string;
}

/** Path-level parameters first, overridden by operation-level ones with the same name and location. */
export function collectParams(spec: LoadedSpec, ...levels: { list: unknown; file: string }[]): RawParam[] {
  const byKey = new Map<string, RawParam>();
  for (const { list, file } of levels) {
    if (list === undefined) continue;
    if (!Array.isArray(list)) throw specError('`parameters` must be a list', spec.positions.locate(list));
    for (const entry of list) {
      const raw = resolveParam(spec, entry, file);
      byKey.set(`${raw.in}:${raw.name}`, raw);
    }
  }
  return [...byKey.values()];
}

function resolveParam(spec: LoadedSpec, entry: unknown, file: string): RawParam {
  const resolved = isRef(entry) ? spec.refs.deref(entry, file) : undefined;
  const node = resolved ? resolved.value : entry;
  const where = spec.positions.locate(node) ?? spec.positions.locate(entry);
  if (!isObject(node)) throw specError('a parameter must be a mapping', where);
  const location = node['in'];
  if (location !== 'path' && location !== 'query' && location !== 'header' && location !== 'cookie') {
    throw specError(`parameter \`in\` must be path, query, header or cookie, got ${JSON.stringify(location)}`, spec.positions.locate(node, 'in'));
  }
  if (typeof node['name'] !== 'string' || node['name'] === '') throw specError('a parameter needs a `name`', where);
  return { node, file: resolved?.file ?? file, in: location, name: node['name'] };
}

export function toIRParam(raw: RawParam, name: string, schemas: SchemaConverter): IRParam {
  const n = raw.node;
  const schema = n['schema'] ?? contentSchema(n['content']);
  const docs = docsOf(n);
  const schemaDocs = isObject(schema) && !isRef(schema) ? docsOf(schema) : undefined;
  return {
    wireName: raw.name,
    name,
    required: raw.in === 'path' || n['required'] === true,
    type: withExamples(schemas.convert(schema, raw.file), parameterExamples(n)),
    style: typeof n['style'] === 'string' ? n['style'] : undefined,
    explode: typeof n['explode'] === 'boolean' ? n['explode'] : undefined,
    description: docs.description ?? schemaDocs?.description,
    deprecated: docs.deprecated || (schemaDocs?.deprecated ?? false),
    tags: schemaDocs?.tags ?? [],
  };
}

/** A parameter's own `example`, or the values of its `examples` map. */
function parameterExamples(n: Record<string, unknown>): unknown[] {
  if (n['example'] !== undefined) return [n['example']];
  const examples = n['examples'];
  if (!isObject(examples)) return [];
  return Object.values(examples).filter(isObject).filter((e) => e['value'] !== undefined).map((e) => e['value']);
}

/** The parameter's examples come first, before its schema's. A named model's type is shared, so it is left alone. */
function withExamples(type: IRType, examples: unknown[]): IRType {
  if (examples.length === 0 || type.kind === 'ref') return type;
  return { ...type, facts: { ...type.facts, examples: [...examples, ...(type.facts?.examples ?? [])] } };
}

function contentSchema(content: unknown): unknown {
  if (!isObject(content)) return undefined;
  const first = Object.values(content)[0];
  return isObject(first) ? first['schema'] : undefined;
}
