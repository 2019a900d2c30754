// The bench's tables: printed always, written to bench/results/ only on --save.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const TOOLS = ['sdkgen', 'hey-api', 'openapi-typescript'];

export function report({ rows, regenerations, machine, runs, save, root }) {
  const text = [...header(machine, runs), ...generation(rows), ...growth(rows), ...regeneration(regenerations), ...output(rows), ...failures(rows)].join('\n');
  console.log(text);
  // The committed results are the reference the README quotes: replace them only on request.
  if (!save) {
    console.log('\nNot saved; run with --save to replace bench/results/latest.md and latest.json.');
    return;
  }
  mkdirSync(join(root, 'bench/results'), { recursive: true });
  writeFileSync(join(root, 'bench/results/latest.md'), `${text}\n`);
  const json = { machine, runs, rows: rows.map(({ out, ...r }) => r), regenerations };
  writeFileSync(join(root, 'bench/results/latest.json'), `${JSON.stringify(json, null, 2)}\n`);
  console.log('\nSaved to bench/results/latest.md and latest.json.');
}

function header(m, runs) {
  return [
    '# sdkgen benchmark',
    '',
    `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC; ${m.cores} cores (${m.cpu}), Node ${m.node}; load average ${m.loadBefore.join(' ')} at the start, ${m.loadAfter.join(' ')} at the end; median of ${runs} run(s) per figure. Every tool runs as \`node <its bin>\` in a child process; memory is the child's peak RSS (GNU time).`,
    '',
  ];
}

const ratio = (a, b) => (a !== undefined && b ? (a / b).toFixed(2) : 'n/a');
const secs = (r) => (r ? r.wall.toFixed(2) : 'failed');
const mb = (r) => (r ? r.rss.toFixed(0) : 'failed');

function find(rows, spec, tool) {
  return rows.find((r) => r.spec === spec && r.tool === tool && !r.error);
}

function present(rows) {
  return TOOLS.filter((t) => rows.some((r) => r.tool === t));
}

function generation(rows) {
  const tools = present(rows);
  const lines = [
    '## Generation, cold (sdkgen / hey-api: below 1 means sdkgen is cheaper)',
    '',
    `| spec | MB | ${tools.map((t) => `${t} (s)`).join(' | ')} | time vs hey-api | ${tools.map((t) => `${t} (MB)`).join(' | ')} | memory vs hey-api |`,
    `| --- | ---: | ${tools.map(() => '---:').join(' | ')} | ---: | ${tools.map(() => '---:').join(' | ')} | ---: |`,
  ];
  for (const spec of new Set(rows.map((r) => r.spec))) {
    const size = rows.find((r) => r.spec === spec)?.sizeMb;
    const s = find(rows, spec, 'sdkgen');
    const h = find(rows, spec, 'hey-api');
    lines.push(`| ${spec} | ${Number.isNaN(size) ? '(files)' : size.toFixed(2)} | ${tools.map((t) => secs(find(rows, spec, t))).join(' | ')} | ${ratio(s?.wall, h?.wall)} | ${tools.map((t) => mb(find(rows, spec, t))).join(' | ')} | ${ratio(s?.rss, h?.rss)} |`);
  }
  return [...lines, ''];
}

function growth(rows) {
  if (!rows.some((r) => r.spec === 'openai 1x') || !rows.some((r) => r.spec === 'openai 8x')) return [];
  const lines = ['## Growth from openai.yaml to the same spec 8x larger (time and memory at 8x / at 1x)', '', '| tool | time 1x (s) | time 8x (s) | time growth | memory 1x (MB) | memory 8x (MB) | memory growth |', '| --- | ---: | ---: | ---: | ---: | ---: | ---: |'];
  for (const tool of present(rows)) {
    const one = find(rows, 'openai 1x', tool);
    const eight = find(rows, 'openai 8x', tool);
    lines.push(`| ${tool} | ${secs(one)} | ${secs(eight)} | ${ratio(eight?.wall, one?.wall)} | ${mb(one)} | ${mb(eight)} | ${ratio(eight?.rss, one?.rss)} |`);
  }
  return [...lines, ''];
}

function regeneration(regenerations) {
  if (regenerations.length === 0) return [];
  const lines = ['## sdkgen regenerating into its own output', '', 'Unchanged: the same spec again. Docs-only: one description in `components` edited (`Edited 1.`, `Edited 2.`, ...).', '', '| spec | unchanged (s) | docs-only change (s) | files written |', '| --- | ---: | ---: | ---: |'];
  for (const r of regenerations) lines.push(`| ${r.spec} | ${r.unchanged.toFixed(2)} | ${r.docsOnly === undefined ? 'n/a' : r.docsOnly.toFixed(2)} | ${r.written ?? 'n/a'} |`);
  return [...lines, ''];
}

function output(rows) {
  const checked = rows.filter((r) => r.tsc !== undefined || r.error);
  if (checked.length === 0) return [];
  const lines = ['## Output', '', '| spec | tool | tsc --noEmit (s) | lines | KB | 1-call bundle min / gzip (B) | slim-core bundle gzip (B) | client-class bundle gzip (B) |', '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |'];
  for (const r of rows.filter((r) => !r.scaled)) {
    if (r.error) {
      lines.push(`| ${r.spec} | ${r.tool} | failed | | | | | |`);
      continue;
    }
    const b = r.bundle && !r.bundle.error ? `${r.bundle.min} / ${r.bundle.gzip}` : 'n/a';
    const tsc = r.tsc === undefined ? 'n/a' : `${r.tsc.toFixed(2)}${r.tscOk ? '' : ' (errors)'}`;
    lines.push(`| ${r.spec} | ${r.tool} | ${tsc} | ${r.lines} | ${(r.bytes / 1024).toFixed(0)} | ${b} | ${r.slimBundle?.gzip ?? 'n/a'} | ${r.classBundle?.gzip ?? 'n/a'} |`);
  }
  return [...lines, ''];
}

function failures(rows) {
  const failed = rows.filter((r) => r.error || r.tscError);
  if (failed.length === 0) return [];
  return ['## Failures', '', ...failed.map((r) => `- ${r.spec} / ${r.tool}: ${(r.error ?? r.tscError).split('\n').filter(Boolean).slice(0, 3).join(' ')}`)];
}
