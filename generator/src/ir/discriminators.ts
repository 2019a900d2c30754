import type { IRDiscriminator, IRLiteral, IRModel, IRProperty, IRTag, IRType } from './types.js';
import type { Warn } from './warnings.js';

/** What the spec says of one discriminated union, kept until every model it reaches has been converted. */
export interface PendingDiscriminator {
  discriminator: IRDiscriminator;
  members: IRType[];
  /** Per member: the mapping keys that point at it. */
  mappingKeys: string[][];
  /** Per member: its schema's own name in the spec, when it is a `$ref`. */
  schemaNames: (string | undefined)[];
  /** The schema holding the `discriminator`, for warnings. */
  node: Record<string, unknown>;
}

type Models = Map<string, IRModel>;

/**
 * Gives each member of a discriminated union its tag: from the mapping, else
 * from the member's own literal, else (only when the member leaves the
 * property open) from its schema name. Mapping keys are strings in the spec
 * but travel as the member's property type says (`'False'` is `false`).
 */
export function resolveDiscriminator(pending: PendingDiscriminator, models: Models, warn: Warn): void {
  const { property } = pending.discriminator;
  pending.discriminator.members = pending.members.map((member, i) => {
    const prop = findProperty(member, property, models, 0);
    const own = prop ? literalsOf(prop.type, models, 0) : undefined;
    const tag = chooseTag(pending.mappingKeys[i]!, own, prop?.type, pending.schemaNames[i], models);
    const refused = tag.values.find((v) => prop !== undefined && !accepts(prop.type, v, models, 0));
    if (refused !== undefined) {
      warn(`discriminator "${property}" value ${JSON.stringify(refused)} is not a value that member ${i + 1}${pending.schemaNames[i] ? ` (${pending.schemaNames[i]})` : ''} allows for "${property}"; the member is left as it is`, pending.node, 'discriminator');
      return { values: own ?? [], source: own ? 'literal' : 'none', narrow: false };
    }
    // A member whose own property already holds only its tags is left as the spec wrote it, optional or not.
    const pinned = own !== undefined && own.every((v) => tag.values.includes(v));
    return { ...tag, narrow: tag.values.length > 0 && !pinned };
  });
}

function chooseTag(keys: string[], own: IRLiteral[] | undefined, type: IRType | undefined, schemaName: string | undefined, models: Models): Omit<IRTag, 'narrow'> {
  if (keys.length > 0) return { values: keys.map((k) => wireValue(k, own, type, models)), source: 'mapping' };
  if (own !== undefined) return { values: own, source: 'literal' };
  if (schemaName !== undefined) return { values: [schemaName], source: 'schema-name' };
  return { values: [], source: 'none' };
}

function wireValue(key: string, own: IRLiteral[] | undefined, type: IRType | undefined, models: Models): IRLiteral {
  if (own) {
    const exact = own.find((v) => String(v) === key);
    if (exact !== undefined) return exact;
    const loose = own.find((v) => typeof v === 'boolean' && String(v) === key.toLowerCase());
    if (loose !== undefined) return loose;
  }
  if (type === undefined) return key;
  if (key.trim() !== '' && Number.isFinite(Number(key)) && accepts(type, Number(key), models, 0) && !accepts(type, key, models, 0)) return Number(key);
  const bool = key.toLowerCase() === 'true' ? true : key.toLowerCase() === 'false' ? false : undefined;
  if (bool !== undefined && accepts(type, bool, models, 0) && !accepts(type, key, models, 0)) return bool;
  return key;
}

/** The named property of an object type, through refs and allOf-style intersections. */
export function findProperty(t: IRType, name: string, models: Models, depth: number): IRProperty | undefined {
  if (depth > 16) return undefined;
  switch (t.kind) {
    case 'ref': {
      const model = models.get(t.name);
      return model ? findProperty(model.type, name, models, depth + 1) : undefined;
    }
    case 'object': return t.properties.find((p) => p.name === name);
    case 'intersection': {
      const found = t.members.map((m) => findProperty(m, name, models, depth + 1)).filter((p): p is IRProperty => p !== undefined);
      if (found.length === 0) return undefined;
      const typed = found.find((p) => literalsOf(p.type, models, 0) !== undefined) ?? found.find((p) => !isUnknown(p.type)) ?? found[0]!;
      return { ...typed, required: found.some((p) => p.required) };
    }
    case 'union': {
      // A member that is itself a union holds the property when each of its branches does.
      const found = t.members.filter((m) => !(m.kind === 'primitive' && m.name === 'null')).map((m) => findProperty(m, name, models, depth + 1));
      if (found.length === 0 || found.some((p) => p === undefined)) return undefined;
      const props = found as IRProperty[];
      return { ...props[0]!, required: props.every((p) => p.required), type: { kind: 'union', members: props.map((p) => p.type) } };
    }
    default: return undefined;
  }
}

/** The values a type allows when it is a finite set of literals; undefined when it is open. */
export function literalsOf(t: IRType, models: Models, depth: number): IRLiteral[] | undefined {
  if (depth > 16) return undefined;
  switch (t.kind) {
    case 'literal': return [t.value];
    case 'primitive': return t.name === 'null' ? [null] : undefined;
    case 'ref': {
      const model = models.get(t.name);
      return model ? literalsOf(model.type, models, depth + 1) : undefined;
    }
    case 'union': {
      const sets = t.members.map((m) => literalsOf(m, models, depth + 1));
      return sets.every((s) => s !== undefined) ? sets.flat() : undefined;
    }
    case 'intersection': return t.members.map((m) => literalsOf(m, models, depth + 1)).find((s) => s !== undefined);
    default: return undefined;
  }
}

/** Whether a value fits a type, as far as the tag question needs. */
function accepts(t: IRType, v: IRLiteral, models: Models, depth: number): boolean {
  if (depth > 16) return true;
  switch (t.kind) {
    case 'literal': return t.value === v;
    case 'primitive':
      if (t.name === 'unknown') return true;
      if (t.name === 'null') return v === null;
      if (t.name === 'integer') return typeof v === 'number' && Number.isInteger(v);
      return typeof v === t.name;
    case 'ref': {
      const model = models.get(t.name);
      return model ? accepts(model.type, v, models, depth + 1) : true;
    }
    case 'union': return t.members.some((m) => accepts(m, v, models, depth + 1));
    case 'intersection': return t.members.every((m) => accepts(m, v, models, depth + 1));
    default: return false;
  }
}

function isUnknown(t: IRType): boolean {
  return t.kind === 'primitive' && t.name === 'unknown';
}
