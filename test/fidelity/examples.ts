import ts from 'typescript';
import { join } from 'node:path';
import { STRICT_OPTIONS } from '../support/compile.js';
import { tempTree } from '../support/tmp.js';

export interface Snippet {
  /** Where it was found: file and line. */
  origin: string;
  code: string;
}

export interface SnippetOutcome extends Snippet {
  diagnostics: string[];
}

/** The code of every `@example` in the package's TypeScript and every ts fence of its markdown. */
export function extractSnippets(files: Map<string, string>): Snippet[] {
  const out: Snippet[] = [];
  for (const [path, text] of files) {
    if (path.endsWith('.ts')) out.push(...jsdocExamples(path, text));
    else if (path.endsWith('.md')) out.push(...fences(path, text.split('\n'), (l) => l));
  }
  return out;
}

function jsdocExamples(path: string, text: string): Snippet[] {
  const out: Snippet[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!/^\s*\*\s*@example\b/.test(lines[i]!)) continue;
    const body: string[] = [];
    let j = i + 1;
    while (j < lines.length && !/^\s*\*\s*@\w/.test(lines[j]!) && !/\*\//.test(lines[j]!)) body.push(lines[j++]!);
    out.push(...fences(`${path}:${i + 1}`, body, (l) => l.replace(/^\s*\* ?/, ''), i + 1));
  }
  return out;
}

function fences(origin: string, lines: string[], strip: (line: string) => string, offset = 0): Snippet[] {
  const out: Snippet[] = [];
  let open: { at: number; code: string[] } | undefined;
  lines.forEach((raw, i) => {
    const line = strip(raw);
    if (open) {
      if (/^```\s*$/.test(line)) {
        out.push({ origin: offset ? origin : `${origin}:${open.at}`, code: open.code.join('\n') });
        open = undefined;
      } else open.code.push(line);
    } else if (/^```(ts|typescript)\s*$/.test(line)) open = { at: offset + i + 1, code: [] };
  });
  return out;
}

/**
 * Compiles every snippet as a module of its own with one program, beside the
 * package's sources: a snippet that imports the package by name gets it; one
 * that is a fragment gets the package's exports and the client variable the
 * docs use in scope, as a reader who follows the README would have them.
 */
export function compileSnippets(files: Map<string, string>, snippets: Snippet[]): SnippetOutcome[] {
  const tree: Record<string, string> = {};
  for (const [path, text] of files) tree[path] = text;
  const packageName = (JSON.parse(files.get('package.json') ?? '{}') as { name?: string }).name ?? '';
  const readme = files.get('README.md') ?? '';
  const client = /const (\w+) = new (\w+)\(/.exec(readme);
  const dir = tempTree(tree);
  const index = ts.createProgram({ rootNames: [join(dir, 'src/index.ts')], options: { ...STRICT_OPTIONS, noEmit: true } });
  const exports = exportedNames(index, join(dir, 'src/index.ts'));
  const sources: Record<string, string> = {
    // A reader's project has Node's `process`; the package itself never needs it.
    'snippets/env.d.ts': 'declare const process: { env: Record<string, string | undefined> };\n',
  };
  // The docs page repeats the method's own example: each distinct text is compiled once.
  const distinct = [...new Set(snippets.map((s) => s.code))];
  distinct.forEach((code, i) => {
    const own = /^\s*import\s/m.test(code);
    const text = code.replaceAll(`'${packageName}'`, `'../src/index.js'`).replaceAll(`"${packageName}"`, `'../src/index.js'`);
    const prelude = own ? [] : [
      `import { ${exports.join(', ')} } from '../src/index.js';`,
      ...(client ? [`declare const ${client[1]}: ${client[2]};`] : []),
    ];
    sources[`snippets/s${i}.ts`] = [...prelude, text, 'export {};', ''].join('\n');
  });
  const written = tempTreeAt(dir, sources);
  const program = ts.createProgram({ rootNames: written, options: { ...STRICT_OPTIONS, noEmit: true }, oldProgram: index });
  const errors = distinct.map((_code, i) => {
    const file = program.getSourceFile(join(dir, `snippets/s${i}.ts`))!;
    return [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)].map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  });
  return snippets.map((s) => ({ ...s, diagnostics: errors[distinct.indexOf(s.code)]! }));
}

function exportedNames(program: ts.Program, index: string): string[] {
  const checker = program.getTypeChecker();
  const symbol = checker.getSymbolAtLocation(program.getSourceFile(index)!);
  return symbol ? checker.getExportsOfModule(symbol).map((e) => e.name).filter((n) => n !== 'default') : [];
}

function tempTreeAt(dir: string, files: Record<string, string>): string[] {
  const paths: string[] = [];
  for (const [path, text] of Object.entries(files)) {
    const full = join(dir, path);
    ts.sys.writeFile(full, text);
    paths.push(full);
  }
  return paths;
}
