import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { buildPackage } from '../../generator/src/generate.js';
import { typeCheck } from '../support/compile.js';
import { tempTree } from '../support/tmp.js';
import { hostileSpec, type HostileInput } from './hostile-spec.js';

function generateFrom(input: HostileInput) {
  const dir = tempTree({ 'api.json': JSON.stringify(input.spec) });
  return { dir, ...buildPackage({ spec: join(dir, 'api.json'), out: join(dir, 'out'), name: 'hostile', packageName: 'hostile-sdk' }) };
}

function parse(text: string): ts.SourceFile {
  return ts.createSourceFile('x.ts', text, ts.ScriptTarget.ES2022, true);
}

/** Top-level statement kinds a generated module may contain, by file. */
const ALLOWED: Record<string, ts.SyntaxKind[]> = {
  'src/models.ts': [ts.SyntaxKind.InterfaceDeclaration, ts.SyntaxKind.TypeAliasDeclaration, ts.SyntaxKind.ExportDeclaration],
  'src/client.ts': [ts.SyntaxKind.ImportDeclaration, ts.SyntaxKind.VariableStatement, ts.SyntaxKind.InterfaceDeclaration, ts.SyntaxKind.ClassDeclaration],
  'src/index.ts': [ts.SyntaxKind.ExportDeclaration],
};

function checkStructure(path: string, text: string, ir: ReturnType<typeof buildPackage>['ir']): void {
  const file = parse(text);
  const allowed = ALLOWED[path] ?? [ts.SyntaxKind.ImportDeclaration, ts.SyntaxKind.InterfaceDeclaration, ts.SyntaxKind.TypeAliasDeclaration, ts.SyntaxKind.FunctionDeclaration, ts.SyntaxKind.ClassDeclaration];
  for (const s of file.statements) expect(allowed, `${path}: unexpected ${ts.SyntaxKind[s.kind]}`).toContain(s.kind);
  if (path === 'src/models.ts') {
    expect(file.statements.filter((s) => ts.isInterfaceDeclaration(s) || ts.isTypeAliasDeclaration(s))).toHaveLength(ir.models.length);
  }
  const functions = file.statements.filter(ts.isFunctionDeclaration);
  if (functions.length > 0) {
    const resource = ir.resources.find((r) => path === r.file);
    expect(functions.map((f) => f.name?.text)).toEqual(resource?.operations.flatMap((op) => [op.functionName, ...(op.declaredErrors ? [op.declaredErrors.guardName] : [])]));
    const aliases = file.statements.filter(ts.isTypeAliasDeclaration).map((t) => t.name.text);
    expect(aliases).toEqual(resource?.operations.flatMap((op) => (op.declaredErrors ? [op.declaredErrors.typeName] : [])));
  }
  for (const fn of functions) expect(fn.body!.statements.map((s) => s.kind)).toEqual([ts.SyntaxKind.ReturnStatement]);
  for (const cls of file.statements.filter(ts.isClassDeclaration)) {
    for (const member of cls.members) {
      if (ts.isMethodDeclaration(member)) expect(member.body!.statements.map((s) => s.kind)).toEqual([ts.SyntaxKind.ReturnStatement]);
    }
  }
  expect(file.parseDiagnostics ?? []).toEqual([]);
}

function literalTexts(text: string): { strings: Set<string>; names: Set<string>; keys: Set<string> } {
  const strings = new Set<string>();
  const names = new Set<string>();
  const keys = new Set<string>();
  const visit = (node: ts.Node) => {
    if (ts.isStringLiteral(node)) strings.add(node.text);
    if (ts.isPropertySignature(node)) names.add(ts.isIdentifier(node.name) || ts.isStringLiteral(node.name) ? node.name.text : '');
    if (ts.isPropertyAssignment(node)) keys.add(keyText(node.name));
    ts.forEachChild(node, visit);
  };
  visit(parse(text));
  return { strings, names, keys };
}

/** An object literal key as the data it is: `a`, `'a b'` and `['__proto__']` alike. */
function keyText(name: ts.PropertyName): string {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name)) return name.text;
  if (ts.isComputedPropertyName(name) && ts.isStringLiteral(name.expression)) return name.expression.text;
  return '';
}

describe('hostile strings in a spec never become code', () => {
  it('generated modules hold only the declarations the spec asked for, and every value survives as data', () => {
    fc.assert(
      fc.property(hostileSpec, (input) => {
        const { files, ir } = generateFrom(input);
        for (const [path, text] of files) if (path.endsWith('.ts') && !path.startsWith('src/core/')) checkStructure(path, text, ir);
        const models = literalTexts(files.get('src/models.ts')!);
        for (const value of input.enumValues) expect(models.strings.has(value), `enum value ${JSON.stringify(value)}`).toBe(true);
        for (const name of input.propertyNames) expect(models.names.has(name), `property ${JSON.stringify(name)}`).toBe(true);
        const resource = [...files].find(([path]) => path.startsWith('src/resources/'))![1];
        expect(literalTexts(resource).keys.has(input.paramName), `query parameter ${JSON.stringify(input.paramName)}`).toBe(true);
        // The client's base URL is the server URL as written, less trailing slashes.
        expect(literalTexts(files.get('src/client.ts')!).strings.has(input.serverURL.replace(/\/+$/, '')), `server ${JSON.stringify(input.serverURL)}`).toBe(true);
        const pkg = JSON.parse(files.get('package.json')!) as Record<string, unknown>;
        expect(Object.keys(pkg)).toEqual(['name', 'version', 'description', 'license', 'type', 'sideEffects', 'main', 'types', 'exports', 'files', 'scripts', 'engines', 'devDependencies']);
        expect(pkg['name']).toBe('hostile-sdk');
        for (const [path, text] of files) if (path.endsWith('.md')) expect(unescapedMarkup(text), path).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });

  it('packages generated from hostile specs compile under strict', () => {
    const samples = fc.sample(hostileSpec, { numRuns: 12 });
    const failures: string[] = [];
    for (const input of samples) {
      const { dir, files } = generateFrom(input);
      const tree: Record<string, string> = {};
      for (const [path, text] of files) tree[join('out', path)] = text;
      const root = tempTree(tree);
      const errors = typeCheck(join(root, 'out/tsconfig.json'));
      if (errors.length > 0) failures.push(`${readFileSync(join(dir, 'api.json'), 'utf8')}\n${errors.slice(0, 5).join('\n')}`);
      writeFileSync(join(dir, 'done'), '');
    }
    expect(failures).toEqual([]);
  });
});

/** `<` or a raw HTML-ish tag outside code in a markdown file means spec text escaped its escaping. */
function unescapedMarkup(md: string): string[] {
  const prose = withoutCodeSpans(md.replace(/^(`{3,})[^\n]*\n[\s\S]*?\n\1$/gm, ''));
  return prose.split('\n').filter((line) => /(^|[^\\])<[a-zA-Z/!]/.test(line));
}

/**
 * Prose with code spans removed, read as CommonMark reads it: a backslash
 * escapes the next character, and a run of N backticks opens a span that
 * only a run of exactly N backticks closes.
 */
function withoutCodeSpans(md: string): string {
  let out = '';
  let i = 0;
  while (i < md.length) {
    if (md[i] === '\\') {
      out += md.slice(i, i + 2);
      i += 2;
      continue;
    }
    const run = /^`+/.exec(md.slice(i))?.[0];
    if (!run) {
      out += md[i++];
      continue;
    }
    const close = new RegExp(`(?<!\`)${run}(?!\`)`, 'g');
    close.lastIndex = i + run.length;
    const end = close.exec(md);
    if (end) i = end.index + run.length;
    else {
      out += run;
      i += run.length;
    }
  }
  return out;
}
