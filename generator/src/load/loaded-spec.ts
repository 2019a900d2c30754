import type { Diagnostic } from '../diagnostics.js';
import type { SourcePositions } from './positions.js';
import type { RefResolver } from './refs.js';

/** A spec as the loader hands it on: kept apart from the loader so the fixes it runs can name it. */
export type OpenAPIVersion = '3.0' | '3.1';

/** A parsed spec: plain data plus what is needed to follow `$ref`s and point at places. */
export interface LoadedSpec {
  file: string;
  version: OpenAPIVersion;
  document: Record<string, unknown>;
  refs: RefResolver;
  positions: SourcePositions;
  /** What the loader assumed while reading the spec's mistakes as their authors meant them. */
  warnings: Diagnostic[];
}
