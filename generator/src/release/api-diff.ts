/*
 * Compares the public API of two generations of a package with the
 * TypeScript checker. Judged by assignability, not text: what a consumer
 * passes in (parameters, bodies, options) must still be accepted, so the old
 * input type must be assignable to the new one; what a consumer gets back
 * must still fit where it was used, so the new output type must be assignable
 * to the old one. A type used both ways must hold both ways.
 */
import type { ExportedDeclarations, Node, Project, Signature, Symbol as MorphSymbol, ts, Type } from 'ts-morph';
import { morph } from './morph.js';
import { type ApiChange } from './changes.js';
import { exportGroup, textWithoutComments } from './api-text.js';

type Direction = 'in' | 'out';
type Directions = Set<Direction>;
type Side = { root: string; exports: ReadonlyMap<string, ExportedDeclarations[]> };

const compilerOptions = (): ts.CompilerOptions => ({
  target: morph().ts.ScriptTarget.ES2022,
  module: morph().ts.ModuleKind.ESNext,
  moduleResolution: morph().ts.ModuleResolutionKind.Bundler,
  lib: ['lib.es2022.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
  types: [],
  strict: true,
  exactOptionalPropertyTypes: true,
  noUncheckedIndexedAccess: true,
  skipLibCheck: true,
  noEmit: true,
});

let shared: Project | undefined;

/**
 * One project serves every comparison in a process, so the standard library
 * is parsed once; each comparison replaces the package files it holds.
 */
function project(): Project {
  shared ??= new (morph().Project)({ useInMemoryFileSystem: true, compilerOptions: compilerOptions(), skipAddingFilesFromTsConfig: true });
  for (const file of shared.getSourceFiles()) shared.removeSourceFile(file);
  return shared;
}

const CORE = /^src\/core\//;

/** The changes from `before` to `after`, each a package's files by path; only `src/**.ts` carries API. */
export function compareApis(before: Map<string, string>, after: Map<string, string>): ApiChange[] {
  const p = project();
  const sources = (files: Map<string, string>) => [...files].filter(([path]) => path.startsWith('src/') && path.endsWith('.ts'));
  // An unchanged runtime is loaded once and shared, so both sides name the same runtime types.
  const coreOf = (files: Map<string, string>) => sources(files).filter(([path]) => CORE.test(path));
  const sameCore = JSON.stringify(coreOf(before)) === JSON.stringify(coreOf(after));
  if (sameCore) for (const [path, text] of coreOf(before)) p.createSourceFile(`/${path.slice('src/'.length)}`, text);
  const load = (root: string, files: Map<string, string>): Side => {
    for (const [path, text] of sources(files)) {
      if (sameCore && CORE.test(path)) continue;
      p.createSourceFile(`${root}/${path}`, sameCore ? text.replace(/(from\s+')\.\.?\/core\//g, '$1/core/') : text);
    }
    const index = p.getSourceFile(`${root}/src/index.ts`);
    return { root, exports: index ? index.getExportedDeclarations() : new Map() };
  };
  return new Comparison(p, load('/old', before), load('/new', after)).run();
}

class Comparison {
  private readonly changes: ApiChange[] = [];
  private readonly checker: ts.TypeChecker;
  private readonly directions = new Map<string, Directions>();

  constructor(project: Project, private readonly old: Side, private readonly next: Side) {
    this.checker = project.getTypeChecker().compilerObject;
  }

  run(): ApiChange[] {
    this.collectDirections(this.old);
    this.collectDirections(this.next);
    const names = [...new Set([...this.old.exports.keys(), ...this.next.exports.keys()])].sort();
    for (const name of names) {
      const before = this.old.exports.get(name)?.[0];
      const after = this.next.exports.get(name)?.[0];
      if (!before) this.add('feature', after!, name, 'added');
      else if (!after) this.add('breaking', before, name, 'removed');
      else this.compareExport(name, before, after);
    }
    return this.changes;
  }

  private add(kind: ApiChange['kind'], at: Node, symbol: string, message: string, group = exportGroup(at)): void {
    this.changes.push({ kind, symbol, message, group });
  }

  private compareExport(name: string, before: ExportedDeclarations, after: ExportedDeclarations): void {
    const found = this.changes.length;
    if (morph().Node.isClassDeclaration(before) && morph().Node.isClassDeclaration(after)) this.compareClass(name, before, after);
    else if (morph().Node.isFunctionDeclaration(before) && morph().Node.isFunctionDeclaration(after)) this.compareCallable(name, after, before.getType(), after.getType());
    else if ((morph().Node.isInterfaceDeclaration(before) || morph().Node.isTypeAliasDeclaration(before)) && (morph().Node.isInterfaceDeclaration(after) || morph().Node.isTypeAliasDeclaration(after))) this.compareNamedType(name, before, after);
    else if (before.getKindName() !== after.getKindName()) this.add('breaking', after, name, `changed from a ${kindWord(before)} to a ${kindWord(after)}`);
    else this.compareValue(name, before, after, new Set(['in', 'out']));
    if (this.changes.length === found) this.compareText(name, before, after);
  }

  /** Deprecation is news to a consumer; anything else that changed only in comments is documentation. */
  private compareText(name: string, before: Node, after: Node, group = exportGroup(after)): void {
    if (before.getText(true) === after.getText(true)) return;
    if (!isDeprecated(before) && isDeprecated(after)) this.add('feature', after, name, 'deprecated', group);
    else if (textWithoutComments(before) === textWithoutComments(after)) this.add('docs', after, name, 'documentation changed', group);
    else this.add('fix', after, name, 'implementation changed', group);
  }

  private compareClass(name: string, before: Node, after: Node): void {
    if (!morph().Node.isClassDeclaration(before) || !morph().Node.isClassDeclaration(after)) return;
    const constructor = (cls: Node) => this.checker.getTypeOfSymbol(cls.getSymbolOrThrow().compilerSymbol).getConstructSignatures()[0];
    const ctorOld = constructor(before);
    const ctorNew = constructor(after);
    if (ctorOld && ctorNew) this.compareSignatures(`new ${name}`, after, ctorOld, ctorNew, true);
    const members = (cls: Node) => new Map(cls.getType().getProperties().filter(isPublic).map((p) => [p.getName(), p]));
    const oldMembers = members(before);
    const newMembers = members(after);
    for (const member of [...new Set([...oldMembers.keys(), ...newMembers.keys()])].sort()) {
      const symbol = `${name}.${member}`;
      const o = oldMembers.get(member);
      const n = newMembers.get(member);
      const at = n?.getDeclarations()[0] ?? after;
      const group = exportGroup(after);
      if (!o) this.add('feature', at, symbol, 'added', group);
      else if (!n) this.add('breaking', at, symbol, 'removed', group);
      else this.compareMember(symbol, o, n, before, after, group);
    }
  }

  private compareMember(symbol: string, o: MorphSymbol, n: MorphSymbol, oldOwner: Node, newOwner: Node, group: string): void {
    const oldDecl = o.getDeclarations()[0];
    const newDecl = n.getDeclarations()[0];
    if (!oldDecl || !newDecl) return;
    const found = this.changes.length;
    const oldType = o.getTypeAtLocation(oldOwner);
    const newType = n.getTypeAtLocation(newOwner);
    if (morph().Node.isMethodDeclaration(oldDecl) || morph().Node.isMethodDeclaration(newDecl)) {
      this.compareCallable(symbol, newDecl, oldType, newType, group);
    } else if (!this.isExportedClassType(newType) && !sameType(oldType, newType, oldDecl, newDecl) && !this.assignable(newType, oldType)) {
      this.add('breaking', newDecl, symbol, `type changed from ${oldType.getText(oldDecl)} to ${newType.getText(newDecl)}`, group);
    }
    if (this.changes.length === found) this.compareText(symbol, oldDecl, newDecl, group);
  }

  private compareCallable(symbol: string, newDecl: Node, oldType: Type, newType: Type, group?: string): void {
    const o = oldType.getCallSignatures();
    const n = newType.getCallSignatures();
    if (o.length === 0 || n.length === 0) {
      if (o.length !== n.length) this.add('breaking', newDecl, symbol, 'is no longer callable the same way', group);
      return;
    }
    this.compareSignatures(symbol, newDecl, o[o.length - 1]!.compilerSignature, n[n.length - 1]!.compilerSignature, false, group);
  }

  /** Parameters are inputs, the return type an output; a named type on both sides is judged on its own. */
  private compareSignatures(symbol: string, at: Node, o: ts.Signature, n: ts.Signature, isConstructor: boolean, group = exportGroup(at)): void {
    const count = Math.max(o.parameters.length, n.parameters.length);
    const required = (s: ts.Signature, i: number) => {
      const decl = s.parameters[i]?.valueDeclaration;
      return decl !== undefined && morph().ts.isParameter(decl) && !this.checker.isOptionalParameter(decl) && decl.dotDotDotToken === undefined;
    };
    let compatibleChange = false;
    for (let i = 0; i < count; i++) {
      const op = o.parameters[i];
      const np = n.parameters[i];
      const label = `${symbol}(${(np ?? op)!.getName()})`;
      if (!np) {
        this.changes.push({ kind: 'breaking', symbol: label, message: 'parameter removed', group });
        continue;
      }
      if (!op) {
        if (required(n, i)) this.changes.push({ kind: 'breaking', symbol: label, message: 'new required parameter', group });
        else compatibleChange = true;
        continue;
      }
      if (required(n, i) && !required(o, i)) this.changes.push({ kind: 'breaking', symbol: label, message: 'parameter is now required', group });
      else if (!required(n, i) && required(o, i)) compatibleChange = true;
      const ot = this.checker.getTypeOfSymbol(op);
      const nt = this.checker.getTypeOfSymbol(np);
      const oText = this.checker.typeToString(ot);
      const nText = this.checker.typeToString(nt);
      if (oText === nText) continue;
      if (!this.checker.isTypeAssignableTo(ot, nt)) this.changes.push({ kind: 'breaking', symbol: label, message: `no longer accepts ${oText}, now ${nText}`, group });
      else compatibleChange = true;
    }
    if (!isConstructor) {
      const or = o.getReturnType();
      const nr = n.getReturnType();
      const oText = this.checker.typeToString(or);
      const nText = this.checker.typeToString(nr);
      if (oText !== nText) {
        if (!this.checker.isTypeAssignableTo(nr, or)) this.changes.push({ kind: 'breaking', symbol, message: `returns ${nText} instead of ${oText}`, group });
        else compatibleChange = true;
      }
    }
    if (compatibleChange && !this.changes.some((c) => c.symbol.startsWith(symbol) && c.kind === 'breaking')) {
      this.changes.push({ kind: 'feature', symbol, message: 'signature changed compatibly', group });
    }
  }

  private compareNamedType(name: string, before: Node, after: Node): void {
    const dirs = this.directions.get(name) ?? new Set<Direction>(['in', 'out']);
    const oldType = before.getType();
    const newType = after.getType();
    if (isObjectShape(oldType) && isObjectShape(newType)) this.compareProperties(name, before, after, oldType, newType, dirs);
    else this.compareValue(name, before, after, dirs, oldType, newType);
  }

  private compareProperties(name: string, before: Node, after: Node, oldType: Type, newType: Type, dirs: Directions): void {
    const props = (t: Type) => new Map(t.getProperties().map((p) => [p.getName(), p]));
    const oldProps = props(oldType);
    const newProps = props(newType);
    const isIn = dirs.has('in');
    const isOut = dirs.has('out');
    for (const prop of [...new Set([...oldProps.keys(), ...newProps.keys()])].sort()) {
      const symbol = `${name}.${prop}`;
      const o = oldProps.get(prop);
      const n = newProps.get(prop);
      const at = n?.getDeclarations()[0] ?? after;
      if (!o) {
        const optional = n!.isOptional();
        if (isIn && !optional) this.add('breaking', at, symbol, 'added as a required property: callers must now send it', exportGroup(after));
        else this.add('feature', at, symbol, `added${optional ? ', optional' : ''}`, exportGroup(after));
        continue;
      }
      if (!n) {
        this.add('breaking', after, symbol, 'removed', exportGroup(after));
        continue;
      }
      const found = this.changes.length;
      if (o.isOptional() && !n.isOptional()) {
        this.add(isIn ? 'breaking' : 'feature', at, symbol, isIn ? 'now required' : 'now always present', exportGroup(after));
      } else if (!o.isOptional() && n.isOptional()) {
        this.add(isOut ? 'breaking' : 'feature', at, symbol, isOut ? 'now optional: may be absent' : 'now optional', exportGroup(after));
      }
      const ot = o.getTypeAtLocation(before);
      const nt = n.getTypeAtLocation(after);
      const oText = ot.getText(before);
      const nText = nt.getText(after);
      if (!sameType(ot, nt, before, after)) {
        const broken = (isIn && !this.assignable(ot, nt)) || (isOut && !this.assignable(nt, ot));
        const why = broken ? (isIn && !this.assignable(ot, nt) ? '; no longer accepts every old value' : '; may now hold values old code does not expect') : '';
        this.add(broken ? 'breaking' : 'feature', at, symbol, `type changed from ${oText} to ${nText}${why}`, exportGroup(after));
      }
      if (this.changes.length === found) {
        const od = o.getDeclarations()[0];
        const nd = n.getDeclarations()[0];
        if (od && nd) this.compareText(symbol, od, nd, exportGroup(after));
      }
    }
  }

  /** A type that is not an object shape (a union, a literal, a primitive alias), judged whole. */
  private compareValue(name: string, before: Node, after: Node, dirs: Directions, oldType = before.getType(), newType = after.getType()): void {
    const oText = oldType.getText(before);
    const nText = newType.getText(after);
    if (sameType(oldType, newType, before, after)) return;
    const literals = (t: Type) => (t.isUnion() ? t.getUnionTypes() : [t]).map((m) => m.getText());
    const removed = literals(oldType).filter((l) => !literals(newType).includes(l));
    const added = literals(newType).filter((l) => !literals(oldType).includes(l));
    const inBroken = dirs.has('in') && !this.assignable(oldType, newType);
    const outBroken = dirs.has('out') && !this.assignable(newType, oldType);
    if (inBroken) this.add('breaking', after, name, removed.length > 0 ? `no longer accepts ${removed.join(', ')}` : `no longer accepts every old value: was ${oText}, now ${nText}`);
    if (outBroken) this.add('breaking', after, name, added.length > 0 ? `may now be ${added.join(', ')}` : `may now hold values old code does not expect: was ${oText}, now ${nText}`);
    if (!inBroken && !outBroken) {
      const parts = [...(added.length > 0 ? [`now also ${added.join(', ')}`] : []), ...(removed.length > 0 ? [`no longer ${removed.join(', ')}`] : [])];
      this.add('feature', after, name, parts.length > 0 ? parts.join('; ') : `type changed from ${oText} to ${nText}`);
    }
  }

  private assignable(source: Type, target: Type): boolean {
    return this.checker.isTypeAssignableTo(source.compilerType, target.compilerType);
  }

  private isExportedClassType(t: Type): boolean {
    const name = t.getSymbol()?.getName();
    return name !== undefined && (this.next.exports.get(name)?.[0]?.getKindName() === 'ClassDeclaration');
  }

  /** Which exported types reach consumers as inputs, outputs or both, found from every exported signature. */
  private collectDirections(side: Side): void {
    const seen = new Set<string>();
    const visit = (t: Type, dir: Direction, at: Node, depth: number): void => {
      if (depth > 12) return;
      const name = t.getAliasSymbol()?.getName() ?? t.getSymbol()?.getName();
      const exported = name !== undefined && side.exports.has(name);
      const key = `${dir}:${exported ? name : (t.compilerType as { id?: number }).id}`;
      if (seen.has(key)) return;
      seen.add(key);
      if (exported) this.mark(name, dir);
      for (const member of [...t.getUnionTypes(), ...t.getIntersectionTypes(), ...t.getTypeArguments(), ...t.getAliasTypeArguments()]) visit(member, dir, at, depth + 1);
      const element = t.getArrayElementType();
      if (element) visit(element, dir, at, depth + 1);
      if (t.isObject() && (t.isAnonymous() || t.isInterface() || exported) && !isRuntimeClass(t)) {
        for (const p of t.getProperties()) visit(p.getTypeAtLocation(at), dir, at, depth + 1);
        for (const s of t.getCallSignatures()) visitSignature(s, dir, at, depth + 1);
      }
    };
    const flip = (d: Direction): Direction => (d === 'in' ? 'out' : 'in');
    const visitSignature = (s: Signature, dir: Direction, at: Node, depth: number): void => {
      for (const p of s.getParameters()) visit(p.getTypeAtLocation(at), flip(dir), at, depth);
      visit(s.getReturnType(), dir, at, depth);
    };
    for (const [, [decl]] of side.exports) {
      if (!decl) continue;
      if (morph().Node.isFunctionDeclaration(decl)) for (const s of decl.getType().getCallSignatures()) visitSignature(s, 'out', decl, 0);
      if (morph().Node.isClassDeclaration(decl)) {
        const statics = decl.getSymbol();
        if (statics) for (const s of statics.getTypeAtLocation(decl).getConstructSignatures()) for (const p of s.getParameters()) visit(p.getTypeAtLocation(decl), 'in', decl, 0);
        for (const m of decl.getType().getProperties().filter(isPublic)) {
          const t = m.getTypeAtLocation(decl);
          for (const s of t.getCallSignatures()) visitSignature(s, 'out', decl, 0);
        }
      }
    }
  }

  private mark(name: string, dir: Direction): void {
    const dirs = this.directions.get(name) ?? new Set<Direction>();
    dirs.add(dir);
    this.directions.set(name, dirs);
  }
}

/**
 * The same type written the same way, up to the order of a union's members:
 * the checker orders them by when it met each, which differs between two
 * programs when a member is an inline object type.
 */
function sameType(a: Type, b: Type, atA: Node, atB: Node): boolean {
  if (a.getText(atA) === b.getText(atB)) return true;
  if (!a.isUnion() || !b.isUnion()) return false;
  const members = (t: Type, at: Node) => t.getUnionTypes().map((m) => m.getText(at)).sort();
  const ma = members(a, atA);
  const mb = members(b, atB);
  return ma.length === mb.length && ma.every((m, i) => m === mb[i]);
}

function isDeprecated(n: Node): boolean {
  return /@deprecated\b/.test(n.getText(true));
}

function isPublic(p: MorphSymbol): boolean {
  const decl = p.getDeclarations()[0];
  if (!decl) return true;
  if (p.getName().startsWith('#') || p.getName().startsWith('_')) return false;
  const { ts } = morph();
  const flags = ts.getCombinedModifierFlags(decl.compilerNode as ts.Declaration);
  return (flags & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) === 0;
}

/** An interface or object literal type whose properties are compared one by one. */
function isObjectShape(t: Type): boolean {
  return t.isObject() && !t.isArray() && !t.isTuple() && t.getCallSignatures().length === 0 && t.getProperties().length > 0 && !t.isUnion();
}

/** Runtime classes (promises, pages) are walked only through their type arguments. */
function isRuntimeClass(t: Type): boolean {
  return t.isClass() || (t.getSymbol()?.getDeclarations()[0]?.getSourceFile().getFilePath().includes('/src/core/') ?? false) || t.getSymbol()?.getName() === 'Promise';
}

function kindWord(n: Node): string {
  return n.getKindName().replace(/Declaration$/, '').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}
