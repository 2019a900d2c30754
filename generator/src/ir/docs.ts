import type { IRDocs } from './types.js';
import { hasAnyKey } from '../load/keys.js';

/** Schema keywords worth showing a reader as JSDoc tags, in this order. */
const TAG_KEYWORDS = ['format', 'default', 'minimum', 'exclusiveMinimum', 'maximum', 'exclusiveMaximum', 'minLength', 'maxLength', 'pattern', 'minItems', 'maxItems'] as const;
const TAG_KEYS = new Set<string>(TAG_KEYWORDS);

export function docsOf(node: Record<string, unknown>): IRDocs {
  const description = [node['title'], node['description']]
    .filter((d): d is string => typeof d === 'string' && d.trim() !== '')
    .join('\n\n');
  const tags = hasAnyKey(node, TAG_KEYS) ? tagsOf(node) : [];
  return { description: description === '' ? undefined : description, deprecated: node['deprecated'] === true, tags };
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
