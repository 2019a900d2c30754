import { describe, expect, it } from 'vitest';
import type { IROperation } from '../../generator/src/ir/types.js';
import { buildFixture, compileConsumer } from './fixture.js';

describe('media types', () => {
  const { ir, files, warnings } = buildFixture('media.yaml');
  const op = (id: string): IROperation => ir.resources.flatMap((r) => r.operations).find((o) => o.operationId === id)!;
  const warned = (text: string) => warnings.filter((w) => w.message.includes(text) && w.location !== undefined);

  it('keeps every media type of a body and sends application/json, never a media range', () => {
    const body = op('createItem').body!;
    expect(body.contents.map((c) => c.mediaType)).toEqual(['application/json-patch+json', 'application/json', 'text/json', 'application/*+json']);
    expect(body.contentType).toBe('application/json');
    expect(files.get('src/resources/items.ts')).toContain("contentType: 'application/json',");
    expect(files.get('src/resources/items.ts')).not.toContain("'application/*+json'");
  });

  it('sends a concrete type, with a warning, when the spec offers only a media range', () => {
    expect(op('replaceItem').body!.contentType).toBe('application/json');
    expect(warned('only the media range "application/*+json"')).toHaveLength(1);
  });

  it('reads JSON when a response offers it beside text', () => {
    const ok = op('createItem').success!;
    expect(ok.contents.map((c) => c.mediaType)).toEqual(['text/plain', 'application/json']);
    expect(ok.contentType).toBe('application/json');
    expect(ok.type).toEqual({ kind: 'ref', name: 'Item' });
  });

  it('leaves the body out of a GET, with a warning at the operation', () => {
    expect(op('search').body).toBeUndefined();
    expect(warned('GET /search declares a request body')).toHaveLength(1);
  });

  it('types an XML response as the text the client reads, and a text response as string', () => {
    expect(op('getReport').responseKind).toBe('text');
    expect(op('getReport').success!.type).toEqual({ kind: 'primitive', name: 'string' });
    expect(warned('application/xml response is read as text')).toHaveLength(1);
    expect(op('getNote').success!.type).toEqual({ kind: 'primitive', name: 'string' });
    expect(warned('text/plain response')).toHaveLength(0);
  });

  it('types an XML request body as the string or Blob the client sends as given', () => {
    expect(op('postXml').body!.contents[0]!.type).toEqual({ kind: 'ref', name: 'Item' });
    expect(op('postXml').body!.type).toEqual({ kind: 'union', members: [{ kind: 'primitive', name: 'string' }, { kind: 'binary' }] });
    expect(warned('application/xml request body is sent as given')).toHaveLength(1);
  });

  it('gives calls that compile as the client runs them', () => {
    const consumer = `
import Media from './out/src/index.js';
export async function use(client: Media) {
  const items = await client.items.search();
  const report: string = await client.reports.getReport();
  const note: string = await client.reports.getNote();
  await client.reports.postXml('<item><name>n</name></item>');
  // @ts-expect-error an XML body is not serialised from an object
  await client.reports.postXml({ name: 'n' });
  return [items.length, report.length, note.length];
}
`;
    expect(compileConsumer(files, consumer)).toEqual([]);
  });
});
