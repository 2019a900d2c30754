import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPackage } from '../../generator/src/generate.js';
import { STRICT_OPTIONS, typeCheckFiles } from '../support/compile.js';
import { PACKAGES, ROOT } from '../support/packages.js';
import { tempTree } from '../support/tmp.js';

function codeBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```ts\n([\s\S]*?)\n```$/gm)].map((m) => m[1]!);
}

/** The README sections a package shows only when its API has the feature, compiled from a fixture that has them all. */
describe('feature sections of the README', () => {
  const { files } = buildPackage({ spec: join(ROOT, 'test/fixtures/features/media.yaml'), out: 'unused', name: 'media', packageName: 'media-sdk' });
  const readme = files.get('README.md')!;

  it('show file uploads, with toFile and the multipart choice, and every example compiles (OAuth2 included)', () => {
    expect(readme).toContain('## File uploads');
    expect(readme).toContain("await toFile(createReadStream('report.pdf'), 'report.pdf', { type: 'application/pdf' })");
    expect(readme).toContain("{ contentType: 'multipart/form-data' }");
    const tree: Record<string, string> = {};
    for (const [path, text] of files) tree[join('out', path)] = text;
    const dir = tempTree(tree);
    const examples: Record<string, string> = {};
    codeBlocks(readme).forEach((block, i) => {
      examples[join(dir, `example_${i}.mts`)] = /^import /m.test(block) ? `${block}\nexport {};\n` : `import type Media from 'media-sdk';\ndeclare const media: Media;\n${block}\nexport {};\n`;
    });
    expect(typeCheckFiles(examples, { ...STRICT_OPTIONS, types: ['node'], baseUrl: dir, paths: { 'media-sdk': ['out/src/index.ts'] } })).toEqual([]);
  });

  it('show the OAuth2 client credentials set-up with its environment variables', () => {
    expect(readme).toContain('### OAuth2 client credentials');
    expect(readme).toContain("clientId: process.env['MEDIA_CLIENT_ID'],");
    expect(readme).toContain('`https://auth.media.example.com/oauth/token`');
  });

  it.each(PACKAGES.map((p) => [p.name!, p.out] as const))('are absent from %s, which has no such feature', (_name, out) => {
    const text = readFileSync(join(out, 'README.md'), 'utf8');
    expect(text).not.toContain('## File uploads');
    expect(text).not.toContain('OAuth2 client credentials');
    expect(text).not.toContain('## Webhooks');
  });
});
