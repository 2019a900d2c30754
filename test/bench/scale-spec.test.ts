import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { buildPackage } from '../../generator/src/index.js';
import { ROOT } from '../support/packages.js';
import { tempTree } from '../support/tmp.js';
import { scaleSpec } from '../../bench/scale-spec.js';

type Node = Record<string, unknown>;
const scale = (data: unknown, factor: number) => scaleSpec(data, factor) as Node;
const openai = parse(readFileSync(join(ROOT, 'corpus/openai.yaml'), 'utf8')) as Node;

/** Every `$ref` string in a value, with the first key of the path it was found under. */
function refsIn(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => refsIn(v, out));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string') out.push(v);
      else refsIn(v, out);
    }
  }
  return out;
}

function resolvePointer(doc: unknown, ref: string): unknown {
  return ref
    .slice(2)
    .split('/')
    .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'))
    .reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Node)[key] : undefined), doc);
}

function operationIds(doc: Node): string[] {
  const ids: string[] = [];
  for (const item of Object.values({ ...(doc['paths'] as Node), ...(doc['webhooks'] as Node) })) {
    for (const op of Object.values(item as Node)) if (op && typeof op === 'object' && 'operationId' in op) ids.push(String((op as Node)['operationId']));
  }
  return ids;
}

const keys = (doc: Node, ...path: string[]) => Object.keys(path.reduce<Node>((n, k) => n[k] as Node, doc));

describe('bench/scale-spec.js', () => {
  const tripled = scale(openai, 3);

  it('copies every path, webhook, tag and schema of openai.yaml under new names, twice beside the original', () => {
    expect(keys(tripled, 'paths')).toHaveLength(3 * keys(openai, 'paths').length);
    expect(keys(tripled, 'webhooks')).toHaveLength(3 * keys(openai, 'webhooks').length);
    expect(keys(tripled, 'components', 'schemas')).toHaveLength(3 * keys(openai, 'components', 'schemas').length);
    expect(tripled['tags']).toHaveLength(3 * (openai['tags'] as unknown[]).length);
    expect(keys(tripled, 'components', 'securitySchemes')).toEqual(keys(openai, 'components', 'securitySchemes'));
    expect(tripled['paths']).toHaveProperty(['/chat-copy3/completions', 'post', 'operationId'], 'createChatCompletionCopy3');
    expect(tripled['paths']).toHaveProperty(['/chat-copy2/completions', 'post', 'tags'], ['ChatCopy2']);
    const ids = operationIds(tripled);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(3 * operationIds(openai).length);
  });

  it('points every reference of a copy into the same copy, and every one resolves', () => {
    for (const copy of [2, 3]) {
      const own = Object.entries(tripled['paths'] as Node).filter(([p]) => p.includes(`-copy${copy}`));
      const refs = refsIn(own.map(([, item]) => item));
      expect(refs.length).toBeGreaterThan(100);
      for (const ref of refs) expect(ref).toMatch(new RegExp(`(Copy${copy}|_copy${copy}|-copy${copy})$`));
    }
    const unresolved = refsIn(tripled).filter((ref) => resolvePointer(tripled, ref) === undefined);
    expect(unresolved).toEqual([]);
  });

  it('rewrites discriminator mappings (references and bare names), links and escaped pointers, and leaves the input alone', () => {
    const spec = {
      openapi: '3.1.0',
      info: { title: 't', version: '1' },
      paths: {
        '/pets/{id}': {
          get: {
            operationId: 'get_pet',
            tags: ['pets'],
            responses: { '200': { $ref: '#/components/responses/Pet' } },
          },
        },
      },
      components: {
        responses: {
          Pet: {
            description: 'ok',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Pet' } } },
            links: { self: { operationId: 'get_pet' }, again: { operationRef: '#/paths/~1pets~1{id}/get' } },
          },
        },
        schemas: {
          Pet: { oneOf: [{ $ref: '#/components/schemas/Cat' }, { $ref: '#/components/schemas/Dog' }], discriminator: { propertyName: 'kind', mapping: { cat: '#/components/schemas/Cat', dog: 'Dog' } } },
          Cat: { type: 'object', properties: { kind: { const: 'cat' }, tags: { type: 'array', items: { type: 'string' } } } },
          Dog: { type: 'object', properties: { kind: { const: 'dog' } } },
        },
      },
    };
    const before = structuredClone(spec);
    const doubled = scale(spec, 2);
    expect(spec).toEqual(before);
    expect(doubled['components']).toHaveProperty(['schemas', 'PetCopy2', 'discriminator', 'mapping'], { cat: '#/components/schemas/CatCopy2', dog: 'DogCopy2' });
    expect(doubled['components']).toHaveProperty(['schemas', 'CatCopy2', 'properties', 'tags'], spec.components.schemas.Cat.properties.tags);
    expect(doubled['components']).toHaveProperty(['responses', 'PetCopy2', 'links'], { self: { operationId: 'get_pet_copy2' }, again: { operationRef: '#/paths/~1pets-copy2~1{id}/get' } });
    expect(doubled['paths']).toHaveProperty(['/pets-copy2/{id}', 'get', 'tags'], ['petsCopy2']);
    expect(scale(spec, 1)).toEqual(spec);
  });

  it('gives the same document every time', () => {
    expect(JSON.stringify(scale(openai, 2))).toBe(JSON.stringify(scale(openai, 2)));
  });

  it('gives a spec sdkgen generates, with each copy its own resources and models', () => {
    const source = parse(readFileSync(join(ROOT, 'corpus/simple-example.yaml'), 'utf8')) as Node;
    const dir = tempTree({});
    const spec = join(dir, 'scaled.json');
    writeFileSync(spec, JSON.stringify(scale(source, 3)));
    const once = buildPackage({ spec: join(ROOT, 'corpus/simple-example.yaml'), out: join(dir, 'a'), name: 'x' });
    const thrice = buildPackage({ spec, out: join(dir, 'b'), name: 'x' });
    const count = (ir: typeof once.ir) => ir.resources.reduce((n, r) => n + r.operations.length, 0);
    expect(count(thrice.ir)).toBe(3 * count(once.ir));
    expect(thrice.ir.models.length).toBe(3 * once.ir.models.length);
    expect(thrice.ir.resources.length).toBe(3 * once.ir.resources.length);
  });
});
