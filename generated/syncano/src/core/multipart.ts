import { SDKError } from './errors.js';
import { isUploadable, nameOf, toFile } from './to-file.js';

/** A multipart part's `encoding` from the spec: its Content-Type and fixed headers. */
export interface PartEncoding {
  contentType?: string;
  headers?: Record<string, string>;
}

/**
 * A `multipart/form-data` body, built by hand because FormData cannot carry
 * per-part headers. Each property is a part of that name (an array, one part
 * per item); files get a filename, objects are JSON, the rest text.
 */
export async function multipartBody(body: unknown, encoding: Record<string, PartEncoding> = {}): Promise<{ body: Blob; contentType: string }> {
  const boundary = `----sdkgen${randomHex(12)}`;
  const chunks: BlobPart[] = [];
  const entries = typeof body === 'object' && body !== null ? Object.entries(body).filter(([, v]) => v !== undefined) : [];
  for (const [name, value] of entries) {
    for (const item of Array.isArray(value) ? value : [value]) {
      const part = await partOf(name, item, encoding[name] ?? {});
      chunks.push(`--${boundary}\r\n${part.head}\r\n`, part.content, '\r\n');
    }
  }
  chunks.push(`--${boundary}--\r\n`);
  const contentType = `multipart/form-data; boundary=${boundary}`;
  return { body: new Blob(chunks, { type: contentType }), contentType };
}

async function partOf(name: string, value: unknown, enc: PartEncoding): Promise<{ head: string; content: BlobPart }> {
  const declared = single(enc.contentType);
  const headers: [string, string][] = [];
  let content: BlobPart;
  if (isUploadable(value)) {
    const file = await toFile(value, nameOf(value) ?? name);
    headers.push(['Content-Disposition', `form-data; name="${quoted(name)}"; filename="${quoted(file.name)}"`]);
    headers.push(['Content-Type', file.type || declared || 'application/octet-stream']);
    content = file;
  } else {
    headers.push(['Content-Disposition', `form-data; name="${quoted(name)}"`]);
    const json = (typeof value === 'object' && value !== null && !(value instanceof Date)) || (declared !== undefined && /[/+]json$/i.test(declared));
    if (json) headers.push(['Content-Type', declared ?? 'application/json']);
    else if (declared !== undefined) headers.push(['Content-Type', declared]);
    content = json ? JSON.stringify(value) : value instanceof Date ? value.toISOString() : String(value);
  }
  for (const [k, v] of Object.entries(enc.headers ?? {})) {
    if (!/^content-(type|disposition)$/i.test(k)) headers.push([k, v]);
  }
  for (const [k, v] of headers) {
    if (/[\r\n\0]/.test(k + v)) throw new SDKError(`Header "${k}" of multipart part "${name}" contains a line break or NUL and was not sent.`);
  }
  return { head: headers.map(([k, v]) => `${k}: ${v}\r\n`).join(''), content };
}

/** The one concrete type an `encoding.contentType` names; a list or a range leaves the choice to the value. */
function single(type: string | undefined): string | undefined {
  if (type === undefined || type.includes(',') || type.includes('*')) return undefined;
  return type.trim();
}

/** Names and filenames escaped as browsers do in FormData. */
function quoted(text: string): string {
  return text.replace(/\r/g, '%0D').replace(/\n/g, '%0A').replace(/"/g, '%22');
}

function randomHex(bytes: number): string {
  const values = globalThis.crypto.getRandomValues(new Uint8Array(bytes));
  return [...values].map((b) => b.toString(16).padStart(2, '0')).join('');
}
