import { specError } from '../diagnostics.js';
import type { LoadedSpec } from '../load/loader.js';
import { isObject } from './schemas.js';
import type { IRRequestId } from './types.js';

/**
 * Vendor behaviour a spec states through extensions, so the shared runtime
 * knows no vendor by name: where request ids come back
 * (`x-sdkgen-request-id`) and the event that ends a stream
 * (`x-sdkgen-stream-terminator`).
 */
export function requestIdOf(spec: LoadedSpec): IRRequestId | undefined {
  const ext = spec.document['x-sdkgen-request-id'];
  if (ext === undefined) return undefined;
  const fail = () => specError('x-sdkgen-request-id needs `header` (a name or a list of names) and/or `errorField` (a name)', spec.positions.locate(spec.document, 'x-sdkgen-request-id'));
  if (!isObject(ext)) throw fail();
  const header = ext['header'] ?? [];
  const headers = typeof header === 'string' ? [header] : header;
  const errorField = ext['errorField'];
  if (!Array.isArray(headers) || !headers.every((h) => typeof h === 'string' && h !== '')) throw fail();
  if (errorField !== undefined && (typeof errorField !== 'string' || errorField === '')) throw fail();
  if (headers.length === 0 && errorField === undefined) throw fail();
  return { headers: headers as string[], errorField };
}

/** The terminator of an operation's event stream: its own extension, else the spec's. */
export function streamTerminatorOf(spec: LoadedSpec, node: Record<string, unknown>): string | undefined {
  for (const holder of [node, spec.document]) {
    const ext = holder['x-sdkgen-stream-terminator'];
    if (ext === undefined) continue;
    if (typeof ext !== 'string' || ext === '') throw specError('x-sdkgen-stream-terminator must be a non-empty string', spec.positions.locate(holder, 'x-sdkgen-stream-terminator'));
    return ext;
  }
  return undefined;
}
