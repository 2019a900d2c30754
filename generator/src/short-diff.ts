/**
 * A short unified diff for `--check`: enough to see what is stale, not a
 * patch to apply. Lines are matched by their longest common subsequence
 * (between the common head and tail, so the table stays small), shown with a
 * little context and cut at a line budget.
 */

const CONTEXT = 2;
/** Beyond this many table cells the changed region is shown as removed-then-added. */
const MAX_CELLS = 4_000_000;

type Op = { kind: ' ' | '-' | '+'; line: string };

export function shortDiff(path: string, before: string | undefined, after: string | undefined, maxLines: number): string[] {
  const ops = lineOps(before === undefined ? [] : lines(before), after === undefined ? [] : lines(after));
  const keep = ops.map((_, i) => ops.slice(Math.max(0, i - CONTEXT), i + CONTEXT + 1).some((o) => o.kind !== ' '));
  const body: string[] = [];
  let skipped = false;
  ops.forEach((op, i) => {
    if (!keep[i]) {
      skipped = true;
      return;
    }
    if (skipped && body.length > 0) body.push('…');
    skipped = false;
    body.push(`${op.kind}${op.line}`);
  });
  const header = [`--- ${before === undefined ? '/dev/null' : `a/${path}`}`, `+++ ${after === undefined ? '/dev/null' : `b/${path}`}`];
  const shown = body.slice(0, Math.max(1, maxLines));
  if (shown.length < body.length) shown.push(`… ${body.length - shown.length} more line(s)`);
  return [...header, ...shown];
}

function lineOps(a: string[], b: string[]): Op[] {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const same = (from: string[]): Op[] => from.map((line) => ({ kind: ' ', line }));
  return [
    ...same(a.slice(0, head)),
    ...middleOps(a.slice(head, a.length - tail), b.slice(head, b.length - tail)),
    ...same(a.slice(a.length - tail)),
  ];
}

function middleOps(a: string[], b: string[]): Op[] {
  const removed = (from: string[]): Op[] => from.map((line) => ({ kind: '-', line }));
  const added = (from: string[]): Op[] => from.map((line) => ({ kind: '+', line }));
  if ((a.length + 1) * (b.length + 1) > MAX_CELLS) return [...removed(a), ...added(b)];
  const width = b.length + 1;
  const lcs = new Uint32Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i * width + j] = a[i] === b[j] ? lcs[(i + 1) * width + j + 1]! + 1 : Math.max(lcs[(i + 1) * width + j]!, lcs[i * width + j + 1]!);
    }
  }
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) ops.push({ kind: ' ', line: a[i++]! }), j++;
    else if (i < a.length && (j === b.length || lcs[(i + 1) * width + j]! >= lcs[i * width + j + 1]!)) ops.push({ kind: '-', line: a[i++]! });
    else ops.push({ kind: '+', line: b[j++]! });
  }
  return ops;
}

function lines(text: string): string[] {
  const all = text.split('\n');
  if (all[all.length - 1] === '') all.pop();
  return all;
}
