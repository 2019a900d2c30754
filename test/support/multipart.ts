/** One part of a multipart body as a server sees it. */
export interface Part {
  headers: Record<string, string>;
  name: string | undefined;
  filename: string | undefined;
  data: Buffer;
}

/** A strict multipart/form-data parser (RFC 7578): the boundary from the Content-Type, CRLF line ends, a closing delimiter. */
export function parseMultipart(contentType: string | undefined, body: Buffer): Part[] {
  const boundary = /boundary=("?)([^";]+)\1/.exec(contentType ?? '')?.[2];
  if (!boundary) throw new Error(`no boundary in ${contentType}`);
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: Part[] = [];
  let at = body.indexOf(delimiter);
  if (at !== 0) throw new Error('body does not start with the boundary');
  for (;;) {
    const after = at + delimiter.length;
    if (body.subarray(after, after + 4).toString() === '--\r\n') break;
    if (body.subarray(after, after + 2).toString() !== '\r\n') throw new Error('boundary not followed by CRLF');
    const headEnd = body.indexOf('\r\n\r\n', after + 2);
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), headEnd);
    if (headEnd < 0 || next < 0) throw new Error('unterminated part');
    const headers: Record<string, string> = {};
    for (const line of body.subarray(after + 2, headEnd).toString('utf8').split('\r\n')) {
      const colon = line.indexOf(':');
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    const disposition = headers['content-disposition'] ?? '';
    parts.push({
      headers,
      name: /(?:^|;)\s*name="([^"]*)"/.exec(disposition)?.[1],
      filename: /filename="([^"]*)"/.exec(disposition)?.[1],
      data: body.subarray(headEnd + 4, next),
    });
    at = next + 2;
  }
  return parts;
}
