import * as crypto from 'node:crypto';

/**
 * Hashes of IR content for incremental emit. An object's content hash stands
 * for all of its content; the IR is not changed once built, so each object is
 * hashed once, and a slice builder that can hash an object more cheaply than
 * by writing it out (a model from its shape and its docs) remembers that hash.
 */

const hashes = new WeakMap<object, string>();

/** The hash of all of `item`'s content. */
export function contentHash(item: object): string {
  let h = hashes.get(item);
  if (h === undefined) hashes.set(item, (h = sha256(canonical(item)!)));
  return h;
}

/** Records `h` as `item`'s content hash: it must follow from all of `item`'s content and differ for any other. */
export function rememberContentHash(item: object, h: string): void {
  hashes.set(item, h);
}

/**
 * JSON in which every value the IR can hold reads differently: numbers JSON
 * cannot write (`-0`, `Infinity`, `NaN`) become strings starting with NUL, and
 * a string that starts with NUL gets a second one.
 */
export function canonical(value: unknown): string | undefined {
  // A replacer takes V8 off its fast path for the whole value; most values need none.
  return needsNoMarks(value) ? JSON.stringify(value) : JSON.stringify(value, marked);
}

function marked(_key: string, v: unknown): unknown {
  if (typeof v === 'number') return Number.isFinite(v) && !Object.is(v, -0) ? v : `\0${Object.is(v, -0) ? '-0' : String(v)}`;
  if (typeof v === 'string' && v.charCodeAt(0) === 0) return `\0${v}`;
  return v;
}

/**
 * Whether `marked` would leave every value inside `v` as it is. It may say no
 * when it would (an inherited member, a `toJSON`), never yes when it would not.
 */
function needsNoMarks(v: unknown): boolean {
  if (typeof v === 'number') return Number.isFinite(v) && (v !== 0 || 1 / v > 0);
  if (typeof v === 'string') return v.charCodeAt(0) !== 0;
  if (typeof v !== 'object' || v === null) return true;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) if (!needsNoMarks(v[i])) return false;
    return true;
  }
  if (typeof (v as { toJSON?: unknown }).toJSON === 'function') return false;
  for (const key in v) if (!needsNoMarks((v as Record<string, unknown>)[key])) return false;
  return true;
}

/** `crypto.hash` (Node 20.12 and later) hashes a string without making a Hash object: a third of the cost for the many small slices. */
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: 'base64url') => string }).hash;

export function sha256(text: string): string {
  return oneShot ? oneShot('sha256', text, 'base64url') : crypto.createHash('sha256').update(text).digest('base64url');
}
