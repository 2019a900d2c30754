/** Encodes a request body for its media type; returns the body and the Content-Type to send, if any. */
export function encodeBody(body: unknown, contentType: string | undefined): { body: BodyInit | undefined; contentType: string | undefined } {
  if (body === undefined) return { body: undefined, contentType: undefined };
  const type = (contentType ?? 'application/json').toLowerCase();
  if (type.startsWith('multipart/form-data')) return { body: formData(body), contentType: undefined };
  if (type.startsWith('application/x-www-form-urlencoded')) return { body: urlEncoded(body), contentType };
  if (isJson(type)) return { body: JSON.stringify(body), contentType };
  if (typeof body === 'string' || body instanceof Blob || body instanceof ArrayBuffer || ArrayBuffer.isView(body) || body instanceof ReadableStream) {
    return { body: body as BodyInit, contentType };
  }
  return { body: JSON.stringify(body), contentType };
}

export function isJson(type: string): boolean {
  const base = type.split(';')[0]!.trim();
  return base === 'application/json' || base.endsWith('+json');
}

function entries(body: unknown): [string, unknown][] {
  return typeof body === 'object' && body !== null ? Object.entries(body).filter(([, v]) => v !== undefined) : [];
}

/** The browser sets the multipart boundary itself, so no Content-Type is sent. */
function formData(body: unknown): FormData {
  const form = new FormData();
  for (const [key, value] of entries(body)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item instanceof Blob) form.append(key, item);
      else form.append(key, typeof item === 'object' && item !== null ? JSON.stringify(item) : String(item));
    }
  }
  return form;
}

function urlEncoded(body: unknown): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of entries(body)) {
    for (const item of Array.isArray(value) ? value : [value]) params.append(key, typeof item === 'object' && item !== null ? JSON.stringify(item) : String(item));
  }
  return params;
}
