import type { ApiChange, ChangeKind } from '../release/changes.js';
import { renderTemplate } from './artefacts.js';

export const CHANGELOG_FILE = 'CHANGELOG.md';
const TITLE = '# Changelog\n';

const LABELS: Record<ChangeKind, string> = { breaking: 'Breaking:', feature: 'Added or changed:', fix: 'Fixed:', docs: 'Docs:' };

export interface ChangelogEntry {
  version: string;
  /** Where the changes come from: the spec, the generator or both. */
  source: string;
  changes: ApiChange[];
}

/** `previous` with `entry` on top, newest first; the title is kept once. */
export function prependEntry(templates: Record<string, string>, previous: string | undefined, entry: ChangelogEntry): string {
  const groups = [...new Set(entry.changes.map((c) => c.group))].sort(groupOrder).map((name) => ({
    name,
    changes: entry.changes.filter((c) => c.group === name).map((c) => ({ label: LABELS[c.kind], symbol: c.symbol, message: c.message })),
  }));
  const text = renderTemplate(templates, 'changelog-entry.md.hbs', { version: entry.version, source: entry.source, groups });
  const rest = previous === undefined ? '' : previous.startsWith(TITLE) ? previous.slice(TITLE.length).replace(/^\n+/, '') : previous;
  return `${TITLE}\n${text.trimEnd()}\n${rest === '' ? '' : `\n${rest}`}`;
}

/** Resources first by name, then the models, the client, the runtime and the package files. */
function groupOrder(a: string, b: string): number {
  const rank = (g: string) => ['Models', 'Client', 'Runtime', 'Package', 'Documentation'].indexOf(g);
  return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
}
