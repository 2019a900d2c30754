import { isScalar, type LineCounter, type YAMLMap } from 'yaml';
import type { SourceLocation } from '../diagnostics.js';

interface NodeInfo {
  file: string;
  lines: LineCounter;
  offset: number;
  /** The mapping it was read from, to find a key's place only when a message needs it. */
  map: YAMLMap | undefined;
}

/**
 * Remembers where every object and array of a parsed spec came from, so any
 * later stage can point a user at file:line:column without keeping YAML nodes.
 */
export class SourcePositions {
  private readonly nodes = new WeakMap<object, NodeInfo>();

  record(node: object, info: NodeInfo): void {
    this.nodes.set(node, info);
  }

  /** Gives an object made by rewriting the spec the place of the one it stands for. */
  copy(from: object, to: object): void {
    const info = this.nodes.get(from);
    if (info) this.nodes.set(to, info);
  }

  /** The location of `node`, or of its member `key` when given and known. */
  locate(node: unknown, key?: string | number): SourceLocation | undefined {
    if (node === null || typeof node !== 'object') return undefined;
    const info = this.nodes.get(node);
    if (!info) return undefined;
    const offset = key === undefined ? info.offset : keyOffset(info, String(key)) ?? info.offset;
    const pos = info.lines.linePos(offset);
    return { file: info.file, line: pos.line, column: pos.col };
  }
}

function keyOffset(info: NodeInfo, key: string): number | undefined {
  const pair = info.map?.items.find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === key);
  return pair && isScalar(pair.key) ? pair.key.range?.[0] : undefined;
}
