/**
 * What an upload accepts: a Blob or File, bytes (`Uint8Array`, Node's
 * `Buffer`, `ArrayBuffer`), a `ReadableStream`, a fetch `Response`, or any
 * async iterable of bytes such as Node's `fs.createReadStream(...)`.
 * Node values are recognised by their shape, so no Node types are needed.
 */
export type Uploadable = Blob | ArrayBuffer | ArrayBufferView | ReadableStream<Uint8Array> | Response | AsyncIterable<Uint8Array | string>;

export interface ToFileOptions {
  /** The file's media type, sent as the part's Content-Type. */
  type?: string | undefined;
  lastModified?: number | undefined;
}

/** Whether a value is something {@link toFile} turns into a file. */
export function isUploadable(value: unknown): value is Uploadable {
  if (typeof value !== 'object' || value === null) return false;
  return value instanceof Blob || value instanceof ArrayBuffer || ArrayBuffer.isView(value) || value instanceof ReadableStream || isResponse(value) || Symbol.asyncIterator in value;
}

/**
 * A `File` from any {@link Uploadable}, named `name` or, failing that, by what
 * the value knows of itself (a File's name, a read stream's path, a
 * response's URL).
 *
 * @example
 * await client.files.create({ file: await toFile(fs.createReadStream('data.jsonl')), purpose: 'batch' });
 * await client.files.create({ file: await toFile(Buffer.from('hello'), 'hello.txt', { type: 'text/plain' }), purpose: 'batch' });
 */
export async function toFile(data: Uploadable | PromiseLike<Uploadable>, name?: string, options: ToFileOptions = {}): Promise<File> {
  const value = await data;
  const fileName = name ?? nameOf(value) ?? '';
  const type = options.type ?? (value instanceof Blob ? value.type : isResponse(value) ? mediaType(value.headers.get('content-type')) : '');
  const init: FilePropertyBag = { type };
  if (options.lastModified !== undefined) init.lastModified = options.lastModified;
  else if (value instanceof File) init.lastModified = value.lastModified;
  if (value instanceof File && value.name === fileName && value.type === type) return value;
  return new File(await bytesOf(value), fileName, init);
}

/** The name a value carries, if any: `File.name`, an `fs.ReadStream`'s `path`, a `Response`'s URL. */
export function nameOf(value: unknown): string | undefined {
  if (value instanceof File && value.name !== '') return value.name;
  if (isResponse(value)) return baseName(safePath(value.url));
  const path = typeof value === 'object' && value !== null ? (value as { path?: unknown }).path : undefined;
  return typeof path === 'string' ? baseName(path) : undefined;
}

async function bytesOf(value: Uploadable): Promise<BlobPart[]> {
  if (value instanceof Blob) return [value];
  if (value instanceof ArrayBuffer) return [value.slice(0)];
  if (ArrayBuffer.isView(value)) return [copy(value)];
  if (isResponse(value)) return [await value.arrayBuffer()];
  const parts: BlobPart[] = [];
  if (value instanceof ReadableStream) {
    const reader = (value as ReadableStream<Uint8Array>).getReader();
    for (let r = await reader.read(); !r.done; r = await reader.read()) parts.push(chunk(r.value));
    return parts;
  }
  for await (const c of value) parts.push(chunk(c));
  return parts;
}

function chunk(c: unknown): BlobPart {
  if (typeof c === 'string') return c;
  if (c instanceof ArrayBuffer) return c.slice(0);
  if (ArrayBuffer.isView(c)) return copy(c);
  throw new TypeError(`An upload stream yielded ${typeof c}; expected bytes or strings.`);
}

/** A copy that owns its own ArrayBuffer, whatever view it came from (a Node Buffer shares a pool). */
function copy(view: ArrayBufferView): Uint8Array<ArrayBuffer> {
  return new Uint8Array(view.buffer, view.byteOffset, view.byteLength).slice();
}

function isResponse(value: unknown): value is Response {
  return typeof Response !== 'undefined' && value instanceof Response;
}

function mediaType(header: string | null): string {
  return header?.split(';')[0]?.trim() ?? '';
}

function safePath(url: string): string {
  try {
    return decodeURIComponent(new URL(url).pathname);
  } catch {
    return '';
  }
}

function baseName(path: string): string | undefined {
  const last = path.split(/[\\/]/).pop();
  return last === undefined || last === '' ? undefined : last;
}
