import { hasAnyKey } from '../load/keys.js';
import type { IRFacts } from './types.js';

const NUMBERS = ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf', 'minLength', 'maxLength', 'minItems', 'maxItems', 'minProperties', 'maxProperties'] as const;

/** Every key `factsOf` reads. */
const FACT_KEYS = new Set<string>([...NUMBERS, 'format', 'pattern', 'uniqueItems', 'default', 'examples', 'example']);

/** What a schema says of its values beyond their type; undefined when it says nothing. */
export function factsOf(s: Record<string, unknown>): IRFacts | undefined {
  if (!hasAnyKey(s, FACT_KEYS)) return undefined;
  const out: IRFacts = {};
  for (const key of NUMBERS) {
    const v = s[key];
    if (typeof v === 'number' && Number.isFinite(v)) out[key] = v;
  }
  // OpenAPI 3.0 writes an exclusive bound as a flag on minimum/maximum.
  if (s['exclusiveMinimum'] === true && out.minimum !== undefined) {
    out.exclusiveMinimum = out.minimum;
    delete out.minimum;
  }
  if (s['exclusiveMaximum'] === true && out.maximum !== undefined) {
    out.exclusiveMaximum = out.maximum;
    delete out.maximum;
  }
  if (typeof s['format'] === 'string') out.format = s['format'];
  if (typeof s['pattern'] === 'string') out.pattern = s['pattern'];
  if (typeof s['uniqueItems'] === 'boolean') out.uniqueItems = s['uniqueItems'];
  if (s['default'] !== undefined) out.default = s['default'];
  if (Array.isArray(s['examples'])) out.examples = s['examples'];
  else if (s['example'] !== undefined) out.examples = [s['example']];
  return Object.keys(out).length > 0 ? out : undefined;
}

