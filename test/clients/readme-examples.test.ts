import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STRICT_OPTIONS, typeCheckFiles } from '../support/compile.js';
import { PACKAGES, ROOT } from '../support/packages.js';

/** The ```ts blocks of a markdown file. */
function codeBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```ts\n([\s\S]*?)\n```$/gm)].map((m) => m[1]!);
}

/** Blocks that use the client without making one get the declaration a reader would have above them. */
function asModule(block: string, packageName: string, clientName: string, variable: string): string {
  if (/^import /m.test(block)) return `${block}\nexport {};\n`;
  return `import type ${clientName} from '${packageName}';\ndeclare const ${variable}: ${clientName};\n${block}\nexport {};\n`;
}

/** Every example in the generated READMEs and docs compiles against the package, so none can rot. */
describe.each(PACKAGES.map((p) => [p.name!, p] as const))('%s documentation examples', (name, options) => {
  it('compile under strict', () => {
    const clientName = name[0]!.toUpperCase() + name.slice(1);
    const docs = ['README.md', ...readdirSync(join(options.out, 'docs')).map((f) => join('docs', f))];
    const files: Record<string, string> = {};
    for (const doc of docs) {
      codeBlocks(readFileSync(join(options.out, doc), 'utf8')).forEach((block, i) => {
        files[join(ROOT, 'test/.examples', name, `${doc.replace(/\W/g, '_')}_${i}.mts`)] = asModule(block, options.packageName!, clientName, name);
      });
    }
    expect(Object.keys(files).length).toBeGreaterThan(4);
    expect(typeCheckFiles(files, { ...STRICT_OPTIONS, types: ['node'], customConditions: ['sdkgen-source'] })).toEqual([]);
  });
});
