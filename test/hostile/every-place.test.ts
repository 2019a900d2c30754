import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { stringLiteral } from '../../generator/src/emit/escape.js';
import { buildPackage } from '../../generator/src/generate.js';
import type { IR } from '../../generator/src/ir/types.js';
import { importPackages, type ImportedPackages } from '../support/import-package.js';
import { tempTree } from '../support/tmp.js';
import { checkStructure } from './checks.js';
import { everyPlaceSpec, PLACES, type PlaceText } from './every-place.js';
import { forbiddenElements, renderedText, renderMarkdown, skeleton, unexpectedLinks } from './markdown.js';
import { describeId, PAYLOADS, payloadFor } from './payloads.js';

interface Generated {
  shape: string;
  ir: IR;
  files: Map<string, string>;
}

function generate(shape: string, text: PlaceText): Generated {
  const spec = everyPlaceSpec(text);
  const dir = tempTree({ 'api.json': JSON.stringify(spec) });
  const { ir, files } = buildPackage({ spec: join(dir, 'api.json'), out: join(dir, 'out'), name: 'hostile', packageName: 'hostile-sdk' });
  return { shape, ir, files };
}

describe(`spec text in every place (${PLACES.length}) with every payload (${Object.keys(PAYLOADS).length}) never becomes code`, () => {
  let generated: Generated[];
  let imported: ImportedPackages;
  beforeAll(() => {
    generated = Object.keys(PAYLOADS).map((shape) => generate(shape, (place) => payloadFor(shape, place, PLACES)));
    imported = importPackages(generated.map((g) => g.files));
  }, 300_000);

  it('importing every compiled module in a fresh Node process runs no payload', () => {
    const ran = (ids: string[]) => ids.map((id) => describeId(id, PLACES));
    expect(ran(imported.markerGlobals)).toEqual([]);
    expect(ran(imported.markerFiles)).toEqual([]);
    expect(imported.stdout).not.toContain('PWNED');
    expect(imported.failed).toEqual([]);
    const sources = generated.flatMap((g) => [...g.files.keys()].filter((p) => p.endsWith('.ts')));
    expect(imported.modules).toHaveLength(sources.length);
  });

  it('the packages compile under strict', () => {
    expect(imported.errors).toEqual([]);
  });

  it('every generated module holds only the declarations the spec asked for', () => {
    for (const { shape, files, ir } of generated) {
      for (const [path, text] of files) if (path.endsWith('.ts') && !path.startsWith('src/core/')) checkStructure(path, text, ir);
      // The webhooks are there to be attacked: both events, told apart by the hostile tag.
      expect(ir.webhooks?.webhooks.map((w) => w.name), shape).toEqual([payloadFor(shape, 'webhook.name', PLACES), 'second']);
      expect(ir.webhooks?.tag, shape).toBe(payloadFor(shape, 'webhook.tag.name', PLACES));
      expect(files.get('README.md'), shape).toContain('## Webhooks');
    }
  });

  it('documents render spec text as text: no HTML, link, heading, list or code block comes from the spec', () => {
    // The same spec with plain words in every place: hostile text may only add paragraphs and code spans to what it renders to.
    const plain = generate('plain', (place) => `Plain ${place}`);
    for (const { shape, files } of generated) {
      const docs = [...files.keys()].filter((p) => p.endsWith('.md'));
      expect(docs.length, shape).toBe([...plain.files.keys()].filter((p) => p.endsWith('.md')).length);
      for (const [path, html] of docs.map((p) => [p, renderMarkdown(files.get(p)!)] as const)) {
        expect(forbiddenElements(html), `${shape}: ${path}`).toEqual([]);
        expect(unexpectedLinks(html), `${shape}: ${path}`).toEqual([]);
      }
      // As a set: the pages' names, and so their order, come from the spec.
      const shapes = (f: Map<string, string>) => [...f].filter(([p]) => p.endsWith('.md')).map(([, md]) => skeleton(renderMarkdown(md)).join('')).sort();
      expect(shapes(files), shape).toEqual(shapes(plain.files));
    }
  });

  it('the text shown in documents is the text the spec wrote', () => {
    for (const { shape, files } of generated) {
      const shown = (prefix: string) => [...files].filter(([p]) => p.startsWith(prefix)).map(([, md]) => flat(renderedText(renderMarkdown(md)).replace(/`/g, ''))).join(' ');
      // Backticks aside: spec prose keeps its code spans, which render as code, not as backticks.
      const payload = (place: string) => flat(payloadFor(shape, place, PLACES).replace(/`/g, ''));
      const readme = shown('README.md');
      for (const place of ['info.title', 'info.description']) expect(readme, `${shape}: ${place}`).toContain(payload(place));
      const pages = shown('docs/');
      for (const place of ['operation.get.description', 'response.4xx.description', 'response.default.description', 'parameter.query.description', 'requestBody.description']) {
        expect(pages, `${shape}: ${place}`).toContain(payload(place));
      }
    }
  });

  it('a spec example short enough to show reaches the examples as a string literal, in comments and documents alike', () => {
    for (const { shape, files } of generated.filter((g) => g.shape.startsWith('short'))) {
      const literal = stringLiteral(payloadFor(shape, 'parameter.query.example', PLACES));
      const docs = [...files].filter(([p]) => p.startsWith('docs/')).map(([, md]) => md).join('\n');
      expect(docs, shape).toContain(literal);
      // In a doc comment, `*/` is shown as `*\/`, which is the same string in a literal.
      const comments = [...files].filter(([p]) => p.startsWith('src/resources/')).map(([, ts]) => ts).join('\n');
      expect(comments, shape).toContain(literal.replace(/\*\//g, '*\\/'));
    }
  });
});

/** Text as a reader sees it rendered: control characters gone, runs of white space one space. */
function flat(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').replace(/[\s\u2028\u2029]+/g, ' ').trim();
}

