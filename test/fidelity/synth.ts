import type { At, Schema, SpecDocs } from '../support/spec-docs.js';
import type { Direction } from './judge.js';
import { patternExample } from './pattern-example.js';

/** A `format: binary` string: ajv sees a string, TypeScript a Blob. */
export class Binary {
  readonly text = 'binary-content';
}

export type Path = (string | number)[];

/** A place in a synthesized value where a mistake a type can express may be made. */
export type Site =
  | { kind: 'object'; path: Path; required: string[] }
  | { kind: 'enum'; path: Path; value: unknown }
  | { kind: 'value'; path: Path; value: unknown };

export interface Synthesized {
  value: unknown;
  sites: Site[];
}

class TooDeep extends Error {}

/** A seeded generator of numbers in [0, 1), so every run makes the same values. */
export function seeded(text: string): () => number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  let s = h >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Everything the schemas that apply at one place in a value say, with `$ref`s followed and `allOf` merged. */
interface View {
  types: string[] | undefined;
  nullable: boolean;
  consts: unknown[];
  enums: unknown[][];
  properties: Map<string, At[]>;
  required: Set<string>;
  additional: At[] | false | undefined;
  items: At[];
  prefixItems: At[][];
  unions: { key: object; members: At[]; tag: string | undefined; mapping: Record<string, string> }[];
  examples: unknown[];
  format: string | undefined;
  pattern: string | undefined;
  minLength: number;
  maxLength: number;
  minimum: number | undefined;
  maximum: number | undefined;
  multipleOf: number | undefined;
  minItems: number;
  maxItems: number;
  flags: Set<string>;
  keys: object[];
}

const FORMATS: Record<string, string> = {
  'date-time': '2024-05-06T07:08:09Z',
  date: '2024-05-06',
  time: '07:08:09Z',
  email: 'ada@example.com',
  'idn-email': 'ada@example.com',
  uri: 'https://example.com/a',
  url: 'https://example.com/a',
  'uri-reference': 'https://example.com/a',
  iri: 'https://example.com/a',
  uuid: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
  hostname: 'example.com',
  ipv4: '192.0.2.1',
  ipv6: '2001:db8::1',
  byte: 'aGVsbG8=',
  duration: 'P1D',
  regex: '^a+$',
  'json-pointer': '/a/b',
};

/**
 * Synthesizes values a schema allows, as a property-based test would:
 * deterministic for a seed, with each `oneOf`/`anyOf` branch, enum member and
 * null taken in turn on successive values. Which of them really are valid is
 * for ajv to say; this only proposes.
 */
export class Synthesizer {
  private readonly turns = new Map<object, number>();
  private readonly nullTurns = new Map<object, number>();
  private sites: Site[] = [];
  private full = true;

  constructor(private readonly docs: SpecDocs, private readonly direction: Direction, private readonly random: () => number) {}

  /** The `n`th value of a schema: the first with every optional property, the second with none, then a mix. */
  make(at: At, n: number): Synthesized | undefined {
    this.sites = [];
    this.full = n === 0;
    this.optional = n === 0 ? 1 : n === 1 ? 0 : 0.5;
    try {
      return { value: this.gen([at], [], 0), sites: this.sites };
    } catch (e) {
      if (e instanceof TooDeep) return undefined;
      throw e;
    }
  }

  private optional = 1;

  private turn(key: object, size: number, turns = this.turns): number {
    const t = turns.get(key) ?? 0;
    turns.set(key, t + 1);
    return t % size;
  }

  private gen(ats: At[], path: Path, depth: number): unknown {
    if (depth > 24) throw new TooDeep();
    const view = this.view(ats);
    for (let guard = 0; view.unions.length > 0 && guard < 20; guard++) {
      const union = view.unions.shift()!;
      const branch = union.members[this.turn(union.key, union.members.length)]!;
      if (union.tag !== undefined) this.tag(view, union.tag, union.mapping, branch);
      this.collect(branch, view);
    }
    const value = this.pick(view, path, depth);
    if (!(value instanceof Binary)) this.sites.push({ kind: 'value', path, value });
    return value;
  }

  private pick(view: View, path: Path, depth: number): unknown {
    if (view.consts.length > 0) return view.consts[0];
    if (view.enums.length > 0) {
      const choices = view.enums[0]!.filter((v) => view.enums.every((e) => e.some((x) => x === v)));
      const chosen = choices[this.turn(view.enums[0]!, Math.max(choices.length, 1))];
      if (chosen !== null) this.sites.push({ kind: 'enum', path, value: chosen });
      return chosen ?? null;
    }
    const key = view.keys[0];
    if (view.nullable && key && (depth > 6 || this.turn(key, 3, this.nullTurns) === 2)) return null;
    const type = this.typeOf(view);
    switch (type) {
      case 'null': return null;
      case 'boolean': return this.random() < 0.5;
      case 'integer':
      case 'number': return this.number(view, type);
      case 'string': return this.string(view);
      case 'array': return this.array(view, path, depth);
      case 'object': return this.object(view, path, depth);
      default: return this.random() < 0.5 ? 'anything' : 7;
    }
  }

  private typeOf(view: View): string | undefined {
    const types = view.types?.filter((t) => t !== 'null');
    if (types && types.length > 0) return types[Math.floor(this.random() * types.length)];
    if (view.types?.includes('null')) return 'null';
    if (view.properties.size > 0 || view.required.size > 0 || view.additional !== undefined) return 'object';
    if (view.items.length > 0 || view.prefixItems.length > 0) return 'array';
    const example = view.examples.find((e) => e !== null && e !== undefined);
    return example === undefined ? undefined : Array.isArray(example) ? 'array' : typeof example === 'object' ? 'object' : undefined;
  }

  private number(view: View, type: string): number {
    const fits = (n: number) => (view.minimum === undefined || n >= view.minimum) && (view.maximum === undefined || n <= view.maximum)
      && (type !== 'integer' || Number.isInteger(n)) && (view.multipleOf === undefined || Number.isInteger(n / view.multipleOf));
    const example = view.examples.find((e): e is number => typeof e === 'number' && fits(e));
    if (example !== undefined) return example;
    const step = view.multipleOf ?? 1;
    const low = view.minimum ?? (view.maximum !== undefined ? Math.min(0, view.maximum) : 0);
    let n = Math.ceil((low + (view.maximum === undefined ? 3 : 0)) / step) * step;
    if (!fits(n)) n = Math.ceil(low / step) * step + step;
    return n;
  }

  private string(view: View): unknown {
    if (view.format === 'binary') return new Binary();
    const fits = (s: string) => s.length >= view.minLength && s.length <= view.maxLength && matches(view.pattern, s);
    const example = view.examples.find((e): e is string => typeof e === 'string' && fits(e));
    if (example !== undefined && (view.pattern !== undefined || this.random() < 0.5)) return example;
    const patterned = view.pattern === undefined ? undefined : patternExample(view.pattern);
    if (patterned !== undefined && fits(patterned)) return patterned;
    const formatted = view.format ? FORMATS[view.format] : undefined;
    if (formatted !== undefined) return formatted;
    if (example !== undefined) return example;
    let s = 'text';
    while (s.length < view.minLength) s += 'x';
    return s.slice(0, Math.max(view.maxLength, 0));
  }

  private array(view: View, path: Path, depth: number): unknown[] {
    const length = Math.min(Math.max(depth > 6 ? 0 : 2, view.minItems), view.maxItems);
    const out: unknown[] = [];
    for (let i = 0; i < length; i++) {
      const prefix = view.prefixItems.map((p) => p[i]).filter((x): x is At => x !== undefined);
      out.push(this.gen(prefix.length > 0 ? prefix : view.items.length > 0 ? view.items : [{ file: '', schema: {} }], [...path, i], depth + 1));
    }
    return out;
  }

  private object(view: View, path: Path, depth: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const required: string[] = [];
    const skipped = this.direction === 'input' ? 'readOnly' : 'writeOnly';
    for (const [name, ats] of view.properties) {
      if (ats.some((at) => this.docs.deref(at).schema[skipped] === true || at.schema[skipped] === true)) continue;
      const isRequired = view.required.has(name);
      if (!isRequired && (depth > 6 || this.random() >= this.optional)) continue;
      out[name] = this.gen(ats, [...path, name], depth + 1);
      if (isRequired) required.push(name);
    }
    for (const name of view.required) {
      if (view.properties.has(name)) continue;
      out[name] = Array.isArray(view.additional) ? this.gen(view.additional, [...path, name], depth + 1) : 'anything';
      required.push(name);
    }
    if (Array.isArray(view.additional) && this.full && depth <= 6) out['extra_key'] = this.gen(view.additional, [...path, 'extra_key'], depth + 1);
    if (required.length > 0) this.sites.push({ kind: 'object', path, required });
    return out;
  }

  /** A discriminated branch carries its tag: the mapping's key for it, or else what the branch says the property holds. */
  private tag(view: View, property: string, mapping: Record<string, string>, branch: At): void {
    const ref = branch.schema['$ref'];
    if (typeof ref !== 'string') return;
    const target = this.docs.target(branch.file, ref);
    const same = (r: string) => {
      const t = this.docs.target(branch.file, r.includes('#') || r.includes('/') ? r : `#/components/schemas/${r}`);
      return t.file === target.file && t.pointer === target.pointer;
    };
    const value = Object.entries(mapping).find(([, r]) => same(r))?.[0];
    if (value !== undefined) view.properties.set(property, [...(view.properties.get(property) ?? []), { file: branch.file, schema: { const: value } }]);
    view.required.add(property);
  }

  private view(ats: At[]): View {
    const view: View = {
      types: undefined, nullable: false, consts: [], enums: [], properties: new Map(), required: new Set(), additional: undefined,
      items: [], prefixItems: [], unions: [], examples: [], format: undefined, pattern: undefined, minLength: 0, maxLength: Infinity,
      minimum: undefined, maximum: undefined, multipleOf: undefined, minItems: 0, maxItems: Infinity, flags: new Set(), keys: [],
    };
    for (const at of ats) this.collect(at, view);
    return view;
  }

  private collect(raw: At, view: View, depth = 0): void {
    if (depth > 40) throw new TooDeep();
    if (typeof raw.schema !== 'object' || raw.schema === null) return;
    const at = this.docs.deref(raw);
    const s = at.schema;
    const sub = (x: unknown): At => ({ file: at.file, schema: (x ?? {}) as Schema });
    view.keys.push(s);
    const type = s['type'];
    if (type !== undefined) {
      const list = Array.isArray(type) ? type.map(String) : [String(type)];
      if (list.includes('null')) view.nullable = true;
      const withNull = view.nullable ? [...list, 'null'] : list;
      view.types = view.types === undefined ? withNull : view.types.filter((t) => withNull.includes(t) || (t === 'integer' && withNull.includes('number')) || (t === 'number' && withNull.includes('integer')));
      if (view.types.includes('number') && list.includes('integer') && !list.includes('number')) view.types = view.types.map((t) => (t === 'number' ? 'integer' : t));
    }
    if (s['nullable'] === true) view.nullable = true;
    if ('const' in s) view.consts.push(s['const']);
    if (Array.isArray(s['enum'])) view.enums.push(s['enum']);
    for (const [name, prop] of Object.entries((s['properties'] ?? {}) as Record<string, unknown>)) {
      view.properties.set(name, [...(view.properties.get(name) ?? []), sub(prop)]);
    }
    if (Array.isArray(s['required'])) for (const r of s['required']) view.required.add(String(r));
    const additional = s['additionalProperties'];
    if (additional === false) view.additional = false;
    else if (additional !== undefined && view.additional !== false) {
      const schema = additional === true ? {} : additional;
      view.additional = [...(view.additional ?? []), sub(schema)];
    }
    if (s['items'] !== undefined && !Array.isArray(s['items'])) view.items.push(sub(s['items']));
    const prefix = Array.isArray(s['prefixItems']) ? s['prefixItems'] : Array.isArray(s['items']) ? s['items'] : undefined;
    if (prefix) view.prefixItems.push(prefix.map(sub));
    for (const key of ['oneOf', 'anyOf']) if (Array.isArray(s[key]) && s[key].length > 0) {
      const d = (s['discriminator'] ?? {}) as { propertyName?: unknown; mapping?: Record<string, string> };
      const tag = typeof d.propertyName === 'string' ? d.propertyName : undefined;
      view.unions.push({ key: s[key] as unknown[], members: (s[key] as unknown[]).map(sub), tag, mapping: d.mapping ?? {} });
    }
    for (const key of ['example', 'default']) if (s[key] !== undefined) view.examples.push(s[key]);
    if (Array.isArray(s['examples'])) view.examples.push(...(s['examples'] as unknown[]));
    if (typeof s['format'] === 'string') view.format = s['format'];
    if (typeof s['pattern'] === 'string') view.pattern = s['pattern'];
    if (typeof s['minLength'] === 'number') view.minLength = Math.max(view.minLength, s['minLength']);
    if (typeof s['maxLength'] === 'number') view.maxLength = Math.min(view.maxLength, s['maxLength']);
    const lower = bound(s, 'minimum', 'exclusiveMinimum', 1);
    if (lower !== undefined) view.minimum = view.minimum === undefined ? lower : Math.max(view.minimum, lower);
    const upper = bound(s, 'maximum', 'exclusiveMaximum', -1);
    if (upper !== undefined) view.maximum = view.maximum === undefined ? upper : Math.min(view.maximum, upper);
    if (typeof s['multipleOf'] === 'number') view.multipleOf = s['multipleOf'];
    if (typeof s['minItems'] === 'number') view.minItems = Math.max(view.minItems, s['minItems']);
    if (typeof s['maxItems'] === 'number') view.maxItems = Math.min(view.maxItems, s['maxItems']);
    for (const flag of ['readOnly', 'writeOnly']) if (s[flag] === true) view.flags.add(flag);
    if (Array.isArray(s['allOf'])) for (const member of s['allOf']) this.collect(sub(member), view, depth + 1);
  }
}

function matches(pattern: string | undefined, s: string): boolean {
  if (pattern === undefined) return true;
  try {
    return new RegExp(pattern).test(s);
  } catch {
    return true;
  }
}

/** The tightest bound a schema sets, whether 3.0 (boolean exclusive) or 3.1 (numeric exclusive). */
function bound(s: Schema, plain: string, exclusive: string, step: number): number | undefined {
  const value = s[plain];
  const ex = s[exclusive];
  if (typeof ex === 'number') return ex + step;
  if (typeof value !== 'number') return undefined;
  return ex === true ? value + step : value;
}
