import { SpecError, specError, type Diagnostic } from '../diagnostics.js';
import type { LoadedSpec } from '../load/loader.js';
import { loadAssets } from '../assets.js';
import { runtimeModule, runtimeSurface, type RuntimeSurface } from '../load/runtime-surface.js';
import { runtimeFiles, type CoreKind } from '../load/runtime-files.js';
import { authSchemes, credentialOutsideAuthorization } from './security.js';
import { ARGUMENT_NAMES, buildOperation } from './operations.js';
import type { OperationContext, OperationSource } from './operation-context.js';
import { camelCase, NameRegistry, OBJECT_MEMBERS, pascalCase, typeName, valueName } from './names.js';
import { isObject, SchemaConverter } from './schemas.js';
import { splitReadWrite } from './read-write.js';
import { requestIdOf } from './vendor.js';
import { errorMessageOf } from './error-messages.js';
import { expectField } from './shape-checks.js';
import { collectWebhooks, finishWebhooks } from './webhooks.js';
import type { IR, IROperation, IRResource, IRServer } from './types.js';
import type { Warn } from './warnings.js';
import { settleDates } from './dates.js';

export interface BuildOptions {
  /** Short name, e.g. `clerk`; the client class is its PascalCase. */
  name: string;
  packageName: string;
  packageVersion: string;
  /** The client core to vendor; `full` when not given. */
  core?: CoreKind | undefined;
  /** Type `format: date-time` strings as `Date`. */
  dates?: boolean | undefined;
  /** What the runtime exports; read from the runtime files this generator vendors for `core` when not given. */
  runtime?: RuntimeSurface | undefined;
}

export interface BuildResult {
  ir: IR;
  warnings: Diagnostic[];
}

const OPERATION_FIELDS = [['operationId', 'string'], ['summary', 'string'], ['description', 'string'], ['responses', 'mapping'], ['parameters', 'array'], ['tags', 'array'], ['security', 'array'], ['deprecated', 'boolean'], ['requestBody', 'mapping']] as const;

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch'] as const;

const RUNTIME_DIR = 'src/core/';
const FILES = { index: 'src/index.ts', client: 'src/client.ts', models: 'src/models.ts', validators: 'src/validators.ts', dates: 'src/dates.ts', runtimeDir: RUNTIME_DIR, runtimeIndex: `${RUNTIME_DIR}index.ts` };

/**
 * Type names the runtime takes: its public exports share the package entry
 * with the models, and its other type and class names are imported beside
 * them in generated modules.
 */
function runtimeTypeNames(runtime: RuntimeSurface): string[] {
  return [...runtime.exports, ...Object.keys(runtime.modules).filter((n) => /^[A-Z]/.test(n))];
}

export function buildIR(spec: LoadedSpec, options: BuildOptions): BuildResult {
  const warnings: Diagnostic[] = [...spec.warnings];
  const warn: Warn = (message, node, key) => warnings.push({ severity: 'warning', message, location: spec.positions.locate(node, key) });
  const runtime = options.runtime ?? runtimeSurface(runtimeFiles(loadAssets().runtime, options.core));
  const names = new NameRegistry(runtimeTypeNames(runtime), 'Model');
  const clientName = names.claim(typeName(options.name));
  const optionsTypeName = names.claim(`${clientName}Options`);
  const coreClientName = names.claim(`${clientName}Core`);
  const schemas = new SchemaConverter(spec, names, warn, options.dates === true);
  schemas.registerComponents();
  // A credential or client parameter must not shadow a runtime option, nor an Object.prototype member (`{}` would not satisfy the options type).
  const optionNames = new NameRegistry([...runtime.clientOptions, ...OBJECT_MEMBERS]);
  const envPrefix = options.name.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '').toUpperCase() || 'API';
  const auth = authSchemes(spec, optionNames, warn, envPrefix);
  const ctx: OperationContext = { spec, runtime, schemas, clientParams: new Map(), optionNames, securityOptions: new Map(auth.map((a) => [a.schemeName, a.option])), warn };
  const grouped = groupOperations(collectOperations(spec, warn), spec, runtime);
  const built = [...grouped].map(([group, sources]) => ({ group, operations: sources.map((s) => buildOperation(s, ctx)) }));
  const hooks = collectWebhooks(ctx);
  const models = schemas.drain();
  schemas.resolveAcrossModels(models);
  const clientMembers = new NameRegistry([...OBJECT_MEMBERS, ...runtime.clientMembers]);
  const functionNames = new NameRegistry(argumentNames(built.flatMap((r) => r.operations)));
  const resources = built.map(({ group, operations }) => resource(group, operations, names, clientMembers, functionNames));
  const webhooks = finishWebhooks(hooks, models, { types: names, clientMembers, functions: functionNames, options: optionNames, envPrefix });
  const validatorsName = functionNames.claim(valueName(`${options.name} validators`));
  const info = isObject(spec.document['info']) ? spec.document['info'] : {};
  const servers = serversOf(spec.document['servers']);
  const ir: IR = {
    name: options.name,
    clientName,
    coreClientName,
    optionsTypeName,
    clientVariable: clientVariable(options.name, [clientName, coreClientName, validatorsName, ...resources.flatMap((r) => r.operations.map((op) => op.functionName)), ...(webhooks ? [webhooks.functionName] : [])]),
    files: FILES,
    validatorsName,
    core: options.core ?? 'full',
    followRedirects: (options.core ?? 'full') === 'full' && credentialOutsideAuthorization(auth),
    dates: options.dates === true,
    runtimeModules: Object.fromEntries(Object.keys(runtime.modules).sort().map((n) => [n, `${RUNTIME_DIR}${runtimeModule(runtime, n)}`])),
    errorClasses: runtime.errorClasses,
    errorFallback: runtime.errorFallback,
    requestId: requestIdOf(spec),
    errorMessage: errorMessageOf(resources, models),
    packageName: options.packageName,
    packageVersion: options.packageVersion,
    title: typeof info['title'] === 'string' ? info['title'] : clientName,
    description: typeof info['description'] === 'string' ? info['description'] : undefined,
    apiVersion: typeof info['version'] === 'string' ? info['version'] : String(info['version'] ?? ''),
    baseURL: servers[0]?.url ?? '',
    servers,
    auth,
    clientParams: [...ctx.clientParams.values()],
    models,
    resources,
    webhooks,
  };
  if (ir.dates) settleDates(ir, schemas.unionNodes, warn, spec.document['webhooks']);
  return { ir: splitReadWrite(ir, names), warnings };
}

function resource(group: string, operations: IROperation[], names: NameRegistry, properties: NameRegistry, functions: NameRegistry): IRResource {
  const base = typeName(group);
  const className = names.claim(base, `${base}Resource`);
  const property = properties.claim(methodName(group));
  const methods = new NameRegistry([...OBJECT_MEMBERS, '_client', ...operations.map((op) => op.name)]);
  const named = operations.map((op) => {
    const functionName = functions.claim(valueName(`${property} ${op.name}`));
    const errors = op.declaredErrors && { ...op.declaredErrors, typeName: names.claim(typeName(`${functionName} error`)), guardName: functions.claim(valueName(`is ${functionName} error`)) };
    // A stream offered beside another response gets its own method, named after the operation's.
    if (op.stream?.form.kind !== 'method') return { ...op, functionName, declaredErrors: errors };
    const name = methods.claim(`${op.name}Stream`);
    return { ...op, functionName, declaredErrors: errors, stream: { ...op.stream, form: { kind: 'method' as const, name, functionName: functions.claim(valueName(`${property} ${name}`)) } } };
  });
  return { property, className, file: `src/resources/${camelCase(group) || 'default'}.ts`, docFile: `docs/${className}.md`, operations: named, description: undefined, deprecated: false, tags: [] };
}

/** The variable examples keep the client in: the API's name as a value, never the name of anything they import. */
function clientVariable(name: string, imported: string[]): string {
  const base = valueName(name, 'client');
  let candidate = base;
  for (let i = 2; imported.includes(candidate); i++) candidate = `${base}${i}`;
  return candidate;
}

/**
 * Standalone functions share a module with the resource class, whose methods
 * call them by name, so no argument of any method may shadow one.
 */
function argumentNames(operations: IROperation[]): string[] {
  return [...ARGUMENT_NAMES, ...operations.flatMap((op) => op.pathParams.map((p) => p.name))];
}

function collectOperations(spec: LoadedSpec, warn: Warn): OperationSource[] {
  const paths = spec.document['paths'];
  if (paths === undefined) return [];
  if (!isObject(paths)) throw specError('`paths` must be a mapping', spec.positions.locate(spec.document, 'paths'));
  const out: OperationSource[] = [];
  for (const path of Object.keys(paths)) {
    const resolved = spec.refs.deref(paths[path], spec.file);
    const pathItem = resolved ? resolved.value : paths[path];
    if (!isObject(pathItem)) throw specError(`path item ${path} must be a mapping`, spec.positions.locate(paths, path));
    if (!path.startsWith('/')) throw specError(`path "${path}" must start with /`, spec.positions.locate(paths, path));
    const itemFile = resolved?.file ?? spec.file;
    for (const method of METHODS) {
      if (pathItem[method] === undefined) continue;
      // Some specs keep each operation in its own file.
      const opRef = spec.refs.deref(pathItem[method], itemFile);
      const node = opRef ? opRef.value : pathItem[method];
      if (!isObject(node)) throw specError(`${method.toUpperCase()} ${path} must be a mapping`, spec.positions.locate(pathItem, method));
      for (const [key, kind] of OPERATION_FIELDS) expectField(node, key, kind, spec.positions, 'operation field');
      out.push({ path, method: method.toUpperCase() as OperationSource['method'], node, pathItem, file: opRef?.file ?? itemFile, pathItemFile: itemFile, operationId: '', methodName: '' });
    }
  }
  assignOperationIds(out, warn);
  return out;
}

/**
 * Gives every operation a unique id. The first operation with a declared id
 * keeps it; a later one with the same id gets the first free `<id>_<n>`, and
 * one without an id is named from its method and path, so the names depend
 * on nothing but the spec.
 */
function assignOperationIds(sources: OperationSource[], warn: Warn): void {
  const declared = sources.map((src) => declaredId(src.node));
  const taken = new Set(declared.filter((id): id is string => id !== undefined));
  const owners = new Map<string, string>();
  const free = (base: string) => {
    let n = 2;
    while (taken.has(`${base}_${n}`)) n++;
    return `${base}_${n}`;
  };
  sources.forEach((src, i) => {
    const id = declared[i];
    const where = `${src.method} ${src.path}`;
    if (id !== undefined && !owners.has(id)) {
      src.operationId = id;
    } else if (id !== undefined) {
      src.operationId = free(id);
      warn(`duplicate operationId "${id}" (also used by ${owners.get(id)}); this operation is named "${src.operationId}"`, src.node, 'operationId');
    } else {
      const fromPath = operationIdFromPath(src.method.toLowerCase(), src.path);
      src.operationId = taken.has(fromPath) ? free(fromPath) : fromPath;
    }
    taken.add(src.operationId);
    owners.set(src.operationId, where);
  });
}

function declaredId(node: Record<string, unknown>): string | undefined {
  const id = node['operationId'];
  return typeof id === 'string' && id.trim() !== '' ? id : undefined;
}

function operationIdFromPath(method: string, path: string): string {
  const segments = path.split('/').filter(Boolean).map((s) => (s.startsWith('{') ? `by ${s.slice(1, -1)}` : s));
  return camelCase(`${method} ${segments.join(' ')}`) || method;
}

function groupOperations(sources: OperationSource[], spec: LoadedSpec, runtime: RuntimeSurface): Map<string, OperationSource[]> {
  const groups = new Map<string, OperationSource[]>();
  const methodNames = new Map<string, NameRegistry>();
  for (const src of sources) {
    // Groups that differ only in case or separators are one resource.
    const group = camelCase(groupOf(src)) || 'default';
    if (!groups.has(group)) {
      groups.set(group, []);
      methodNames.set(group, new NameRegistry([...OBJECT_MEMBERS, ...runtime.resourceMembers]));
    }
    const ext = src.node['x-sdkgen-name'] ?? src.node['x-speakeasy-name-override'];
    if (ext !== undefined && typeof ext !== 'string') throw specError('x-sdkgen-name must be a string', spec.positions.locate(src.node, 'x-sdkgen-name'));
    src.methodName = methodNames.get(group)!.claim(methodName(ext ?? src.operationId));
    groups.get(group)!.push(src);
  }
  return groups;
}

function groupOf(src: OperationSource): string {
  const ext = src.node['x-sdkgen-group'] ?? src.node['x-speakeasy-group'];
  if (typeof ext === 'string' && pascalCase(ext) !== '') return ext;
  const tags = src.node['tags'];
  if (Array.isArray(tags) && typeof tags[0] === 'string' && pascalCase(tags[0]) !== '') return tags[0];
  const segment = src.path.split('/').find((s) => s !== '' && !s.startsWith('{') && pascalCase(s) !== '' && !/^v\d/.test(s));
  return segment ?? 'default';
}

/** Class methods may be reserved words (`delete`), so only identifier shape matters here. */
function methodName(raw: string): string {
  const name = camelCase(raw);
  if (name === '') return 'call';
  return /^[0-9]/.test(name) ? `_${name}` : name;
}

function serversOf(servers: unknown): IRServer[] {
  if (!Array.isArray(servers)) return [];
  return servers.filter(isObject).filter((s) => typeof s['url'] === 'string').map((s) => ({
    url: substituteVariables(s['url'] as string, s['variables']),
    description: typeof s['description'] === 'string' ? s['description'] : undefined,
  }));
}

function substituteVariables(url: string, variables: unknown): string {
  const vars = isObject(variables) ? variables : {};
  return url.replace(/\{([^}]+)\}/g, (whole, name: string) => {
    const v = vars[name];
    return isObject(v) && typeof v['default'] === 'string' ? v['default'] : whole;
  }).replace(/\/+$/, '');
}

export { SpecError };
