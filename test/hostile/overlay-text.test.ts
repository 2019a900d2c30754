import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPackage } from '../../generator/src/generate.js';
import { tempTree } from '../support/tmp.js';
import { everyPlaceSpec, PLACES } from './every-place.js';
import { PAYLOADS, payloadFor } from './payloads.js';

const OPTIONS = { name: 'hostile', packageName: 'hostile-sdk' };

/**
 * An overlay's text is attacker text like a spec's: it only changes data. The
 * spec with a payload in every place, written instead by an overlay onto a
 * bare spec, must generate exactly the files the spec itself generates, so it
 * meets the same escaping everywhere, with no other way into the output.
 */
describe('hostile text brought by an overlay', () => {
  it.each(Object.keys(PAYLOADS))('%s: generates the same bytes as the same text in the spec', (shape) => {
    const spec = everyPlaceSpec((place) => payloadFor(shape, place, PLACES));
    const { openapi, ...rest } = spec;
    const bare = { openapi, info: { title: 'Bare', version: '0' }, paths: {} };
    const overlay = {
      overlay: '1.0.0',
      info: { title: 'Everything, from outside', version: '1' },
      actions: [
        { target: '$.info', remove: true },
        { target: '$.paths', remove: true },
        { target: '$', update: rest },
      ],
    };
    const dir = tempTree({ 'api.json': JSON.stringify(spec), 'bare.json': JSON.stringify(bare), 'overlay.json': JSON.stringify(overlay) });
    const direct = buildPackage({ ...OPTIONS, spec: join(dir, 'api.json'), out: join(dir, 'a') });
    const overlaid = buildPackage({ ...OPTIONS, spec: join(dir, 'bare.json'), overlays: [join(dir, 'overlay.json')], out: join(dir, 'b') });
    expect(overlaid.files.size).toBeGreaterThan(10);
    expect([...overlaid.files.keys()]).toEqual([...direct.files.keys()]);
    for (const [path, text] of direct.files) expect(overlaid.files.get(path), path).toBe(text);
  });
});
