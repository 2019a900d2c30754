import { isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { rememberDigest } from '../text-digest.js';
import { dirname, relative, resolve as resolvePath, sep } from 'node:path';
import { specError, SpecError } from '../diagnostics.js';
import { parseSpecFile } from './parse-file.js';
import type { SourcePositions } from './positions.js';

/** What a `$ref` points at: the value, and where it lives, as one canonical key. */
export interface Resolved {
  value: unknown;
  file: string;
  pointer: string;
  /** `file#pointer`, the same string for every `$ref` that reaches this value. */
  key: string;
}

/**
 * Loads files on demand and follows `$ref`s, local or to relative files.
 * Files outside the root spec's folder are refused: a spec must not read
 * arbitrary files of the machine it is generated on.
 */
export class RefResolver {
  private readonly files = new Map<string, unknown>();
  private readonly texts = new Map<string, string>();
  readonly allowedRoot: string;

  constructor(readonly rootFile: string, readonly positions: SourcePositions) {
    this.allowedRoot = dirname(rootFile);
  }

  load(file: string): unknown {
    let value = this.files.get(file);
    if (value === undefined) {
      const text = readText(file);
      this.texts.set(file, text);
      value = parseSpecFile(file, text, this.positions);
      this.files.set(file, value);
    }
    return value;
  }

  /** The text of a file read so far, so hashing the inputs does not read them again. */
  textOf(file: string): string | undefined {
    return this.texts.get(file);
  }

  get loadedFiles(): string[] {
    return [...this.files.keys()];
  }

  /** Follows `$ref` chains from `node` until a value that is not a reference. */
  deref(node: unknown, file: string): Resolved | undefined {
    let current: Resolved | undefined;
    const seen = new Set<string>();
    let at = node;
    let atFile = file;
    while (isRef(at)) {
      current = this.resolve(at.$ref, atFile, at);
      if (seen.has(current.key)) throw specError(`$ref cycle: ${[...seen, current.key].map((k) => this.display(k)).join(' -> ')}`, this.positions.locate(at, '$ref'));
      seen.add(current.key);
      at = current.value;
      atFile = current.file;
    }
    return current;
  }

  resolve(ref: string, fromFile: string, refNode?: object): Resolved {
    // Found only for a message: a position costs a second look at the text.
    const where = () => (refNode ? this.positions.locate(refNode, '$ref') : undefined);
    if (typeof ref !== 'string') throw specError('$ref must be a string', where());
    const hash = ref.indexOf('#');
    const filePart = hash === -1 ? ref : ref.slice(0, hash);
    const pointer = hash === -1 ? '' : ref.slice(hash + 1);
    if (/^[a-z][a-z0-9+.-]*:/i.test(filePart)) throw specError(`$ref to a remote or absolute URL is not supported: ${ref}`, where());
    const file = filePart === '' ? fromFile : resolvePath(dirname(fromFile), safeDecode(filePart));
    if (file !== this.rootFile && !isInside(this.allowedRoot, file)) {
      throw specError(`$ref points outside the spec's folder (${this.allowedRoot}): ${ref}`, where());
    }
    let doc: unknown;
    try {
      doc = this.load(file);
    } catch (e) {
      if (e instanceof SpecError) throw e;
      throw specError(`$ref to a file that cannot be read: ${ref} (${(e as NodeJS.ErrnoException).code ?? String(e)})`, where());
    }
    const value = walkPointer(doc, pointer);
    if (value === undefined) throw specError(`$ref target not found: ${ref}`, where());
    return { value, file, pointer, key: `${file}#${pointer}` };
  }

  /** Files as `display` names them: every model asks, and a spec is one file or a few. */
  private readonly displayed = new Map<string, string>();

  display(key: string): string {
    const [file = '', pointer = ''] = key.split('#');
    let shown = this.displayed.get(file);
    if (shown === undefined) this.displayed.set(file, (shown = relative(this.allowedRoot, file) || file));
    return `${shown}#${pointer}`;
  }
}

/**
 * Objects with a `$ref` key that are data, not references: a property named
 * `$ref`, or a `$ref` key inside an example, default, const or enum value.
 * Marked by the pass that knows each position's meaning.
 */
const DATA = new WeakSet<object>();

export function markAsData(node: object): void {
  DATA.add(node);
}

export function isRef(node: unknown): node is { $ref: string } {
  return typeof node === 'object' && node !== null && Object.hasOwn(node, '$ref') && !DATA.has(node);
}

/**
 * A spec file's text. Its digest, which the run needs (the manifest's spec and
 * input hashes), is taken from its bytes now: hashing the decoded text
 * encodes it to UTF-8 again, which for a large spec costs several times more.
 */
function readText(file: string): string {
  const bytes = readFileSync(file);
  const text = bytes.toString('utf8');
  // Valid UTF-8 decodes and encodes back to the same bytes; other bytes are hashed as the text they read as.
  if (isUtf8(bytes)) rememberDigest(text, createHash('sha256').update(bytes).digest());
  return text;
}

function isInside(root: string, file: string): boolean {
  const rel = relative(root, file);
  return rel !== '' && !rel.startsWith('..') && !rel.startsWith(sep) && !/^[a-zA-Z]:/.test(rel);
}

/** RFC 6901 JSON pointer, with the percent-decoding URI fragments need. */
export function walkPointer(doc: unknown, pointer: string): unknown {
  if (pointer === '') return doc;
  if (!pointer.startsWith('/')) return undefined;
  let at: unknown = doc;
  for (const raw of pointer.slice(1).split('/')) {
    const key = decodePointerSegment(raw);
    if (at === null || typeof at !== 'object' || !Object.hasOwn(at, key)) return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

/** One segment of a `$ref` fragment; a stray `%` is taken literally, as lenient tools do. */
export function decodePointerSegment(raw: string): string {
  // Most segments are plain names; a segment with neither escape reads as itself.
  if (!raw.includes('%') && !raw.includes('~')) return raw;
  return safeDecode(raw).replace(/~1/g, '/').replace(/~0/g, '~');
}

function safeDecode(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
