import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SpecError } from '../../generator/src/diagnostics.js';
import { buildPackage } from '../../generator/src/generate.js';
import { tempTree } from '../support/tmp.js';

const SPEC = `openapi: 3.1.0
info: {title: Streams, version: "1"}
x-sdkgen-request-id:
  header: [x-trace, x-other-trace]
  errorField: trace_id
x-sdkgen-stream-terminator: "[DONE]"
paths:
  /a:
    post:
      operationId: streamA
      responses:
        "200":
          description: events
          content:
            text/event-stream:
              schema: {type: object, properties: {delta: {type: string}}}
  /b:
    post:
      operationId: streamB
      x-sdkgen-stream-terminator: END
      responses:
        "200":
          description: events
          content:
            text/event-stream:
              schema: {type: object, properties: {delta: {type: string}}}
  /c:
    get:
      operationId: plain
      responses:
        "200":
          description: json
          content:
            application/json:
              schema: {type: string}
`;

function build(spec: string) {
  const dir = tempTree({ 'api.yaml': spec });
  return buildPackage({ spec: join(dir, 'api.yaml'), out: join(dir, 'out'), name: 'streams' });
}

describe('vendor behaviour stated in the spec', () => {
  it('reaches the generated client: request id sources and stream terminators', () => {
    const { ir, files } = build(SPEC);
    expect(ir.requestId).toEqual({ headers: ['x-trace', 'x-other-trace'], errorField: 'trace_id' });
    const ops = Object.fromEntries(ir.resources.flatMap((r) => r.operations).map((op) => [op.operationId, op.streamTerminator]));
    expect(ops).toEqual({ streamA: '[DONE]', streamB: 'END', plain: undefined });
    expect(files.get('src/client.ts')).toContain("requestId: requestIdAt({ headers: ['x-trace', 'x-other-trace'], errorField: 'trace_id' }),");
    const resources = [...files].filter(([p]) => p.startsWith('src/resources/')).map(([, t]) => t).join('\n');
    expect(resources).toContain("streamTerminator: '[DONE]',");
    expect(resources).toContain("streamTerminator: 'END',");
  });

  it('a spec without them generates a client that names no vendor', () => {
    const { files } = build(SPEC.replace(/^x-sdkgen-.*\n(  .*\n)*/gm, '').replace(/^      x-sdkgen-.*\n/gm, ''));
    expect(files.get('src/client.ts')).not.toContain('requestId');
    expect([...files].filter(([p]) => p.startsWith('src/resources/')).map(([, t]) => t).join('\n')).not.toContain('streamTerminator');
  });

  it.each([
    ['x-sdkgen-request-id: [x-trace]', 3],
    ['x-sdkgen-request-id: {header: 5}', 3],
    ['x-sdkgen-stream-terminator: 7', 3],
  ])('a malformed %s is an error at its line', (line, at) => {
    const spec = SPEC.replace(/^x-sdkgen-request-id:\n(  .*\n)*/m, '').replace(/^x-sdkgen-stream-terminator: .*\n/m, '').replace('paths:', `${line}\npaths:`);
    let error: unknown;
    try {
      build(spec);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SpecError);
    expect((error as SpecError).diagnostics[0]!.location?.line).toBe(at);
  });
});
