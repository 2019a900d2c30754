/** Naming rules, applied once while building the IR. */

const RESERVED = new Set([
  'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else',
  'enum', 'export', 'extends', 'false', 'finally', 'for', 'function', 'if', 'import', 'in', 'instanceof',
  'new', 'null', 'return', 'super', 'switch', 'this', 'throw', 'true', 'try', 'typeof', 'var', 'void',
  'while', 'with', 'implements', 'interface', 'let', 'package', 'private', 'protected', 'public', 'static',
  'yield', 'await', 'async', 'arguments', 'eval', 'undefined', 'NaN', 'Infinity',
  // Type names that cannot be declared.
  'any', 'unknown', 'never', 'object', 'string', 'number', 'boolean', 'symbol', 'bigint', 'type', 'of', 'as',
]);

/**
 * Standard-library names generated code uses; a model with one of these names
 * would shadow it. The runtime's names are reserved from the runtime itself
 * (see build.ts).
 */
const TAKEN_TYPE_NAMES = new Set([
  'Array', 'ReadonlyArray', 'Record', 'Partial', 'Omit', 'Pick', 'Promise', 'Date', 'Error', 'Blob', 'File',
  'FormData', 'Headers', 'Request', 'Response', 'AbortSignal', 'AsyncIterable', 'Object', 'String', 'Number',
  'Boolean', 'Symbol', 'Function', 'Map', 'Set', 'JSON', 'Math', 'URL', 'ReadableStream',
]);

/**
 * Members every object inherits. A generated member with one of these names
 * would shadow it, and an optional property named like one makes `{}`
 * unassignable (it inherits `constructor: Function`).
 */
export const OBJECT_MEMBERS = Object.getOwnPropertyNames(Object.prototype);

export function words(input: string): string[] {
  return input
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w.length > 0);
}

/** Names are asked for the same inputs many times over (every reference to a schema, every parameter); each is split once. */
function remembered(convert: (input: string) => string): (input: string) => string {
  const known = new Map<string, string>();
  return (input) => {
    let name = known.get(input);
    if (name === undefined) known.set(input, (name = convert(input)));
    return name;
  };
}

export const pascalCase = remembered((input) => words(input).map((w) => w[0]!.toUpperCase() + w.slice(1)).join(''));

export const camelCase = remembered((input) => {
  const p = pascalCase(input);
  const lead = /^[A-Z]+(?=[A-Z][a-z]|[0-9]|$)/.exec(p)?.[0] ?? p.slice(0, 1);
  return lead.toLowerCase() + p.slice(lead.length);
});

export const snakeCase = remembered((input) => words(input).map((w) => w.toLowerCase()).join('_'));

export function isIdentifier(name: string): boolean {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name);
}

/** A safe TypeScript type name for `raw`; never empty, never reserved, never a leading digit. */
export function typeName(raw: string): string {
  let name = pascalCase(raw);
  if (name === '') name = 'Model';
  if (/^[0-9]/.test(name)) name = `T${name}`;
  if (RESERVED.has(name) || TAKEN_TYPE_NAMES.has(name)) name = `${name}Model`;
  return name;
}

/** A safe value identifier (method, argument, property) for `raw`. */
export function valueName(raw: string, fallback = 'value'): string {
  let name = camelCase(raw);
  if (name === '') name = fallback;
  if (/^[0-9]/.test(name)) name = `_${name}`;
  if (RESERVED.has(name)) name = `${name}_`;
  return name;
}

/** Hands out unique names; a clash gets a numeric suffix, first come first served. */
export class NameRegistry {
  private readonly used = new Set<string>();
  private readonly reserved = new Set<string>();

  /** `reservedSuffix`: what a name taken from the start gets before a number is tried (`RetryConfig` -> `RetryConfigModel`). */
  constructor(taken: Iterable<string> = [], private readonly reservedSuffix?: string) {
    for (const t of taken) this.used.add(t.toLowerCase());
    for (const t of taken) this.reserved.add(t.toLowerCase());
  }

  /**
   * Case-insensitive, because the names also become file names on
   * case-folding file systems. When `name` is taken, the first free
   * alternative wins, then `name` with a number.
   */
  claim(name: string, ...alternatives: string[]): string {
    if (this.reservedSuffix !== undefined && this.reserved.has(name.toLowerCase())) alternatives = [`${name}${this.reservedSuffix}`, ...alternatives];
    let candidate = [name, ...alternatives].find((n) => !this.used.has(n.toLowerCase())) ?? name;
    for (let i = 2; this.used.has(candidate.toLowerCase()); i++) candidate = `${name}${i}`;
    this.used.add(candidate.toLowerCase());
    return candidate;
  }
}
