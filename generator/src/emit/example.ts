import type { IR, IRDiscriminator, IRModel, IROperation, IRType } from '../ir/types.js';
import { literal, objectKey, stringLiteral } from './escape.js';

/**
 * Example code for an operation, built from its types, so documents show a
 * call that compiles. Values are placeholders named after what they fill.
 */
export function exampleCall(ir: IR, resourceProperty: string, op: IROperation, standalone = false): string {
  const call = standalone ? functionInvocation(ir, op) : exampleInvocation(ir, resourceProperty, op);
  if (op.pagination) return `for await (const item of ${call}) {\n  console.log(item);\n}`;
  if (op.responseKind === 'void') return `await ${call};`;
  return `const result = await ${call};\nconsole.log(result);`;
}

/** The call expression alone; `options` (source text) is passed as the last argument when given. */
export function exampleInvocation(ir: IR, resourceProperty: string, op: IROperation, options?: string): string {
  return `${ir.clientVariable}.${resourceProperty}.${op.name}(${exampleArguments(ir, op, options).join(', ')})`;
}

/** The same call through the operation's standalone function. */
function functionInvocation(ir: IR, op: IROperation): string {
  return `${op.functionName}(${[ir.clientVariable, ...exampleArguments(ir, op)].join(', ')})`;
}

function exampleArguments(ir: IR, op: IROperation, options?: string): string[] {
  const models = modelIndex(ir);
  const args = op.pathParams.map((p) => exampleValue(p.type, models, p.wireName, 0));
  const body = op.body && (op.body.required || op.bodyMode === 'direct') ? exampleValue(op.body.type, models, 'body', 0) : undefined;
  if (op.bodyMode === 'direct') args.push(body ?? 'undefined');
  if (op.paramsTypeName) {
    const fields = [...op.queryParams, ...op.headerParams, ...op.cookieParams]
      .filter((p) => p.required)
      .map((p) => `${objectKey(p.name)}: ${exampleValue(p.type, models, p.wireName, 0)}`);
    if (op.bodyMode === 'property' && body !== undefined) fields.push(`body: ${body}`);
    args.push(fields.length > 0 ? `{ ${fields.join(', ')} }` : '{}');
  }
  if (options !== undefined) args.push(options);
  else if (args[args.length - 1] === '{}' || args[args.length - 1] === 'undefined') args.pop();
  return args;
}

const indexes = new WeakMap<IR, Map<string, IRModel>>();

/** Models by name, built once per IR rather than once per example. */
function modelIndex(ir: IR): Map<string, IRModel> {
  let index = indexes.get(ir);
  if (!index) {
    index = new Map(ir.models.map((m) => [m.name, m]));
    indexes.set(ir, index);
  }
  return index;
}

type Example = string | number | boolean | null | Example[] | { [key: string]: Example } | typeof BLOB;
const BLOB = Symbol('blob');

function exampleValue(t: IRType, models: Map<string, IRModel>, hint: string, depth: number): string {
  return render(example(t, models, hint, depth));
}

function example(t: IRType, models: Map<string, IRModel>, hint: string, depth: number): Example {
  switch (t.kind) {
    case 'primitive':
      if (t.name === 'number' || t.name === 'integer') return 1;
      if (t.name === 'boolean') return true;
      if (t.name === 'null') return null;
      return hint.includes('email') ? 'user@example.com' : hint;
    case 'literal': return t.value;
    case 'binary': return BLOB;
    case 'array': return depth > 3 ? [] : [example(t.items, models, hint, depth + 1)];
    case 'tuple': return t.items.map((i) => example(i, models, hint, depth + 1));
    case 'union':
      if (t.discriminator) return taggedExample(t.members, t.discriminator, models, hint, depth);
      return example(t.members.find((m) => m.kind !== 'primitive' || m.name !== 'null') ?? t.members[0]!, models, hint, depth);
    case 'intersection': return t.members.map((m) => example(m, models, hint, depth)).reduce((a, b) => (isRecord(a) && isRecord(b) ? { ...a, ...b } : a));
    case 'ref': {
      const model = models.get(t.name);
      return model && depth < 6 ? example(model.type, models, hint, depth + 1) : {};
    }
    case 'object': {
      const out: { [key: string]: Example } = {};
      for (const p of t.properties.filter((p) => p.required)) {
        Object.defineProperty(out, p.name, { value: example(p.type, models, p.name, depth + 1), enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
  }
}

/** The first member that has a tag, with the tag on the wire as the type requires it. */
function taggedExample(members: IRType[], d: IRDiscriminator, models: Map<string, IRModel>, hint: string, depth: number): Example {
  const i = Math.max(0, d.members.findIndex((tag) => tag.values.length > 0));
  const value = example(members[i]!, models, hint, depth);
  const tag = d.members[i]?.values[0];
  if (!isRecord(value) || tag === undefined) return value;
  Object.defineProperty(value, d.property, { value: tag, enumerable: true, writable: true, configurable: true });
  return value;
}

function isRecord(e: Example): e is { [key: string]: Example } {
  return typeof e === 'object' && e !== null && !Array.isArray(e);
}

function render(e: Example): string {
  if (e === BLOB) return "new Blob(['...'])";
  if (Array.isArray(e)) return `[${e.map(render).join(', ')}]`;
  if (isRecord(e)) {
    const fields = Object.keys(e).map((k) => `${objectKey(k)}: ${render(e[k]!)}`);
    return fields.length === 0 ? '{}' : `{ ${fields.join(', ')} }`;
  }
  return typeof e === 'string' ? stringLiteral(e) : literal(e as number | boolean | null);
}
