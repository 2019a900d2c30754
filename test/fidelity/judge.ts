import { Ajv, type ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { SpecDocs, type Schema } from '../support/spec-docs.js';

/** A model is the response shape (write-only properties left out) or the request shape (read-only left out). */
export type Direction = 'output' | 'input';

/**
 * ajv as the judge of what a schema allows, in the spec's own dialect
 * (draft-07 rules for OpenAPI 3.0, the 2020-12 build for 3.1).
 *
 * OpenAPI keywords ajv does not know are rewritten into JSON Schema first:
 * `nullable: true` admits null (with or without `type`, and whatever its
 * `enum` says), boolean `exclusiveMinimum`/`exclusiveMaximum` (3.0's, and 3.1
 * specs written in 3.0's manner) become numbers, patterns are read as
 * JavaScript's non-unicode regular expressions (as sloppy specs escape freely),
 * a union with a `discriminator` requires its property (the payload names its
 * branch), and a property that is read-only (for requests) or write-only (for
 * responses) is no longer required.
 *
 * `typeLevel` judges only what a TypeScript type can say: `oneOf` is read as
 * `anyOf` (a union cannot say "exactly one"), and ranges, lengths, patterns,
 * formats, `not` and conditionals are left out. A value this judge rejects is
 * wrong in a way its type must catch.
 */
export class Judge {
  private readonly ajv: Ajv;
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(private readonly docs: SpecDocs, private readonly direction: Direction, private readonly typeLevel: boolean) {
    const options = { strict: false, validateSchema: false, allErrors: false, logger: false, inlineRefs: false, unicodeRegExp: false } as const;
    this.ajv = docs.dialect === '3.0' ? new Ajv(options) : new Ajv2020(options);
    (addFormats as unknown as (a: Ajv) => void)(this.ajv);
    for (const [file, doc] of docs.files) this.ajv.addSchema(this.rewrite(file, doc) as Schema, SpecDocs.uri(file));
  }

  /** Why the schema at `file#pointer` rejects `value` (after `accepts` said it does). */
  why(file: string, pointer: string, value: unknown): string[] {
    const validate = this.compiled.get(`${SpecDocs.uri(file)}#${pointer}`);
    if (!validate || validate(value)) return [];
    return (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
  }

  /** Whether the schema at `file#pointer` accepts `value`. */
  accepts(file: string, pointer: string, value: unknown): boolean {
    const key = `${SpecDocs.uri(file)}#${pointer}`;
    let validate = this.compiled.get(key);
    if (!validate) {
      validate = this.ajv.getSchema(key);
      if (!validate) throw new Error(`ajv cannot find ${key}`);
      this.compiled.set(key, validate);
    }
    return validate(value) as boolean;
  }

  private rewrite(file: string, node: unknown, isMap = false): unknown {
    if (Array.isArray(node)) return node.map((x) => this.rewrite(file, x));
    if (node === null || typeof node !== 'object') return node;
    if (isMap) return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, this.rewrite(file, v)]));
    let out: Schema = {};
    for (const [k, v] of Object.entries(node)) {
      // A draft-04 `id` or a `$schema` naming another draft is outside the dialect: an annotation here.
      if ((k === 'id' || k === '$schema') && typeof v === 'string') continue;
      out[k] = this.rewrite(file, v, NAMED.has(k));
    }
    out = this.unrequire(file, discriminated(out));
    out = exclusiveBounds(out);
    if (this.typeLevel) for (const k of VALUE_CONSTRAINTS) delete out[k];
    if (this.typeLevel && Array.isArray(out['oneOf'])) {
      const { oneOf, ...rest } = out;
      out = rest['anyOf'] ? { ...rest, allOf: [...((rest['allOf'] as unknown[]) ?? []), { anyOf: oneOf }] } : { ...rest, anyOf: oneOf };
    }
    if (typeof out['nullable'] === 'boolean') {
      const { nullable, ...rest } = out;
      out = nullable ? { anyOf: [rest, { type: 'null' }] } : rest;
    }
    return out;
  }

  private unrequire(file: string, node: Schema): Schema {
    const required = node['required'];
    const properties = node['properties'];
    if (!Array.isArray(required) || properties === null || typeof properties !== 'object') return node;
    const flag = this.direction === 'input' ? 'readOnly' : 'writeOnly';
    const kept = required.filter((name) => {
      const prop = (properties as Record<string, unknown>)[name as string];
      if (prop === null || typeof prop !== 'object') return true;
      try {
        return this.docs.deref({ file, schema: prop as Schema }).schema[flag] !== true && (prop as Schema)[flag] !== true;
      } catch {
        return true;
      }
    });
    return { ...node, required: kept };
  }
}

const VALUE_CONSTRAINTS = [
  'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf', 'minLength', 'maxLength', 'pattern', 'format',
  'minItems', 'maxItems', 'uniqueItems', 'minProperties', 'maxProperties', 'not', 'if', 'then', 'else', 'dependentRequired',
  'dependentSchemas', 'dependencies', 'propertyNames', 'contains', 'minContains', 'maxContains',
];

/** Keywords whose value maps names to schemas: there a key like `format` or `not` is a name, not a keyword. */
const NAMED = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'schemas', 'parameters', 'responses', 'headers', 'content', 'examples', 'paths', 'dependentSchemas']);

/** A payload of a discriminated union carries the discriminating property, whatever the branches' `required` say. */
function discriminated(node: Schema): Schema {
  const d = node['discriminator'] as { propertyName?: unknown } | undefined;
  if (!d || typeof d.propertyName !== 'string' || !(Array.isArray(node['oneOf']) || Array.isArray(node['anyOf']))) return node;
  const required = Array.isArray(node['required']) ? (node['required'] as string[]) : [];
  return required.includes(d.propertyName) ? node : { ...node, required: [...required, d.propertyName] };
}

function exclusiveBounds(node: Schema): Schema {
  const out = { ...node };
  for (const [ex, bound] of [['exclusiveMinimum', 'minimum'], ['exclusiveMaximum', 'maximum']] as const) {
    if (typeof out[ex] !== 'boolean') continue;
    if (out[ex] === true && typeof out[bound] === 'number') {
      out[ex] = out[bound];
      delete out[bound];
    } else delete out[ex];
  }
  return out;
}
