import { createRequire } from 'node:module';
import type * as Morph from 'ts-morph';

let loaded: typeof Morph | undefined;

/**
 * ts-morph and the compiler it carries, loaded on first use: only a run whose
 * generated sources changed pays for it.
 */
export function morph(): typeof Morph {
  loaded ??= createRequire(import.meta.url)('ts-morph') as typeof Morph;
  return loaded;
}
