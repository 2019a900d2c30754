import type { LineCounter, YAMLMap } from 'yaml';
import type { SourceLocation } from '../diagnostics.js';
import { keyOffsets, type Recorder } from './fast-yaml.js';
import { yamlLib } from './yaml-lib.js';

/** A node read by the `yaml` library. */
interface NodeInfo {
  file: string;
  lines: LineCounter;
  offset: number;
  /** The mapping it was read from, to find a key's place only when a message needs it. */
  map: YAMLMap | undefined;
}

/** A file read by the fast reader: its text, from which lines and key offsets are found when a message needs them. */
interface FastFile {
  file: string;
  text: string;
  /** Offsets where lines start, made on the first message that needs a line. */
  lineStarts?: number[];
}

/**
 * A node read by the fast reader is stored as one number, `file index *
 * FILE_STRIDE + offset`, rather than an object per node: no file is larger
 * than this stride (parse-file.ts checks).
 */
const FILE_STRIDE = 2 ** 26;

/**
 * Remembers where every object and array of a parsed spec came from, so any
 * later stage can point a user at file:line:column without keeping YAML nodes.
 */
export class SourcePositions {
  /**
   * A Map, not a WeakMap: it lives as long as the spec whose nodes it holds,
   * and a WeakMap costs several times as much to fill (every node of a spec).
   */
  private readonly nodes = new Map<object, NodeInfo | number>();
  private readonly files: FastFile[] = [];
  /** Key offsets of the mappings a message has asked about. */
  private readonly keys = new WeakMap<object, Map<string, number>>();
  /** Members set by an overlay: each is placed where the overlay wrote it. */
  private readonly placed = new WeakMap<object, Map<string, { node: object; key: string }>>();

  record(node: object, info: NodeInfo): void {
    this.nodes.set(node, info);
  }

  /** A recorder for the nodes the fast reader makes from `text`. */
  recorder(file: string, text: string): Recorder {
    const base = (this.files.push({ file, text }) - 1) * FILE_STRIDE;
    const nodes = this.nodes;
    return {
      record: (node, offset) => {
        nodes.set(node, base + offset);
      },
      copy: (from, to) => this.copy(from, to),
    };
  }

  /** Gives an object made by rewriting the spec the place of the one it stands for. */
  copy(from: object, to: object): void {
    const info = this.nodes.get(from);
    if (info !== undefined) this.nodes.set(to, info);
  }

  /** Says that `node[key]` was written by `from[fromKey]` (an overlay's), so messages about it point there. */
  place(node: object, key: string, from: object, fromKey: string): void {
    let members = this.placed.get(node);
    if (!members) this.placed.set(node, (members = new Map()));
    members.set(key, { node: from, key: fromKey });
  }

  /** The location of `node`, or of its member `key` when given and known. */
  locate(node: unknown, key?: string | number): SourceLocation | undefined {
    if (node === null || typeof node !== 'object') return undefined;
    const placed = key === undefined ? undefined : this.placed.get(node)?.get(String(key));
    if (placed) return this.locate(placed.node, placed.key);
    const info = this.nodes.get(node);
    if (info === undefined) return undefined;
    if (typeof info === 'number') return this.locateFast(node, info, key);
    const offset = key === undefined ? info.offset : keyOffset(info, String(key)) ?? info.offset;
    const pos = info.lines.linePos(offset);
    return { file: info.file, line: pos.line, column: pos.col };
  }

  private locateFast(node: object, info: number, key: string | number | undefined): SourceLocation {
    const source = this.files[Math.floor(info / FILE_STRIDE)]!;
    let offset = info % FILE_STRIDE;
    if (key !== undefined && !Array.isArray(node)) {
      let keys = this.keys.get(node);
      if (!keys) this.keys.set(node, (keys = keyOffsets(source.text, offset)));
      offset = keys.get(String(key)) ?? offset;
    }
    source.lineStarts ??= lineStarts(source.text);
    return { file: source.file, ...lineCol(source.lineStarts, offset) };
  }
}

function keyOffset(info: NodeInfo, key: string): number | undefined {
  const { isScalar } = yamlLib();
  const pair = info.map?.items.find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === key);
  return pair && isScalar(pair.key) ? pair.key.range?.[0] : undefined;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** Line and column (both from 1) of an offset, by binary search over line starts. */
function lineCol(starts: number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - starts[lo]! + 1 };
}
