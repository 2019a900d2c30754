// Response validation: the checks generated validators are made of, and the
// error strict validation throws. Nothing here is reached unless a client is
// given validators, so a bundle that never validates leaves this module out.

import { APIResponseError, excerpt } from './errors.js';
import type { RequestOptions, RequestSpec } from './types.js';

/** `off` (the default) skips validation; `warn` logs each drifted field and returns the data; `strict` throws a `ResponseValidationError`. */
export type ValidationMode = 'off' | 'warn' | 'strict';

/** One place a response differs from the spec. */
export interface ValidationIssue {
  /** JSON Pointer (RFC 6901) to the field, `''` for the whole body. */
  pointer: string;
  /** What the spec says belongs there. */
  expected: string;
  /** What came instead: the type, and the value for a short primitive; `missing` for an absent required property. */
  received: string;
}

/** Checks `value`, found at `at`, and adds one issue per drifted field to `out`. */
export type Validator = (value: unknown, at: string, out: ValidationIssue[]) => void;

/**
 * What a client's `validators` option takes; the generated package exports
 * one for its operations. The client calls it with each 2xx body, with the
 * call (its spec, options and secrets), the client's mode and its logger.
 */
export type ResponseValidators = (call: { spec: RequestSpec; options: RequestOptions; secrets: string[] }, data: unknown, response: Response, mode: ValidationMode | undefined, log: Log) => void;

type Log = (at: 'warn', message: string, data: unknown, secrets: string[]) => void;

/**
 * A 2xx response whose body differs from the spec, thrown in `strict` mode.
 * A kind of `APIResponseError` (the body is not what the operation promises),
 * so it has the response's status, headers and request id; `data` is the
 * parsed body, `issues` every drifted field, and `pointer`, `expected` and
 * `received` the first one, which the message names.
 */
export class ResponseValidationError extends APIResponseError {
  override name = 'ResponseValidationError';
  readonly data: unknown;
  readonly issues: ValidationIssue[];
  readonly pointer: string;
  readonly expected: string;
  readonly received: string;

  constructor(response: Response, operation: string, data: unknown, issues: ValidationIssue[]) {
    const first = issues[0]!;
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
    const message = `${operation}: the response differs from the spec at ${first.pointer || '(body)'}: expected ${first.expected}, received ${first.received}${more}`;
    super(response.status, response.headers, excerpt(JSON.stringify(data) ?? ''), undefined, message);
    this.data = data;
    this.issues = issues;
    this.pointer = first.pointer;
    this.expected = first.expected;
    this.received = first.received;
  }
}

/**
 * What a package's `validators` option runs: in the call's mode (or else the
 * client's), the validator of the operation's success body (`byOperation`,
 * keyed by `METHOD path` as the spec writes them) on a JSON body, then a log
 * line per issue or the error.
 */
export function validateResponse(byOperation: Record<string, Validator>, ...[call, data, response, clientMode, log]: Parameters<ResponseValidators>): void {
  const mode = call.options.validate ?? clientMode ?? 'off';
  const { spec } = call;
  const key = `${spec.method} ${spec.path}`;
  const validate = Object.prototype.hasOwnProperty.call(byOperation, key) ? byOperation[key] : undefined;
  if (!validate || mode === 'off' || (spec.responseType ?? 'json') !== 'json') return;
  const issues: ValidationIssue[] = [];
  validate(data, '', issues);
  if (issues.length === 0) return;
  if (mode === 'strict') throw new ResponseValidationError(response, key, data, issues);
  for (const issue of issues) log('warn', `${key}: response field ${issue.pointer || '(body)'} differs from the spec: expected ${issue.expected}, received ${issue.received}`, issue, call.secrets);
}

/** The pointer of `key` under `at`, escaped as RFC 6901 says. */
export function pointerTo(at: string, key: string | number): string {
  return `${at}/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

/** How a received value is named in an issue: its JSON type, and the value itself when it is a short primitive. */
export function received(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'string') return `string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value} ${String(value)}`;
  return typeof value;
}

function typed(expected: string, test: (value: unknown) => boolean): Validator {
  return (value, at, out) => {
    if (!test(value)) out.push({ pointer: at, expected, received: received(value) });
  };
}

export const vString: Validator = typed('string', (v) => typeof v === 'string');
export const vNumber: Validator = typed('number', (v) => typeof v === 'number');
export const vInteger: Validator = typed('integer', (v) => Number.isInteger(v));
export const vBoolean: Validator = typed('boolean', (v) => typeof v === 'boolean');
export const vNull: Validator = typed('null', (v) => v === null);
export const vNever: Validator = typed('nothing', () => false);
export const vUnknown: Validator = () => undefined;
/** A file in a JSON body travels as a string. */
export const vBinary: Validator = typed('file content (string)', (v) => typeof v === 'string' || (typeof Blob !== 'undefined' && v instanceof Blob));

export function vLiteral(values: readonly (string | number | boolean | null)[]): Validator {
  return typed(values.map((v) => JSON.stringify(v)).join(' | '), (v) => values.includes(v as string));
}

export function vArray(items: Validator): Validator {
  return (value, at, out) => {
    if (!Array.isArray(value)) return void out.push({ pointer: at, expected: 'array', received: received(value) });
    value.forEach((item, i) => items(item, pointerTo(at, i), out));
  };
}

export function vTuple(items: Validator[], rest: Validator | undefined): Validator {
  return (value, at, out) => {
    if (!Array.isArray(value)) return void out.push({ pointer: at, expected: 'array', received: received(value) });
    if (value.length < items.length) out.push({ pointer: at, expected: `at least ${items.length} items`, received: `${value.length} items` });
    value.forEach((item, i) => {
      const check = items[i] ?? rest;
      if (check) check(item, pointerTo(at, i), out);
      else if (i === items.length) out.push({ pointer: pointerTo(at, i), expected: 'nothing (the tuple ends)', received: received(item) });
    });
  };
}

/** A declared property: its wire name, whether it is required, and its check. */
export type PropertyCheck = readonly [name: string, required: boolean, check: Validator, expected: string];

/** An object's declared properties; the others are checked by `additional`, forbidden when it is `vNever`, free when absent. */
export function vObject(properties: readonly PropertyCheck[], additional?: Validator): Validator {
  const declared = new Set(properties.map((p) => p[0]));
  return (value, at, out) => {
    if (!isRecord(value)) return void out.push({ pointer: at, expected: 'object', received: received(value) });
    for (const [name, required, check, expected] of properties) {
      if (Object.prototype.hasOwnProperty.call(value, name)) check(value[name], pointerTo(at, name), out);
      else if (required) out.push({ pointer: pointerTo(at, name), expected, received: 'missing' });
    }
    if (!additional) return;
    for (const key of Object.keys(value)) {
      if (declared.has(key)) continue;
      if (additional === vNever) out.push({ pointer: pointerTo(at, key), expected: 'no such property', received: received(value[key]) });
      else additional(value[key], pointerTo(at, key), out);
    }
  };
}

/** Every member must hold (`allOf`). */
export function vAllOf(members: Validator[]): Validator {
  return (value, at, out) => {
    for (const check of members) check(value, at, out);
  };
}

/**
 * One member must hold. When none does, the issues of the member that came
 * closest are reported, so the pointer names the field that is wrong: the
 * member with the fewest strings other than the constants it wants (a tag
 * such as `type: "message"` says which member the value means), then the
 * fewest objects or arrays where it wants another kind, then whose first
 * issue lies deepest, then with the fewest issues. When no member even matches the value's kind, one issue names the
 * union.
 */
export function vAnyOf(expected: string, members: Validator[]): Validator {
  return (value, at, out) => {
    let best: { issues: ValidationIssue[]; score: number[] } | undefined;
    for (const check of members) {
      const issues: ValidationIssue[] = [];
      check(value, at, issues);
      if (issues.length === 0) return;
      if (issues.some((i) => i.pointer === at)) continue;
      const score = [issues.filter(otherConstant).length, issues.filter(misshapen).length, -depth(issues[0]!.pointer), issues.length];
      if (!best || before(score, best.score)) best = { issues, score };
    }
    if (best) out.push(...best.issues);
    else out.push({ pointer: at, expected, received: received(value) });
  };
}

function otherConstant(issue: ValidationIssue): boolean {
  return issue.expected.startsWith('"') && issue.received.startsWith('string ');
}

function misshapen(issue: ValidationIssue): boolean {
  return issue.received === 'object' || issue.received === 'array' || issue.expected === 'object' || issue.expected === 'array';
}

function depth(pointer: string): number {
  return pointer.split('/').length;
}

function before(a: number[], b: number[]): boolean {
  const i = a.findIndex((x, n) => x !== b[n]);
  return i >= 0 && a[i]! < b[i]!;
}

/** A union told apart by `property`: the member its value names is checked, with members that name no value as the fallback. */
export function vTagged(expected: string, property: string, members: readonly (readonly [tags: readonly unknown[], check: Validator])[]): Validator {
  const untagged = members.filter(([tags]) => tags.length === 0).map(([, check]) => check);
  return (value, at, out) => {
    if (!isRecord(value)) return void out.push({ pointer: at, expected, received: received(value) });
    const tag = value[property];
    const chosen = members.filter(([tags]) => tags.includes(tag)).map(([, check]) => check);
    const candidates = [...chosen, ...untagged];
    if (candidates.length === 0) {
      const tags = members.flatMap(([t]) => t).map((t) => JSON.stringify(t)).join(' | ');
      return void out.push({ pointer: pointerTo(at, property), expected: tags, received: tag === undefined ? 'missing' : received(tag) });
    }
    (candidates.length === 1 ? candidates[0]! : vAnyOf(expected, candidates))(value, at, out);
  };
}

/** What a schema says of values beyond their type, checked as JSON Schema does: each keyword only on values of its type. */
export interface Constraints {
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  multipleOf?: number;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  minProperties?: number;
  maxProperties?: number;
}

/** `check`, then the constraints. */
export function vConstrained(check: Validator, c: Constraints): Validator {
  const pattern = c.pattern === undefined ? undefined : compilePattern(c.pattern);
  return (value, at, out) => {
    const before = out.length;
    check(value, at, out);
    if (out.length > before) return;
    const fail = (expected: string) => void out.push({ pointer: at, expected, received: received(value) });
    if (typeof value === 'number') numberConstraints(value, c, fail);
    else if (typeof value === 'string') {
      const length = [...value].length;
      if (c.minLength !== undefined && length < c.minLength) fail(`at least ${c.minLength} characters`);
      if (c.maxLength !== undefined && length > c.maxLength) fail(`at most ${c.maxLength} characters`);
      if (pattern && !pattern.test(value)) fail(`a string matching ${JSON.stringify(c.pattern)}`);
      const format = c.format === undefined ? undefined : FORMATS[c.format];
      if (format && !format.test(value)) fail(`a ${c.format} string`);
    } else if (Array.isArray(value)) {
      if (c.minItems !== undefined && value.length < c.minItems) fail(`at least ${c.minItems} items`);
      if (c.maxItems !== undefined && value.length > c.maxItems) fail(`at most ${c.maxItems} items`);
      if (c.uniqueItems && new Set(value.map(canonical)).size < value.length) fail('unique items');
    } else if (isRecord(value)) {
      const count = Object.keys(value).length;
      if (c.minProperties !== undefined && count < c.minProperties) fail(`at least ${c.minProperties} properties`);
      if (c.maxProperties !== undefined && count > c.maxProperties) fail(`at most ${c.maxProperties} properties`);
    }
  };
}

function numberConstraints(value: number, c: Constraints, fail: (expected: string) => void): void {
  if (c.minimum !== undefined && value < c.minimum) fail(`a number >= ${c.minimum}`);
  if (c.maximum !== undefined && value > c.maximum) fail(`a number <= ${c.maximum}`);
  if (c.exclusiveMinimum !== undefined && value <= c.exclusiveMinimum) fail(`a number > ${c.exclusiveMinimum}`);
  if (c.exclusiveMaximum !== undefined && value >= c.exclusiveMaximum) fail(`a number < ${c.exclusiveMaximum}`);
  if (c.multipleOf !== undefined && c.multipleOf > 0) {
    const q = value / c.multipleOf;
    if (Math.abs(q - Math.round(q)) > 1e-9 * Math.max(1, Math.abs(q))) fail(`a multiple of ${c.multipleOf}`);
  }
  const range = c.format === undefined ? undefined : INTEGER_RANGES[c.format];
  if (range && (value < range[0] || value > range[1])) fail(`a ${c.format} number`);
}

/** Formats cheap to check and defined exactly; others are not checked. A date names a day its month has. */
const FORMATS: Record<string, { test(text: string): boolean }> = {
  'date-time': onRealDay(/^\d{4}-[01]\d-[0-3]\d[Tt ](?:[0-2]\d:[0-5]\d:[0-5]\d|23:59:60)(?:\.\d+)?(?:[Zz]|[+-]\d\d(?::?\d\d)?)$/),
  date: onRealDay(/^\d{4}-[01]\d-[0-3]\d$/),
  uuid: /^(?:urn:uuid:)?[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}$/i,
};

function onRealDay(shape: RegExp): { test(text: string): boolean } {
  return {
    test: (text) => {
      if (!shape.test(text)) return false;
      const [year, month, day] = [text.slice(0, 4), text.slice(5, 7), text.slice(8, 10)].map(Number) as [number, number, number];
      const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
      const days = month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
      return month >= 1 && month <= 12 && day >= 1 && day <= days;
    },
  };
}

const INTEGER_RANGES: Record<string, readonly [number, number]> = {
  int32: [-2147483648, 2147483647],
};

/**
 * A pattern from the spec, compiled at run time from its text (never pasted
 * into code). Unicode mode first, as JSON Schema means; a pattern only a
 * non-unicode expression accepts is read that way; one neither accepts is
 * not checked.
 */
function compilePattern(source: string): RegExp | undefined {
  try {
    return new RegExp(source, 'u');
  } catch {
    try {
      return new RegExp(source);
    } catch {
      return undefined;
    }
  }
}

/** A value as text with object keys sorted, so equal JSON values compare equal. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isRecord(value)) return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`;
  return JSON.stringify(value) ?? 'undefined';
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
