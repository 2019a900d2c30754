import { SpecError } from '../diagnostics.js';
import { isRef, markAsData, type RefResolver } from './refs.js';

/** The kinds of object an OpenAPI document is made of, as far as the normalising pass cares. */
export type Kind =
  | 'document' | 'components' | 'pathItem' | 'operation' | 'parameter' | 'requestBody'
  | 'responses' | 'response' | 'mediaType' | 'encoding' | 'example' | 'link' | 'callback' | 'schema' | 'data';

/** What a member of an object of some kind holds: one object, a list of them, or a map of them by name. */
type Member = { kind: Kind; shape: 'one' | 'list' | 'map' };

const one = (kind: Kind): Member => ({ kind, shape: 'one' });
const list = (kind: Kind): Member => ({ kind, shape: 'list' });
const map = (kind: Kind): Member => ({ kind, shape: 'map' });

const OPERATION: Record<string, Member> = {
  parameters: list('parameter'), requestBody: one('requestBody'), responses: one('responses'), callbacks: map('callback'),
};

const PARAMETER: Record<string, Member> = {
  schema: one('schema'), content: map('mediaType'), example: one('data'), examples: map('example'),
};

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** Where each kind leads; a member not listed is not walked. Extensions (`x-…`) are always data. */
const MEMBERS: Record<Exclude<Kind, 'data' | 'schema' | 'responses' | 'callback'>, Record<string, Member>> = {
  document: { paths: map('pathItem'), webhooks: map('pathItem'), components: one('components') },
  components: {
    schemas: map('schema'), responses: map('response'), parameters: map('parameter'), examples: map('example'),
    requestBodies: map('requestBody'), headers: map('parameter'), links: map('link'), callbacks: map('callback'), pathItems: map('pathItem'),
  },
  pathItem: { parameters: list('parameter'), ...Object.fromEntries(METHODS.map((m) => [m, one('operation')])) },
  operation: OPERATION,
  parameter: PARAMETER,
  requestBody: { content: map('mediaType') },
  response: { headers: map('parameter'), content: map('mediaType'), links: map('link') },
  mediaType: { schema: one('schema'), example: one('data'), examples: map('example'), encoding: map('encoding') },
  encoding: { headers: map('parameter') },
  example: { value: one('data') },
  link: { parameters: one('data'), requestBody: one('data') },
};

/** JSON Schema keywords holding subschemas (both dialects), and those holding plain values. */
const SCHEMA_MEMBERS: Record<string, Member> = {
  properties: map('schema'), patternProperties: map('schema'), $defs: map('schema'), definitions: map('schema'), dependentSchemas: map('schema'),
  allOf: list('schema'), anyOf: list('schema'), oneOf: list('schema'), prefixItems: list('schema'),
  additionalProperties: one('schema'), items: one('schema'), not: one('schema'), contains: one('schema'), propertyNames: one('schema'),
  if: one('schema'), then: one('schema'), else: one('schema'), unevaluatedItems: one('schema'), unevaluatedProperties: one('schema'),
  additionalItems: one('schema'),
  example: one('data'), examples: one('data'), default: one('data'), const: one('data'), enum: one('data'),
};

/** Kinds a Reference Object (or a schema `$ref`) may stand in for. */
const REFERABLE = new Set<Kind>(['pathItem', 'operation', 'parameter', 'requestBody', 'response', 'example', 'link', 'callback', 'schema']);

export interface Visitor {
  /** Called once per object of a kind, before its members are walked; may rewrite the object in place. */
  visit(node: Record<string, unknown>, kind: Kind, file: string): void;
  /** A Reference Object with other keys beside `$ref`. */
  refSiblings?(node: Record<string, unknown>, kind: Kind, file: string): void;
}

/**
 * Walks an OpenAPI document by what each position holds, following `$ref`s
 * only where the specification allows a reference, and marking every object
 * that merely looks like one (in examples, defaults, enums, extensions, or a
 * property named `$ref`) as plain data. References that cannot be followed
 * are left for the stage that needs them to report.
 */
export function walkSpec(document: Record<string, unknown>, file: string, refs: RefResolver, visitor: Visitor): void {
  // Nearly every object is walked as one kind only: it keeps that kind, and a set only once it has a second.
  const seen = new Map<object, Kind | Set<Kind>>();
  const stack: { node: unknown; kind: Kind; file: string }[] = [{ node: document, kind: 'document', file }];
  const push = (node: unknown, member: Member, at: string) => {
    if (member.shape === 'one') stack.push({ node, kind: member.kind, file: at });
    else if (member.shape === 'list' && Array.isArray(node)) for (const n of [...node].reverse()) stack.push({ node: n, kind: member.kind, file: at });
    else if (member.shape === 'map' && isObject(node)) {
      // A map keyed by names: a name `$ref` is a name, unless the whole map is a reference to one.
      if (Object.hasOwn(node, '$ref') && typeof node['$ref'] !== 'string') markAsData(node);
      if (isRef(node)) {
        const target = follow(refs, node, at);
        if (target) push(target.value, member, target.file);
        return;
      }
      for (const key of Object.keys(node).reverse()) {
        // Outside property names, an `x-` key is an extension.
        const kind = key.startsWith('x-') && member.kind !== 'schema' ? 'data' : member.kind;
        stack.push({ node: node[key], kind, file: at });
      }
    }
  };
  while (stack.length > 0) {
    const { node, kind, file: at } = stack.pop()!;
    if (!isObject(node) && !Array.isArray(node)) continue;
    if (kind === 'data') {
      markData(node);
      continue;
    }
    if (!isObject(node)) continue;
    const kinds = seen.get(node);
    if (kinds === kind || (typeof kinds === 'object' && kinds.has(kind))) continue;
    seen.set(node, kinds === undefined ? kind : typeof kinds === 'object' ? kinds.add(kind) : new Set([kinds, kind]));
    if (REFERABLE.has(kind) && isRef(node)) {
      if (Object.keys(node).length > 1) visitor.refSiblings?.(node, kind, at);
      if (!isRef(node)) {
        // The visitor rewrote it (siblings kept beside the reference): walk it anew.
        forget(seen, node, kind);
        stack.push({ node, kind, file: at });
        continue;
      }
      const target = follow(refs, node, at);
      if (target) stack.push({ node: target.value, kind, file: target.file });
      continue;
    }
    visitor.visit(node, kind, at);
    const members = membersOf(node, kind);
    for (const key of Object.keys(node).reverse()) {
      if (key.startsWith('x-')) {
        stack.push({ node: node[key], kind: 'data', file: at });
        continue;
      }
      const member = members[key];
      if (member) push(node[key], member, at);
    }
  }
}

/** Takes `kind` out of the kinds `node` was walked as. */
function forget(seen: Map<object, Kind | Set<Kind>>, node: object, kind: Kind): void {
  const kinds = seen.get(node);
  if (kinds === kind) seen.delete(node);
  else if (typeof kinds === 'object') kinds.delete(kind);
}

function membersOf(node: Record<string, unknown>, kind: Kind): Record<string, Member> {
  switch (kind) {
    case 'schema': return Array.isArray(node['items']) ? { ...SCHEMA_MEMBERS, items: list('schema') } : SCHEMA_MEMBERS;
    // Status codes and callback expressions are open-ended keys.
    case 'responses': return Object.fromEntries(Object.keys(node).map((k) => [k, one('response')]));
    case 'callback': return Object.fromEntries(Object.keys(node).map((k) => [k, one('pathItem')]));
    case 'data': return {};
    default: return MEMBERS[kind];
  }
}

function follow(refs: RefResolver, node: { $ref: string }, file: string): { value: unknown; file: string } | undefined {
  try {
    return refs.resolve(node.$ref, file, node);
  } catch (e) {
    if (e instanceof SpecError) return undefined;
    throw e;
  }
}

/** Every object inside a plain value that has a `$ref` key is data, never a reference. */
function markData(value: object): void {
  const stack: unknown[] = [value];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const v = stack.pop();
    if (v === null || typeof v !== 'object' || seen.has(v)) continue;
    seen.add(v);
    if (Object.hasOwn(v, '$ref')) markAsData(v);
    stack.push(...Object.values(v));
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
