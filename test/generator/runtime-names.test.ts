import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { buildPackage } from '../../generator/src/generate.js';
import { STRICT_OPTIONS, typeCheckFiles } from '../support/compile.js';
import { tempTree } from '../support/tmp.js';

/** A generated package installed under node_modules of a temporary folder, with its spec beside it. */
function install(spec: object, name: string): { dir: string; files: Map<string, string> } {
  const specDir = tempTree({ 'spec.json': JSON.stringify(spec) });
  const packageName = `${name.toLowerCase()}-sdk`;
  const { files } = buildPackage({ spec: join(specDir, 'spec.json'), out: 'unused', name, packageName });
  const tree: Record<string, string> = {};
  for (const [path, text] of files) tree[join('node_modules', packageName, path)] = text;
  return { dir: tempTree(tree), files };
}

/** What a package's entry exports, by name, with the file that declares each. */
function entryExports(entry: string): Map<string, string[]> {
  const program = ts.createProgram({ rootNames: [entry], options: { ...STRICT_OPTIONS, noEmit: true } });
  const checker = program.getTypeChecker();
  const module = checker.getSymbolAtLocation(program.getSourceFile(entry)!)!;
  const out = new Map<string, string[]>();
  for (const symbol of checker.getExportsOfModule(module)) {
    const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
    out.set(symbol.name, (target.declarations ?? []).map((d) => d.getSourceFile().fileName));
  }
  return out;
}

/** The names the runtime adds to every package's entry, as the compiler sees them. */
function runtimeExports(): string[] {
  const { dir } = install({ openapi: '3.1.0', info: { title: 'Empty', version: '1' }, paths: {} }, 'Empty');
  const exports = entryExports(join(dir, 'node_modules/empty-sdk/src/index.ts'));
  return [...exports].filter(([, files]) => files.some((f) => f.includes('/src/core/'))).map(([name]) => name).sort();
}

/** A spec whose schemas are named like each runtime export, each with a property that tells it apart. */
function specNamedLike(names: string[]): object {
  const schemas = Object.fromEntries(names.map((n) => [n, { type: 'object', required: [`marker_${n}`], properties: { [`marker_${n}`]: { type: 'string' } } }]));
  const first = names[0]!;
  return {
    openapi: '3.1.0',
    info: { title: 'Probe', version: '1' },
    servers: [{ url: 'https://probe.invalid' }],
    paths: {
      '/things/{id}': {
        get: {
          operationId: 'getThing',
          tags: ['things'],
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: {
            '200': { description: 'ok', content: { 'application/json': { schema: { $ref: `#/components/schemas/${first}` } } } },
            '404': { description: 'missing', content: { 'application/json': { schema: { $ref: '#/components/schemas/Probe' } } } },
          },
        },
      },
    },
    components: { schemas: { ...schemas, Probe: { type: 'object', properties: { message: { type: 'string' } } } } },
  };
}

function codeBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```ts\n([\s\S]*?)\n```$/gm)].map((m) => m[1]!);
}

describe('names the runtime takes', () => {
  const names = runtimeExports();

  it('the runtime exports its client, errors and option types', () => {
    expect(names).toEqual(expect.arrayContaining(['APIClient', 'APIError', 'NotFoundError', 'ClientOptions', 'RetryConfig', 'RequestOptions']));
  });

  it('a schema named like any runtime export keeps its own export beside the runtime one', () => {
    const { dir } = install(specNamedLike(names), 'Probe');
    const entry = join(dir, 'node_modules/probe-sdk/src/index.ts');
    expect(typeCheckFiles({ [entry]: readFileSync(entry, 'utf8') }, STRICT_OPTIONS)).toEqual([]);
    const exports = entryExports(entry);
    for (const name of names) expect(exports.get(name)?.some((f) => f.includes('/src/core/')), name).toBe(true);
    const program = ts.createProgram({ rootNames: [join(dir, 'node_modules/probe-sdk/src/models.ts')], options: { ...STRICT_OPTIONS, noEmit: true } });
    const models = program.getSourceFile(join(dir, 'node_modules/probe-sdk/src/models.ts'))!;
    const exported = new Map<string, string>();
    models.forEachChild((node) => {
      if (!ts.isInterfaceDeclaration(node)) return;
      for (const member of node.members) if (member.name && ts.isIdentifier(member.name)) exported.set(member.name.text, node.name.text);
    });
    for (const name of names) {
      const model = exported.get(`marker_${name}`);
      expect(model, `schema ${name}`).toBeDefined();
      expect(exports.get(model!)?.some((f) => f.endsWith('/src/models.ts')), `schema ${name} exported as ${model}`).toBe(true);
    }
  });

  it('--name Probe gives a client variable that is not the class, in every example', () => {
    const { dir, files } = install(specNamedLike(names), 'Probe');
    const sources: Record<string, string> = {};
    const docs = [...files.keys()].filter((p) => p.endsWith('.md'));
    expect(docs.length).toBeGreaterThan(1);
    for (const doc of docs) {
      codeBlocks(files.get(doc)!).forEach((block, i) => {
        const module = /^import /m.test(block) ? block : `import type Probe from 'probe-sdk';\ndeclare const probe: Probe;\n${block}`;
        sources[join(dir, `${doc.replace(/\W/g, '_')}_${i}.mts`)] = `${module}\nexport {};\n`;
      });
    }
    expect(Object.keys(sources).length).toBeGreaterThan(3);
    expect(typeCheckFiles(sources, { ...STRICT_OPTIONS, customConditions: ['sdkgen-source'] })).toEqual([]);
    const example = [...files].filter(([p]) => p.endsWith('.ts')).map(([, t]) => t).join('\n');
    expect(example).not.toMatch(/const Probe = new Probe/);
  });

  it('a client option from the spec never takes a name the runtime gives its own options', () => {
    const spec = {
      openapi: '3.1.0',
      info: { title: 'Opts', version: '1' },
      paths: {
        '/{region}/{tenant}/things': {
          get: {
            operationId: 'list',
            parameters: [
              { name: 'region', in: 'path', required: true, schema: { type: 'string' }, 'x-sdkgen-client-option': 'timeout' },
              { name: 'tenant', in: 'path', required: true, schema: { type: 'string' }, 'x-sdkgen-client-option': 'apiKey' },
            ],
            responses: { '204': { description: 'ok' } },
          },
        },
      },
      components: { securitySchemes: { apiKey: { type: 'apiKey', in: 'header', name: 'X-Key' } } },
      security: [{ apiKey: [] }],
    };
    const { dir, files } = install(spec, 'Opts');
    const entry = join(dir, 'node_modules/opts-sdk/src/index.ts');
    expect(typeCheckFiles({ [entry]: files.get('src/index.ts')! }, STRICT_OPTIONS)).toEqual([]);
    const options = files.get('src/client.ts')!;
    expect(options).not.toMatch(/^\s*timeout\?: string/m);
    expect(options.match(/^\s*apiKey\?:/gm)).toHaveLength(1);
  });
});
