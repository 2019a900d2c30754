import type { LoadedSpec } from '../load/loader.js';
import type { RuntimeSurface } from '../load/runtime-surface.js';
import type { NameRegistry } from './names.js';
import type { SchemaConverter } from './schemas.js';
import type { IRClientParam, IROperation } from './types.js';
import type { Warn } from './warnings.js';

/** One operation of the spec, as found under `paths`, before it is built. */
export interface OperationSource {
  path: string;
  method: IROperation['httpMethod'];
  node: Record<string, unknown>;
  pathItem: Record<string, unknown>;
  /** The file the operation is written in; relative `$ref`s inside it resolve from here. */
  file: string;
  /** The file of the path item, for its path-level parameters. */
  pathItemFile: string;
  operationId: string;
  methodName: string;
}

/** What building an operation reads and adds to. */
export interface OperationContext {
  spec: LoadedSpec;
  runtime: RuntimeSurface;
  schemas: SchemaConverter;
  clientParams: Map<string, IRClientParam>;
  /** Client constructor option names taken so far: the runtime's, credentials', client parameters'. */
  optionNames: NameRegistry;
  securityOptions: Map<string, string>;
  warn: Warn;
}
