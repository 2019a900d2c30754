import type { IR, IRDiscriminator, IRFacts, IRModel, IROperation, IRType } from '../ir/types.js';
import { literal, objectKey, stringLiteral } from './escape.js';

/**
 * Example code for an operation, built from its types, so documents show a
 * call that compiles. Values are placeholders named after what they fill.
 * `stream` shows the operation's event-stream form.
 */
/** What examples read of the IR. */
export type ExampleIR = Pick<IR, 'clientVariable' | 'models'>;

export function exampleCall(ir: ExampleIR, resourceProperty: string, op: IROperation, standalone = false, stream = false): string {
  const streams = stream || op.stream?.form.kind === 'only';
  const call = standalone ? functionInvocation(ir, op, streams) : exampleInvocation(ir, resourceProperty, op, undefined, undefined, streams);
  if (op.pagination) return `for await (const item of ${call}) {\n  console.log(item);\n}`;
  if (streams && op.stream?.form.kind === 'only') return `for await (const event of ${call}) {\n  console.log(event);\n}`;
  if (streams) return `const stream = await ${call};\nfor await (const event of stream) {\n  console.log(event);\n}`;
  if (op.responseKind === 'void') return `await ${call};`;
  if (op.responseKind === 'blob') return `const response = await ${call};\nconst bytes = await response.arrayBuffer();\nconsole.log(bytes.byteLength);`;
  return `const result = await ${call};\nconsole.log(result);`;
}

/** The call expression alone; `options` (source text) is passed as the last argument when given, `file` (source text) fills every file; `stream` calls the event-stream form. */
export function exampleInvocation(ir: ExampleIR, resourceProperty: string, op: IROperation, options?: string, file?: string, stream = false): string {
  const form = op.stream?.form;
  const name = stream && form?.kind === 'method' ? form.name : op.name;
  return `${ir.clientVariable}.${resourceProperty}.${name}(${exampleArguments(ir, op, options, file, stream).join(', ')})`;
}

/** The same call through the operation's standalone function. */
function functionInvocation(ir: ExampleIR, op: IROperation, stream: boolean): string {
  const form = op.stream?.form;
  const name = stream && form?.kind === 'method' ? form.functionName : op.functionName;
  return `${name}(${[ir.clientVariable, ...exampleArguments(ir, op, undefined, undefined, stream)].join(', ')})`;
}

function exampleArguments(ir: ExampleIR, op: IROperation, options?: string, file?: string, stream = false): string[] {
  const models = modelIndex(ir);
  const args = op.pathParams.map((p) => exampleValue(p.type, models, p.wireName, 0));
  const form = op.stream?.form;
  const flag = stream && form?.kind === 'flag' ? form.property : undefined;
  const body = op.body && (op.body.required || op.bodyMode === 'direct' || flag) ? bodyExample(op.body.type, models, flag, file) : undefined;
  // Whether the last argument may be left out: a required body stays even when it is `{}`.
  let lastOptional = false;
  if (op.bodyMode === 'direct') {
    args.push(body ?? 'undefined');
    lastOptional = !op.body?.required;
  }
  if (op.paramsTypeName) {
    const fields = [...op.queryParams, ...op.headerParams, ...op.cookieParams]
      .filter((p) => p.required)
      .map((p) => `${objectKey(p.name)}: ${exampleValue(p.type, models, p.wireName, 0)}`);
    if (op.bodyMode === 'property' && body !== undefined) fields.push(`body: ${body}`);
    args.push(fields.length > 0 ? `{ ${fields.join(', ')} }` : '{}');
    lastOptional = fields.length === 0;
  }
  if (options !== undefined) args.push(options);
  else if (lastOptional) args.pop();
  return args;
}

/** A body example; with `flag`, that property set to `true`, which asks for the stream. */
function bodyExample(t: IRType, models: Map<string, IRModel>, flag: string | undefined, file: string | undefined): string {
  const value = example(t, models, 'body', 0);
  if (flag !== undefined && isRecord(value)) Object.defineProperty(value, flag, { value: true, enumerable: true, writable: true, configurable: true });
  return render(value, file);
}

const indexes = new WeakMap<ExampleIR, Map<string, IRModel>>();

/** Models by name, built once per IR rather than once per example. */
function modelIndex(ir: ExampleIR): Map<string, IRModel> {
  let index = indexes.get(ir);
  if (!index) {
    index = new Map(ir.models.map((m) => [m.name, m]));
    indexes.set(ir, index);
  }
  return index;
}

type Example = string | number | boolean | null | Example[] | { [key: string]: Example } | typeof BLOB | DateExample;
const BLOB = Symbol('blob');

/** A `Date` the type asks for, shown as `new Date('…')`. */
class DateExample {
  constructor(readonly iso: string) {}
}

function exampleValue(t: IRType, models: Map<string, IRModel>, hint: string, depth: number, file?: string): string {
  return render(example(t, models, hint, depth), file);
}

function example(t: IRType, models: Map<string, IRModel>, hint: string, depth: number): Example {
  switch (t.kind) {
    case 'primitive': return primitiveExample(t, hint);
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

const FORMAT_EXAMPLES: Record<string, string> = {
  'date-time': '2024-01-01T00:00:00Z',
  date: '2024-01-01',
  email: 'user@example.com',
  uuid: '123e4567-e89b-12d3-a456-426614174000',
  uri: 'https://example.com',
  url: 'https://example.com',
  hostname: 'example.com',
  ipv4: '192.0.2.1',
};

/** The spec's own example or default when it fits the type, else a value its format and bounds allow, else the name it fills. */
function primitiveExample(t: Extract<IRType, { kind: 'primitive' }>, hint: string): Example {
  if (t.name === 'null') return null;
  if (t.date) return new DateExample([...(t.facts?.examples ?? []), t.facts?.default].find((v): v is string => typeof v === 'string' && !Number.isNaN(Date.parse(v)) && fitsPrimitive('string', v)) ?? FORMAT_EXAMPLES['date-time']!);
  const given = [...(t.facts?.examples ?? []), t.facts?.default].find((v) => fitsPrimitive(t.name, v));
  if (given !== undefined) return given as string | number | boolean;
  if (t.name === 'boolean') return true;
  if (t.name === 'number' || t.name === 'integer') return numberExample(t.facts);
  const format = t.facts?.format;
  if (format !== undefined && Object.hasOwn(FORMAT_EXAMPLES, format)) return FORMAT_EXAMPLES[format]!;
  return hint.includes('email') ? 'user@example.com' : hint;
}

/** 1, unless the bounds exclude it. */
function numberExample(facts: IRFacts | undefined): number {
  const low = facts?.minimum ?? (facts?.exclusiveMinimum !== undefined ? facts.exclusiveMinimum + 1 : undefined);
  const high = facts?.maximum ?? (facts?.exclusiveMaximum !== undefined ? facts.exclusiveMaximum - 1 : undefined);
  if (low !== undefined && low > 1) return Math.ceil(low);
  if (high !== undefined && high < 1) return Math.floor(high);
  return 1;
}

/** A spec's example shown in docs: of the type, and short and single-line when text. */
function fitsPrimitive(name: string, v: unknown): boolean {
  switch (name) {
    case 'string': return typeof v === 'string' && v.length <= 60 && !/[\r\n]/.test(v);
    case 'integer': return Number.isSafeInteger(v);
    case 'number': return typeof v === 'number' && Number.isFinite(v);
    case 'boolean': return typeof v === 'boolean';
    default: return false;
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
  return typeof e === 'object' && e !== null && !Array.isArray(e) && !(e instanceof DateExample);
}

function render(e: Example, file = "new Blob(['...'])"): string {
  if (e === BLOB) return file;
  if (e instanceof DateExample) return `new Date(${stringLiteral(e.iso)})`;
  if (Array.isArray(e)) return `[${e.map((x) => render(x, file)).join(', ')}]`;
  if (isRecord(e)) {
    const fields = Object.keys(e).map((k) => `${objectKey(k)}: ${render(e[k]!, file)}`);
    return fields.length === 0 ? '{}' : `{ ${fields.join(', ')} }`;
  }
  return typeof e === 'string' ? stringLiteral(e) : literal(e as number | boolean | null);
}
