import { hasAnyKey } from '../load/keys.js';
import type { Warn } from './warnings.js';

/**
 * Schema keywords no TypeScript type can state, with what the generated type
 * does instead. Each is warned where it is written.
 */
const UNEXPRESSED: Record<string, string> = {
  not: '`not` cannot be a TypeScript type; the type also allows the values it excludes',
  if: '`if`/`then`/`else` cannot be a TypeScript type; the type ignores the condition and its branches',
  dependentRequired: '`dependentRequired` cannot be a TypeScript type; those properties stay optional',
  dependentSchemas: '`dependentSchemas` cannot be a TypeScript type; the type ignores them',
  dependencies: '`dependencies` cannot be a TypeScript type; the type ignores them',
  contains: '`contains` cannot be a TypeScript type; the array type does not require such an item',
};

const READ = new Set([...Object.keys(UNEXPRESSED), 'unevaluatedProperties']);

export function warnUnexpressed(s: Record<string, unknown>, warn: Warn): void {
  if (!hasAnyKey(s, READ)) return;
  for (const key of Object.keys(UNEXPRESSED)) {
    if (s[key] !== undefined) warn(UNEXPRESSED[key]!, s, key);
  }
  const unevaluated = s['unevaluatedProperties'];
  if (unevaluated !== undefined && unevaluated !== true) {
    warn('`unevaluatedProperties` cannot be a TypeScript type; the type does not limit the properties its parts leave unevaluated', s, 'unevaluatedProperties');
  }
}
