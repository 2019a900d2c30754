import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { tempTree } from './tmp.js';

export interface ImportedPackages {
  /** Type errors of the packages under their own tsconfig.json (strict), as `path: message`. */
  errors: string[];
  /** The compiled modules that were imported. */
  modules: string[];
  /** Modules whose import threw, with the error. */
  failed: string[];
  stdout: string;
  /** Files payloads wrote to the marker folder (the child's working directory). */
  markerFiles: string[];
  /** `globalThis` keys starting with `MARKER` after importing. */
  markerGlobals: string[];
}

/** Prefix of the globals, and of the files in the working folder, that payloads in hostile specs leave if they ever run. */
export const MARKER = '__sdkgen_pwned';

/**
 * Compiles generated packages with tsc under their own tsconfig.json, then
 * imports every compiled module of all of them in one fresh Node process and
 * reports what the imports left behind: globals, files, output.
 */
export function importPackages(packages: Map<string, string>[]): ImportedPackages {
  // The compiled modules are ES modules, as in the packages themselves.
  const tree: Record<string, string> = { 'marks/.keep': '', 'dist/package.json': '{ "type": "module" }' };
  packages.forEach((files, i) => {
    for (const [path, text] of files) tree[join(`pkg${i}`, path)] = text;
  });
  const root = tempTree(tree);
  const errors: string[] = [];
  const modules: string[] = [];
  const dirs = packages.map((_, i) => join(root, `pkg${i}`));
  // One program for all: the packages share their options and the lib files, so tsc reads those once.
  const parsed = dirs.map((dir) => ts.parseJsonConfigFileContent(ts.readConfigFile(join(dir, 'tsconfig.json'), ts.sys.readFile).config, ts.sys, dir));
  const options = parsed[0]!.options;
  for (const p of parsed) assertSameOptions(p.options, options);
  const program = ts.createProgram({ rootNames: parsed.flatMap((p) => p.fileNames), options: { ...options, rootDir: root, outDir: join(root, 'dist'), tsBuildInfoFile: undefined } });
  const emitted = program.emit();
  for (const d of [...ts.getPreEmitDiagnostics(program), ...emitted.diagnostics]) {
    errors.push(`${d.file ? relative(root, d.file.fileName) : ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
  }
  modules.push(...jsFiles(join(root, 'dist')));
  const marks = join(root, 'marks');
  const script = `
    import { readdirSync } from 'node:fs';
    const failed = [];
    for (const m of ${JSON.stringify(modules)}) {
      try { await import(m); } catch (e) { failed.push(m + ': ' + String(e)); }
    }
    const report = {
      failed,
      markerGlobals: Object.getOwnPropertyNames(globalThis).filter((k) => k.startsWith(${JSON.stringify(MARKER)})),
      markerFiles: readdirSync('.').filter((f) => f !== '.keep'),
    };
    process.stdout.write('\\n@@REPORT@@' + JSON.stringify(report));
  `;
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: marks, encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '' } });
  const [stdout, report] = child.stdout.split('\n@@REPORT@@');
  const result = report ? (JSON.parse(report) as Pick<ImportedPackages, 'failed' | 'markerGlobals' | 'markerFiles'>) : { failed: [`node exited ${child.status}: ${child.stderr}`], markerGlobals: [], markerFiles: [] };
  return { errors, modules: modules.map((m) => relative(root, m)), stdout: stdout ?? '', ...result };
}

/** The packages are compiled as one program, which is only sound if they ask for the same options. */
function assertSameOptions(actual: ts.CompilerOptions, wanted: ts.CompilerOptions): void {
  const strip = (o: ts.CompilerOptions) => JSON.stringify({ ...o, rootDir: undefined, outDir: undefined, tsBuildInfoFile: undefined, configFilePath: undefined });
  if (strip(actual) !== strip(wanted)) throw new Error('generated packages differ in compiler options');
}

function jsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.js'))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}
