import { canonical, contentHash, sha256 } from './fingerprint.js';
import { textDigest } from '../text-digest.js';

/**
 * Incremental emit. A unit is a piece of an emitted file (one model's
 * declaration, one resource module) rendered by a function of one slice of
 * the IR and nothing else: its fingerprint is a hash of the generator's code
 * and assets and of that slice, so a unit whose fingerprint a previous run
 * recorded has the text that run emitted for it. A file is a sequence of
 * parts, each a unit or fresh text; what a run emitted is kept as each file's
 * hash and its parts' fingerprints and lengths, and the next run takes the
 * unchanged units' text back out of the previous files.
 */

/** What a unit renders: its text, and names its file needs beside it (the checks a validator calls). */
export interface UnitText {
  text: string;
  uses?: string[] | undefined;
}

/** A unit's text with its fingerprint. */
export type Unit = UnitText & { fingerprint: string };

/** A part of an emitted file: a unit's fingerprint (null for fresh text), its length in UTF-16 units, and its `uses`. */
export type PartRecord = [fingerprint: string | null, length: number, uses?: string[]];

/**
 * How a run emitted each file, by path: the file's sha256 and its parts, and
 * the stamp (identity, size and time) of the file the run left on disk.
 */
export type EmitRecord = Record<string, { sha256: string; parts: PartRecord[]; stamp?: string }>;

/**
 * The emitted units a run can reuse: the units recorded for every previous
 * file that is still the file the recording run left (`stampOf` gives its
 * stamp now) with the text it hashed. A file edited by hand gives nothing, nor
 * does a file put there by anything else (a checkout, a copy), whatever
 * record came with it: text is taken only from files this generator wrote.
 */
export function reusableUnits(record: EmitRecord | undefined, previous: Map<string, string>, stampOf: (path: string) => string | undefined): Map<string, UnitText> {
  const units = new Map<string, UnitText>();
  if (!record) return units;
  for (const [path, entry] of Object.entries(record)) {
    const text = previous.get(path);
    if (text === undefined || !isEntry(entry) || stampOf(path) !== entry.stamp || fileHash(text) !== entry.sha256) continue;
    const found: [string, UnitText][] = [];
    let at = 0;
    for (const [fingerprint, length, uses] of entry.parts) {
      if (fingerprint !== null) found.push([fingerprint, { text: text.slice(at, at + length), uses }]);
      at += length;
    }
    // A record that does not add up to the text it hashed was not written by this code: use none of it.
    if (at === text.length) for (const [fingerprint, unit] of found) units.set(fingerprint, unit);
  }
  return units;
}

/** The hash a record keeps of a file's text: its sha256, as `sha256` writes it. */
function fileHash(text: string): string {
  return textDigest(text).toString('base64url');
}

/** Whether a record's entry has the shape this code writes (a record read from disk may hold anything). */
function isEntry(entry: unknown): entry is Required<EmitRecord[string]> {
  if (typeof entry !== 'object' || entry === null) return false;
  const { sha256: hash, parts, stamp } = entry as Record<string, unknown>;
  return typeof hash === 'string' && typeof stamp === 'string' && Array.isArray(parts) && parts.every(isPart);
}

function isPart(part: unknown): part is PartRecord {
  if (!Array.isArray(part)) return false;
  const [fingerprint, length, uses] = part as unknown[];
  return (fingerprint === null || typeof fingerprint === 'string') && Number.isSafeInteger(length) && (length as number) >= 0
    && (uses === undefined || (Array.isArray(uses) && uses.every((u) => typeof u === 'string')));
}

/** Renders units, or takes their text from the previous run, and records every file's parts. */
export class EmitMemo {
  readonly record: EmitRecord = {};
  /** Units rendered and reused in this run, for tests and profiling. */
  readonly counts = { rendered: 0, reused: 0 };

  /** `environment` covers everything every unit depends on: the generator's code, templates and runtime. */
  constructor(private readonly environment: string, private readonly known: Map<string, UnitText> = new Map()) {}

  /** A file made of parts; `build` adds them in order. */
  file(path: string, build: (parts: FileParts) => void): string {
    const parts = new FileParts(this);
    build(parts);
    const text = parts.texts.join('');
    this.record[path] = { sha256: fileHash(text), parts: parts.records };
    return text;
  }

  /** A whole file that is one unit. */
  wholeFile<S extends object>(path: string, kind: string, slice: S, render: (slice: S) => string): string {
    return this.file(path, (parts) => parts.unit(kind, slice, (s) => ({ text: render(s) })));
  }

  /** The unit's text, rendered from `slice` unless a previous run emitted it for an equal slice. */
  unit<S extends object>(kind: string, slice: S, render: (slice: S) => UnitText): Unit {
    const fingerprint = this.fingerprint(kind, slice);
    const known = this.known.get(fingerprint);
    if (known) {
      this.counts.reused++;
      return { ...known, fingerprint };
    }
    this.counts.rendered++;
    const made = render(slice);
    this.known.set(fingerprint, made);
    return { ...made, fingerprint };
  }

  /**
   * A hash of the environment, the unit's kind and every field of its slice.
   * Every object in a slice (a model, a resource, the package's file layout)
   * stands as its content hash, taken once per object however many slices
   * share it; the items of `models` and `resources` each stand as theirs.
   */
  fingerprint(kind: string, slice: object): string {
    const fields = [this.environment, kind];
    for (const key of Object.keys(slice).sort()) {
      const value = (slice as Record<string, unknown>)[key];
      fields.push(key);
      if (key === 'models' || key === 'resources') fields.push((value as object[]).map(contentHash).join(''));
      else if (typeof value === 'object' && value !== null) fields.push(contentHash(value));
      else fields.push(canonical(value) ?? 'undefined');
    }
    // One update: hashing is cheaper in one piece than in many.
    return sha256(JSON.stringify(fields));
  }
}

/** The parts of one file, in order. */
export class FileParts {
  readonly texts: string[] = [];
  readonly records: PartRecord[] = [];
  constructor(private readonly memo: EmitMemo) {}

  /** Text made afresh every run (cheap, and read from more of the IR than is worth a slice). */
  fresh(text: string): void {
    this.texts.push(text);
    this.records.push([null, text.length]);
  }

  /** A unit's text, added to the file. */
  unit<S extends object>(kind: string, slice: S, render: (slice: S) => UnitText): void {
    this.add(this.render(kind, slice, render));
  }

  /** A unit's text, not yet added: for a file whose opening depends on its units (the validators' imports). */
  render<S extends object>(kind: string, slice: S, render: (slice: S) => UnitText): Unit {
    return this.memo.unit(kind, slice, render);
  }

  add(unit: Unit): void {
    this.texts.push(unit.text);
    this.records.push(unit.uses ? [unit.fingerprint, unit.text.length, unit.uses] : [unit.fingerprint, unit.text.length]);
  }
}
