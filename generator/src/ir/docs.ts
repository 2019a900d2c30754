import type { IRDocs } from './types.js';
import { hasAnyKey } from '../load/keys.js';

/** Schema keywords worth showing a reader as JSDoc tags, in this order. */
const TAG_KEYWORDS = ['format', 'default', 'minimum', 'exclusiveMinimum', 'maximum', 'exclusiveMaximum', 'minLength', 'maxLength', 'pattern', 'minItems', 'maxItems'] as const;
const TAG_KEYS = new Set<string>(TAG_KEYWORDS);

export function docsOf(node: Record<string, unknown>): IRDocs {
  // Called for every schema, property and parameter: no list made to join at most two texts.
  const title = shown(node['title']);
  const text = shown(node['description']);
  const description = title !== undefined && text !== undefined ? `${title}\n\n${text}` : title ?? text;
  const tags = hasAnyKey(node, TAG_KEYS) ? tagsOf(node) : [];
  return { description, deprecated: node['deprecated'] === true, tags };
}

/** A text worth showing: a string that is not blank. */
function shown(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v : undefined;
}

function tagsOf(node: Record<string, unknown>): [string, string][] {
  const tags: [string, string][] = [];
  for (const key of TAG_KEYWORDS) {
    const v = node[key];
    if (v === undefined || typeof v === 'object' && v !== null) continue;
    if (typeof v === 'boolean' && key.startsWith('exclusive')) continue;
    tags.push([key, key === 'default' || key === 'pattern' ? JSON.stringify(v) : String(v)]);
  }
  return tags;
}
