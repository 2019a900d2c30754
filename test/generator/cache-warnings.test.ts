import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate } from '../../generator/src/generate.js';
import { runCli } from '../support/cli.js';
import { tempTree } from '../support/tmp.js';

/** Two warnings: an undeclared path parameter and an unsupported security scheme. */
const SPEC = `openapi: 3.1.0
info: {title: Warned, version: "1"}
paths:
  /things/{id}:
    get:
      operationId: getThing
      responses:
        "204": {description: ok}
components:
  securitySchemes:
    mutual:
      type: mutualTLS
`;

describe('a cache hit stands for the run it replays', () => {
  it('gives the warnings of that run', () => {
    const dir = tempTree({ 'api.yaml': SPEC });
    const options = { spec: join(dir, 'api.yaml'), out: join(dir, 'out'), name: 'warned' };
    const first = generate(options);
    expect(first.status).toBe('written');
    expect(first.warnings).toHaveLength(2);
    const again = generate(options);
    expect(again.status).toBe('unchanged');
    expect(again.warnings).toEqual(first.warnings);
  });

  it('prints them again from the CLI, positions and all', async () => {
    const dir = tempTree({ 'api.yaml': SPEC });
    const args = ['generate', '--spec', join(dir, 'api.yaml'), '--out', join(dir, 'out'), '--name', 'warned'];
    const first = await runCli(args, dir);
    expect(first.code).toBe(0);
    const warnings = first.stderr.split('\n').filter((l) => l.includes('warning:'));
    expect(warnings).toHaveLength(2);
    for (const w of warnings) expect(w).toMatch(/api\.yaml:\d+:\d+: warning: /);
    const again = await runCli(args, dir);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('up to date');
    expect(again.stderr.split('\n').filter((l) => l.includes('warning:'))).toEqual(warnings);
  });
});
