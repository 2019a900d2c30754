import { hasAnyKey } from './keys.js';
import type { OpenAPIVersion } from './loaded-spec.js';
import type { SourcePositions } from './positions.js';

/** Reports an assumption made about the spec, at the place it was made. */
export type Note = (message: string, node: object, key?: string) => void;

export interface FixContext {
  version: OpenAPIVersion;
  positions: SourcePositions;
  note: Note;
  /** Names in `components.schemas` of the file being read, which a `type` may name by mistake. */
  schemaNames?: ReadonlySet<string>;
}

type Schema = Record<string, unknown>;

/** The keywords the bound fixes start from: a schema without them has nothing to fix there. */
const EXCLUSIVE_BOUNDS = new Set(['exclusiveMinimum', 'exclusiveMaximum']);

/** Keywords beside a `$ref` that only describe it; kept in either version, as readers expect. */
const ANNOTATIONS = new Set(['description', 'summary', 'title', 'deprecated', 'readOnly', 'writeOnly', 'example', 'examples', 'default', 'externalDocs', '$comment']);

/** The types JSON Schema knows; any other `type` string is a mistake. */
const JSON_TYPES = new Set(['string', 'number', 'integer', 'boolean', 'object', 'array', 'null']);

/** Type names from programming languages that real specs write where JSON Schema wants its own. */
const TYPE_ALIASES = new Map([['int', 'integer'], ['long', 'integer'], ['float', 'number'], ['double', 'number'], ['bool', 'boolean']]);

/** Rewrites the schema mistakes real specs make into what their authors meant. */
export function fixSchema(s: Schema, ctx: FixContext): void {
  fixTypeName(s, ctx);
  liftPropertyRequired(s, ctx);
  if (typeof s['required'] === 'boolean') {
    if (s['required']) ctx.note('`required: true` outside `properties` says nothing (list required properties in the parent\'s `required`); ignored', s, 'required');
    delete s['required'];
  }
  if (ctx.version === '3.1') {
    fixNullable31(s, ctx);
    if (hasAnyKey(s, EXCLUSIVE_BOUNDS)) for (const bound of ['Minimum', 'Maximum'] as const) fixBooleanBound(s, bound, ctx);
  } else {
    fixTypeList30(s, ctx);
    if (hasAnyKey(s, EXCLUSIVE_BOUNDS)) for (const bound of ['Minimum', 'Maximum'] as const) fixNumericBound(s, bound, ctx);
  }
}

/**
 * A `type` that is not a JSON Schema type: a language's name for one (`int`),
 * or the name of a component schema, which the author meant as a reference.
 */
function fixTypeName(s: Schema, ctx: FixContext): void {
  const type = s['type'];
  if (typeof type !== 'string' || JSON_TYPES.has(type)) return;
  const alias = TYPE_ALIASES.get(type);
  if (alias !== undefined) {
    s['type'] = alias;
    ctx.note(`unknown schema type ${JSON.stringify(type)}; read as type "${alias}"`, s, 'type');
    return;
  }
  if (!ctx.schemaNames?.has(type)) return;
  const ref = `#/components/schemas/${type.replace(/~/g, '~0').replace(/\//g, '~1')}`;
  ctx.note(`schema type ${JSON.stringify(type)} is the name of a component schema, not a type; read as \`$ref: ${ref}\``, s, 'type');
  delete s['type'];
  const constraints = Object.keys(s).filter((k) => !ANNOTATIONS.has(k) && !k.startsWith('x-'));
  if (constraints.length === 0) {
    s['$ref'] = ref;
    return;
  }
  // Other keywords stay beside the reference, applied with it, in either version.
  const target: Schema = { $ref: ref };
  ctx.positions.copy(s, target);
  s['allOf'] = [target, ...(Array.isArray(s['allOf']) ? s['allOf'] : [])];
}

/** Swagger 2 style `required: true` on a property schema: the property is required in its parent. */
function liftPropertyRequired(s: Schema, ctx: FixContext): void {
  const props = s['properties'];
  // A string `$ref` makes the whole map a reference; any other is a property named `$ref`.
  if (!isObject(props) || typeof props['$ref'] === 'string') return;
  for (const name of Object.keys(props)) {
    const p = props[name];
    if (!isObject(p) || typeof p['required'] !== 'boolean') continue;
    if (p['required']) {
      const list = s['required'] ?? [];
      if (!Array.isArray(list)) continue;
      if (!list.includes(name)) list.push(name);
      s['required'] = list;
      ctx.note(`\`required: true\` on property "${name}" is not JSON Schema (a Swagger 2 habit); read as "${name}" listed in the parent's \`required\``, p, 'required');
    }
    // `required: false` is what an unlisted property is already.
    delete p['required'];
  }
}

/** OpenAPI 3.0's `nullable` in a 3.1 document: the 3.1 way is `null` among the types. */
function fixNullable31(s: Schema, ctx: FixContext): void {
  if (typeof s['nullable'] !== 'boolean') return;
  const nullable = s['nullable'];
  delete s['nullable'];
  if (!nullable) return;
  const type = s['type'];
  if (typeof type === 'string' || Array.isArray(type)) {
    const types = Array.isArray(type) ? type : [type];
    if (!types.includes('null')) s['type'] = [...types, 'null'];
    if (Array.isArray(s['enum']) && !s['enum'].includes(null)) s['enum'] = [...s['enum'], null];
    ctx.note(`\`nullable\` is OpenAPI 3.0; in 3.1 \`null\` is one of the types: read as type ${JSON.stringify(s['type'])}`, s, 'nullable');
    return;
  }
  // No type to add `null` to (a composition, say): the schema or null.
  const inner: Schema = {};
  ctx.positions.copy(s, inner);
  for (const key of Object.keys(s)) {
    if (ANNOTATIONS.has(key) || key.startsWith('x-')) continue;
    inner[key] = s[key];
    delete s[key];
  }
  s['anyOf'] = [inner, { type: 'null' }];
  ctx.note('`nullable` is OpenAPI 3.0; in 3.1 `null` is one of the types: read as this schema or null', s, 'nullable');
}

/** A type list in a 3.0 document: one type and `null` is 3.0's `nullable`; more stay a list, which is read as their union. */
function fixTypeList30(s: Schema, ctx: FixContext): void {
  const type = s['type'];
  if (!Array.isArray(type) || !type.every((t) => typeof t === 'string')) return;
  const others = type.filter((t) => t !== 'null');
  if (others.length === 1 && others[0] !== undefined) {
    s['type'] = others[0];
    if (others.length < type.length) s['nullable'] = true;
    ctx.note(`\`type\` as a list is OpenAPI 3.1; read as type "${others[0]}"${others.length < type.length ? ' with `nullable: true`' : ''}`, s, 'type');
  } else {
    ctx.note(`\`type\` as a list is OpenAPI 3.1; read as any of ${others.join(', ')}${others.length < type.length ? ' or null' : ''}`, s, 'type');
  }
}

/** 3.0's `exclusiveMinimum: true` beside `minimum` in a 3.1 document, where the bound itself is the value. */
function fixBooleanBound(s: Schema, bound: 'Minimum' | 'Maximum', ctx: FixContext): void {
  const key = `exclusive${bound}`;
  const inclusive = bound.toLowerCase();
  if (typeof s[key] !== 'boolean') return;
  const exclusive = s[key];
  const value = s[inclusive];
  if (!exclusive) {
    delete s[key];
    return;
  }
  if (typeof value === 'number') {
    s[key] = value;
    delete s[inclusive];
    ctx.note(`\`${key}: true\` is OpenAPI 3.0; in 3.1 the bound is the value: read as \`${key}: ${value}\``, s, key);
  } else {
    delete s[key];
    ctx.note(`\`${key}: true\` without \`${inclusive}\` bounds nothing; ignored`, s, key);
  }
}

/** 3.1's numeric `exclusiveMinimum: 5` in a 3.0 document, where it is a flag on `minimum`. */
function fixNumericBound(s: Schema, bound: 'Minimum' | 'Maximum', ctx: FixContext): void {
  const key = `exclusive${bound}`;
  const inclusive = bound.toLowerCase();
  const value = s[key];
  if (typeof value !== 'number') return;
  const other = s[inclusive];
  // With both, the stricter bound wins.
  const stricter = typeof other !== 'number' || (bound === 'Minimum' ? value >= other : value <= other);
  if (stricter) {
    s[inclusive] = value;
    s[key] = true;
  } else delete s[key];
  ctx.note(`\`${key}: ${value}\` is OpenAPI 3.1; in 3.0 it is a flag on \`${inclusive}\`: read as ${stricter ? `\`${inclusive}: ${value}, ${key}: true\`` : `\`${inclusive}: ${String(other)}\` (the stricter bound)`}`, s, key);
}

/**
 * A schema `$ref` with other keywords beside it. OpenAPI 3.0 ignores them;
 * 3.1 (JSON Schema 2020-12) applies them with the reference, as `allOf` does.
 */
export function fixSchemaRefSiblings(s: Schema, ctx: FixContext): void {
  const constraints = Object.keys(s).filter((k) => k !== '$ref' && !ANNOTATIONS.has(k) && !k.startsWith('x-'));
  if (constraints.length === 0) return;
  if (ctx.version === '3.0') {
    ctx.note(`OpenAPI 3.0 ignores keywords beside \`$ref\`; dropped ${constraints.map((k) => `\`${k}\``).join(', ')} (wrap the reference in \`allOf\` to keep them)`, s, constraints[0]);
    for (const k of constraints) delete s[k];
    return;
  }
  const ref: Schema = { $ref: s['$ref'] };
  ctx.positions.copy(s, ref);
  delete s['$ref'];
  s['allOf'] = [ref, ...(Array.isArray(s['allOf']) ? s['allOf'] : [])];
}

/** A Reference Object to anything but a schema may carry only `summary` and `description` (3.1). */
export function fixRefSiblings(node: Record<string, unknown>, what: string, ctx: FixContext): void {
  const extra = Object.keys(node).filter((k) => k !== '$ref' && k !== 'summary' && k !== 'description' && !k.startsWith('x-'));
  if (extra.length === 0) return;
  ctx.note(`keywords beside a \`$ref\` to a ${what} are ignored: ${extra.map((k) => `\`${k}\``).join(', ')} (the referenced ${what} is used as it is)`, node, extra[0]);
  for (const k of extra) delete node[k];
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
