import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { loadAssets } from '../../generator/src/assets.js';
import { errorClassFor, runtimeSurface } from '../../generator/src/load/runtime-surface.js';
import { APIError, errorClass } from '../../runtime/src/errors.js';
import { runtimeFiles } from '../../generator/src/load/runtime-files.js';
import { STRICT_OPTIONS } from '../support/compile.js';
import { ROOT } from '../support/packages.js';

const RUNTIME = join(ROOT, 'runtime/src');
const program = ts.createProgram({ rootNames: readdirSync(RUNTIME).map((f) => join(RUNTIME, f)), options: { ...STRICT_OPTIONS, noEmit: true } });
const checker = program.getTypeChecker();

function exportsOf(file: string): ts.Symbol[] {
  return checker.getExportsOfModule(checker.getSymbolAtLocation(program.getSourceFile(join(RUNTIME, file))!)!);
}

function exported(file: string, name: string): ts.Symbol {
  return exportsOf(file).find((s) => s.name === name)!;
}

/** Members a subclass or an object literal could collide with: everything not `private` or `#private`. */
function visibleMembers(symbol: ts.Symbol): string[] {
  const type = checker.getDeclaredTypeOfSymbol(symbol);
  return type.getProperties().filter((p) => !p.name.startsWith('#') && !p.declarations?.some((d) => ts.getCombinedModifierFlags(d) & ts.ModifierFlags.Private)).map((p) => p.name).sort();
}

describe('the runtime surface, as the generator reads it from the runtime sources', () => {
  const surface = runtimeSurface(loadAssets().runtime);

  it('lists what the TypeScript compiler sees index.ts export', () => {
    expect([...surface.exports].sort()).toEqual(exportsOf('index.ts').map((s) => s.name).sort());
  });

  it('names the module that declares each export', () => {
    for (const [name, file] of Object.entries(surface.modules)) expect(exportsOf(file).map((s) => s.name), name).toContain(name);
  });

  it('reads the option and member names of the client and resource classes', () => {
    expect([...surface.clientOptions].sort()).toEqual(visibleMembers(exported('client.ts', 'ClientOptions')));
    expect([...surface.clientMembers].sort()).toEqual(visibleMembers(exported('client.ts', 'APIClient')));
    expect([...surface.resourceMembers].sort()).toEqual(visibleMembers(exported('resource.ts', 'APIResource')));
  });

  it('names the error class the runtime raises for every status', () => {
    for (let status = 100; status < 600; status++) {
      expect(errorClassFor(surface, String(status)), String(status)).toBe(APIError.from(status, new Headers(), '', {}, errorClass).name);
    }
    expect(errorClassFor(surface, '5XX')).toBe('InternalServerError');
    expect(errorClassFor(surface, 'default')).toBe('APIError');
  });

  it('names APIError for every status in the slim core, whose client picks no class', () => {
    const slim = runtimeSurface(runtimeFiles(loadAssets().runtime, 'slim'));
    expect(slim.errorClasses).toEqual([]);
    for (const status of ['404', '5XX', 'default']) expect(errorClassFor(slim, status)).toBe(APIError.from(Number(status) || 500, new Headers(), '').name);
  });

  it('refuses runtime sources it cannot read instead of guessing', () => {
    const files = { ...loadAssets().runtime };
    expect(() => runtimeSurface({ ...files, 'index.ts': "export * from './client.js';\n" })).toThrow(/cannot read/);
    expect(() => runtimeSurface({ ...files, 'index.ts': "export { Nope } from './client.js';\n" })).toThrow(/Nope is not declared/);
    expect(() => runtimeSurface({ ...files, 'errors.ts': files['errors.ts']!.replace('ERROR_CLASSES', 'TABLE') })).toThrow(/ERROR_CLASSES/);
  });
});
