import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { tempTree } from './tmp.js';

export interface ImportedPackage {
  /** Type errors of the package under its own tsconfig.json. */
  errors: string[];
  /** The compiled modules that were imported, relative to the package. */
  modules: string[];
  /** Whether every module imported without throwing. */
  imported: boolean;
  stdout: string;
  stderr: string;
  /** Files the child process found in the marker folder after importing. */
  markerFiles: string[];
  /** `globalThis` keys starting with the marker prefix after importing. */
  markerGlobals: string[];
}

/** Prefix of the globals and the folder that payloads in hostile specs write to if they ever run. */
export const MARKER = '__sdkgen_pwned';

/**
 * Compiles a generated package with tsc under its own tsconfig.json (strict),
 * then imports every compiled module in a fresh Node process and reports what
 * the import left behind: globals, files in a marker folder, output.
 */
export function importPackage(files: Map<string, string>): ImportedPackage {
  const tree: Record<string, string> = {};
  for (const [path, text] of files) tree[join('pkg', path)] = text;
  const root = tempTree({ ...tree, [join(MARKER, '.keep')]: '' });
  const pkg = join(root, 'pkg');
  const read = ts.readConfigFile(join(pkg, 'tsconfig.json'), ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, pkg);
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options });
  const emitted = program.emit();
  const errors = [...ts.getPreEmitDiagnostics(program), ...emitted.diagnostics].map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  const modules = jsFiles(join(pkg, 'dist')).map((f) => relative(pkg, f)).sort();
  const markerDir = join(root, MARKER);
  const script = `
    import { readdirSync } from 'node:fs';
    let imported = true;
    for (const m of ${JSON.stringify(modules.map((m) => join(pkg, m)))}) {
      try { await import(m); } catch (e) { imported = false; console.error('IMPORT FAILED', m, String(e)); }
    }
    const report = {
      imported,
      markerGlobals: Object.getOwnPropertyNames(globalThis).filter((k) => k.startsWith(${JSON.stringify(MARKER)})),
      markerFiles: readdirSync(${JSON.stringify(markerDir)}).filter((f) => f !== '.keep'),
    };
    process.stdout.write('\\n@@REPORT@@' + JSON.stringify(report));
  `;
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: markerDir, encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '', SDKGEN_MARKER_DIR: markerDir } });
  const [stdout, report] = child.stdout.split('\n@@REPORT@@');
  const parsedReport = report ? (JSON.parse(report) as { imported: boolean; markerGlobals: string[]; markerFiles: string[] }) : { imported: false, markerGlobals: [], markerFiles: [] };
  return { errors, modules, stdout: stdout ?? '', stderr: child.stderr, ...parsedReport };
}

function jsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.js'))
    .map((e) => join(e.parentPath, e.name));
}
