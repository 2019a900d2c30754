import ts from 'typescript';
import { expect } from 'vitest';
import type { IR } from '../../generator/src/ir/types.js';

function parse(text: string): ts.SourceFile {
  return ts.createSourceFile('x.ts', text, ts.ScriptTarget.ES2022, true);
}

/** Top-level statement kinds a generated module may contain, by file. */
const ALLOWED: Record<string, ts.SyntaxKind[]> = {
  'src/models.ts': [ts.SyntaxKind.ImportDeclaration, ts.SyntaxKind.InterfaceDeclaration, ts.SyntaxKind.TypeAliasDeclaration, ts.SyntaxKind.ExportDeclaration],
  'src/client.ts': [ts.SyntaxKind.ImportDeclaration, ts.SyntaxKind.VariableStatement, ts.SyntaxKind.InterfaceDeclaration, ts.SyntaxKind.ClassDeclaration],
  'src/index.ts': [ts.SyntaxKind.ExportDeclaration],
};

/** A generated module holds only the declarations the IR asks for, and each function and method only returns. */
export function checkStructure(path: string, text: string, ir: IR): void {
  const file = parse(text);
  if (path === ir.files.validators) return checkValidators(file, ir);
  const allowed = ALLOWED[path] ?? [ts.SyntaxKind.ImportDeclaration, ts.SyntaxKind.InterfaceDeclaration, ts.SyntaxKind.TypeAliasDeclaration, ts.SyntaxKind.FunctionDeclaration, ts.SyntaxKind.ClassDeclaration];
  for (const s of file.statements) expect(allowed, `${path}: unexpected ${ts.SyntaxKind[s.kind]}`).toContain(s.kind);
  // Imports only of the package's own modules.
  for (const s of file.statements.filter(ts.isImportDeclaration)) expect((s.moduleSpecifier as ts.StringLiteral).text, path).toMatch(/^\.\.?\/[A-Za-z0-9_$/.-]+\.js$/);
  if (path === 'src/models.ts') {
    // The one import models may have: the runtime's Uploadable type, for file fields.
    for (const i of file.statements.filter(ts.isImportDeclaration)) {
      expect(i.importClause?.isTypeOnly, `${path}: a value import`).toBe(true);
      expect((i.moduleSpecifier as ts.StringLiteral).text).toMatch(/^\.\/core\/[\w-]+\.js$/);
    }
    expect(file.statements.filter((s) => ts.isInterfaceDeclaration(s) || ts.isTypeAliasDeclaration(s))).toHaveLength(ir.models.length);
  }
  const functions = file.statements.filter(ts.isFunctionDeclaration);
  if (path === ir.webhooks?.file) {
    // The webhooks module: the event union, the payloads by name, the standalone unwrap and the class.
    expect(functions.map((f) => f.name?.text)).toEqual([ir.webhooks.functionName]);
    expect(file.statements.filter(ts.isTypeAliasDeclaration).map((t) => t.name.text)).toEqual([ir.webhooks.eventTypeName]);
    expect(file.statements.filter(ts.isInterfaceDeclaration).map((t) => t.name.text)).toEqual([ir.webhooks.payloadsTypeName]);
    expect(file.statements.filter(ts.isClassDeclaration).map((t) => t.name?.text)).toEqual([ir.webhooks.className]);
  } else if (functions.length > 0) {
    const resource = ir.resources.find((r) => path === r.file);
    expect(functions.map((f) => f.name?.text)).toEqual(resource?.operations.flatMap((op) => [op.functionName, ...(op.declaredErrors ? [op.declaredErrors.guardName] : [])]));
    const aliases = file.statements.filter(ts.isTypeAliasDeclaration).map((t) => t.name.text);
    expect(aliases).toEqual(resource?.operations.flatMap((op) => (op.declaredErrors ? [op.declaredErrors.typeName] : [])));
  }
  for (const fn of functions) expect(fn.body!.statements.map((s) => s.kind)).toEqual([ts.SyntaxKind.ReturnStatement]);
  for (const cls of file.statements.filter(ts.isClassDeclaration)) {
    for (const member of cls.members) {
      expect([ts.SyntaxKind.MethodDeclaration, ts.SyntaxKind.PropertyDeclaration, ts.SyntaxKind.Constructor], `${path}: class member ${ts.SyntaxKind[member.kind]}`).toContain(member.kind);
      if (ts.isMethodDeclaration(member)) expect(member.body!.statements.map((s) => s.kind)).toEqual([ts.SyntaxKind.ReturnStatement]);
      // A constructor only passes the options on and keeps what it was given.
      if (ts.isConstructorDeclaration(member)) for (const s of member.body!.statements) expect(constructorStatement(s), `${path}: constructor statement`).toBe(true);
    }
  }
  expect((file as unknown as { parseDiagnostics?: unknown[] }).parseDiagnostics ?? []).toEqual([]);
}

/**
 * The validators module: imports of the runtime, one function per model or
 * operation whose body is one call, the variables those cache their check in,
 * the table of operations (names only) and the export that runs it.
 */
function checkValidators(file: ts.SourceFile, ir: IR): void {
  const names = new Set([...ir.models.map((m) => `$${m.name}`), ...ir.resources.flatMap((r) => r.operations.map((op) => `$$${op.functionName}`))]);
  for (const s of file.statements) {
    if (ts.isImportDeclaration(s)) {
      expect((s.moduleSpecifier as ts.StringLiteral).text).toMatch(/^\.\/core\/[\w-]+\.js$/);
    } else if (ts.isFunctionDeclaration(s)) {
      expect(names).toContain(s.name!.text);
      expect(s.body!.statements.map((x) => x.kind)).toEqual([ts.SyntaxKind.ExpressionStatement]);
    } else if (ts.isVariableStatement(s)) {
      for (const d of s.declarationList.declarations) {
        const name = (d.name as ts.Identifier).text;
        if (name === 'byOperation') {
          const table = d.initializer as ts.ObjectLiteralExpression;
          for (const p of table.properties) expect(names).toContain(((p as ts.PropertyAssignment).initializer as ts.Identifier).text);
        } else if (name === ir.validatorsName) {
          expect(d.initializer && ts.isArrowFunction(d.initializer)).toBe(true);
        } else {
          expect(names).toContain(name.slice(0, -1));
          expect(d.initializer).toBeUndefined();
        }
      }
    } else {
      expect.fail(`${ir.files.validators}: unexpected ${ts.SyntaxKind[s.kind]}`);
    }
  }
  expect((file as unknown as { parseDiagnostics?: unknown[] }).parseDiagnostics ?? []).toEqual([]);
}

/** `super(…);` or `this.x = …;` with an identifier or a property of one on the right. */
function constructorStatement(s: ts.Statement): boolean {
  if (!ts.isExpressionStatement(s)) return false;
  const e = s.expression;
  if (ts.isCallExpression(e)) return e.expression.kind === ts.SyntaxKind.SuperKeyword;
  if (!ts.isBinaryExpression(e) || e.operatorToken.kind !== ts.SyntaxKind.EqualsToken || !ts.isPropertyAccessExpression(e.left) || e.left.expression.kind !== ts.SyntaxKind.ThisKeyword) return false;
  const right = ts.isNewExpression(e.right) ? e.right.arguments?.[0] : e.right;
  return right !== undefined && (ts.isIdentifier(right) || ts.isPropertyAccessExpression(right) || ts.isElementAccessExpression(right));
}

export function literalTexts(text: string): { strings: Set<string>; names: Set<string>; keys: Set<string> } {
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

/** `<` or a raw HTML-ish tag outside code in a markdown file means spec text escaped its escaping. */
export function unescapedMarkup(md: string): string[] {
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
