import { compareApis } from './api-diff.js';
import { sortChanges, type ApiChange } from './changes.js';
import { docsOnlyChanges } from './docs-only.js';

/** Files whose changes only a reader sees. */
const DOC_FILE = /\.md$/;

/**
 * Every change from one generation of a package to the next, as a consumer
 * sees it. The compiler is loaded only when source files differ in more than
 * their comments.
 */
export function classifyChanges(before: Map<string, string>, after: Map<string, string>): ApiChange[] {
  const differs = (path: string) => before.get(path) !== after.get(path);
  const paths = [...new Set([...before.keys(), ...after.keys()])].filter(differs).sort();
  const changes: ApiChange[] = [];
  if (paths.some((p) => p.startsWith('src/') && p.endsWith('.ts'))) changes.push(...(docsOnlyChanges(before, after, paths) ?? compareApis(before, after)));
  if (changes.length === 0 && paths.some((p) => DOC_FILE.test(p))) {
    changes.push({ kind: 'docs', symbol: 'README.md', message: 'documentation changed', group: 'Documentation' });
  }
  if (changes.length === 0 && paths.some((p) => !DOC_FILE.test(p))) {
    for (const path of paths.filter((p) => !DOC_FILE.test(p))) changes.push({ kind: 'fix', symbol: path, message: 'changed', group: 'Package' });
  }
  return sortChanges(changes);
}
