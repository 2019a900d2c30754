import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { tempTree } from '../support/tmp.js';
import { buildFixture, IR_FIXTURES, model } from './fixture.js';

/** Every construct a type cannot state is warned where the spec writes it, saying what was generated instead. */
describe('constructs a type cannot express', () => {
  const { ir, warnings } = buildFixture('lossy.yaml');
  const at = (text: string) => warnings.filter((w) => w.message.includes(text)).map((w) => w.location?.line);

  it.each([
    ['`not` cannot be a TypeScript type', 45],
    ['`if`/`then`/`else` cannot be a TypeScript type', 48],
    ['`dependentRequired` cannot be a TypeScript type', 56],
    ['`contains` cannot be a TypeScript type', 61],
    ['a `const` value that is an object cannot be a literal type', 63],
  ])('%s (line %i)', (text, line) => {
    expect(at(text)).toEqual([line]);
  });

  it('types a contradictory allOf as never, with a warning, and leaves a compatible one alone', () => {
    expect(model(ir, 'Both').type).toEqual({ kind: 'intersection', members: [{ kind: 'primitive', name: 'never' }] });
    expect(at('allOf members admit no common value (string; number)')).toEqual([31]);
    expect(model(ir, 'Fine').type).toEqual({ kind: 'intersection', members: [{ kind: 'primitive', name: 'integer' }, { kind: 'primitive', name: 'number', facts: { minimum: 0 } }] });
  });

  it('keeps the OAuth2 flows in the IR, and runs the client credentials flow itself without a warning', () => {
    const oauth = ir.auth.find((a) => a.schemeName === 'oauth');
    expect(oauth?.type).toBe('bearer');
    expect(oauth && 'oauth' in oauth ? oauth.oauth?.flows : undefined).toEqual([
      { flow: 'clientCredentials', tokenUrl: 'https://auth.example.com/token', authorizationUrl: undefined, refreshUrl: undefined, scopes: [['things:read', 'Read things.']] },
      { flow: 'authorizationCode', tokenUrl: 'https://auth.example.com/token', authorizationUrl: 'https://auth.example.com/authorize', refreshUrl: undefined, scopes: [] },
    ]);
    expect(oauth && oauth.type === 'bearer' ? oauth.clientCredentials : undefined).toEqual({
      tokenUrl: 'https://auth.example.com/token', scopes: ['things:read'],
      clientId: { option: 'clientId', env: 'LOSSY_CLIENT_ID' }, clientSecret: { option: 'clientSecret', env: 'LOSSY_CLIENT_SECRET' },
    });
    expect(at('clientCredentials')).toEqual([]);
    expect(at('authorizationCode')).toEqual([]);
  });

  it('fails --strict with exit code 2 and writes nothing', async () => {
    const dir = tempTree({});
    const result = await runCli(['generate', '--spec', join(IR_FIXTURES, 'lossy.yaml'), '--out', join(dir, 'out'), '--name', 'lossy', '--strict']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('lossy.yaml:45:');
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });
});
