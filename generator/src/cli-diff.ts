import type { Invocation } from './cli-args.js';
import { formatDiagnostic, SpecError } from './diagnostics.js';
import type { ApiChange } from './release/changes.js';

/** `sdkgen diff OLD NEW`: the classification a regeneration would make, printed, nothing written. */
export async function runDiff(inv: Invocation): Promise<number> {
  const [oldSpec, newSpec] = inv.positionals as [string, string];
  const { diffSpecs } = await import('./release/diff-specs.js');
  try {
    const result = diffSpecs(oldSpec, newSpec, { name: inv.name, strict: inv.strict, overlays: inv.overlay });
    if (inv.json) {
      const changes = result.changes.map(({ kind, symbol, message }) => ({ kind, symbol, message }));
      process.stdout.write(`${JSON.stringify({ bump: result.bump, changes }, null, 2)}\n`);
    } else {
      for (const w of result.warnings) process.stderr.write(`${formatDiagnostic(w)}\n`);
      process.stdout.write(humanReport(result.bump, result.changes));
    }
    return 0;
  } catch (e) {
    if (e instanceof SpecError) {
      for (const d of e.diagnostics) process.stderr.write(`${formatDiagnostic(d)}\n`);
      return 2;
    }
    throw e;
  }
}

function humanReport(bump: string, changes: ApiChange[]): string {
  if (changes.length === 0) return 'no change: no new version needed\n';
  const counts = (['breaking', 'feature', 'fix', 'docs'] as const).map((k) => [k, changes.filter((c) => c.kind === k).length] as const).filter(([, n]) => n > 0);
  const width = Math.max(...changes.map((c) => c.symbol.length));
  const lines = changes.map((c) => `  ${c.kind.padEnd(8)}  ${c.symbol.padEnd(width)}  ${c.message}`);
  return `${bump} (${counts.map(([k, n]) => `${n} ${k}`).join(', ')})\n${lines.join('\n')}\n`;
}
