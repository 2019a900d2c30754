/*
 * Handlebars with only our escaping helpers: the one way a template renders.
 * The build precompiles the shipped templates (scripts/precompile-templates.js),
 * so a run loads only the Handlebars runtime instead of parsing and compiling
 * every template again. A template whose source is not the one precompiled
 * (edited since the build), or a build without the precompiled file, is checked
 * and compiled from its source as before: the precompiled file only saves time.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import type * as HandlebarsModule from 'handlebars';
import * as HandlebarsRuntime from 'handlebars/runtime.js';
import { PRECOMPILED_TEMPLATES } from '../assets.js';
import { textDigest } from '../text-digest.js';
import { markdownBlock, markdownCode, markdownFence, markdownInline, markdownLinkTarget } from './escape.js';

type Handlebars = typeof HandlebarsModule;
type Render = (view: object) => string;

/** Template name -> the hash of the source it was made from and the template spec Handlebars made of it. */
export interface Precompiled {
  handlebars: string;
  templates: Record<string, { sha256: string; spec: TemplateSpecification }>;
}


/** `noEscape`: every printer escapes for where its output lands. `strict`: a misspelt field fails instead of printing nothing. */
const OPTIONS = { noEscape: true, strict: true } as const;

const require = createRequire(import.meta.url);
/** The compiler, loaded only to check and compile a template from its source. */
const compiler = (): Handlebars => require('handlebars') as Handlebars;
/**
 * The runtime alone: enough to run a precompiled template. Imported rather
 * than required, so the CLI bundle (scripts/bundle-cli.js) carries it.
 */
const runtime = (): Handlebars => (HandlebarsRuntime as unknown as { default: Handlebars }).default;

/** How a template may print a value: each helper escapes for where its output lands. */
const PRINTERS: Record<string, (v: unknown, ...rest: unknown[]) => string> = {
  json: (v) => JSON.stringify(v ?? null),
  md: (v) => markdownInline(String(v ?? '')),
  mdBlock: (v) => markdownBlock(String(v ?? '')),
  code: (v) => markdownCode(String(v ?? '')),
  // `{{{fence text "sh"}}}`: Handlebars passes its options object last.
  fence: (v, ...rest) => markdownFence(String(v ?? ''), rest.length > 1 && typeof rest[0] === 'string' ? rest[0] : 'ts'),
  target: (v) => markdownLinkTarget(String(v ?? '')),
};

function withPrinters(handlebars: Handlebars): Handlebars {
  const hb = handlebars.create();
  for (const [name, helper] of Object.entries(PRINTERS)) hb.registerHelper(name, helper);
  return hb;
}

type Node = { type: string; path?: { original?: unknown }; params?: unknown[]; program?: { body: Node[] }; inverse?: { body: Node[] } };

/**
 * Refuses a template that prints a value other than through a printer: with
 * `noEscape`, a bare `{{x}}` or `{{{x}}}` would put spec text in raw, and a
 * partial could bring in text no one checked.
 */
export function checkTemplate(name: string, source: string): void {
  const visit = (nodes: Node[]) => {
    for (const node of nodes) {
      if (node.type === 'MustacheStatement') {
        const helper = String(node.path?.original);
        if (!Object.hasOwn(PRINTERS, helper) || (node.params ?? []).length === 0) throw new Error(`template ${name}: {{${helper}}} prints a value without escaping it; use one of ${Object.keys(PRINTERS).join(', ')}`);
      } else if (node.type === 'BlockStatement') {
        visit(node.program?.body ?? []);
        visit(node.inverse?.body ?? []);
      } else if (node.type !== 'ContentStatement' && node.type !== 'CommentStatement') {
        throw new Error(`template ${name}: ${node.type} is not allowed`);
      }
    }
  };
  visit((compiler().parse(source) as unknown as { body: Node[] }).body);
}

/**
 * A renderer of `templates` by name, each made once: from `precompiled` when
 * it holds that very source, made by this Handlebars version, else checked
 * and compiled from the source.
 */
export function templateRenderer(templates: Record<string, string>, precompiled: Precompiled | undefined = shippedTemplates()): (name: string, view: object) => string {
  const ready = new Map<string, Render>();
  let fromSpecs: Handlebars | undefined;
  let fromSources: Handlebars | undefined;
  const prepare = (name: string): Render => {
    const source = templates[name];
    if (source === undefined) throw new Error(`missing template ${name}`);
    const made = precompiled?.templates[name];
    if (made && made.sha256 === textDigest(source).toString('hex') && precompiled!.handlebars === runtime().VERSION) {
      fromSpecs ??= withPrinters(runtime());
      return fromSpecs.template(made.spec);
    }
    checkTemplate(name, source);
    fromSources ??= withPrinters(compiler());
    return fromSources.compile(source, OPTIONS);
  };
  return (name, view) => {
    let render = ready.get(name);
    if (!render) ready.set(name, (render = prepare(name)));
    return render(view);
  };
}

/** The source of the CommonJS module the build writes to PRECOMPILED_TEMPLATES: every template checked and precompiled. */
export function precompiledModule(templates: Record<string, string>): string {
  const hb = compiler();
  const entries = Object.entries(templates).map(([name, source]) => {
    checkTemplate(name, source);
    return `    ${JSON.stringify(name)}: { sha256: ${JSON.stringify(textDigest(source).toString('hex'))}, spec: ${String(hb.precompile(source, OPTIONS))} },`;
  });
  return `// The templates precompiled by generator/scripts/precompile-templates.js; rebuilt by every build.\nmodule.exports = {\n  handlebars: ${JSON.stringify(hb.VERSION)},\n  templates: {\n${entries.join('\n')}\n  },\n};\n`;
}

/** The precompiled templates in `file`, or undefined when there are none. */
export function readPrecompiled(file: string): Precompiled | undefined {
  return existsSync(file) ? (require(file) as Precompiled) : undefined;
}

let shipped: { value: Precompiled | undefined } | undefined;

function shippedTemplates(): Precompiled | undefined {
  shipped ??= { value: readPrecompiled(PRECOMPILED_TEMPLATES) };
  return shipped.value;
}
