import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'yaml';

/** A schema node and the file it sits in, which its relative `$ref`s are read against. */
export interface At {
  file: string;
  schema: Schema;
}

export type Schema = Record<string, unknown>;

/**
 * A spec and every file its `$ref`s reach, parsed with the plain yaml library:
 * an oracle of its own, independent of the generator's loader.
 */
export class SpecDocs {
  readonly files = new Map<string, unknown>();
  readonly root: string;
  readonly dialect: '3.0' | '3.1';

  constructor(rootFile: string) {
    this.root = resolve(rootFile);
    this.load(this.root);
    for (const [file, doc] of this.files) this.inlinePropertyRefs(file, doc);
    const version = String((this.files.get(this.root) as Schema)['openapi'] ?? '');
    this.dialect = version.startsWith('3.0') ? '3.0' : '3.1';
  }

  /** The URI a file is known by to ajv. */
  static uri(file: string): string {
    return pathToFileURL(file).href;
  }

  get(file: string, pointer: string): unknown {
    let node: unknown = this.files.get(file);
    for (const part of pointer.split('/').slice(1)) {
      const key = decodeURIComponent(part).replace(/~1/g, '/').replace(/~0/g, '~');
      node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
    }
    return node;
  }

  /** Where a `$ref` written in `file` leads. */
  target(file: string, ref: string): { file: string; pointer: string } {
    const [path = '', pointer = ''] = ref.split('#');
    return { file: path === '' ? file : resolve(dirname(file), decodeURI(path)), pointer };
  }

  /** Where the node at `file#pointer` really is, after any `$ref`s it is. */
  locate(file: string, pointer: string, seen = 0): { file: string; pointer: string; node: Schema } {
    const node = this.get(file, pointer) as Schema;
    const ref = node?.['$ref'];
    if (typeof ref !== 'string' || seen > 50) return { file, pointer, node };
    const t = this.target(file, ref);
    return this.locate(t.file, t.pointer, seen + 1);
  }

  /** Follows `$ref`s until a node that is not one; `$ref` siblings of 3.1 (which hold no `$ref`s in practice) apply alongside the target. */
  deref(at: At, seen = 0): At {
    const ref = at.schema['$ref'];
    if (typeof ref !== 'string' || seen > 50) return at;
    const t = this.target(at.file, ref);
    const next = this.get(t.file, t.pointer);
    if (next === null || typeof next !== 'object') throw new Error(`unresolved $ref ${ref} in ${at.file}`);
    const { $ref: _ref, ...siblings } = at.schema;
    const keep = this.dialect === '3.1' ? Object.fromEntries(Object.entries(siblings).filter(([k]) => !['description', 'summary', 'example', 'examples', 'title'].includes(k))) : {};
    const inner = this.deref({ file: t.file, schema: next as Schema }, seen + 1);
    return Object.keys(keep).length === 0 ? inner : { file: inner.file, schema: { allOf: [inner.schema], ...keep } };
  }

  /**
   * Some specs (DigitalOcean's) write `properties: { $ref: … }` for a map of
   * properties kept elsewhere. A literal reading would be a property named
   * `$ref`; the meaning, which the generator follows too, is the map itself.
   * Its `$ref`s are made absolute, as they move to another file.
   */
  private inlinePropertyRefs(file: string, node: unknown): void {
    if (Array.isArray(node)) for (const x of node) this.inlinePropertyRefs(file, x);
    if (node === null || typeof node !== 'object' || Array.isArray(node)) return;
    const o = node as Record<string, unknown>;
    const props = o['properties'] as Record<string, unknown> | undefined;
    if (props && typeof props === 'object' && typeof props['$ref'] === 'string') {
      const t = this.target(file, props['$ref']);
      const map = this.get(t.file, t.pointer);
      const { $ref: _ref, ...rest } = props;
      if (map && typeof map === 'object') o['properties'] = { ...(absoluteRefs(t.file, map, this) as object), ...rest };
    }
    for (const v of Object.values(o)) this.inlinePropertyRefs(file, v);
  }

  private load(file: string): void {
    if (this.files.has(file)) return;
    const doc = parse(readFileSync(file, 'utf8'), { maxAliasCount: -1 }) as unknown;
    this.files.set(file, doc);
    for (const ref of refsIn(doc)) {
      const [path = ''] = ref.split('#');
      if (path !== '') this.load(resolve(dirname(file), decodeURI(path)));
    }
  }
}

function absoluteRefs(file: string, node: unknown, docs: SpecDocs): unknown {
  if (Array.isArray(node)) return node.map((x) => absoluteRefs(file, x, docs));
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(Object.entries(node).map(([k, v]) => {
    if (k !== '$ref' || typeof v !== 'string') return [k, absoluteRefs(file, v, docs)];
    const t = docs.target(file, v);
    return [k, `${t.file}#${t.pointer}`];
  }));
}

function refsIn(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const x of node) refsIn(x, out);
  else if (node !== null && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') out.push(v);
      else refsIn(v, out);
    }
  }
  return out;
}
