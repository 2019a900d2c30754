/*
 * A reader for the part of YAML that OpenAPI specs are written in: block
 * mappings and sequences, plain, quoted and block scalars, and flow (JSON)
 * collections. It gives the same data as the `yaml` library with the core
 * schema, at a fraction of its time and memory, because it builds no node per
 * value: only the plain data, and the offset of each mapping and sequence.
 *
 * Anything outside that subset, or anything it is not certain to read exactly
 * as the `yaml` library does (anchors, tags, complex keys, several documents,
 * tabs as indentation, a duplicate key, a syntax error...), makes it give up
 * with `UNSUPPORTED`, and the caller reads the file with the `yaml` library,
 * which is also the only source of error messages.
 */

/** What `readFast` returns when the text is not in the subset it reads exactly. */
export const UNSUPPORTED: unique symbol = Symbol('unsupported');

/** Told of every mapping and sequence made: the offset of its first key, dash or bracket. */
export interface Recorder {
  record(node: object, offset: number): void;
  /** An alias is read as a copy of what it names, at the place of the original. */
  copy(from: object, to: object): void;
}

const IGNORE: Recorder = { record: () => {}, copy: () => {} };

/**
 * Aliases copy what they name. More expansions than this (counted as the
 * `yaml` path counts them, parse-file.ts) are left to that path, which
 * reports them.
 */
const MAX_ALIAS_EXPANSIONS = 10_000;
/** Nesting deeper than this is left to the `yaml` library, which reports it. */
const MAX_DEPTH = 200;
/** The `yaml` library refuses longer implicit keys. */
const MAX_KEY_LENGTH = 1024;

/** Thrown to abandon the fast path; caught by `readFast` only. */
const GIVE_UP = { unsupported: true };

const NL = 10;
const SPACE = 32;
const TAB = 9;
const HASH = 35;
const COLON = 58;
const DASH = 45;

export function readFast(text: string, record: Recorder): unknown {
  if (text.charCodeAt(0) === 0xfeff || text.includes('\r')) return UNSUPPORTED;
  const reader = new Reader(text, record, 0);
  try {
    return reader.document();
  } catch (e) {
    if (e === GIVE_UP) return UNSUPPORTED;
    throw e;
  }
}

/**
 * The offset of every key of the mapping that starts at `offset`, found
 * again from the text: positions of keys are only needed for messages, so
 * they are not kept for every mapping while reading.
 */
export function keyOffsets(text: string, offset: number): Map<string, number> {
  const keys = new Map<string, number>();
  try {
    if (text.charCodeAt(offset) === 123) {
      const reader = new Reader(text, IGNORE, offset);
      reader.keysOfFirstMap = keys;
      reader.rereading = true;
      reader.flowMap(-1, 0);
    } else blockKeys(text, offset, keys);
  } catch (e) {
    if (e !== GIVE_UP) throw e;
  }
  return keys;
}

/**
 * The keys of a block mapping: the lines whose content starts in its
 * column. Nothing inside its values can (the reader gave up on any text
 * where a value's line would), so the lines between are skipped unread.
 */
function blockKeys(text: string, offset: number, keys: Map<string, number>): void {
  const col = offset - (text.lastIndexOf('\n', offset - 1) + 1);
  let at = offset;
  for (;;) {
    const reader = new Reader(text, IGNORE, at);
    const key = reader.key();
    if (!keys.has(key)) keys.set(key, at);
    let nl = text.indexOf('\n', at);
    for (;;) {
      if (nl === -1) return;
      let q = nl + 1;
      while (text.charCodeAt(q) === SPACE) q++;
      const c = text.charCodeAt(q);
      if (Number.isNaN(c)) return;
      const indent = q - nl - 1;
      if (c !== NL && c !== HASH && indent < col) return;
      if (c === NL || c === HASH || indent > col || (c === DASH && isSpaceOrEnd(text.charCodeAt(q + 1)))) {
        nl = c === NL ? q : text.indexOf('\n', q);
        continue;
      }
      at = q;
      break;
    }
  }
}

function isSpaceOrEnd(c: number): boolean {
  return c === SPACE || c === NL || Number.isNaN(c);
}

class Reader {
  pos: number;
  lineStart: number;
  /** Set when only the keys of the first mapping read are wanted. */
  keysOfFirstMap: Map<string, number> | undefined;
  /** Reading a mapping again from its middle, for its keys: aliases may name anchors before it. */
  rereading = false;
  /** Anchored values by name, the last one read winning, as YAML says. */
  readonly anchors = new Map<string, unknown>();
  /** Anchors whose node is being read: an alias to one is a cycle, left to the `yaml` library. */
  readonly open = new Set<string>();
  /** Alias expansions so far, each alias counting once plus once per alias inside what it names. */
  expansions = 0;
  /** For each anchor, the expansions one alias to it costs. */
  readonly costs = new Map<string, number>();

  constructor(readonly text: string, readonly record: Recorder, start: number) {
    this.pos = start;
    this.lineStart = text.lastIndexOf('\n', start - 1) + 1;
  }

  document(): unknown {
    let col = this.nextContent();
    if (col === 0 && this.isMarker('---')) {
      this.pos += 3;
      this.endLine();
      col = this.nextContent();
    }
    // A scalar document is not a spec; the `yaml` library says why.
    if (col < 0) throw GIVE_UP;
    const c = this.text.charCodeAt(this.pos);
    if (c !== 123 && c !== 91 && !this.startsKey() && !this.isDash()) throw GIVE_UP;
    const value = this.blockNode(col, -1, 0);
    if (this.nextContent() !== -1) throw GIVE_UP;
    return value;
  }

  /**
   * Moves past blank and comment lines to the next content; returns its
   * column, or -1 at the end. Tabs in indentation and document markers give up.
   */
  nextContent(): number {
    const text = this.text;
    for (;;) {
      let p = this.pos;
      let c = text.charCodeAt(p);
      while (c === SPACE) c = text.charCodeAt(++p);
      if (Number.isNaN(c)) {
        this.pos = p;
        return -1;
      }
      if (c === HASH) {
        const nl = text.indexOf('\n', p);
        if (nl === -1) {
          this.pos = text.length;
          return -1;
        }
        p = nl;
        c = NL;
      }
      if (c === NL) {
        this.pos = p + 1;
        this.lineStart = p + 1;
        continue;
      }
      if (c === TAB) throw GIVE_UP;
      this.pos = p;
      const col = p - this.lineStart;
      if (col === 0 && (this.isMarker('---') || this.isMarker('...'))) throw GIVE_UP;
      return col;
    }
  }

  isMarker(marker: string): boolean {
    if (!this.text.startsWith(marker, this.pos)) return false;
    const next = this.text.charCodeAt(this.pos + 3);
    return Number.isNaN(next) || next === NL || next === SPACE || next === TAB;
  }

  /** After a value: only spaces and a comment may follow on its line. */
  endLine(): void {
    const text = this.text;
    let p = this.pos;
    let c = text.charCodeAt(p);
    if (c === SPACE || c === TAB) {
      while (c === SPACE || c === TAB) c = text.charCodeAt(++p);
      if (c === HASH) {
        const nl = text.indexOf('\n', p);
        p = nl === -1 ? text.length : nl;
        c = text.charCodeAt(p);
      }
    }
    if (c === NL) {
      this.pos = p + 1;
      this.lineStart = p + 1;
    } else if (Number.isNaN(c)) this.pos = p;
    else throw GIVE_UP;
  }

  isDash(): boolean {
    if (this.text.charCodeAt(this.pos) !== DASH) return false;
    const next = this.text.charCodeAt(this.pos + 1);
    return next === SPACE || next === NL || Number.isNaN(next);
  }

  /** A node in block context starting at the current position, in column `col`, inside a node indented `parent`. */
  blockNode(col: number, parent: number, depth: number): unknown {
    if (depth > MAX_DEPTH) throw GIVE_UP;
    const c = this.text.charCodeAt(this.pos);
    if (c === DASH && this.isDash()) return this.blockSeq(col, false, depth);
    if (c === 91 || c === 123) {
      const value = c === 91 ? this.flowSeq(parent, depth) : this.flowMap(parent, depth);
      this.endLine();
      return value;
    }
    if (this.startsKey()) return this.blockMap(col, depth);
    return this.inlineScalar(parent);
  }

  /** Whether the current line, from here, is `key: ...`. */
  startsKey(): boolean {
    const save = this.pos;
    try {
      const c = this.text.charCodeAt(this.pos);
      if (c === 34 || c === 39) {
        this.quoted(c, -1);
      } else if (!this.plainKeyEnd()) return false;
      else return true;
      let p = this.pos;
      while (this.text.charCodeAt(p) === SPACE) p++;
      if (this.text.charCodeAt(p) !== COLON) return false;
      const next = this.text.charCodeAt(p + 1);
      return next === SPACE || next === NL || Number.isNaN(next);
    } finally {
      this.pos = save;
    }
  }

  /** Moves to the end of a plain key on this line and returns true, or returns false when the line is not `key:`. */
  plainKeyEnd(): boolean {
    const text = this.text;
    let p = this.pos;
    for (;;) {
      const c = text.charCodeAt(p);
      if (c === NL || Number.isNaN(c)) return false;
      if (c === COLON) {
        const next = text.charCodeAt(p + 1);
        if (next === SPACE || next === NL || Number.isNaN(next)) {
          this.pos = p;
          return true;
        }
        if (next === TAB) throw GIVE_UP;
      } else if (c === HASH && (text.charCodeAt(p - 1) === SPACE || text.charCodeAt(p - 1) === TAB)) return false;
      p++;
    }
  }

  blockMap(col: number, depth: number): Record<string, unknown> {
    if (depth > MAX_DEPTH) throw GIVE_UP;
    const obj: Record<string, unknown> = {};
    const keys = this.keysOfFirstMap;
    this.keysOfFirstMap = undefined;
    this.record.record(obj, this.pos);
    for (;;) {
      const keyAt = this.pos;
      const key = this.key();
      keys?.set(key, keyAt);
      if (Object.hasOwn(obj, key)) throw GIVE_UP;
      const value = this.mapValue(col, depth);
      if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
      else obj[key] = value;
      const next = this.nextContent();
      if (next < col) return obj;
      if (next > col || this.isDash()) throw GIVE_UP;
    }
  }

  /** A block mapping key up to and past its `:`. */
  key(): string {
    const start = this.pos;
    const c = this.text.charCodeAt(start);
    let key: string;
    if (c === 34 || c === 39) {
      key = this.quoted(c);
      while (this.text.charCodeAt(this.pos) === SPACE) this.pos++;
    } else {
      if (!plainStarts(this.text, start, false) || !this.plainKeyEnd()) throw GIVE_UP;
      key = String(plainValue(this.text.slice(start, this.pos).trimEnd()));
    }
    if (this.pos - start > MAX_KEY_LENGTH || this.text.charCodeAt(this.pos) !== COLON) throw GIVE_UP;
    this.pos++;
    return key;
  }

  /** The value after `key:`, on the same line or on the lines below. */
  mapValue(col: number, depth: number): unknown {
    const text = this.text;
    while (text.charCodeAt(this.pos) === SPACE) this.pos++;
    const c = text.charCodeAt(this.pos);
    if (c === 38) return this.anchored(() => this.mapValue(col, depth));
    if (c === 42) return this.blockAlias();
    if (c === TAB) throw GIVE_UP;
    if (c === NL || c === HASH || Number.isNaN(c)) {
      this.endLine();
      const save = this.pos;
      const saveLine = this.lineStart;
      const next = this.nextContent();
      if (next > col) return this.blockNode(next, col, depth + 1);
      if (next === col && this.isDash()) return this.blockSeq(col, true, depth + 1);
      this.pos = save;
      this.lineStart = saveLine;
      return null;
    }
    if (c === 91) {
      const value = this.flowSeq(col, depth + 1);
      this.endLine();
      return value;
    }
    if (c === 123) {
      const value = this.flowMap(col, depth + 1);
      this.endLine();
      return value;
    }
    // `a: b: c` is refused where the scalar is read: a plain one may not hold `: `, nothing may follow a quoted one.
    if (c === DASH && this.isDash()) throw GIVE_UP;
    return this.inlineScalar(col);
  }

  blockSeq(col: number, underKey: boolean, depth: number): unknown[] {
    if (depth > MAX_DEPTH) throw GIVE_UP;
    const arr: unknown[] = [];
    this.record.record(arr, this.pos);
    for (;;) {
      this.pos++;
      while (this.text.charCodeAt(this.pos) === SPACE) this.pos++;
      const c = this.text.charCodeAt(this.pos);
      if (c === TAB) throw GIVE_UP;
      if (c === 38 || c === 42) {
        arr.push(c === 42 ? this.blockAlias() : this.anchored(() => this.seqItemAfterProperties(col, depth)));
      } else if (c === NL || c === HASH || Number.isNaN(c)) {
        this.endLine();
        const save = this.pos;
        const saveLine = this.lineStart;
        const next = this.nextContent();
        if (next > col) arr.push(this.blockNode(next, col, depth + 1));
        else {
          this.pos = save;
          this.lineStart = saveLine;
          arr.push(null);
        }
      } else {
        arr.push(this.blockNode(this.pos - this.lineStart, col, depth + 1));
      }
      const next = this.nextContent();
      if (next < col) return arr;
      if (next > col) throw GIVE_UP;
      if (!this.isDash()) {
        if (underKey) return arr;
        throw GIVE_UP;
      }
    }
  }

  /** A sequence item after its anchor: on the same line (not a mapping) or on the lines below. */
  seqItemAfterProperties(col: number, depth: number): unknown {
    while (this.text.charCodeAt(this.pos) === SPACE) this.pos++;
    const c = this.text.charCodeAt(this.pos);
    if (c === NL || c === HASH || Number.isNaN(c)) {
      this.endLine();
      const save = this.pos;
      const saveLine = this.lineStart;
      const next = this.nextContent();
      if (next > col) return this.blockNode(next, col, depth + 1);
      this.pos = save;
      this.lineStart = saveLine;
      return null;
    }
    if (c === TAB || c === 38 || c === 42 || (c === DASH && this.isDash()) || this.startsKey()) throw GIVE_UP;
    return this.blockNode(this.pos - this.lineStart, col, depth + 1);
  }

  /** `&name` and the node it names, read by `node`. */
  anchored(node: () => unknown): unknown {
    this.pos++;
    const name = this.propertyName();
    const c = this.text.charCodeAt(this.pos);
    if (c !== SPACE && c !== NL && !Number.isNaN(c)) throw GIVE_UP;
    while (this.text.charCodeAt(this.pos) === SPACE) this.pos++;
    const next = this.text.charCodeAt(this.pos);
    if (next === 38 || next === 42 || next === 33) throw GIVE_UP;
    if (this.open.has(name)) throw GIVE_UP;
    this.open.add(name);
    const before = this.expansions;
    const value = node();
    this.open.delete(name);
    this.anchors.set(name, value);
    this.costs.set(name, 1 + this.expansions - before);
    return value;
  }

  /** `*name` as a whole value in block context. */
  blockAlias(): unknown {
    const value = this.alias();
    this.endLine();
    return value;
  }

  /** `*name`: a copy of the value it names, as the `yaml` library expands it. */
  alias(): unknown {
    this.pos++;
    const name = this.propertyName();
    if (this.open.has(name)) throw GIVE_UP;
    if (!this.anchors.has(name)) {
      if (this.rereading) return null;
      throw GIVE_UP;
    }
    this.expansions += this.costs.get(name)!;
    if (this.expansions > MAX_ALIAS_EXPANSIONS) throw GIVE_UP;
    return this.clone(this.anchors.get(name));
  }

  clone(value: unknown): unknown {
    if (value === null || typeof value !== 'object') return value;
    let copy: object;
    if (Array.isArray(value)) copy = value.map((v) => this.clone(v));
    else {
      const obj: Record<string, unknown> = {};
      for (const [key, v] of Object.entries(value)) {
        if (key === '__proto__') Object.defineProperty(obj, key, { value: this.clone(v), enumerable: true, writable: true, configurable: true });
        else obj[key] = this.clone(v);
      }
      copy = obj;
    }
    this.record.copy(value, copy);
    return copy;
  }

  /** An anchor or alias name: up to white space or a flow indicator. */
  propertyName(): string {
    const text = this.text;
    const start = this.pos;
    let p = start;
    for (;;) {
      const c = text.charCodeAt(p);
      if (Number.isNaN(c) || c === SPACE || c === TAB || c === NL || c === 44 || c === 91 || c === 93 || c === 123 || c === 125) break;
      p++;
    }
    if (p === start) throw GIVE_UP;
    this.pos = p;
    return text.slice(start, p);
  }

  /** A scalar in block context, ending its line; `parent` is the indentation it must stay inside. */
  inlineScalar(parent: number): unknown {
    const c = this.text.charCodeAt(this.pos);
    if (c === 34 || c === 39) {
      const value = this.quoted(c, parent);
      this.endLine();
      return value;
    }
    if (c === 124 || c === 62) return this.blockScalar(parent);
    if (!plainStarts(this.text, this.pos, false)) throw GIVE_UP;
    return this.plainScalar(parent);
  }

  /** A plain scalar, over several lines when they are indented more than `parent`. */
  plainScalar(parent: number): unknown {
    const first = this.plainLine();
    if (first.comment) return plainValue(first.text);
    const text = this.text;
    let value: string | undefined;
    for (;;) {
      // Look ahead past blank lines for a continuation line.
      let p = this.pos;
      let lineStart = this.lineStart;
      let blanks = 0;
      let indent = 0;
      for (;;) {
        let c = text.charCodeAt(p);
        while (c === SPACE) c = text.charCodeAt(++p);
        if (c !== NL) {
          indent = p - lineStart;
          if (Number.isNaN(c) || indent <= parent) {
            indent = -1;
          } else if (c === HASH || c === TAB) throw GIVE_UP;
          break;
        }
        blanks++;
        p++;
        lineStart = p;
      }
      if (indent < 0 || (indent === 0 && (text.startsWith('---', p) || text.startsWith('...', p)))) break;
      this.pos = p;
      this.lineStart = lineStart;
      const line = this.plainLine();
      value = (value ?? first.text) + (blanks === 0 ? ' ' : '\n'.repeat(blanks)) + line.text;
      if (line.comment) break;
    }
    return value === undefined ? plainValue(first.text) : value;
  }

  /**
   * The rest of a line of a plain scalar, trimmed, moving to the next line.
   * `comment` when a comment ended it (no line may continue it then).
   */
  plainLine(): { text: string; comment: boolean } {
    const text = this.text;
    const start = this.pos;
    let p = start;
    let comment = false;
    for (;;) {
      const c = text.charCodeAt(p);
      if (c === NL || Number.isNaN(c)) break;
      if (c === COLON) {
        const next = text.charCodeAt(p + 1);
        if (next === SPACE || next === TAB || next === NL || Number.isNaN(next)) throw GIVE_UP;
      } else if (c === HASH && p > start && (text.charCodeAt(p - 1) === SPACE || text.charCodeAt(p - 1) === TAB)) {
        comment = true;
        break;
      }
      p++;
    }
    const line = text.slice(start, p).replace(/[ \t]+$/, '');
    this.pos = comment ? p - 1 : p;
    this.endLine();
    return { text: line, comment };
  }

  /** `|` or `>` with optional chomping, its content indented more than `parent`. */
  blockScalar(parent: number): string {
    const text = this.text;
    const folded = text.charCodeAt(this.pos) === 62;
    this.pos++;
    let chomp = 'clip';
    const h = text.charCodeAt(this.pos);
    if (h === DASH) chomp = 'strip';
    else if (h === 43) chomp = 'keep';
    if (chomp !== 'clip') this.pos++;
    // An explicit indentation, read only where the parent's indentation is that of its line.
    let indent = -1;
    const digit = text.charCodeAt(this.pos) - 48;
    if (digit >= 1 && digit <= 9) {
      let first = this.lineStart;
      while (text.charCodeAt(first) === SPACE) first++;
      if (first - this.lineStart !== parent) throw GIVE_UP;
      indent = parent + digit;
      this.pos++;
    }
    const after = text.charCodeAt(this.pos);
    if (after !== NL && after !== SPACE) throw GIVE_UP;
    this.endLine();
    // Read the lines: indentation from the first non-empty one.
    const lines: string[] = [];
    let maxBlank = 0;
    let p = this.pos;
    for (;;) {
      let q = p;
      while (text.charCodeAt(q) === SPACE) q++;
      const c = text.charCodeAt(q);
      if (Number.isNaN(c)) {
        if (q > p) throw GIVE_UP;
        break;
      }
      if (c === NL && (indent < 0 || q - p <= indent)) {
        maxBlank = Math.max(maxBlank, q - p);
        lines.push('');
        p = q + 1;
        continue;
      }
      if (indent < 0) {
        if (q - p <= parent) break;
        indent = q - p;
        if (maxBlank > indent) throw GIVE_UP;
      } else if (q - p < indent) break;
      const nl = text.indexOf('\n', q);
      const line = text.slice(p + indent, nl === -1 ? text.length : nl);
      if (indent === 0 && (line.startsWith('---') || line.startsWith('...'))) throw GIVE_UP;
      lines.push(line);
      p = nl === -1 ? text.length : nl + 1;
    }
    // The scalar ends before the line that is not part of it; trailing blank lines are its own.
    this.pos = p;
    this.lineStart = p;
    let end = lines.length;
    while (end > 0 && lines[end - 1] === '') end--;
    if (end === 0) return chomp === 'keep' ? '\n'.repeat(lines.length) : '';
    const body = folded ? fold(lines.slice(0, end)) : lines.slice(0, end).join('\n');
    if (chomp === 'strip') return body;
    if (chomp === 'clip') return `${body}\n`;
    return body + '\n'.repeat(lines.length - end + 1);
  }

  /**
   * A quoted scalar; the position moves past its closing quote. It may span
   * lines only when `parent` is given, its lines indented more than that.
   */
  quoted(quote: number, parent?: number): string {
    const text = this.text;
    let p = this.pos + 1;
    let out = '';
    let from = p;
    for (;;) {
      const c = text.charCodeAt(p);
      if (c === quote) {
        if (quote === 39 && text.charCodeAt(p + 1) === 39) {
          out += `${text.slice(from, p)}'`;
          p += 2;
          from = p;
          continue;
        }
        this.pos = p + 1;
        return out + text.slice(from, p);
      }
      if (Number.isNaN(c)) throw GIVE_UP;
      if (c === NL) {
        if (parent === undefined) throw GIVE_UP;
        out += text.slice(from, p).replace(/[ \t]+$/, '');
        p = this.foldQuotedBreak(p, parent);
        out += this.blanks === 0 ? ' ' : '\n'.repeat(this.blanks);
        from = p;
      } else if (c === 92 && quote === 34) {
        out += text.slice(from, p);
        if (text.charCodeAt(p + 1) === NL) {
          if (parent === undefined) throw GIVE_UP;
          // An escaped line break joins the lines with nothing between.
          p = this.foldQuotedBreak(p + 1, parent);
          out += '\n'.repeat(this.blanks);
        } else {
          const [e, len] = escape(text, p + 1);
          out += e;
          p += 1 + len;
        }
        from = p;
      } else p++;
    }
  }

  /** Blank lines counted by the last `foldQuotedBreak`. */
  blanks = 0;

  /** From a line break inside a quoted scalar to the next line's first character, counting blank lines. */
  foldQuotedBreak(nl: number, parent: number): number {
    const text = this.text;
    let p = nl + 1;
    let blanks = 0;
    for (;;) {
      this.lineStart = p;
      let q = p;
      while (text.charCodeAt(q) === SPACE) q++;
      if (q - p <= parent && text.charCodeAt(q) !== NL) throw GIVE_UP;
      if (q === p && (text.startsWith('---', q) || text.startsWith('...', q))) throw GIVE_UP;
      while (text.charCodeAt(q) === SPACE || text.charCodeAt(q) === TAB) q++;
      const c = text.charCodeAt(q);
      if (Number.isNaN(c)) throw GIVE_UP;
      if (c !== NL) {
        this.blanks = blanks;
        return q;
      }
      blanks++;
      p = q + 1;
    }
  }

  /** Skips white space inside a flow collection; lines must stay indented more than `parent`. */
  flowSpace(parent: number): void {
    const text = this.text;
    for (;;) {
      const c = text.charCodeAt(this.pos);
      if (c === SPACE || (c === TAB && parent < 0)) this.pos++;
      else if (c === NL) {
        this.pos++;
        this.lineStart = this.pos;
        let p = this.pos;
        while (text.charCodeAt(p) === SPACE || (parent < 0 && text.charCodeAt(p) === TAB)) p++;
        const d = text.charCodeAt(p);
        if (d !== NL && p - this.lineStart <= parent) throw GIVE_UP;
        if (p === this.lineStart && (text.startsWith('---', p) || text.startsWith('...', p))) throw GIVE_UP;
      } else if (c === HASH || c === TAB) throw GIVE_UP;
      else return;
    }
  }

  flowSeq(parent: number, depth: number): unknown[] {
    if (depth > MAX_DEPTH) throw GIVE_UP;
    const arr: unknown[] = [];
    this.record.record(arr, this.pos);
    this.pos++;
    this.flowSpace(parent);
    if (this.text.charCodeAt(this.pos) === 93) {
      this.pos++;
      return arr;
    }
    for (;;) {
      arr.push(this.flowNode(parent, depth));
      this.flowSpace(parent);
      const c = this.text.charCodeAt(this.pos++);
      if (c === 93) return arr;
      if (c !== 44) throw GIVE_UP;
      this.flowSpace(parent);
      if (this.text.charCodeAt(this.pos) === 93) throw GIVE_UP;
    }
  }

  flowMap(parent: number, depth: number): Record<string, unknown> {
    if (depth > MAX_DEPTH) throw GIVE_UP;
    const obj: Record<string, unknown> = {};
    const keys = this.keysOfFirstMap;
    this.keysOfFirstMap = undefined;
    this.record.record(obj, this.pos);
    this.pos++;
    this.flowSpace(parent);
    if (this.text.charCodeAt(this.pos) === 125) {
      this.pos++;
      return obj;
    }
    for (;;) {
      const keyAt = this.pos;
      const c = this.text.charCodeAt(this.pos);
      let key: string;
      if (c === 34 || c === 39) key = this.quoted(c);
      else {
        if (!plainStarts(this.text, this.pos, true)) throw GIVE_UP;
        key = String(plainValue(this.flowPlain()));
      }
      if (this.pos - keyAt > MAX_KEY_LENGTH) throw GIVE_UP;
      keys?.set(key, keyAt);
      this.flowSpace(parent);
      if (this.text.charCodeAt(this.pos) !== COLON) throw GIVE_UP;
      this.pos++;
      if (c !== 34 && c !== 39) {
        const next = this.text.charCodeAt(this.pos);
        if (next !== SPACE && next !== NL) throw GIVE_UP;
      }
      this.flowSpace(parent);
      const v = this.text.charCodeAt(this.pos);
      if (v === 44 || v === 125) throw GIVE_UP;
      const value = this.flowNode(parent, depth);
      if (Object.hasOwn(obj, key)) throw GIVE_UP;
      if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
      else obj[key] = value;
      this.flowSpace(parent);
      const end = this.text.charCodeAt(this.pos++);
      if (end === 125) return obj;
      if (end !== 44) throw GIVE_UP;
      this.flowSpace(parent);
      if (this.text.charCodeAt(this.pos) === 125) throw GIVE_UP;
    }
  }

  flowNode(parent: number, depth: number): unknown {
    const c = this.text.charCodeAt(this.pos);
    if (c === 42) return this.alias();
    if (c === 38) {
      return this.anchored(() => {
        const next = this.text.charCodeAt(this.pos);
        if (next === NL || next === 44 || next === 93 || next === 125) throw GIVE_UP;
        return this.flowNode(parent, depth);
      });
    }
    if (c === 91) return this.flowSeq(parent, depth + 1);
    if (c === 123) return this.flowMap(parent, depth + 1);
    if (c === 34 || c === 39) {
      const value = this.quoted(c, parent);
      const save = this.pos;
      this.flowSpace(parent);
      // `[a: b]` is a mapping inside the sequence; not read here.
      if (this.text.charCodeAt(this.pos) === COLON) throw GIVE_UP;
      this.pos = save;
      return value;
    }
    if (!plainStarts(this.text, this.pos, true)) throw GIVE_UP;
    return plainValue(this.flowPlain());
  }

  /** A plain scalar inside a flow collection: one line, no `:`, up to `,`, `]` or `}`. */
  flowPlain(): string {
    const text = this.text;
    const start = this.pos;
    let p = start;
    for (;;) {
      const c = text.charCodeAt(p);
      if (c === 44 || c === 93 || c === 125 || c === NL || Number.isNaN(c)) break;
      if (c === COLON) {
        const next = text.charCodeAt(p + 1);
        if (next === SPACE || next === NL || next === 44 || next === 93 || next === 125) break;
        if (next === TAB || next === 91 || next === 123 || Number.isNaN(next)) throw GIVE_UP;
      }
      if (c === 91 || c === 123 || c === TAB) throw GIVE_UP;
      if (c === HASH && text.charCodeAt(p - 1) === SPACE) throw GIVE_UP;
      p++;
    }
    this.pos = p;
    const value = text.slice(start, p).trimEnd();
    if (value === '') throw GIVE_UP;
    // A plain scalar continued on the next line is folded; not read here.
    let q = p;
    while (text.charCodeAt(q) === SPACE) q++;
    if (text.charCodeAt(q) === NL) {
      let r = q + 1;
      while (text.charCodeAt(r) === SPACE || text.charCodeAt(r) === TAB || text.charCodeAt(r) === NL) r++;
      const d = text.charCodeAt(r);
      if (d !== 44 && d !== 93 && d !== 125 && d !== COLON) throw GIVE_UP;
    }
    return value;
  }
}

/** Characters that cannot start a plain scalar here, or start something this reader leaves to the `yaml` library. */
function isIndicator(c: number): boolean {
  switch (c) {
    case 44: case 91: case 93: case 123: case 125: // , [ ] { }
    case 35: case 38: case 42: case 33: case 124: case 62: // # & * ! | >
    case 39: case 34: case 37: case 64: case 96: // ' " % @ `
    case 9: case 10: case 32:
      return true;
    default:
      return Number.isNaN(c);
  }
}

/** Whether a plain scalar may start at `p`: `-`, `?` and `:` only when followed by a character that is not white space (or a flow indicator). */
function plainStarts(text: string, p: number, flow: boolean): boolean {
  const c = text.charCodeAt(p);
  if (c === DASH || c === 63 || c === COLON) {
    const next = text.charCodeAt(p + 1);
    if (next === SPACE || next === TAB || next === NL || Number.isNaN(next)) return false;
    return !flow || (next !== 44 && next !== 91 && next !== 93 && next !== 123 && next !== 125);
  }
  return !isIndicator(c);
}

/**
 * The lines of a folded scalar joined: a line break between two lines of
 * text becomes a space, and blank lines stay; breaks next to a more-indented
 * line are kept.
 */
function fold(lines: string[]): string {
  let out = '';
  let blanks = 0;
  let previous: 'none' | 'text' | 'spaced' = 'none';
  for (const line of lines) {
    if (line === '') {
      blanks++;
      continue;
    }
    const c = line.charCodeAt(0);
    const kind = c === SPACE || c === TAB ? 'spaced' : 'text';
    if (previous === 'none') out += '\n'.repeat(blanks);
    else if (previous === 'text' && kind === 'text') out += blanks === 0 ? ' ' : '\n'.repeat(blanks);
    else out += '\n'.repeat(blanks + 1);
    out += line;
    blanks = 0;
    previous = kind;
  }
  return out;
}

const ESCAPES: Record<string, string> = {
  '0': '\0', a: '\x07', b: '\b', t: '\t', '\t': '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b',
  ' ': ' ', '"': '"', '/': '/', '\\': '\\', N: '\u0085', _: '\u00a0', L: '\u2028', P: '\u2029',
};

/** A double-quoted escape after its backslash: the text it stands for and its length. */
function escape(text: string, at: number): [string, number] {
  const c = text[at];
  if (c === undefined) throw GIVE_UP;
  const simple = ESCAPES[c];
  if (simple !== undefined) return [simple, 1];
  const digits = c === 'x' ? 2 : c === 'u' ? 4 : c === 'U' ? 8 : 0;
  const hex = text.slice(at + 1, at + 1 + digits);
  if (digits === 0 || !/^[0-9a-fA-F]+$/.test(hex) || hex.length !== digits) throw GIVE_UP;
  const code = parseInt(hex, 16);
  if (code > 0x10ffff) throw GIVE_UP;
  return [String.fromCodePoint(code), 1 + digits];
}

const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const INT_OCT = /^0o[0-7]+$/;
const INT = /^[-+]?[0-9]+$/;
const INT_HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT_EXP = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

/** A plain scalar typed by the YAML 1.2 core schema, in the order the `yaml` library tries its tags. */
export function plainValue(s: string): unknown {
  const c = s.charCodeAt(0);
  // Most scalars are words: nothing but a string can start with these.
  if ((c >= 97 && c <= 122 && c !== 110 && c !== 116 && c !== 102) || (c >= 65 && c <= 90 && c !== 78 && c !== 84 && c !== 70)) return s;
  if (NULL.test(s)) return null;
  if (BOOL.test(s)) return c === 116 || c === 84;
  if (INT_OCT.test(s)) return parseInt(s.substring(2), 8);
  if (INT.test(s)) return parseInt(s, 10);
  if (INT_HEX.test(s)) return parseInt(s.substring(2), 16);
  if (FLOAT_NAN.test(s)) return s.slice(-3).toLowerCase() === 'nan' ? NaN : s[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  if (FLOAT_EXP.test(s) || FLOAT.test(s)) return parseFloat(s);
  return s;
}
