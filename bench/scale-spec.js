#!/usr/bin/env node
// Makes a spec N times larger to see how generation scales: every path and
// every component is copied under new names (copy k gets the suffix `K{k}`,
// paths the prefix `/k{k}`), with each copy's `$ref`s, operationIds and
// discriminator mappings rewritten to point at its own copies.
//   node bench/scale-spec.js corpus/openai.yaml 8 > /tmp/openai-8x.yaml
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';

/** The spec (YAML/JSON text or parsed data) with `factor` copies of its paths and components, as data. */
export function scaleSpec(spec, factor) {
  const data = typeof spec === 'string' ? parse(spec, { maxAliasCount: -1 }) : spec;
  if (!Number.isInteger(factor) || factor < 1) throw new Error(`factor must be a positive integer, got ${factor}`);
  const out = { ...data, paths: { ...data.paths }, components: { ...data.components } };
  for (const [section, members] of Object.entries(data.components ?? {})) {
    if (members && typeof members === 'object') out.components[section] = { ...members };
  }
  for (let k = 2; k <= factor; k++) {
    const copy = renamer(k);
    for (const [path, item] of Object.entries(data.paths ?? {})) out.paths[`/k${k}${path}`] = copy.value(item);
    for (const [section, members] of Object.entries(data.components ?? {})) {
      if (!members || typeof members !== 'object' || section === 'securitySchemes') continue;
      for (const [name, value] of Object.entries(members)) out.components[section][`${name}K${k}`] = copy.value(value);
    }
  }
  return out;
}

/** Rewrites one copy: local component refs, operationIds and discriminator mappings get the copy's suffix. */
function renamer(k) {
  const ref = (r) => r.replace(/^#\/components\/(?!securitySchemes\/)([^/]+)\/([^/]+)/, (_m, section, name) => `#/components/${section}/${name}K${k}`);
  const value = (v) => {
    if (Array.isArray(v)) return v.map(value);
    if (v === null || typeof v !== 'object') return v;
    const o = {};
    for (const [key, inner] of Object.entries(v)) {
      if (key === '$ref' && typeof inner === 'string') o[key] = ref(inner);
      else if (key === 'operationId' && typeof inner === 'string') o[key] = `${inner}K${k}`;
      else if (key === 'mapping' && inner && typeof inner === 'object' && Object.values(inner).every((m) => typeof m === 'string')) {
        o[key] = Object.fromEntries(Object.entries(inner).map(([name, target]) => [name, /^[\w.-]+$/.test(target) ? `${target}K${k}` : ref(target)]));
      } else o[key] = value(inner);
    }
    return o;
  };
  return { value };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [file, factor, outFile] = process.argv.slice(2);
  if (!file || !factor) {
    console.error('usage: node bench/scale-spec.js SPEC FACTOR [OUT]');
    process.exit(2);
  }
  const text = stringify(scaleSpec(readFileSync(file, 'utf8'), Number(factor)), { lineWidth: 0, aliasDuplicateObjects: false });
  if (outFile) writeFileSync(outFile, text);
  else process.stdout.write(text);
}
