import { specError } from '../diagnostics.js';
import type { SourcePositions } from '../load/positions.js';
import type { Warn } from './warnings.js';

type Kind = 'array' | 'mapping' | 'string' | 'boolean' | 'schema' | 'number';

/**
 * Keywords whose value has one shape; anything else is a broken spec, not a
 * loss of precision. A Map: an object would also answer to the names every
 * object inherits (a keyword `constructor` was refused as "must be undefined"),
 * and asked for each key of every schema, it was a slow look-up for most.
 */
const SCHEMA_KEYWORDS = new Map(Object.entries<Kind>({
  required: 'array', properties: 'mapping', enum: 'array', allOf: 'array', oneOf: 'array', anyOf: 'array',
  prefixItems: 'array', patternProperties: 'mapping', items: 'schema', additionalProperties: 'schema',
  nullable: 'boolean', readOnly: 'boolean', writeOnly: 'boolean', deprecated: 'boolean', description: 'string',
  format: 'string', pattern: 'string', title: 'string', discriminator: 'mapping',
  minimum: 'number', maximum: 'number', minLength: 'number', maxLength: 'number', minItems: 'number', maxItems: 'number',
}));

function fits(value: unknown, kind: Kind): boolean {
  switch (kind) {
    case 'array': return Array.isArray(value);
    case 'mapping': return typeof value === 'object' && value !== null && !Array.isArray(value);
    case 'schema': return typeof value === 'boolean' || fits(value, 'mapping');
    case 'number': return typeof value === 'number';
    default: return typeof value === kind;
  }
}

const ARTICLE: Record<Kind, string> = { array: 'a list', mapping: 'a mapping', string: 'a string', boolean: 'true or false', schema: 'a schema (mapping or boolean)', number: 'a number' };

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${JSON.stringify(value)}`.slice(0, 60);
}

/** Refuses schema keywords with the wrong kind of value, at the keyword. */
export function checkSchemaShape(s: Record<string, unknown>, positions: SourcePositions, warn: Warn): void {
  for (const key of Object.keys(s)) {
    const kind = SCHEMA_KEYWORDS.get(key);
    if (kind === undefined || fits(s[key], kind)) continue;
    throw specError(`schema keyword \`${key}\` must be ${ARTICLE[kind]}, got ${describe(s[key])}`, positions.locate(s, key));
  }
  const type = s['type'];
  if (type !== undefined && typeof type !== 'string' && !(Array.isArray(type) && type.every((t) => typeof t === 'string'))) {
    throw specError(`schema keyword \`type\` must be a type name or a list of them, got ${describe(type)}`, positions.locate(s, 'type'));
  }
  if (typeof s['pattern'] === 'string' && !isValidPattern(s['pattern'])) {
    warn(`\`pattern\` is not a valid regular expression: ${JSON.stringify(s['pattern']).slice(0, 80)}`, s, 'pattern');
  }
}

function isValidPattern(pattern: string): boolean {
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch {
    try {
      new RegExp(pattern);
      return true;
    } catch {
      return false;
    }
  }
}

/** A field of an operation or document with the wrong kind of value. */
export function expectField(node: Record<string, unknown>, key: string, kind: Kind, positions: SourcePositions, what: string): void {
  if (node[key] === undefined || fits(node[key], kind)) return;
  throw specError(`${what} \`${key}\` must be ${ARTICLE[kind]}, got ${describe(node[key])}`, positions.locate(node, key));
}
