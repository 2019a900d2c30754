import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPackage } from '../../generator/src/generate.js';
import { ROOT } from '../support/packages.js';
import { buildFixture } from './fixture.js';

const errorMessageOf = (spec: string) => buildPackage({ spec: join(ROOT, spec), out: 'unused', name: 'x' }).ir.errorMessage;

describe('where error bodies keep their message', () => {
  it('reads the string fields the declared JSON error bodies have, nested errors first, and a field map', () => {
    const { ir, files } = buildFixture('error-messages.yaml');
    expect(ir.errorMessage).toEqual({
      entries: [
        [['error', 'message'], ['error', 'code']],
        [['error_description']],
        [['error']],
        [['errors', 0, 'title'], ['errors', 0, 'detail']],
        [['errors', 0, 'detail']],
      ],
      fieldMessages: true,
    });
    const client = files.get('src/client.ts')!;
    expect(client).toContain("errorMessage: messageAt([['error', 'message'], ['error', 'code']], [['error_description']], [['error']], [['errors', 0, 'title'], ['errors', 0, 'detail']], [['errors', 0, 'detail']], fieldMessages),");
    expect(client).toContain("import { messageAt, fieldMessages } from './core/errors.js';");
    expect(files.get('README.md')).toContain("read where the spec's error bodies keep it: `error.message` (with `error.code` in parentheses), `error_description`, `error`, `errors[0].title` (with `errors[0].detail` in parentheses), `errors[0].detail`, or the messages of a body that maps fields to lists of messages, the first present;");
  });

  it("follows each invitation API's error schema", () => {
    expect(errorMessageOf('specs/clerk.yaml')).toEqual({ entries: [[['errors', 0, 'long_message'], ['errors', 0, 'code']], [['errors', 0, 'message'], ['errors', 0, 'code']]], fieldMessages: false });
    expect(errorMessageOf('specs/fastly.yaml')).toEqual({ entries: [[['msg'], ['detail']], [['detail']]], fieldMessages: false });
    expect(errorMessageOf('specs/syncano.yaml')).toEqual({ entries: [[['detail']]], fieldMessages: true });
  });

  it('leaves a spec that declares no error body to the reader of common shapes', () => {
    const { files, ir } = buildPackage({ spec: join(ROOT, 'corpus/simple-example.yaml'), out: 'unused', name: 'x' });
    expect(ir.errorMessage).toBeUndefined();
    expect(files.get('src/client.ts')).toContain('errorMessage: vendorMessage,');
    expect(files.get('README.md')).toContain('found in the shapes APIs commonly send');
  });
});
