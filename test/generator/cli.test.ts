import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, startCli } from '../support/cli.js';
import { ROOT } from '../support/packages.js';
import { tempTree } from '../support/tmp.js';

const SMALL = 'openapi: 3.1.0\ninfo: {title: Small, version: "1"}\npaths:\n  /items:\n    get:\n      operationId: listItems\n      description: Lists the items.\n      responses:\n        "200":\n          description: ok\n          content:\n            application/json:\n              schema: {type: array, items: {type: string}}\n';

/** A folder with a spec and nothing else, so a run that writes where it should not is seen. */
function workspace(): { dir: string; spec: string } {
  const dir = tempTree({ 'api.yaml': SMALL });
  return { dir, spec: join(dir, 'api.yaml') };
}

describe('sdkgen CLI', () => {
  it.each([
    ['--spec without --out', (spec: string) => ['generate', '--spec', spec], /--spec needs --out/],
    ['--out without --spec', () => ['generate', '--out', 'x'], /--out only applies with --spec/],
    ['--name without --spec', () => ['generate', '--name', 'x'], /--name only applies with --spec/],
    ['--package without --spec', () => ['generate', '--package', 'x'], /--package only applies with --spec/],
    ['--dates without --spec', () => ['generate', '--dates'], /--dates only applies with --spec/],
    ['a name with spaces and punctuation', (spec: string) => ['generate', '--spec', spec, '--out', 'out', '--name', 'Bad Name!'], /--name "Bad Name!" cannot become an identifier/],
    ['an empty name', (spec: string) => ['generate', '--spec', spec, '--out', 'out', '--name', ''], /--name "" cannot become an identifier/],
    ['a name that starts with a digit', (spec: string) => ['generate', '--spec', spec, '--out', 'out', '--name', '9lives'], /cannot become an identifier/],
    ['an invalid npm package name', (spec: string) => ['generate', '--spec', spec, '--out', 'out', '--name', 'ok', '--package', 'Bad Pkg'], /not a valid npm package name: "Bad Pkg"/],
    ['--core without --spec', () => ['generate', '--core', 'slim'], /--core only applies with --spec/],
    ['an unknown core', (spec: string) => ['generate', '--spec', spec, '--out', 'out', '--core', 'tiny'], /--core must be "full" or "slim", not "tiny"/],
    ['an unknown flag', (spec: string) => ['generate', '--spec', spec, '--out', 'out', '--forse'], /unknown option --forse \(did you mean --force\?\)/],
    ['a flag without its value', () => ['generate', '--spec'], /--spec needs a value/],
  ])('refuses %s with exit 2, a clear message and nothing written', async (_what, args, message) => {
    const { dir, spec } = workspace();
    const result = await runCli(args(spec), dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/ERR_PARSE_ARGS|To specify a positional argument/);
    expect(readdirSync(dir)).toEqual(['api.yaml']);
  });

  it('derives a lowercase package name from a mixed-case name', async () => {
    const { dir, spec } = workspace();
    expect((await runCli(['generate', '--spec', spec, '--out', 'out', '--name', 'PetStore'], dir)).code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'out/package.json'), 'utf8')).name).toBe('petstore-sdk');
  });

  it('a config entry chooses its core: "slim" vendors the slim client, and an unknown core is refused with exit 2', async () => {
    const dir = tempTree({ 'api.yaml': SMALL, 'sdkgen.config.json': JSON.stringify({ packages: [{ spec: 'api.yaml', out: 'out', name: 'small', core: 'slim' }] }) });
    const slim = await runCli(['generate'], dir);
    expect(slim.code, slim.stderr).toBe(0);
    expect(readFileSync(join(dir, 'out/src/core/client.ts'), 'utf8')).toBe(readFileSync(join(ROOT, 'runtime/src/slim-client.ts'), 'utf8'));
    expect(existsSync(join(dir, 'out/src/core/retry.ts'))).toBe(false);
    writeFileSync(join(dir, 'sdkgen.config.json'), JSON.stringify({ packages: [{ spec: 'api.yaml', out: 'other', core: 'tiny' }] }));
    const refused = await runCli(['generate'], dir);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/"core" must be "full" or "slim", not "tiny"/);
    expect(existsSync(join(dir, 'other'))).toBe(false);
  });

  it('--dates, or "dates": true in the config, types date-times as Date; turning it on regenerates', async () => {
    const dated = SMALL.replace('items: {type: string}', 'items: {type: string, format: date-time}');
    const dir = tempTree({ 'api.yaml': dated, 'sdkgen.config.json': JSON.stringify({ packages: [{ spec: 'api.yaml', out: 'out', name: 'small' }] }) });
    expect((await runCli(['generate', '--spec', join(dir, 'api.yaml'), '--out', 'flagged', '--dates'], dir)).code).toBe(0);
    expect(readFileSync(join(dir, 'flagged/src/resources/items.ts'), 'utf8')).toContain('APIPromise<Date[]>');
    expect((await runCli(['generate'], dir)).code).toBe(0);
    expect(existsSync(join(dir, 'out/src/dates.ts'))).toBe(false);
    expect(readFileSync(join(dir, 'out/src/resources/items.ts'), 'utf8')).toContain('APIPromise<string[]>');
    writeFileSync(join(dir, 'sdkgen.config.json'), JSON.stringify({ packages: [{ spec: 'api.yaml', out: 'out', name: 'small', dates: true }] }));
    expect((await runCli(['generate'], dir)).code).toBe(0);
    expect(existsSync(join(dir, 'out/src/dates.ts'))).toBe(true);
    expect(readFileSync(join(dir, 'out/src/resources/items.ts'), 'utf8')).toContain('APIPromise<Date[]>');
    writeFileSync(join(dir, 'sdkgen.config.json'), JSON.stringify({ packages: [{ spec: 'api.yaml', out: 'out', dates: 'yes' }] }));
    const refused = await runCli(['generate'], dir);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('"dates" must be true or false');
  });

  it('--version prints the generator version', async () => {
    const result = await runCli(['--version']);
    expect(result.code).toBe(0);
    const version = JSON.parse(readFileSync(join(ROOT, 'generator/package.json'), 'utf8')).version;
    expect(result.stdout).toBe(`${version}\n`);
  });

  it('creates folders with the usual permissions', async () => {
    const { dir, spec } = workspace();
    expect((await runCli(['generate', '--spec', spec, '--out', 'deep/out', '--name', 'api'], dir)).code).toBe(0);
    const expected = 0o777 & ~process.umask();
    for (const folder of ['deep', 'deep/out', 'deep/out/src', 'deep/out/src/core']) {
      expect({ folder, mode: (statSync(join(dir, folder)).mode & 0o777).toString(8) }).toEqual({ folder, mode: expected.toString(8) });
    }
  });

  it('--check names the command to run and shows a short diff of what is stale', async () => {
    const { dir, spec } = workspace();
    const args = ['generate', '--spec', 'api.yaml', '--out', 'out', '--name', 'api'];
    expect((await runCli(args, dir)).code).toBe(0);
    writeFileSync(spec, SMALL.replace('Lists the items.', 'Lists every item.'));
    const check = await runCli([...args, '--check'], dir);
    expect(check.code).toBe(1);
    expect(check.stderr).toContain('sdkgen generate --spec api.yaml --out out --name api');
    expect(check.stderr).toMatch(/^-.*Lists the items\.$/m);
    expect(check.stderr).toMatch(/^\+.*Lists every item\.$/m);
  });

  it('diff classifies a spec change without writing anything', async () => {
    const { dir, spec } = workspace();
    writeFileSync(join(dir, 'new.yaml'), SMALL.replace('operationId: listItems', 'operationId: listAllItems'));
    const json = await runCli(['diff', spec, join(dir, 'new.yaml'), '--json', '--name', 'api'], dir);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({
      bump: 'major',
      changes: [
        { kind: 'breaking', symbol: 'Items.listItems', message: 'removed' },
        { kind: 'breaking', symbol: 'itemsListItems', message: 'removed' },
        { kind: 'feature', symbol: 'Items.listAllItems', message: 'added' },
        { kind: 'feature', symbol: 'itemsListAllItems', message: 'added' },
      ],
    });
    const human = await runCli(['diff', spec, spec], dir);
    expect(human).toMatchObject({ code: 0, stdout: 'no change: no new version needed\n' });
    expect(readdirSync(dir).sort()).toEqual(['api.yaml', 'new.yaml']);
  });

  it('diff needs two specs', async () => {
    const { dir, spec } = workspace();
    const result = await runCli(['diff', spec], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/"sdkgen diff" takes two specs: OLD_SPEC NEW_SPEC/);
  });

  it('--watch stamps each line with the time', async () => {
    const { dir, spec } = workspace();
    const cli = startCli(['generate', '--watch', '--spec', spec, '--out', join(dir, 'out'), '--name', 'api']);
    try {
      await cli.until(() => cli.stdout().includes('watching'));
      writeFileSync(spec, SMALL.replace('Small', 'Smaller'));
      await cli.until(() => existsSync(join(dir, 'out/README.md')) && readFileSync(join(dir, 'out/README.md'), 'utf8').includes('Smaller') && /wrote/.test(cli.stdout().split('watching')[1] ?? ''));
      for (const line of cli.stdout().trimEnd().split('\n')) expect(line).toMatch(/^\[\d\d:\d\d:\d\d\] /);
    } finally {
      cli.stop();
    }
  });
});
