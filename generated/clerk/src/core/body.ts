import { SDKError } from './errors.js';
import type { RequestOptions, RequestSpec } from './types.js';

export interface EncodedBody {
  body: BodyInit | undefined;
  contentType: string | undefined;
}

/**
 * The body of a request in the media type the call chose. Generated
 * operations with a body pass this as their request's `encode`, so a bundle of
 * calls without one leaves the encoders out.
 */
export function encodeRequestBody(spec: RequestSpec, options: RequestOptions): Promise<EncodedBody> {
  return encodeBody(spec.body, chooseContentType(spec, options), spec);
}

/** Encodes a request body for its media type; returns the body and the Content-Type to send, if any. */
export async function encodeBody(body: unknown, contentType: string | undefined, spec: Pick<RequestSpec, 'encoding' | 'uploads'> = {}): Promise<EncodedBody> {
  if (body === undefined) return { body: undefined, contentType: undefined };
  const type = (contentType ?? 'application/json').toLowerCase();
  if (type.startsWith('multipart/form-data')) {
    if (!spec.uploads) throw new SDKError('A multipart/form-data request needs `uploads` from the client core in its request spec.');
    return spec.uploads.multipartBody(body, spec.encoding);
  }
  if (type.startsWith('application/x-www-form-urlencoded')) return { body: urlEncoded(body), contentType };
  if (isJson(type)) return { body: JSON.stringify(body), contentType };
  if (typeof body === 'string' || body instanceof Blob || body instanceof ArrayBuffer || ArrayBuffer.isView(body) || body instanceof ReadableStream) {
    return { body: body as BodyInit, contentType };
  }
  if (spec.uploads?.isUploadable(body)) return { body: await spec.uploads.toFile(body), contentType };
  return { body: JSON.stringify(body), contentType };
}

/**
 * The media type to send: the caller's pick among those the operation offers,
 * else the generator's choice, except that a body holding a file goes as
 * multipart when that is offered, since JSON cannot carry one.
 */
export function chooseContentType(spec: RequestSpec, options: RequestOptions): string | undefined {
  const offered = [spec.contentType, ...(spec.contentTypes ?? [])].filter((t): t is string => t !== undefined);
  if (options.contentType !== undefined) {
    if (!offered.includes(options.contentType)) throw new SDKError(`Content type "${options.contentType}" is not offered for ${spec.method} ${spec.path}; it takes ${offered.map((t) => `"${t}"`).join(', ')}.`);
    return options.contentType;
  }
  const multipart = offered.find((t) => t.toLowerCase().startsWith('multipart/form-data'));
  const isFile = spec.uploads?.isUploadable;
  if (multipart && isFile && spec.contentType !== undefined && isJson(spec.contentType.toLowerCase()) && holdsFile(spec.body, isFile)) return multipart;
  return spec.contentType;
}

function holdsFile(body: unknown, isFile: (v: unknown) => boolean): boolean {
  if (typeof body !== 'object' || body === null) return false;
  return Object.values(body).some((v) => (Array.isArray(v) ? v.some(isFile) : isFile(v)));
}

export function isJson(type: string): boolean {
  const base = type.split(';')[0]!.trim();
  return base === 'application/json' || base.endsWith('+json');
}

function entries(body: unknown): [string, unknown][] {
  return typeof body === 'object' && body !== null ? Object.entries(body).filter(([, v]) => v !== undefined) : [];
}

function urlEncoded(body: unknown): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of entries(body)) {
    for (const item of Array.isArray(value) ? value : [value]) params.append(key, item instanceof Date ? item.toISOString() : typeof item === 'object' && item !== null ? JSON.stringify(item) : String(item));
  }
  return params;
}
