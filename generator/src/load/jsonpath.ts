/**
 * The part of RFC 9535 JSONPath that overlays use: `$`, `.name`, `['name']`,
 * `.*` / `[*]`, `[n]`, `..` descendants, and filters `[?...]` of comparisons
 * and existence tests joined by `&&`, `||`, `!` and parentheses. Anything
 * else is refused with the character where reading stopped, never guessed.
 * One leniency: a `.name` may contain `-` after its first character, as
 * `.x-logo` in real overlays does.
 */

/** A path that cannot be read; `index` is the 0-based character where it went wrong. */
export class JsonPathError extends Error {
  constructor(message: string, readonly index: number) {
    super(message);
  }
}

type Selector =
  | { kind: 'name'; name: string }
  | { kind: 'wildcard' }
  | { kind: 'index'; index: number }
  | { kind: 'filter'; expr: Expr };
interface Segment { descendant: boolean; selectors: Selector[] }
interface Query { root: '$' | '@'; segments: Segment[] }
type Operand = { kind: 'literal'; value: unknown } | { kind: 'query'; query: Query };
type Expr =
  | { kind: 'or' | 'and'; items: Expr[] }
  | { kind: 'not'; expr: Expr }
  | { kind: 'exists'; query: Query }
  | { kind: 'compare'; op: string; left: Operand; right: Operand };

/** A selected value with the container and key it sits at (none for the root). */
export interface PathNode {
  value: unknown;
  parent?: Record<string, unknown> | unknown[];
  key?: string | number;
}

export type JsonPath = Query;

export function parseJsonPath(text: string): JsonPath {
  const p = new Parser(text);
  const query = p.query('$');
  p.skipSpace();
  if (!p.done()) p.fail('unexpected character');
  return query;
}

/** Every node the path selects in `root`, in document order. */
export function selectNodes(path: JsonPath, root: unknown): PathNode[] {
  visits = 0;
  return run(path, { value: root }, root);
}

let visits = 0;

function visit(count: number): void {
  visits += count;
  if (visits > MAX_VISITS) throw new JsonPathError(`the target visits more than ${MAX_VISITS.toLocaleString('en-US')} nodes; select with fewer \`..\``, 0);
}

const COMPARISONS = ['==', '!=', '<=', '>=', '<', '>'];

/** Filters and parentheses nested deeper than this are refused: the parser recurses through them. */
const MAX_NESTING = 64;

/** Nodes one selection may visit; a target of nested `..` over a large spec stops here instead of running for hours. */
const MAX_VISITS = 5_000_000;

class Parser {
  i = 0;
  depth = 0;
  constructor(readonly s: string) {}

  nested<T>(read: () => T): T {
    if (++this.depth > MAX_NESTING) this.fail(`filters nested more than ${MAX_NESTING} deep`);
    const result = read();
    this.depth--;
    return result;
  }

  done(): boolean {
    return this.i >= this.s.length;
  }
  fail(message: string, at = this.i): never {
    const what = this.done() ? 'the end' : JSON.stringify(this.s[at]);
    throw new JsonPathError(`${message} at character ${at + 1} (${what})`, at);
  }
  skipSpace(): void {
    while (/[ \t\n\r]/.test(this.s[this.i] ?? '')) this.i++;
  }
  eat(token: string): boolean {
    if (!this.s.startsWith(token, this.i)) return false;
    this.i += token.length;
    return true;
  }

  query(root: '$' | '@'): Query {
    if (!this.eat(root)) this.fail(`expected \`${root}\``);
    const segments: Segment[] = [];
    for (;;) {
      const save = this.i;
      this.skipSpace();
      const segment = this.segment();
      if (!segment) {
        this.i = save;
        return { root, segments };
      }
      segments.push(segment);
    }
  }

  segment(): Segment | undefined {
    if (this.eat('..')) {
      if (this.s[this.i] === '[') return { descendant: true, selectors: this.bracket() };
      return { descendant: true, selectors: [this.dotted()] };
    }
    if (this.eat('.')) return { descendant: false, selectors: [this.dotted()] };
    if (this.s[this.i] === '[') return { descendant: false, selectors: this.bracket() };
    return undefined;
  }

  dotted(): Selector {
    if (this.eat('*')) return { kind: 'wildcard' };
    const start = this.i;
    if (!/[A-Za-z_\u0080-\uffff]/.test(this.s[this.i] ?? '')) this.fail('expected a name or `*` after `.`');
    while (/[A-Za-z0-9_\-\u0080-\uffff]/.test(this.s[this.i] ?? '')) this.i++;
    return { kind: 'name', name: this.s.slice(start, this.i) };
  }

  bracket(): Selector[] {
    this.i++;
    const selectors: Selector[] = [];
    do {
      this.skipSpace();
      selectors.push(this.selector());
      this.skipSpace();
    } while (this.eat(','));
    if (!this.eat(']')) this.fail('expected `]` or `,`');
    return selectors;
  }

  selector(): Selector {
    const c = this.s[this.i];
    if (c === "'" || c === '"') return { kind: 'name', name: this.string() };
    if (this.eat('*')) return { kind: 'wildcard' };
    if (this.eat('?')) {
      this.skipSpace();
      return { kind: 'filter', expr: this.nested(() => this.or()) };
    }
    if (c === '-' || /[0-9]/.test(c ?? '')) {
      const index = this.integer();
      this.skipSpace();
      if (this.s[this.i] === ':') this.fail('array slices are not supported');
      return { kind: 'index', index };
    }
    if (c === ':') this.fail('array slices are not supported');
    return this.fail('expected a quoted name, `*`, an index or a `?` filter');
  }

  integer(): number {
    const m = /^-?(0|[1-9][0-9]*)/.exec(this.s.slice(this.i));
    if (!m || m[0] === '-0') this.fail('expected an integer');
    const n = Number(m[0]);
    if (!Number.isSafeInteger(n)) this.fail('index out of range');
    this.i += m[0].length;
    return n;
  }

  /** A quoted string with JSON's escapes, and `\'` inside single quotes. */
  string(): string {
    const quote = this.s[this.i++]!;
    let out = '';
    for (;;) {
      if (this.done()) this.fail('unterminated string');
      const c = this.s[this.i]!;
      if (c === quote) {
        this.i++;
        return out;
      }
      if (c < ' ') this.fail('control character in a string');
      if (c !== '\\') {
        out += c;
        this.i++;
        continue;
      }
      const e = this.s[this.i + 1];
      const simple: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', '/': '/', '\\': '\\', [quote]: quote };
      if (e !== undefined && Object.hasOwn(simple, e)) {
        out += simple[e];
        this.i += 2;
      } else if (e === 'u') {
        out += this.unicodeEscape();
      } else this.fail('invalid escape in a string', this.i + 1);
    }
  }

  unicodeEscape(): string {
    const hex = (at: number) => (/^[0-9a-fA-F]{4}$/.test(this.s.slice(at, at + 4)) ? parseInt(this.s.slice(at, at + 4), 16) : this.fail('expected four hex digits after \\u', at));
    const first = hex(this.i + 2);
    this.i += 6;
    if (first >= 0xdc00 && first <= 0xdfff) this.fail('lone low surrogate', this.i - 6);
    if (first < 0xd800 || first > 0xdbff) return String.fromCharCode(first);
    if (!this.s.startsWith('\\u', this.i)) this.fail('a high surrogate needs a low one after it');
    const second = hex(this.i + 2);
    if (second < 0xdc00 || second > 0xdfff) this.fail('a high surrogate needs a low one after it');
    this.i += 6;
    return String.fromCharCode(first, second);
  }

  or(): Expr {
    const items = [this.and()];
    while (this.space(() => this.eat('||'))) items.push(this.and());
    return items.length === 1 ? items[0]! : { kind: 'or', items };
  }

  and(): Expr {
    const items = [this.basic()];
    while (this.space(() => this.eat('&&'))) items.push(this.basic());
    return items.length === 1 ? items[0]! : { kind: 'and', items };
  }

  /** Runs `step` after blank space, undoing the skip when it does not match. */
  space(step: () => boolean): boolean {
    const save = this.i;
    this.skipSpace();
    if (step()) {
      this.skipSpace();
      return true;
    }
    this.i = save;
    return false;
  }

  basic(): Expr {
    this.skipSpace();
    if (this.eat('!')) {
      this.skipSpace();
      if (this.eat('(')) return { kind: 'not', expr: this.nested(() => this.paren()) };
      return { kind: 'not', expr: { kind: 'exists', query: this.filterQuery() } };
    }
    if (this.eat('(')) return this.nested(() => this.paren());
    const start = this.i;
    const left = this.operand();
    const save = this.i;
    this.skipSpace();
    const op = COMPARISONS.find((o) => this.s.startsWith(o, this.i));
    if (!op) {
      this.i = save;
      if (left.kind === 'literal') this.fail('a literal must be compared with something', start);
      return { kind: 'exists', query: left.query };
    }
    this.i += op.length;
    this.skipSpace();
    const right = this.operand();
    for (const [side, at] of [[left, start], [right, this.i]] as const) {
      if (side.kind === 'query' && !isSingular(side.query)) this.fail('a comparison needs a query that selects at most one value (names and indexes only)', at);
    }
    return { kind: 'compare', op, left, right };
  }

  paren(): Expr {
    const expr = this.or();
    this.skipSpace();
    if (!this.eat(')')) this.fail('expected `)`');
    return expr;
  }

  filterQuery(): Query {
    const c = this.s[this.i];
    if (c === '@' || c === '$') return this.query(c);
    return this.fail('expected `@` or `$`');
  }

  operand(): Operand {
    const c = this.s[this.i];
    if (c === '@' || c === '$') return { kind: 'query', query: this.query(c) };
    if (c === "'" || c === '"') return { kind: 'literal', value: this.string() };
    for (const [word, value] of [['true', true], ['false', false], ['null', null]] as const) {
      if (this.eat(word)) return { kind: 'literal', value };
    }
    const m = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?/.exec(this.s.slice(this.i));
    if (m) {
      this.i += m[0].length;
      return { kind: 'literal', value: Number(m[0]) };
    }
    if (/[a-z]/.test(c ?? '')) this.fail('function extensions are not supported');
    return this.fail('expected `@`, `$`, a string, a number, true, false or null');
  }
}

function isSingular(q: Query): boolean {
  return q.segments.every((s) => !s.descendant && s.selectors.length === 1 && (s.selectors[0]!.kind === 'name' || s.selectors[0]!.kind === 'index'));
}

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The direct children of a value, in document order. */
function children(node: PathNode): PathNode[] {
  const v = node.value;
  const out: PathNode[] = Array.isArray(v) ? v.map((value, key) => ({ value, parent: v, key })) : isMap(v) ? Object.keys(v).map((key) => ({ value: v[key], parent: v, key })) : [];
  visit(out.length + 1);
  return out;
}

/** The node and all below it, parents first, walked with a stack so depth cannot overflow. */
function descendants(node: PathNode): PathNode[] {
  const out: PathNode[] = [];
  const stack = [node];
  while (stack.length > 0) {
    const n = stack.pop()!;
    out.push(n);
    stack.push(...children(n).reverse());
  }
  return out;
}

function run(q: Query, current: PathNode, root: unknown): PathNode[] {
  let nodes: PathNode[] = [q.root === '$' ? { value: root } : current];
  for (const segment of q.segments) {
    const next: PathNode[] = [];
    for (const node of nodes) {
      for (const at of segment.descendant ? descendants(node) : [node]) {
        for (const selector of segment.selectors) next.push(...select(selector, at, root));
      }
    }
    nodes = next;
  }
  return nodes;
}

function select(selector: Selector, node: PathNode, root: unknown): PathNode[] {
  const v = node.value;
  switch (selector.kind) {
    case 'wildcard':
      return children(node);
    case 'name':
      return isMap(v) && Object.hasOwn(v, selector.name) ? [{ value: v[selector.name], parent: v, key: selector.name }] : [];
    case 'index': {
      if (!Array.isArray(v)) return [];
      const i = selector.index < 0 ? v.length + selector.index : selector.index;
      return i >= 0 && i < v.length ? [{ value: v[i], parent: v, key: i }] : [];
    }
    case 'filter':
      return children(node).filter((child) => test(selector.expr, child, root));
  }
}

function test(expr: Expr, current: PathNode, root: unknown): boolean {
  switch (expr.kind) {
    case 'or':
      return expr.items.some((e) => test(e, current, root));
    case 'and':
      return expr.items.every((e) => test(e, current, root));
    case 'not':
      return !test(expr.expr, current, root);
    case 'exists':
      return run(expr.query, current, root).length > 0;
    case 'compare':
      return compare(expr.op, valueOf(expr.left, current, root), valueOf(expr.right, current, root));
  }
}

const NOTHING = Symbol('nothing');

function valueOf(operand: Operand, current: PathNode, root: unknown): unknown {
  if (operand.kind === 'literal') return operand.value;
  const [node] = run(operand.query, current, root);
  return node ? node.value : NOTHING;
}

/** RFC 9535 comparison: `<` only between two numbers or two strings; a missing value equals only another missing one. */
function compare(op: string, a: unknown, b: unknown): boolean {
  if (op === '==') return equal(a, b);
  if (op === '!=') return !equal(a, b);
  const ordered = (typeof a === 'number' && typeof b === 'number') || (typeof a === 'string' && typeof b === 'string');
  if (op === '<=' || op === '>=') {
    if (equal(a, b)) return true;
    if (!ordered) return false;
    return op === '<=' ? (a as number) < (b as number) : (a as number) > (b as number);
  }
  if (!ordered) return false;
  return op === '<' ? (a as number) < (b as number) : (a as number) > (b as number);
}

/** Deep equality of JSON values, with a stack so hostile nesting cannot overflow. */
function equal(a: unknown, b: unknown): boolean {
  const stack: [unknown, unknown][] = [[a, b]];
  while (stack.length > 0) {
    const [x, y] = stack.pop()!;
    if (x === y) continue;
    if (Array.isArray(x) && Array.isArray(y)) {
      if (x.length !== y.length) return false;
      x.forEach((v, i) => stack.push([v, y[i]]));
    } else if (isMap(x) && isMap(y)) {
      const keys = Object.keys(x);
      if (keys.length !== Object.keys(y).length || !keys.every((k) => Object.hasOwn(y, k))) return false;
      for (const k of keys) stack.push([x[k], y[k]]);
    } else return false;
  }
  return true;
}
