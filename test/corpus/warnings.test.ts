import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildIR } from '../../generator/src/ir/build.js';
import { loadSpec } from '../../generator/src/load/loader.js';
import { ROOT } from '../support/packages.js';

const CORPUS = join(ROOT, 'corpus');

/**
 * What each real spec says that a type cannot express exactly, as
 * `file:line message-start`, and how many of its mistakes the loader reads as
 * their authors meant them (each also a warning; test/tolerant checks those).
 */
const EXPECTED: [string, string, string[], number][] = [
  ['openai', 'openai.yaml', [
    'openai.yaml:13526 path parameter {certificate_id} of POST',
    'openai.yaml:13573 path parameter {certificate_id} of DELETE',
  ], 348],
  ['clerk-backend', 'clerk-backend.yml', [], 0],
  ['digital-ocean', 'digital-ocean/DigitalOcean-public.v2.yaml', [
    'dropletActions_post.yml:54 discriminator "type" value "change_backup_policy" is not a value that member 3',
  ], 0],
  ['simple-example', 'simple-example.yaml', [
    'simple-example.yaml:128 `unevaluatedProperties` cannot be a TypeScript type',
    'simple-example.yaml:143 webhook "newPet" sends multipart/form-data, not JSON',
    'simple-example.yaml:158 webhook "newPet" declares more than one operation; only its POST payload is typed',
    'simple-example.yaml:176 security scheme type "mutualTLS" is not supported',
  ], 1],
  ['open-meteo', 'open-meteo.yml', [], 4],
];

describe('warnings on real specs', () => {
  it.each(EXPECTED)('%s warns exactly of what it cannot express, each at its place', (name, file, expected, readings) => {
    const spec = loadSpec(join(CORPUS, file));
    const { warnings } = buildIR(spec, { name: name.replace(/-/g, ''), packageName: `${name}-sdk`, packageVersion: '0.1.0' });
    expect(spec.warnings).toHaveLength(readings);
    const read = new Set(spec.warnings);
    const seen = warnings.filter((w) => !read.has(w)).map((w) => `${basename(w.location?.file ?? '?')}:${w.location?.line ?? '?'} ${w.message}`).sort();
    expect(seen).toHaveLength(expected.length);
    expected.forEach((start, i) => expect(seen[i]).toContain(start));
  });
});
