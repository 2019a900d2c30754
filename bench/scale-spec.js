#!/usr/bin/env node
// Makes a spec N times larger without making it a different kind of spec: every
// path, webhook, tag and component (but the security schemes, which name the one
// way the API authenticates) is copied under new names, with the copies' `$ref`s,
// discriminator mappings, operationIds and link targets pointing at their own copy.
// The result is deterministic, so one factor always gives the same bytes.
//   node bench/scale-spec.js corpus/openai.yaml 8 bench/.work/openai-8x.yaml
//   node bench/scale-spec.js corpus/openai.yaml 8 > /tmp/openai-8x.yaml
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';

/** Component sections that are copied; securitySchemes stay shared. */
const COPIED_COMPONENTS = ['schemas', 'responses', 'parameters', 'examples', 'requestBodies', 'headers', 'links', 'callbacks', 'pathItems'];

/**
 * The spec (parsed, or YAML/JSON text) with `factor - 1` renamed copies of its
 * surface beside the original, as data. The input is not changed; factor 1 gives an equal copy.
 */
export function scaleSpec(spec, factor) {
  const data = typeof spec === 'string' ? parse(spec, { maxAliasCount: -1 }) : spec;
  if (!Number.isInteger(factor) || factor < 1) throw new Error(`scaleSpec: factor must be a whole number >= 1, got ${factor}`);
  const out = structuredClone(data);
  for (let copy = 2; copy <= factor; copy++) addCopy(out, data, copy);
  return out;
}

function addCopy(out, original, copy) {
  const names = renamer(original, copy);
  const clone = (value) => rewrite(value, names);
  for (const [path, item] of Object.entries(original.paths ?? {})) put(out.paths, names.path(path), clone(item));
  for (const [name, item] of Object.entries(original.webhooks ?? {})) put(out.webhooks, names.webhook(name), clone(item));
  for (const section of COPIED_COMPONENTS) {
    for (const [name, item] of Object.entries(original.components?.[section] ?? {})) put(out.components[section], names.component(section, name), clone(item));
  }
  for (const tag of original.tags ?? []) out.tags.push({ ...clone(tag), name: names.tag(tag.name) });
}

/** Adds a key, refusing to overwrite: a copy's name must be new. */
function put(target, key, value) {
  if (Object.hasOwn(target, key)) throw new Error(`scaleSpec: the copy's name ${JSON.stringify(key)} is already taken`);
  target[key] = value;
}

/** How copy number `copy` names each thing, in the style of the original name. */
function renamer(original, copy) {
  const schemas = new Set(Object.keys(original.components?.schemas ?? {}));
  return {
    schemas,
    path: (p) => copiedPath(p, copy),
    webhook: (n) => suffixed(n, copy),
    component: (_section, n) => suffixed(n, copy),
    operationId: (id) => suffixed(id, copy),
    // Each copy is its own group of operations, as another part of a large API would be.
    tag: (t) => (typeof t === 'string' ? suffixed(t, copy) : t),
  };
}

/**
 * The path with its first word (past a version) renamed, so that a copy is grouped
 * apart from the original wherever a tool groups operations by path.
 */
function copiedPath(path, copy) {
  const segments = path.split('/');
  const i = segments.findIndex((s) => s !== '' && !s.includes('{') && !/^v\d+$/.test(s));
  if (i === -1) return `/copy${copy}${path === '/' ? '' : path}`;
  segments[i] = `${segments[i]}-copy${copy}`;
  return segments.join('/');
}

/** `name` with the copy number added as its own naming style would add a word. */
function suffixed(name, copy) {
  if (/^[a-z0-9]+(_[a-z0-9]+)*$/.test(name) && name.includes('_')) return `${name}_copy${copy}`;
  if (/^[a-z0-9]+(-[a-z0-9]+)+$/.test(name)) return `${name}-copy${copy}`;
  if (/^[a-z0-9]+(\.[a-z0-9]+)+$/.test(name)) return `${name}.copy${copy}`;
  if (/\s/.test(name)) return `${name} copy ${copy}`;
  return `${name}Copy${copy}`;
}

/** A deep copy of `value` with every name that points into the document renamed. */
function rewrite(value, names) {
  if (Array.isArray(value)) return value.map((v) => rewrite(v, names));
  if (value === null || typeof value !== 'object') return value;
  // An operation's tags name its group; elsewhere a `tags` key is just a property or data.
  const operation = 'responses' in value || 'operationId' in value;
  const out = {};
  for (const [k, v] of Object.entries(value)) {
    if ((k === '$ref' || k === 'operationRef') && typeof v === 'string') out[k] = rewriteRef(v, names);
    else if (operation && k === 'operationId' && typeof v === 'string') out[k] = names.operationId(v);
    else if (operation && k === 'tags' && Array.isArray(v)) out[k] = v.map((t) => names.tag(t));
    else if (k === 'discriminator' && isMapping(v?.mapping)) out[k] = { ...rewrite(v, names), mapping: rewriteMapping(v.mapping, names) };
    else out[k] = rewrite(v, names);
  }
  return out;
}

function isMapping(v) {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** A mapping value is a reference or, by the OpenAPI rules, a bare schema name. */
function rewriteMapping(mapping, names) {
  const out = {};
  for (const [k, v] of Object.entries(mapping)) out[k] = typeof v === 'string' && !v.startsWith('#') && names.schemas.has(v) ? names.component('schemas', v) : typeof v === 'string' ? rewriteRef(v, names) : v;
  return out;
}

/** A local JSON pointer into a copied part, renamed to the same part of this copy; others unchanged. */
function rewriteRef(ref, names) {
  if (!ref.startsWith('#/')) return ref;
  const segments = ref.slice(2).split('/').map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
  const [top, second, third] = segments;
  if (top === 'components' && COPIED_COMPONENTS.includes(second) && third !== undefined) segments[2] = names.component(second, third);
  else if (top === 'paths' && second !== undefined) segments[1] = names.path(second);
  else if (top === 'webhooks' && second !== undefined) segments[1] = names.webhook(second);
  else return ref;
  return `#/${segments.map((s) => s.replaceAll('~', '~0').replaceAll('/', '~1')).join('/')}`;
}

/** Reads YAML or JSON; writes JSON for a `.json` target, else YAML, to standard output without a target. */
export function scaleSpecFile(input, factor, output) {
  const scaled = scaleSpec(readFileSync(input, 'utf8'), factor);
  const text = output?.endsWith('.json') ? `${JSON.stringify(scaled, null, 2)}\n` : stringify(scaled, { lineWidth: 0, aliasDuplicateObjects: false });
  if (output) writeFileSync(output, text);
  else process.stdout.write(text);
  return { bytes: Buffer.byteLength(text), schemas: Object.keys(scaled.components?.schemas ?? {}).length, paths: Object.keys(scaled.paths ?? {}).length };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [input, factorText, output] = process.argv.slice(2);
  const factor = Number(factorText);
  if (!input || !Number.isInteger(factor) || factor < 1) {
    console.error('usage: node bench/scale-spec.js SPEC FACTOR [OUT.yaml|OUT.json]');
    process.exit(2);
  }
  const { bytes, schemas, paths } = scaleSpecFile(input, factor, output);
  if (output) console.error(`${output}: ${(bytes / 1e6).toFixed(1)} MB, ${paths} paths, ${schemas} schemas`);
}
