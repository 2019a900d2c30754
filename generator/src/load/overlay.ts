import { basename, resolve as resolvePath } from 'node:path';
import { SpecError, specError, type Diagnostic, type SourceLocation } from '../diagnostics.js';
import { JsonPathError, parseJsonPath, selectNodes, type PathNode } from './jsonpath.js';
import type { SourcePositions } from './positions.js';
import type { RefResolver } from './refs.js';

/**
 * OpenAPI Overlay 1.0 documents applied to a parsed spec, in order, before
 * anything reads it: each action's `target` (a JSONPath) selects nodes that
 * its `update` is merged into or that `remove` deletes. Overlays change data
 * only; what they add is read like the spec's own text, with their positions.
 */
export function applyOverlays(document: Record<string, unknown>, overlays: readonly string[], refs: RefResolver, specFile: string): Diagnostic[] {
  const warnings: Diagnostic[] = [];
  for (const path of overlays) {
    const file = resolvePath(path);
    const overlay = readOverlay(file, refs);
    const applier = new Applier(document, refs.positions, file, basename(specFile), refs.textOf(file) ?? '');
    for (const action of overlay.actions) applier.apply(action);
    warnings.push(...applier.warnings);
  }
  return warnings;
}

type Mapping = Record<string, unknown>;
interface Overlay { actions: Mapping[] }

const VERSION = /^1\.0\.\d+$/;
const TOP_FIELDS = new Set(['overlay', 'info', 'extends', 'actions']);
const ACTION_FIELDS = new Set(['target', 'description', 'update', 'remove']);

function isMapping(v: unknown): v is Mapping {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function readOverlay(file: string, refs: RefResolver): Overlay {
  let doc: unknown;
  try {
    doc = refs.load(file);
  } catch (e) {
    if (e instanceof SpecError) throw e;
    throw specError(`cannot read overlay file (${(e as NodeJS.ErrnoException).code ?? String(e)})`, { file, line: 1, column: 1 });
  }
  const at = (node: unknown, key?: string | number): SourceLocation => refs.positions.locate(node, key) ?? refs.positions.locate(doc) ?? { file, line: 1, column: 1 };
  if (!isMapping(doc)) throw specError('an overlay must be a mapping with `overlay`, `info` and `actions`', at(doc));
  const version = doc['overlay'];
  if (version === undefined) throw specError('missing `overlay` version field (an OpenAPI Overlay starts with `overlay: 1.0.0`)', at(doc));
  if (typeof version !== 'string' || !VERSION.test(version)) {
    throw specError(`unsupported Overlay version ${JSON.stringify(version)} (supported: 1.0.x)`, at(doc, 'overlay'));
  }
  const info = doc['info'];
  if (!isMapping(info) || typeof info['title'] !== 'string' || typeof info['version'] !== 'string') {
    throw specError('`info` must be a mapping with a string `title` and `version`', at(doc, 'info'));
  }
  if (doc['extends'] !== undefined && typeof doc['extends'] !== 'string') throw specError('`extends` must be a string (the URL of the spec it is for)', at(doc, 'extends'));
  checkFields(doc, TOP_FIELDS, 'an overlay', at);
  const actions = doc['actions'];
  if (!Array.isArray(actions) || actions.length === 0) throw specError('`actions` must be a non-empty list of actions', at(doc, actions === undefined ? undefined : 'actions'));
  actions.forEach((action, i) => checkAction(action, at(actions, i), at));
  return { actions: actions as Mapping[] };
}

function checkFields(node: Mapping, allowed: Set<string>, what: string, at: (node: unknown, key?: string) => SourceLocation): void {
  for (const key of Object.keys(node)) {
    if (allowed.has(key) || key.startsWith('x-')) continue;
    const hint = key === 'copy' ? ' (`copy` is Overlay 1.1; this reads 1.0)' : '';
    throw specError(`unknown field ${JSON.stringify(key)} in ${what}${hint} (expected ${[...allowed].join(', ')} or an x- extension)`, at(node, key));
  }
}

function checkAction(action: unknown, where: SourceLocation, at: (node: unknown, key?: string) => SourceLocation): void {
  if (!isMapping(action)) throw specError('an action must be a mapping with a `target`', where);
  checkFields(action, ACTION_FIELDS, 'an action', at);
  if (typeof action['target'] !== 'string') throw specError('an action needs a `target`: a JSONPath such as $.paths', action['target'] === undefined ? at(action) : at(action, 'target'));
  if (action['description'] !== undefined && typeof action['description'] !== 'string') throw specError('an action\'s `description` must be a string', at(action, 'description'));
  if (action['remove'] !== undefined && typeof action['remove'] !== 'boolean') throw specError('`remove` must be true or false', at(action, 'remove'));
}

/** Applies one overlay's actions to the document, noting what matched nothing. */
class Applier {
  readonly warnings: Diagnostic[] = [];

  constructor(readonly document: Mapping, readonly positions: SourcePositions, readonly file: string, readonly specName: string, readonly text: string) {}

  at(node: unknown, key?: string | number): SourceLocation {
    return this.positions.locate(node, key) ?? { file: this.file, line: 1, column: 1 };
  }

  apply(action: Mapping): void {
    const target = action['target'] as string;
    const nodes = this.select(action, target);
    if (nodes.length === 0) {
      this.warnings.push({ severity: 'warning', message: `overlay target ${target} matches nothing in ${this.specName}; the action changes nothing`, location: this.at(action, 'target') });
      return;
    }
    if (action['remove'] === true) return this.remove(action, nodes);
    if (action['update'] === undefined) {
      this.warnings.push({ severity: 'warning', message: 'an action with neither `update` nor `remove: true` changes nothing', location: this.at(action, 'target') });
      return;
    }
    for (const node of nodes) this.update(action, node);
  }

  select(action: Mapping, target: string): PathNode[] {
    try {
      return selectNodes(parseJsonPath(target), this.document);
    } catch (e) {
      if (!(e instanceof JsonPathError)) throw e;
      throw specError(`invalid JSONPath in \`target\` ${JSON.stringify(target)}: ${e.message}`, this.inTarget(action, target, e.index));
    }
  }

  /**
   * The place of character `index` of a target written as is on its key's
   * line (plain or quoted without escapes, as targets usually are); the
   * key's place otherwise.
   */
  inTarget(action: Mapping, target: string, index: number): SourceLocation {
    const key = this.at(action, 'target');
    if (key.file !== this.file) return key;
    const line = this.text.split('\n', key.line)[key.line - 1] ?? '';
    const from = line.indexOf(target, key.column - 1 + 'target'.length);
    return from === -1 ? key : { ...key, column: from + index + 1 };
  }

  remove(action: Mapping, nodes: PathNode[]): void {
    if (nodes.some((n) => n.parent === undefined)) throw specError('`remove` cannot remove the whole document (`$`)', this.at(action, 'target'));
    const seen = new Map<object, Set<string | number>>();
    const once = nodes.filter(({ parent, key }) => {
      const keys = seen.get(parent!) ?? new Set();
      seen.set(parent!, keys);
      return !keys.has(key!) && Boolean(keys.add(key!));
    });
    // Later array entries first, so the indexes of the earlier ones still hold.
    const entries = once.filter((n) => Array.isArray(n.parent)).sort((a, b) => (b.key as number) - (a.key as number));
    for (const { parent, key } of entries) (parent as unknown[]).splice(key as number, 1);
    for (const { parent, key } of once) if (!Array.isArray(parent)) delete (parent as Mapping)[key as string];
  }

  update(action: Mapping, node: PathNode): void {
    const update = action['update'];
    const value = node.value;
    if (Array.isArray(value)) {
      value.push(...(Array.isArray(update) ? update : [update]).map((u) => this.clone(u)));
    } else if (isMapping(value)) {
      if (!isMapping(update)) throw specError(`\`update\` must be a mapping to merge into the object \`target\` selects, not ${kindOf(update)}`, this.at(action, 'update'));
      this.merge(value, update);
    } else {
      throw specError(`\`target\` selects ${kindOf(value)}; an update needs objects or arrays (select the object that holds it)`, this.at(action, 'target'));
    }
  }

  /** Overlay 1.0's merge: new members are added, scalars replaced, lists appended and mappings merged in turn. */
  merge(into: Mapping, update: Mapping): void {
    const stack: [Mapping, Mapping][] = [[into, update]];
    while (stack.length > 0) {
      const [t, u] = stack.pop()!;
      for (const key of Object.keys(u)) {
        const next = u[key];
        const had = Object.hasOwn(t, key);
        const old = had ? t[key] : undefined;
        if (had && isMapping(old) && isMapping(next)) stack.push([old, next]);
        else if (had && Array.isArray(old) && Array.isArray(next)) old.push(...next.map((v) => this.clone(v)));
        else if (had && isCollection(old) !== isCollection(next)) {
          throw specError(`cannot merge ${kindOf(next)} into ${kindOf(old)} at ${JSON.stringify(key)} (remove it first, then add it)`, this.at(u, key));
        } else {
          setOwn(t, key, this.clone(next));
          this.positions.place(t, key, u, key);
        }
      }
    }
  }

  /** A copy of an overlay value for one target, each collection keeping the overlay's position. */
  clone(value: unknown): unknown {
    if (!isCollection(value)) return value;
    const make = (v: object): Mapping | unknown[] => {
      const copy = Array.isArray(v) ? new Array<unknown>(v.length) : {};
      this.positions.copy(v, copy);
      return copy;
    };
    const top = make(value);
    const stack: [object, Mapping | unknown[]][] = [[value, top]];
    while (stack.length > 0) {
      const [from, to] = stack.pop()!;
      for (const key of Object.keys(from)) {
        const v = (from as Mapping)[key];
        const copied = isCollection(v) ? make(v) : v;
        if (isCollection(v)) stack.push([v, copied as Mapping | unknown[]]);
        if (Array.isArray(to)) to[Number(key)] = copied;
        else setOwn(to, key, copied);
      }
    }
    return top;
  }
}

function isCollection(v: unknown): v is object {
  return typeof v === 'object' && v !== null;
}

function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return `a ${typeof v}`;
}

/** An own data member even for `__proto__`, so overlay keys stay plain data. */
function setOwn(obj: Mapping, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}
