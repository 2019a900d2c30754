import { childTypes } from '../ir/children.js';
import type { IR, IRModel, IROperation, IRResource, IRType } from '../ir/types.js';
import { objectKey, propertyAccess, stringLiteral } from './escape.js';
import { templateRenderer } from './template-engine.js';
import { validated as validatedOperation } from './validators.js';
import { datesPlan } from './dates.js';
import { exampleCall, exampleInvocation } from './example.js';
import { successType } from './operation-types.js';
import { typeText } from './type-expr.js';
import { webhooksReadmeView } from './webhook-docs.js';
import { EmitMemo } from './memo.js';
import { readmeSlice, resourceDocSlice, type ReadmeIR, type ResourceDocIR } from './slices.js';

/** One template rendered with the same escaping helpers and checks, for an artefact made outside the package emit (the changelog). */
export function renderTemplate(templates: Record<string, string>, name: string, view: object): string {
  return templateRenderer(templates)(name, view);
}

/** package.json, apart from the other artefacts because it carries the package's version. */
export function renderPackageJson(ir: IR, templates: Record<string, string>, typescriptVersion: string): string {
  return renderTemplate(templates, 'package.json.hbs', { packageName: ir.packageName, packageVersion: ir.packageVersion, description: `TypeScript client for the ${ir.title}`, typescriptVersion });
}

/**
 * The text artefacts but package.json: the README and each resource's page
 * are units of `memo`, rendered only when their slice of the IR changed
 * (without one, of a memo of their own that has nothing to reuse).
 */
export function renderTemplates(ir: IR, templates: Record<string, string>, typescriptVersion: string, memo: EmitMemo = new EmitMemo('')): Map<string, string> {
  // One renderer for all: a large API has a doc page per resource, each from the same template.
  const render = templateRenderer(templates);
  const files = new Map<string, string>();
  files.set('tsconfig.json', render('tsconfig.json.hbs', {}));
  files.set('README.md', memo.wholeFile('README.md', 'readme', readmeSlice(ir), (slice) => render('README.md.hbs', readmeView(slice))));
  for (const r of ir.resources) files.set(r.docFile, memo.wholeFile(r.docFile, 'resource-doc', resourceDocSlice(ir, r), (slice) => render('resource.md.hbs', resourceView(slice, slice.resource))));
  return files;
}

/** A type on one line, for prose. */
function inlineTypeText(t: IRType | 'void'): string {
  return t === 'void' ? 'void' : typeText(t).replace(/\s*\n\s*/g, ' ');
}

/** Client set-up for examples: the default export, or `core` with named imports of standalone functions. */
function construct(ir: ReadmeIR, extra?: string, standalone?: { functions: string[] }): string {
  const args = [
    ...ir.auth.slice(0, 1).map((a) => `  ${objectKey(a.option)}: ${a.env ? `process.env[${stringLiteral(a.env)}]` : "'...'"},`),
    ...ir.clientParams.map((p) => `  ${objectKey(p.option)}: ${stringLiteral(`my-${p.option.toLowerCase()}`)},`),
    ...(extra ? [extra] : []),
  ];
  const client = standalone ? ir.coreClientName : ir.clientName;
  const imports = standalone ? `{ ${[client, ...standalone.functions].join(', ')} }` : client;
  return `import ${imports} from ${stringLiteral(ir.packageName)};\n\nconst ${ir.clientVariable} = new ${client}(${args.length ? `{\n${args.join('\n')}\n}` : ''});`;
}

/** Where an error's message comes from, for the README: the fields the spec declares (`errors[0].message`), or undefined for the common shapes. */
function errorMessageView(ir: ReadmeIR) {
  const found = ir.errorMessage;
  if (!found) return undefined;
  const field = (path: (string | number)[]) => path.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join('');
  return { fields: found.entries.map((e) => ({ field: field(e[0]!), then: e.slice(1).map(field) })), fieldMessages: found.fieldMessages };
}

function readmeView(ir: ReadmeIR) {
  const ops = ir.resources.flatMap((r) => r.operations.map((op) => ({ r, op })));
  const first = ops.find(({ op }) => !op.pagination) ?? ops[0];
  const paged = ops.find(({ op }) => op.pagination);
  const streamed = ops.find(({ op }) => op.stream && op.stream.form.kind !== 'only') ?? ops.find(({ op }) => op.stream);
  const download = ops.find(({ op }) => op.responseKind === 'blob');
  return {
    title: ir.title,
    description: ir.description,
    apiVersion: ir.apiVersion,
    packageName: ir.packageName,
    install: `npm install ${ir.packageName}`,
    requireExample: `const { default: ${ir.clientName}, ${ir.coreClientName} } = require(${stringLiteral(ir.packageName)});`,
    usage: `${construct(ir)}${first ? `\n\n${exampleCall(ir, first.r.property, first.op)}` : ''}`,
    coreClient: ir.coreClientName,
    standalone: first ? `${construct(ir, undefined, { functions: [first.op.functionName] })}\n\n${exampleCall(ir, first.r.property, first.op, true)}` : undefined,
    auth: ir.auth.map((a) => ({ option: a.option, env: a.env, sentAs: a.type === 'apiKey' ? `${a.name} ${a.in}` : a.type === 'bearer' ? 'Authorization: Bearer header' : 'HTTP basic authentication' })),
    clientParams: ir.clientParams,
    resources: ir.resources.map((r) => ({ property: r.property, className: r.className, methods: r.operations.map((o) => o.name), docPath: r.docFile })),
    errorClasses: ir.errorClasses,
    errorFallback: ir.errorFallback,
    errorMessage: errorMessageView(ir),
    pagination: paged ? exampleCall(ir, paged.r.property, paged.op) : undefined,
    streaming: streamed ? streamingView(ir, streamed.r, streamed.op) : undefined,
    download: download ? downloadExample(ir, download.r, download.op) : undefined,
    errors: first ? errorsExample(ir, first.r, first.op) : '',
    slim: ir.core === 'slim',
    followRedirects: ir.followRedirects,
    options: first ? optionsExample(ir, first.r, first.op) : '',
    logging: construct(ir, "  logger: console,\n  logLevel: 'debug',\n  logging,", { functions: ['logging'] }),
    uploads: uploadsExample(ir),
    oauth: oauthView(ir),
    webhooks: webhooksReadmeView(ir),
    validation: validationExample(ir),
    dates: datesExample(ir),
    raw: first ? `const { data, response } = await ${exampleInvocation(ir, first.r.property, first.op)}.withResponse();\nconsole.log(response.status, data);` : '',
  };
}

/** With `dates`: a call whose result has a Date, used as one. */
function datesExample(ir: ReadmeIR): { example: string } | undefined {
  if (!ir.dates) return undefined;
  const plan = datesPlan(ir);
  const found = ir.resources.flatMap((r) => r.operations.map((op) => ({ r, op }))).find(({ op }) => !op.pagination && plan.operations.get(op)?.success !== undefined);
  if (!found) return undefined;
  const path = datePath(successType(found.op) as IRType, plan.models, 'result', 0);
  if (!path) return undefined;
  const lines = [
    construct(ir),
    '',
    `const result = await ${exampleInvocation(ir, found.r.property, found.op)};`,
    `const when: Date = ${path};`,
    'console.log(when.toISOString(), when.getTime());',
  ];
  return { example: lines.join('\n') };
}

/** An expression reaching a required Date from `at`, through required properties of objects and models. */
function datePath(t: IRType, models: Map<string, IRModel>, at: string, depth: number): string | undefined {
  if (depth > 4) return undefined;
  if (t.kind === 'primitive' && t.date) return at;
  if (t.kind === 'ref') {
    const m = models.get(t.name);
    return m ? datePath(m.type, models, at, depth + 1) : undefined;
  }
  if (t.kind !== 'object') return undefined;
  for (const p of t.properties.filter((x) => x.required)) {
    const found = datePath(p.type, models, propertyAccess(at, p.name), depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** A client that validates responses, and a call that asks for strict validation, when some operation returns JSON. */
function validationExample(ir: ReadmeIR): { example: string; validators: string } | undefined {
  const validated = ir.resources.flatMap((r) => r.operations.filter(validatedOperation).map((op) => ({ r, op })))[0];
  if (!validated) return undefined;
  const lines = [
    // The slim core has no logger to warn through, so its example validates strictly.
    construct(ir, ir.core === 'slim' ? `  validate: 'strict',\n  validators: ${ir.validatorsName},` : `  validate: 'warn',\n  validators: ${ir.validatorsName},\n  logger: console,`).replace(/^import (\w+) from/, `import $1, { ResponseValidationError, ${ir.validatorsName} } from`),
    '',
    'try {',
    `  await ${exampleInvocation(ir, validated.r.property, validated.op, "{ validate: 'strict' }")};`,
    '} catch (err) {',
    '  if (err instanceof ResponseValidationError) console.log(err.pointer, err.expected, err.received);',
    '  else throw err;',
    '}',
  ];
  return { example: lines.join('\n'), validators: ir.validatorsName };
}

/** Client and per-call settings; the slim core has no retries to set. */
function optionsExample(ir: ReadmeIR, r: IRResource, op: IROperation): string {
  const slim = ir.core === 'slim';
  const client = construct(ir, slim ? '  timeout: 20_000,' : '  maxRetries: 5,\n  timeout: 20_000,');
  const call = slim ? '{ timeout: 5_000, signal: AbortSignal.timeout(10_000) }' : '{ timeout: 5_000, maxRetries: 0, signal: AbortSignal.timeout(10_000) }';
  return `${client}\n\n// Per call:\nawait ${exampleInvocation(ir, r.property, op, call)};`;
}

/** The client credentials set-up, when a scheme has the flow: the client fetches and renews its own tokens. */
function oauthView(ir: ReadmeIR): { example: string; idEnv: string; secretEnv: string; tokenUrl: string } | undefined {
  const scheme = ir.auth.find((a) => a.type === 'bearer' && a.clientCredentials);
  const cc = scheme?.type === 'bearer' ? scheme.clientCredentials : undefined;
  if (!cc) return undefined;
  const example = `import ${ir.clientName}, { OAuthError } from ${stringLiteral(ir.packageName)};\n\nconst ${ir.clientVariable} = new ${ir.clientName}({\n  ${objectKey(cc.clientId.option)}: process.env[${stringLiteral(cc.clientId.env)}],\n  ${objectKey(cc.clientSecret.option)}: process.env[${stringLiteral(cc.clientSecret.env)}],\n});\n\nexport function explain(err: unknown): string | undefined {\n  return err instanceof OAuthError ? \`token endpoint said \${err.error}: \${err.errorDescription}\` : undefined;\n}`;
  return { example, idEnv: cc.clientId.env, secretEnv: cc.clientSecret.env, tokenUrl: cc.tokenUrl };
}

/** A call that sends a file, when the API takes one, and a call that picks multipart over JSON, when one offers both. */
function uploadsExample(ir: ReadmeIR): { example: string; choice: string | undefined } | undefined {
  const models = new Map(ir.models.map((m) => [m.name, m]));
  const ops = ir.resources.flatMap((r) => r.operations.map((op) => ({ r, op })));
  const upload = ops.find(({ op }) => op.body && takesFile(op.body.type, models, new Set()));
  if (!upload) return undefined;
  const file = "await toFile(createReadStream('report.pdf'), 'report.pdf', { type: 'application/pdf' })";
  const lines = [
    "import { createReadStream } from 'node:fs';",
    construct(ir).replace(/^import (\w+) from/, 'import $1, { toFile } from'),
    '',
    `await ${exampleInvocation(ir, upload.r.property, upload.op, undefined, file)};`,
    `await ${exampleInvocation(ir, upload.r.property, upload.op, undefined, "new File(['...'], 'notes.txt', { type: 'text/plain' })")};`,
  ];
  const both = ops.find(({ op }) => op.body && isJsonType(op.body.contentType) && op.body.alternatives.some((t) => t.toLowerCase().startsWith('multipart/form-data')));
  const choice = both ? `await ${exampleInvocation(ir, both.r.property, both.op, `{ contentType: ${stringLiteral(both.op.body!.alternatives.find((t) => t.toLowerCase().startsWith('multipart/form-data'))!)} }`)};` : undefined;
  return { example: lines.join('\n'), choice };
}

function isJsonType(type: string): boolean {
  const base = type.split(';')[0]!.trim().toLowerCase();
  return base.endsWith('/json') || base.endsWith('+json');
}

function takesFile(t: IRType, models: Map<string, IRModel>, seen: Set<string>): boolean {
  const next = (x: IRType) => takesFile(x, models, seen);
  switch (t.kind) {
    case 'binary': return !t.received;
    case 'ref': {
      if (seen.has(t.name)) return false;
      seen.add(t.name);
      const m = models.get(t.name);
      return m !== undefined && next(m.type);
    }
    default: return childTypes(t).some(next);
  }
}

function streamingView(ir: ReadmeIR, r: IRResource, op: IROperation) {
  const form = op.stream!.form;
  const flag = form.kind === 'flag' ? `${form.property}: true` : undefined;
  const method = form.kind === 'method' ? `${r.property}.${form.name}` : undefined;
  const call = exampleInvocation(ir, r.property, op, undefined, undefined, true);
  const events = `const stream = await ${call};\nfor await (const event of stream.events()) {\n  console.log(event.event, event.id, event.data);\n}`;
  const abort = `const stream = await ${exampleInvocation(ir, r.property, op, '{ idleTimeout: 30_000 }', undefined, true)};\nlet seen = 0;\nfor await (const event of stream) {\n  console.log(event);\n  if (++seen === 10) stream.abort(); // ends the loop quietly\n}`;
  return { flag, method, example: exampleCall(ir, r.property, op, false, true), events, abort, terminator: op.streamTerminator };
}

function downloadExample(ir: ReadmeIR, r: IRResource, op: IROperation): string {
  const call = exampleInvocation(ir, r.property, op);
  return `const response = await ${call};\nconst blob = await response.blob(); // or arrayBuffer(), text()\n\n// Or read it as it arrives, without holding it all in memory:\nconst again = await ${call};\nconst reader = again.body!.getReader();\nfor (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {\n  console.log(chunk.value.byteLength);\n}\nconsole.log(blob.size);`;
}

function errorsExample(ir: ReadmeIR, r: IRResource, op: IROperation): string {
  const call = exampleInvocation(ir, r.property, op);
  const guard = op.declaredErrors?.guardName;
  // A core that throws one class for every status (the slim one) is told apart by status.
  const typed = ir.errorClasses.length > 0;
  const names = ['APIError', ...(typed ? ['NotFoundError'] : []), ...(guard ? [guard] : [])].sort();
  const branches = [
    ...(guard ? [`if (${guard}(err)) console.log(err.status, err.error); // the body the spec declares for that status`] : []),
    typed ? "if (err instanceof NotFoundError) console.log('not found', err.message);" : "if (err instanceof APIError && err.status === 404) console.log('not found', err.message);",
    'if (err instanceof APIError) console.log(err.status, err.error); // err.error: unknown',
    'throw err;',
  ];
  const body = branches.map((b, i) => (i === 0 ? `  ${b}` : `  else ${b}`)).join('\n');
  return `import ${ir.clientName}, { ${names.join(', ')} } from ${stringLiteral(ir.packageName)};\n\nconst ${ir.clientVariable} = new ${ir.clientName}();\n\ntry {\n  await ${call};\n} catch (err) {\n${body}\n}`;
}

function resourceView(ir: ResourceDocIR, r: IRResource) {
  return {
    className: r.className,
    description: r.description,
    access: `${ir.clientVariable}.${r.property}`,
    coreClient: ir.coreClientName,
    methods: r.operations.map((op) => ({
      name: op.name,
      functionName: op.functionName,
      anchor: op.name.toLowerCase().replace(/[^a-z0-9_-]/g, ''),
      http: `${op.httpMethod} ${op.path}`,
      summary: op.summary ?? op.description?.split('\n')[0] ?? '',
      description: [op.summary, op.description].filter(Boolean).join('\n\n'),
      deprecated: op.deprecated,
      example: exampleCall(ir, r.property, op),
      parameters: parameterRows(op),
      returns: returnsText(op),
      returnsDescription: op.success?.description,
      guard: op.declaredErrors?.guardName,
      errors: op.responses.filter((x) => /^[45]/.test(x.status) || x.status === 'default').map((x) => ({ status: x.status, errorClass: x.errorClass, type: x.type ? inlineTypeText(x.type) : '—', description: x.description ?? '' })),
    })),
  };
}

/** What a call gives, as its documentation names it. */
function returnsText(op: IROperation): string {
  if (op.pagination) return `PagePromise<${inlineTypeText(op.pagination.itemType)}>`;
  const stream = op.stream ? `Stream<${inlineTypeText(op.stream.type)}>` : undefined;
  if (op.stream?.form.kind === 'only') return stream!;
  const plain = op.responseKind === 'blob' ? 'Response' : inlineTypeText(successType(op));
  return op.stream?.form.kind === 'flag' ? `${plain}, or ${stream} with \`${op.stream.form.property}: true\`` : plain;
}

function parameterRows(op: IROperation) {
  const rows = [
    ...op.pathParams.map((p) => ({ p, in: 'path' })),
    ...op.queryParams.map((p) => ({ p, in: 'query' })),
    ...op.headerParams.map((p) => ({ p, in: 'header' })),
    ...op.cookieParams.map((p) => ({ p, in: 'cookie' })),
  ].map(({ p, in: where }) => ({ name: p.name, type: inlineTypeText(p.type), in: where === 'path' || p.name === p.wireName ? where : `${where} (${p.wireName})`, required: p.required, description: p.description ?? '' }));
  if (op.body) rows.push({ name: 'body', type: inlineTypeText(op.body.type), in: `body (${op.body.contentType})`, required: op.body.required, description: op.body.description ?? '' });
  return rows;
}
