import type { IR, IRDocs, IRModel, IRProperty, IRResource, IRType } from '../ir/types.js';
import { canonical, contentHash, rememberContentHash, sha256 } from './fingerprint.js';

/**
 * The slices of the IR that incremental emit renders units from. A unit's
 * renderer gets its slice and nothing else, and the slice is what its
 * fingerprint hashes, so a unit can only depend on what is hashed.
 */

/** What a resource module reads: its resource, the models its types reach, and where the package's modules are. */
export type ResourceIR = Pick<IR, 'clientVariable' | 'files' | 'runtimeModules' | 'dates' | 'models' | 'resources' | 'webhooks'>;

/** What a resource's documentation page reads. */
export type ResourceDocIR = Pick<IR, 'clientVariable' | 'coreClientName' | 'models'>;

/** What the README reads. */
export type ReadmeIR = Pick<IR,
  | 'apiVersion' | 'auth' | 'clientName' | 'clientParams' | 'clientVariable' | 'core' | 'coreClientName' | 'dates' | 'description'
  | 'errorClasses' | 'errorFallback' | 'errorMessage' | 'followRedirects' | 'models' | 'packageName' | 'resources' | 'title' | 'validatorsName' | 'webhooks'>;

/** The slice a resource module is rendered from. */
export function resourceSlice(ir: IR, resource: IRResource): ResourceIR & { resource: IRResource } {
  const { clientVariable, files, runtimeModules, dates } = ir;
  // The webhooks' reviver is the webhooks module's; a resource reads only its own operations' revivers.
  return { clientVariable, files, runtimeModules, dates, models: modelsReached(ir, resource), resources: [resource], webhooks: undefined, resource };
}

/** The slice a resource's documentation page is rendered from. */
export function resourceDocSlice(ir: IR, resource: IRResource): ResourceDocIR & { resource: IRResource } {
  return { clientVariable: ir.clientVariable, coreClientName: ir.coreClientName, models: modelsReached(ir, resource), resource };
}

/** The slice the README is rendered from: the models without their docs, which it does not show. */
export function readmeSlice(ir: IR): ReadmeIR {
  const { apiVersion, auth, clientName, clientParams, clientVariable, core, coreClientName, dates, description, errorClasses, errorFallback, errorMessage, followRedirects, packageName, resources, title, validatorsName, webhooks } = ir;
  return { apiVersion, auth, clientName, clientParams, clientVariable, core, coreClientName, dates, description, errorClasses, errorFallback, errorMessage, followRedirects, packageName, resources, title, validatorsName, webhooks, models: ir.models.map(modelShape) };
}

const shapes = new WeakMap<IRModel, IRModel>();

/**
 * A model without its docs (its own and its properties'): what a unit that
 * only names the model, follows it for an example or checks values against
 * it reads, so editing a model's docs leaves those units as they were.
 * Making it hashes the shape, and hashes the model as its shape and the docs
 * taken out, in the order they were taken.
 */
export function modelShape(model: IRModel): IRModel {
  let shape = shapes.get(model);
  if (!shape) {
    const docs: unknown[] = [docsOf(model)];
    shape = { ...model, ...NO_DOCS, type: typeShape(model.type, docs) };
    shapes.set(model, shape);
    rememberContentHash(model, sha256(`${contentHash(shape)}\0${canonical(docs)!}`));
  }
  return shape;
}

/** The slice a model's declaration is rendered from: the model, hashed through its shape. */
export function modelSlice(model: IRModel): { model: IRModel } {
  modelShape(model);
  return { model };
}

const NO_DOCS = { description: undefined, deprecated: false, tags: [] };

function docsOf(d: IRDocs): unknown[] {
  return [d.description ?? null, d.deprecated, d.tags];
}

function typeShape(t: IRType, docs: unknown[]): IRType {
  switch (t.kind) {
    case 'array': return { ...t, items: typeShape(t.items, docs) };
    case 'tuple': return { ...t, items: t.items.map((x) => typeShape(x, docs)), rest: t.rest && typeShape(t.rest, docs) };
    case 'union':
    case 'intersection': return { ...t, members: t.members.map((x) => typeShape(x, docs)) };
    case 'object': return { ...t, properties: t.properties.map((p) => propertyShape(p, docs)), additional: t.additional && typeShape(t.additional, docs) };
    default: return t;
  }
}

function propertyShape(p: IRProperty, docs: unknown[]): IRProperty {
  docs.push(docsOf(p));
  return { ...p, ...NO_DOCS, type: typeShape(p.type, docs) };
}

const refsOf = new WeakMap<object, Set<string>>();

const reachedBy = new WeakMap<IRResource, { ir: IR; models: IRModel[] }>();

/** The models (without docs, in the IR's order) that a resource's types name, and the models those name, and so on. */
function modelsReached(ir: IR, resource: IRResource): IRModel[] {
  const known = reachedBy.get(resource);
  if (known?.ir === ir) return known.models;
  const models = closure(ir, resource);
  reachedBy.set(resource, { ir, models });
  return models;
}

function closure(ir: IR, resource: IRResource): IRModel[] {
  const byName = modelIndex(ir);
  const reached = new Set<number>();
  const queue = [...namesIn(resource)];
  while (queue.length > 0) {
    const at = byName.get(queue.pop()!);
    if (at === undefined || reached.has(at)) continue;
    reached.add(at);
    queue.push(...namesIn(ir.models[at]!));
  }
  // In the IR's order, found from the few reached rather than by a pass over every model for each resource.
  return [...reached].sort((a, b) => a - b).map((at) => modelShape(ir.models[at]!));
}

const indexes = new WeakMap<IR, Map<string, number>>();

/** Where each model is in the IR's list, by name. */
function modelIndex(ir: IR): Map<string, number> {
  let index = indexes.get(ir);
  if (!index) indexes.set(ir, (index = new Map(ir.models.map((m, at) => [m.name, at]))));
  return index;
}

/** Every model name a `ref` type anywhere inside `root` names: found by walking all of it, so no field that holds a type is missed. */
function namesIn(root: object): Set<string> {
  let names = refsOf.get(root);
  if (names) return names;
  names = new Set();
  const found = names;
  const visit = (v: unknown): void => {
    if (typeof v !== 'object' || v === null) return;
    if (Array.isArray(v)) {
      for (const x of v) visit(x);
      return;
    }
    const o = v as Record<string, unknown>;
    if (o.kind === 'ref' && typeof o.name === 'string') found.add(o.name);
    for (const key in o) visit(o[key]);
  };
  visit(root);
  refsOf.set(root, names);
  return names;
}
