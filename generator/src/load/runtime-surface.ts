/**
 * What the runtime offers generated code, read from the runtime's own sources
 * (the files vendored into every package) so the generator keeps no copy of
 * it. The sources are read in the few plain forms they are written in; a form
 * this reader does not know is an error, never a silent gap.
 */
export interface RuntimeSurface {
  /** The public names, as `index.ts` re-exports them. */
  exports: string[];
  /** The runtime file (e.g. `client.ts`) that declares each exported name. */
  modules: Record<string, string>;
  /**
   * Error class by status, exact (`404`) or by range (`5XX`), in the runtime's
   * order; empty for a core whose client does not pick them (`errorClass`), as
   * the slim one, which throws the fallback for every status.
   */
  errorClasses: { status: string; className: string }[];
  /** The class any other status raises. */
  errorFallback: string;
  /** Members of `ClientOptions`, which credential options must not shadow. */
  clientOptions: string[];
  /** Public and protected members of the client class and the resource class. */
  clientMembers: string[];
  resourceMembers: string[];
}

const IDENT = '[A-Za-z_$][\\w$]*';
const DECLARATION = new RegExp(`^export\\s+(?:declare\\s+)?(?:abstract\\s+)?(?:async\\s+)?(?:class|function\\*?|const|let|var|interface|type|enum)\\s+(${IDENT})`, 'gm');
const RE_EXPORT = /export\s+(type\s+)?\{([^}]*)\}\s*from\s*'\.\/([\w-]+)\.js';/g;

const cache = new WeakMap<Record<string, string>, RuntimeSurface>();

/** Reads the surface from the runtime's files, by file name; the same files give the same object. */
export function runtimeSurface(files: Record<string, string>): RuntimeSurface {
  let surface = cache.get(files);
  if (!surface) {
    surface = readSurface(files);
    cache.set(files, surface);
  }
  return surface;
}

function readSurface(files: Record<string, string>): RuntimeSurface {
  const modules = declarations(files);
  const { table, fallback } = errorTable(source(files, 'errors.ts'));
  return {
    exports: publicExports(source(files, 'index.ts'), modules),
    modules,
    errorClasses: picksErrorClass(source(files, modules['APIClient'] ?? 'client.ts')) ? table : [],
    errorFallback: fallback,
    clientOptions: members(source(files, modules['ClientOptions'] ?? 'client.ts'), 'interface ClientOptions'),
    clientMembers: members(source(files, modules['APIClient'] ?? 'client.ts'), 'class APIClient'),
    resourceMembers: members(source(files, modules['APIResource'] ?? 'resource.ts'), 'class APIResource'),
  };
}

/** Whether a client core imports `errorClass`, the per-status choice it gives the errors it reads. */
function picksErrorClass(client: string): boolean {
  return /^import\s*\{[^}]*\berrorClass\b[^}]*\}\s*from\s*'\.\/errors\.js';/m.test(withoutComments(client));
}

/** The error class a response status raises, found as the runtime finds it. */
export function errorClassFor(surface: RuntimeSurface, status: string): string {
  const exact = surface.errorClasses.find((e) => e.status === status);
  const range = surface.errorClasses.find((e) => e.status === `${status[0]}XX`);
  return (exact ?? range)?.className ?? surface.errorFallback;
}

/** The runtime file that declares `name`; the generator asking for a name the runtime lacks is a bug. */
export function runtimeModule(surface: RuntimeSurface, name: string): string {
  const file = surface.modules[name];
  if (file === undefined) throw new Error(`the runtime declares no export named ${name}`);
  return file;
}

function source(files: Record<string, string>, name: string): string {
  const text = files[name];
  if (text === undefined) throw new Error(`the runtime has no ${name}`);
  return text;
}

function declarations(files: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [file, text] of Object.entries(files)) {
    if (file === 'index.ts') continue;
    for (const m of text.matchAll(DECLARATION)) out[m[1]!] ??= file;
  }
  return out;
}

function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
}

/** `export { A, type B } from './x.js';` lines, each name declared in the module it names. */
function publicExports(index: string, modules: Record<string, string>): string[] {
  const text = withoutComments(index);
  const names: string[] = [];
  for (const m of text.matchAll(RE_EXPORT)) {
    for (const item of m[2]!.split(',').map((s) => s.trim()).filter(Boolean)) {
      const name = new RegExp(`^(?:type\\s+)?(${IDENT})$`).exec(item)?.[1];
      if (!name) throw new Error(`runtime index.ts: cannot read the export "${item}"`);
      if (modules[name] !== `${m[3]}.ts`) throw new Error(`runtime index.ts: ${name} is not declared in ${m[3]}.ts`);
      names.push(name);
    }
  }
  const rest = text.replace(RE_EXPORT, '').trim();
  if (rest !== '') throw new Error(`runtime index.ts: cannot read "${rest.split('\n')[0]}"`);
  if (names.length === 0) throw new Error('runtime index.ts exports nothing');
  return names;
}

/** The `ERROR_CLASSES` table of errors.ts, and the class its lookup falls back to. */
function errorTable(errors: string): { table: { status: string; className: string }[]; fallback: string } {
  const body = /const ERROR_CLASSES\b[^=]*=\s*\{([^}]*)\};/.exec(errors)?.[1];
  const fallback = /ERROR_CLASSES\[[^\]]*\]\s*\?\?\s*(\w+);/.exec(errors)?.[1];
  if (body === undefined || fallback === undefined) throw new Error('runtime errors.ts: cannot find the ERROR_CLASSES table and its fallback');
  const table = withoutComments(body).split(',').map((s) => s.trim()).filter(Boolean).map((entry) => {
    const m = new RegExp(`^(?:'(\\dXX)'|(\\d{3})):\\s*(${IDENT})$`).exec(entry);
    if (!m) throw new Error(`runtime errors.ts: cannot read the ERROR_CLASSES entry "${entry}"`);
    return { status: m[1] ?? m[2]!, className: m[3]! };
  });
  return { table, fallback };
}

/** Member names of `export <header> … {`, read from its lines at one level of indentation. */
function members(text: string, header: string): string[] {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.startsWith(`export ${header} `) || l === `export ${header} {`);
  if (start < 0) throw new Error(`the runtime has no ${header}`);
  const out: string[] = [];
  const member = new RegExp(`^  ((?:(?:public|protected|private|static|readonly|override|async|get|set)\\s+)*)(${IDENT})\\??\\s*[(<:=!]`);
  for (const line of lines.slice(start + 1)) {
    if (line.startsWith('}')) return [...new Set(out)];
    const m = member.exec(line);
    if (m && m[2] !== 'constructor' && !/\bprivate\b/.test(m[1]!)) out.push(m[2]!);
  }
  throw new Error(`the runtime's ${header} has no end`);
}
