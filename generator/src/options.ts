import type { Diagnostic } from './diagnostics.js';
import type { CoreKind } from './load/runtime-files.js';
import type { Release } from './release/plan.js';
import type { StaleFile } from './write/writer.js';

/** What one generation is asked to do, and what it did: shared by the pipeline, the cache and the CLI. */
export interface GenerateOptions {
  spec: string;
  /** OpenAPI Overlay files applied to the spec, in order, before it is read. */
  overlays?: readonly string[] | undefined;
  out: string;
  /** Short API name; defaults to the spec file's base name. */
  name?: string | undefined;
  packageName?: string | undefined;
  packageVersion?: string | undefined;
  /** Compare instead of writing; the result lists stale files. */
  check?: boolean | undefined;
  force?: boolean | undefined;
  /** Treat warnings as errors. */
  strict?: boolean | undefined;
  /** The client core to vendor: `full` (the default) or `slim`, without retries, hooks, logging or redirect following. */
  core?: CoreKind | undefined;
  /** Type `format: date-time` strings as `Date` and turn them into Dates in responses. */
  dates?: boolean | undefined;
}

export interface GenerateResult {
  out: string;
  status: 'written' | 'unchanged' | 'stale' | 'fresh';
  written: string[];
  /** With `check`: the files that differ from what would be generated. */
  stale: StaleFile[];
  warnings: Diagnostic[];
  /** The version this run wrote (or, with `check`, would write) and the changes that led to it; absent when the cache answered. */
  release?: Release | undefined;
  /** Emitted units (a model's declaration, a resource module) rendered afresh and taken unchanged from the last run; absent when the cache answered. */
  units?: { rendered: number; reused: number } | undefined;
}
