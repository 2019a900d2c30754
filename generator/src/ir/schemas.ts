import { basename, extname } from 'node:path';
import type { LoadedSpec } from '../load/loader.js';
import { decodePointerSegment, isRef, type Resolved } from '../load/refs.js';
import type { IRDocs, IRModel, IRProperty, IRType } from './types.js';
import { NameRegistry, typeName } from './names.js';
import { docsOf } from './docs.js';
import type { Warn } from './warnings.js';
import { checkSchemaShape } from './shape-checks.js';
import { resolveDiscriminator, type PendingDiscriminator } from './discriminators.js';
import { collapseContradictions, type PendingAllOf } from './contradictions.js';
import { warnUnexpressed } from './lossy.js';
import { factsOf } from './facts.js';
import { hasAnyKey } from '../load/keys.js';

type Schema = Record<string, unknown>;

const UNKNOWN: IRType = { kind: 'primitive', name: 'unknown' };
const NULL: IRType = { kind: 'primitive', name: 'null' };
const EMPTY_OBJECT: IRType = { kind: 'object', properties: [], additional: undefined };
const BRANCH_KEYWORDS = new Set(['required', 'type', 'title', 'description']);
/** The keywords that make a schema a literal or a composition rather than just its own type. */
const SHAPE_KEYWORDS = new Set(['const', 'enum', 'allOf', 'oneOf', 'anyOf']);

/**
 * Turns JSON Schema (OpenAPI 3.0 and 3.1 dialects) into IR types. Every
 * `$ref`'d schema becomes one named model, converted once, so recursion ends
 * at names.
 */
export class SchemaConverter {
  private readonly modelNames = new Map<string, string>();
  private readonly pending: { name: string; resolved: Resolved }[] = [];
  private readonly done: IRModel[] = [];
  private readonly discriminated: PendingDiscriminator[] = [];
  private readonly allOfs: PendingAllOf[] = [];

  constructor(
    private readonly spec: LoadedSpec,
    readonly names: NameRegistry,
    private readonly warn: Warn,
    private readonly dates = false,
  ) {}

  /** The schema each union came from, for a warning about it once every model is known. */
  readonly unionNodes = new WeakMap<IRType, Schema>();

  /** Registers the component schemas first, so they keep their own names. */
  registerComponents(): void {
    const schemas = (this.spec.document['components'] as Schema | undefined)?.['schemas'];
    if (!isObject(schemas)) return;
    for (const key of Object.keys(schemas)) {
      const pointer = `/components/schemas/${escapePointer(key)}`;
      this.modelFor({ value: schemas[key], file: this.spec.file, pointer, key: `${this.spec.file}#${pointer}` });
    }
  }

  /** Converts every model registered so far, and those they reach. */
  drain(): IRModel[] {
    while (this.pending.length > 0) {
      const { name, resolved } = this.pending.shift()!;
      this.done.push(this.buildModel(name, resolved));
    }
    return this.done;
  }

  modelFor(resolved: Resolved): string {
    const known = this.modelNames.get(resolved.key);
    if (known) return known;
    const name = this.names.claim(typeName(preferredName(resolved)));
    this.modelNames.set(resolved.key, name);
    this.pending.push({ name, resolved });
    return name;
  }

  /** Names an inline schema (a request body, say) as its own model. */
  inlineModel(preferred: string, schema: Record<string, unknown>, file: string): IRType {
    const name = this.names.claim(typeName(preferred));
    this.done.push({ name, ...docsOf(schema), type: this.convert(schema, file), source: `${preferred} (inline)` });
    return { kind: 'ref', name };
  }

  convert(schema: unknown, file: string): IRType {
    if (schema === true || schema === undefined) return UNKNOWN;
    if (schema === false) return { kind: 'primitive', name: 'never' };
    if (!isObject(schema)) {
      this.warn('a schema must be an object; typed as unknown', schema);
      return UNKNOWN;
    }
    if (isRef(schema)) return { kind: 'ref', name: this.modelFor(this.spec.refs.resolve(schema.$ref, file, schema)) };
    checkSchemaShape(schema, this.spec.positions, this.warn);
    warnUnexpressed(schema, this.warn);
    const shape = this.convertShape(schema, file);
    const facts = factsOf(schema);
    const base = facts ? { ...shape, facts } : shape;
    const node = this.unionNodes.get(shape);
    if (node) this.unionNodes.set(base, node);
    return schema['nullable'] === true ? union([base, NULL]) : base;
  }

  private buildModel(name: string, resolved: Resolved): IRModel {
    const schema = resolved.value;
    const docs: IRDocs = isObject(schema) ? docsOf(schema) : { description: undefined, deprecated: false, tags: [] };
    return { name, ...docs, type: this.convert(schema, resolved.file), source: this.spec.refs.display(resolved.key) };
  }

  private convertShape(s: Schema, file: string): IRType {
    // Most schemas are neither literal nor composed: their own type is all they say.
    if (!hasAnyKey(s, SHAPE_KEYWORDS)) return this.convertTyped(s, file, false)!;
    if ('const' in s) return this.literal(s['const'], s, 'const');
    if (Array.isArray(s['enum'])) return union(s['enum'].map((v) => this.literal(v, s, 'enum')));
    const parts: IRType[] = [];
    if (Array.isArray(s['allOf'])) parts.push(...s['allOf'].map((m) => this.convert(m, file)));
    const choice = s['oneOf'] ?? s['anyOf'];
    const variants = Array.isArray(choice) ? requiredOnlyBranches(choice) : undefined;
    if (Array.isArray(choice) && !variants) parts.push(this.convertChoice(s, choice, file));
    const own = this.convertTyped(s, file, parts.length > 0 || variants !== undefined);
    // `anyOf: [{required: [a]}, {required: [b]}]`: the object itself, once per branch, each requiring its own names.
    if (variants) parts.push(union(variants.map((names) => requireProperties(own ?? EMPTY_OBJECT, names))));
    else if (own) parts.push(own);
    if (parts.length === 0) return UNKNOWN;
    if (parts.length === 1) return parts[0]!;
    const all: IRType = { kind: 'intersection', members: parts };
    if (Array.isArray(s['allOf'])) this.allOfs.push({ type: all, node: s });
    return all;
  }

  private noted(t: IRType, s: Schema): IRType {
    this.unionNodes.set(t, s);
    return t;
  }

  /** An object or array value has no literal type; it is typed unknown, with a warning. */
  private literal(v: unknown, s: Schema, key: string): IRType {
    const t = literalOrUnknown(v);
    if (t.kind !== 'literal') this.warn(`a \`${key}\` value that is ${Array.isArray(v) ? 'a list' : 'an object'} cannot be a literal type; typed as unknown`, s, key);
    return t;
  }

  private convertChoice(s: Schema, members: unknown[], file: string): IRType {
    const discriminator = s['discriminator'];
    const types = members.map((m) => this.convert(m, file));
    if (!isObject(discriminator) || typeof discriminator['propertyName'] !== 'string') return this.noted(union(types), s);
    const mapping = isObject(discriminator['mapping']) ? discriminator['mapping'] : {};
    const targets = members.map((m) => (isRef(m) ? this.spec.refs.resolve(m.$ref, file, m).key : undefined));
    const mappingKeys = targets.map(() => [] as string[]);
    for (const key of Object.keys(mapping)) {
      const at = this.mappingTarget(mapping[key], file);
      const index = targets.findIndex((t) => t !== undefined && t === at);
      if (index >= 0) mappingKeys[index]!.push(key);
      else this.warn(`discriminator mapping "${key}" points at no member of this union; it is ignored`, mapping, key);
    }
    const tagged: IRType = { kind: 'union', members: types, discriminator: { property: discriminator['propertyName'], members: [] } };
    this.noted(tagged, s);
    this.discriminated.push({
      discriminator: tagged.discriminator!,
      members: types,
      mappingKeys,
      schemaNames: members.map((m) => (isRef(m) ? schemaNameOf(m.$ref) : undefined)),
      node: s,
    });
    return tagged;
  }

  /** A mapping value is a `$ref` or, in OpenAPI's shorthand, a bare component schema name. */
  private mappingTarget(target: unknown, file: string): string | undefined {
    if (typeof target !== 'string') return undefined;
    const ref = target.includes('#') || target.includes('/') ? target : `#/components/schemas/${escapePointer(target)}`;
    try {
      return this.spec.refs.resolve(ref, file).key;
    } catch {
      return undefined;
    }
  }

  /**
   * What needs every model converted first: contradictory allOfs become
   * `never`, then every discriminated union's members get their tags.
   */
  resolveAcrossModels(models: IRModel[]): void {
    collapseContradictions(this.allOfs, models, this.warn);
    const index = new Map(models.map((m) => [m.name, m]));
    for (const pending of this.discriminated) resolveDiscriminator(pending, index, this.warn);
  }

  /** A schema with `$ref`s followed, and the file it was found in. */
  private located(node: unknown, file: string): { schema: Schema; file: string } {
    if (!isRef(node)) return { schema: isObject(node) ? node : {}, file };
    const r = this.spec.refs.deref(node, file);
    return { schema: r && isObject(r.value) ? r.value : {}, file: r?.file ?? file };
  }

  /** The schema's own `type`/`properties`/`items`; undefined when it says nothing of its own. */
  private convertTyped(s: Schema, file: string, composed: boolean): IRType | undefined {
    const declared = s['type'];
    if (Array.isArray(declared)) return this.noted(union(declared.map((t) => this.convertType(String(t), s, file))), s);
    if (typeof declared === 'string') return this.convertType(declared, s, file);
    if (isObject(s['properties']) || s['additionalProperties'] !== undefined || isObject(s['patternProperties'])) return this.convertObject(s, file);
    if (s['items'] !== undefined || Array.isArray(s['prefixItems'])) return this.convertArray(s, file);
    if (Array.isArray(s['required']) && s['required'].length > 0) return this.convertObject(s, file);
    return composed ? undefined : UNKNOWN;
  }

  private convertType(type: string, s: Schema, file: string): IRType {
    switch (type) {
      case 'string':
        if (s['format'] === 'binary') return { kind: 'binary' };
        return this.dates && s['format'] === 'date-time' ? { kind: 'primitive', name: 'string', date: true } : { kind: 'primitive', name: 'string' };
      case 'integer': return { kind: 'primitive', name: 'integer' };
      case 'number': return { kind: 'primitive', name: 'number' };
      case 'boolean': return { kind: 'primitive', name: 'boolean' };
      case 'null': return NULL;
      case 'array': return this.convertArray(s, file);
      case 'object': return this.convertObject(s, file);
      default:
        this.warn(`unknown schema type "${type}"; typed as unknown`, s, 'type');
        return UNKNOWN;
    }
  }

  private convertArray(s: Schema, file: string): IRType {
    if (Array.isArray(s['prefixItems'])) {
      const rest = s['items'] === false ? undefined : this.convert(s['items'], file);
      return { kind: 'tuple', items: s['prefixItems'].map((m) => this.convert(m, file)), rest };
    }
    return { kind: 'array', items: this.convert(s['items'], file) };
  }

  private convertObject(s: Schema, file: string): IRType {
    const required = new Set(Array.isArray(s['required']) ? s['required'].map(String) : []);
    // Some specs `$ref` the whole properties map.
    const { schema: props, file: propsFile } = this.located(s['properties'], file);
    const properties = Object.keys(props).map((name) => this.convertProperty(name, props[name], required.has(name), propsFile));
    const extra: IRType[] = [];
    const ap = s['additionalProperties'];
    if (ap === true || (isObject(ap) && Object.keys(ap).length === 0)) extra.push(UNKNOWN);
    else if (isObject(ap)) extra.push(this.convert(ap, file));
    if (isObject(s['patternProperties'])) {
      const pp = s['patternProperties'];
      extra.push(...Object.keys(pp).map((k) => this.convert(pp[k], file)));
    }
    // `false` is kept as `never`, so a closed empty object differs from a free-form one.
    if (ap === false && extra.length === 0) extra.push({ kind: 'primitive', name: 'never' });
    const additional = extra.length > 0 ? union(extra) : undefined;
    return requireProperties({ kind: 'object', properties, additional }, [...required]);
  }

  private convertProperty(name: string, schema: unknown, required: boolean, file: string): IRProperty {
    const s = isObject(schema) ? schema : {};
    const target = this.located(s, file).schema;
    return {
      name,
      required,
      readOnly: s['readOnly'] === true || target['readOnly'] === true,
      writeOnly: s['writeOnly'] === true || target['writeOnly'] === true,
      type: this.convert(schema, file),
      ...docsOf(s),
    };
  }
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function union(members: IRType[]): IRType {
  // A discriminated union stays whole: its tags are kept per member.
  const flat = members.flatMap((m) => (m.kind === 'union' && !m.discriminator && !m.facts ? m.members : [m]));
  const seen = new Set<string>();
  const unique = flat.filter((m) => {
    const key = JSON.stringify(m);
    return !seen.has(key) && seen.add(key) !== undefined;
  });
  if (unique.some((m) => m.kind === 'primitive' && m.name === 'unknown')) return UNKNOWN;
  return unique.length === 1 ? unique[0]! : { kind: 'union', members: unique };
}

/**
 * Makes the named properties required. A name `required` lists but no
 * `properties` declares still exists: typed by `additionalProperties` when
 * there is one, else `unknown`; next to `allOf` members that declare it, the
 * intersection gives it their type.
 */
function requireProperties(t: IRType, names: string[]): IRType {
  if (names.length === 0) return t;
  if (t.kind !== 'object') return { kind: 'intersection', members: [t, requireProperties(EMPTY_OBJECT, names)] };
  const declared = new Set(t.properties.map((p) => p.name));
  const open = t.additional && !(t.additional.kind === 'primitive' && t.additional.name === 'never') ? t.additional : UNKNOWN;
  const added = [...new Set(names)].filter((n) => !declared.has(n)).map((name): IRProperty => ({ name, required: true, readOnly: false, writeOnly: false, type: open, description: undefined, deprecated: false, tags: [] }));
  return { ...t, properties: [...t.properties.map((p) => (names.includes(p.name) && !p.required ? { ...p, required: true } : p)), ...added] };
}

/** The required names of each branch, when every branch of a choice only lists required names. */
function requiredOnlyBranches(members: unknown[]): string[][] | undefined {
  if (members.length === 0) return undefined;
  const out: string[][] = [];
  for (const m of members) {
    if (!isObject(m) || isRef(m) || !Array.isArray(m['required'])) return undefined;
    if (Object.keys(m).some((k) => !BRANCH_KEYWORDS.has(k)) || (m['type'] !== undefined && m['type'] !== 'object')) return undefined;
    out.push(m['required'].map(String));
  }
  return out;
}

function literalOrUnknown(v: unknown): IRType {
  if (v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))) {
    return { kind: 'literal', value: v };
  }
  return UNKNOWN;
}

/** The last segment of a `$ref`: the name the spec gives the schema. */
function schemaNameOf(ref: string): string {
  const fragment = ref.slice(ref.indexOf('#') + 1);
  return decodePointerSegment(fragment.slice(fragment.lastIndexOf('/') + 1));
}

function preferredName(resolved: Resolved): string {
  const segments = resolved.pointer.split('/').filter((p) => p !== '');
  const last = segments[segments.length - 1];
  if (last !== undefined) return decodePointerSegment(last);
  const title = isObject(resolved.value) && typeof resolved.value['title'] === 'string' ? resolved.value['title'] : undefined;
  return title ?? basename(resolved.file, extname(resolved.file));
}

function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}
