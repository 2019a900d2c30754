import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { typeCheck } from '../support/compile.js';
import { ROOT } from '../support/packages.js';
import { tempTree } from '../support/tmp.js';

const run = promisify(execFile);
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/**
 * A checkout with one generated package and no dist/ anywhere, wired as npm
 * workspaces wire it: node_modules/@sdkgen/syncano links to the package
 * folder. The generator's build is copied with its timestamps, so
 * `tsc --build` finds it up to date instead of compiling it again.
 */
function checkout(): string {
  const dir = tempTree({
    'sdkgen.config.json': JSON.stringify({ packages: [{ spec: 'specs/syncano.yaml', out: 'generated/syncano', name: 'syncano', packageName: '@sdkgen/syncano', version: '0.1.0' }] }),
    // A consumer in the workspace whose types resolve through dist/, as a user's app does.
    'app/package.json': '{ "type": "module" }',
    'app/uses-nickname.ts': `import type { Invitation } from '@sdkgen/syncano';\n\nexport const nickname = (i: Invitation): string | undefined => i.nickname;\n`,
    'app/tsconfig.json': JSON.stringify({ compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', target: 'ES2022', strict: true, lib: ['ES2022', 'DOM'], types: [], noEmit: true }, include: ['*.ts'] }),
  });
  const copy = (part: string, filter?: (src: string) => boolean) => {
    if (existsSync(join(ROOT, part))) cpSync(join(ROOT, part), join(dir, part), { recursive: true, preserveTimestamps: true, ...(filter ? { filter } : {}) });
  };
  for (const part of ['package.json', 'tsconfig.base.json', 'templates', 'runtime/src', 'specs/syncano.yaml', 'generator/package.json', 'generator/tsconfig.json', 'generator/tsconfig.tsbuildinfo', 'generator/bin', 'generator/scripts', 'generator/src', 'generator/dist']) copy(part);
  copy('generated/syncano', (src) => !/[\\/](dist|node_modules)$/.test(src));
  mkdirSync(join(dir, 'node_modules/@sdkgen'), { recursive: true });
  mkdirSync(join(dir, 'node_modules/.bin'));
  for (const dep of ['typescript', 'esbuild', 'yaml', 'handlebars', 'code-block-writer', 'ts-morph', '@types']) symlinkSync(join(ROOT, 'node_modules', dep), join(dir, 'node_modules', dep), 'dir');
  symlinkSync('../typescript/bin/tsc', join(dir, 'node_modules/.bin/tsc'));
  symlinkSync('../../generated/syncano', join(dir, 'node_modules/@sdkgen/syncano'), 'dir');
  return dir;
}

async function npmRunGenerate(cwd: string): Promise<void> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
  await run(NPM, ['run', 'generate'], { cwd, env });
}

/** Modification times of everything in dist/, which `tsc --build` leaves alone when nothing changed. */
function distTimes(pkg: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of ['index.js', 'index.d.ts', 'models.d.ts', 'resources/invitations.js']) out[f] = statSync(join(pkg, 'dist', f)).mtimeMs;
  return out;
}

describe('npm run generate in the workspace', () => {
  it('leaves each package importable by name, and its dist/ follows a spec change', async () => {
    const dir = checkout();
    const pkg = join(dir, 'generated/syncano');
    expect(existsSync(join(pkg, 'dist'))).toBe(false);

    await npmRunGenerate(dir);
    const loaded = await run(process.execPath, ['--input-type=module', '-e', "import Syncano, { NotFoundError } from '@sdkgen/syncano'; console.log(typeof Syncano, typeof NotFoundError);"], { cwd: join(dir, 'app') });
    expect(loaded.stdout.trim()).toBe('function function');
    expect(typeCheck(join(dir, 'app/tsconfig.json')).join('\n')).toContain("Property 'nickname' does not exist on type 'Invitation'");

    // The spec gains a property: one command later, a consumer compiling against dist/ sees it.
    const spec = join(dir, 'specs/syncano.yaml');
    const text = readFileSync(spec, 'utf8');
    const anchor = "      description: An invitation to collaborate on the instance.\n      required: [id, email, role, key, state, links, created_at, updated_at]\n      properties:\n";
    expect(text).toContain(anchor);
    writeFileSync(spec, text.replace(anchor, `${anchor}        nickname:\n          type: string\n          description: What the inviter calls the invitee.\n`));
    await npmRunGenerate(dir);
    expect(typeCheck(join(dir, 'app/tsconfig.json'))).toEqual([]);
    expect(readFileSync(join(pkg, 'dist/models.d.ts'), 'utf8')).toContain('nickname?: string');

    // Nothing changed: nothing is rebuilt.
    const before = distTimes(pkg);
    await npmRunGenerate(dir);
    expect(distTimes(pkg)).toEqual(before);
  }, 240_000);
});
