import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPackage } from '../../generator/src/generate.js';
import { ROOT } from '../support/packages.js';
import { startPrism, type Mock } from '../support/prism.js';
import { responseValidator } from '../support/schema-check.js';
import { tempTree } from '../support/tmp.js';

/**
 * The feature tour's requests through a Prism mock of its spec in errors
 * mode, which refuses a request the spec does not allow. Prism cannot serve
 * event streams, so the streamed forms are proven against node:http servers
 * (feature-tour.test.ts) and the JSON form of the completion is sent here.
 */
const SPEC = join(ROOT, 'corpus/feature-tour.yaml');
const { files } = buildPackage({ spec: SPEC, out: 'unused', name: 'featuretour', packageName: 'feature-tour-sdk' });

interface Tour {
  completions: { createCompletion(body: { prompt: string; max_tokens?: number; stream?: boolean | null }): Promise<unknown> };
  files: {
    uploadFile(body: { file: unknown; purpose: string; attributes?: Record<string, string>; preview?: unknown }): Promise<unknown>;
    downloadFile(id: string): Promise<Response>;
  };
  reports: { getReport(job: string): Promise<string> };
}

describe('feature tour against a Prism mock of its spec', () => {
  const state: { mock?: Mock; check?: Awaited<ReturnType<typeof responseValidator>>; client?: Tour } = {};
  beforeAll(async () => {
    [state.mock, state.check] = await Promise.all([startPrism(SPEC, { errors: true }), responseValidator(SPEC)]);
  }, 60_000);
  afterAll(async () => { await state.mock?.stop(); });
  const client = async (): Promise<Tour> => {
    const tree: Record<string, string> = {};
    for (const [path, text] of files) tree[join('out', path)] = text;
    const mod = (await import(join(tempTree(tree), 'out/src/index.ts'))) as { default: new (o: object) => Tour };
    return new mod.default({ baseURL: state.mock!.url, accessToken: 'tok', maxRetries: 0 });
  };

  it('the JSON completion, an upload, a download and an XML report are requests the spec allows', async () => {
    const tour = await client();
    expect(state.check!('createCompletion', '200', await tour.completions.createCompletion({ prompt: 'hi', max_tokens: 5, stream: false }))).toEqual([]);
    // Prism reads every multipart part as a string, so a JSON part (`attributes`) would fail its check of an object; that part is proven in feature-tour.test.ts.
    const stored = await tour.files.uploadFile({ file: new File([new Uint8Array([1, 2, 3])], 'data.bin'), purpose: 'training', preview: new Blob([new Uint8Array([0x89, 0x50])]) });
    expect(state.check!('uploadFile', '201', stored)).toEqual([]);
    const download = await tour.files.downloadFile('file_1');
    expect(download.status).toBe(200);
    await download.arrayBuffer();
    expect(typeof (await tour.reports.getReport('job_1'))).toBe('string');
  }, 60_000);

  it('a request the spec forbids is refused, with the 400 the spec declares', async () => {
    const tour = await client();
    await expect(tour.completions.createCompletion({ prompt: '' })).rejects.toMatchObject({ status: 400 });
    await expect(tour.files.uploadFile({ file: new Blob(['x']), purpose: 'fun' })).rejects.toMatchObject({ status: 400 });
  }, 60_000);
});
