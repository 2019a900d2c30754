import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDocument, stringify } from 'yaml';
import { readFast, UNSUPPORTED } from '../../generator/src/load/fast-yaml.js';
import { parseSpecFileWithYaml } from '../../generator/src/load/parse-file.js';
import { SourcePositions } from '../../generator/src/load/positions.js';
import { ROOT } from '../support/packages.js';

/*
 * The fast reader must read every file exactly as the `yaml` library does
 * (the same data, and the same position for every mapping, sequence and key),
 * or give up on it. These tests compare the two on every spec we have and on
 * generated YAML.
 */

/** What differs between the two readings of `text`, or undefined when nothing does; 'unsupported' when the fast reader gave up. */
function compare(file: string, text: string): string | undefined {
  const fastPositions = new SourcePositions();
  const fast = readFast(text, fastPositions.recorder(file, text));
  if (fast === UNSUPPORTED) return 'unsupported';
  const yamlPositions = new SourcePositions();
  const slow = parseSpecFileWithYaml(file, text, yamlPositions);
  if (!isDeepStrictEqual(fast, slow) || JSON.stringify(fast) !== JSON.stringify(slow)) return `data differs: ${JSON.stringify(fast)?.slice(0, 300)} vs ${JSON.stringify(slow)?.slice(0, 300)}`;
  const stack: [unknown, unknown, string][] = [[fast, slow, '']];
  while (stack.length > 0) {
    const [a, b, path] = stack.pop()!;
    if (a === null || typeof a !== 'object') continue;
    const at = (p: SourcePositions, node: unknown, key?: string) => JSON.stringify(p.locate(node, key));
    if (at(fastPositions, a) !== at(yamlPositions, b)) return `position of ${path || '/'}: ${at(fastPositions, a)} vs ${at(yamlPositions, b)}`;
    for (const key of Object.keys(a)) {
      if (!Array.isArray(a) && at(fastPositions, a, key) !== at(yamlPositions, b, key)) return `position of key ${path}/${key}: ${at(fastPositions, a, key)} vs ${at(yamlPositions, b, key)}`;
      stack.push([(a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${path}/${key}`]);
    }
  }
  return undefined;
}

function specFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' || name.startsWith('__') ? [] : specFiles(path);
    return /\.(ya?ml|json)$/.test(name) ? [path] : [];
  });
}

describe('fast YAML reader', () => {
  it('reads every spec and fixture as the yaml library does, data and positions', () => {
    const files = ['specs', 'corpus', 'test/fixtures'].flatMap((d) => specFiles(join(ROOT, d)));
    expect(files.length).toBeGreaterThan(2000);
    const outcomes = files.map((f) => ({ file: relative(ROOT, f), outcome: compare(f, readFileSync(f, 'utf8')) }));
    expect(outcomes.filter((o) => o.outcome !== undefined && o.outcome !== 'unsupported')).toEqual([]);
    // The specs that matter for speed are read fast, not handed back.
    const unsupported = outcomes.filter((o) => o.outcome === 'unsupported').map((o) => o.file);
    expect(unsupported.filter((f) => !f.startsWith('corpus/digital-ocean/resources/'))).toEqual([]);
    expect(unsupported.length).toBeLessThan(20);
  });

  it('gives up on what it does not read exactly, leaving it to the yaml library', () => {
    const ignore = { record: () => {}, copy: () => {} };
    for (const text of [
      'a: !!str 1\n', '? a\n: b\n', 'a: 1\n---\nb: 2\n', '%YAML 1.1\n---\na: 1\n', 'a: 1\na: 2\n', 'a:\n\tb: 1\n',
      'a: [1, 2,]\n', 'a: b: c\n', 'a: &x [*x]\n', 'a: *missing\n', '"a\n b": 1\n', 'a: 1\r\nb: 2\r\n', 'just a scalar\n',
    ]) {
      expect(readFast(text, ignore), text).toBe(UNSUPPORTED);
    }
  });

  it('reads aliases as copies placed where their anchor is', () => {
    const text = 'a: &x\n  - p\nb: *x\nc: &m {k: 1}\nd: [*m, *m]\n';
    expect(compare('t.yaml', text)).toBeUndefined();
    const data = readFast(text, { record: () => {}, copy: () => {} }) as Record<string, unknown[]>;
    expect(data['b']).toEqual(['p']);
    expect(data['b']).not.toBe(data['a']);
  });

  it('agrees with the yaml library on generated YAML whenever it reads it', () => {
    // Lines that together make valid, invalid and unusual YAML: whatever the fast reader accepts must read the same.
    const line = fc.tuple(
      fc.constantFrom('', ' ', '  ', '    ', '      '),
      fc.constantFrom(
        'a: 1', 'b: -2.50', 'c: 0x1F', 'd: 0o17', 'e: .inf', 'f: ~', 'g: True', 'h: "x\\ty\\u00e9"', "i: 'it''s'", 'j:', 'k: |', 'l: >-', 'm: |+', 'n: |2',
        '- x', '- y: 1', '-', '- - z', 'plain text', 'more: words # c', '# comment', '"q": v', "'r': [1, {s: t}]", 't: {u: [v, w]}', 'x: &a [1]', 'y: *a',
        'z: "multi', 'line"', "w: 'open", "close'", 'v: a:b', 'u: [a:b, c]', '- `tick`', 'text with: colon', '{a: 1}', '[1, 2]', '? k', ': v', '---', '...', '"k\\\\": 1',
        '- &b q', '- *b', 'null: 1', '1.50: x', '200: ok', 'o: "esc \\', '  tail', 'p: - q', '\tt: 1', 'q: x #c', 'r: x#y',
      ),
    ).map(([indent, content]) => indent + content);
    let read = 0;
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 12 }), fc.boolean(), (lines, finalNewline) => {
        const text = lines.join('\n') + (finalNewline ? '\n' : '');
        const fast = readFast(text, { record: () => {}, copy: () => {} });
        if (fast === UNSUPPORTED) return;
        read++;
        const doc = parseDocument(text, { uniqueKeys: false, strict: true });
        expect(doc.errors.map((e) => e.message), text).toEqual([]);
        expect(compare('t.yaml', text), text).toBeUndefined();
      }),
      { numRuns: 8000 },
    );
    // The property says something only if the fast reader accepts a fair share.
    expect(read).toBeGreaterThan(400);
  });

  it('reads data written as YAML or JSON in any style the yaml library writes', () => {
    const key = fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('null', 'true', '1.0', '0x10', '- a', 'a: b', '#c', '&x', '__proto__', ''));
    const scalar = fc.oneof(
      fc.string({ maxLength: 20 }), fc.constantFrom('a\nb', ' lead', 'trail ', 'x\n\n  y\n', '\t', '', 'true', '1e3', "it's", 'a #b', 'c: d'),
      fc.integer(), fc.double({ noNaN: true }), fc.boolean(), fc.constant(null),
    );
    const value = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, scalar, tie('list'), tie('map')),
      list: fc.array(tie('node'), { maxLength: 4 }),
      map: fc.dictionary(key, tie('node'), { maxKeys: 4 }),
    })).map;
    let read = 0;
    fc.assert(
      fc.property(value, fc.constantFrom('block', 'flow', 'json'), fc.constantFrom(0, 20, 80), (data, style, lineWidth) => {
        const text = style === 'json' ? JSON.stringify(data, null, 2) : stringify(data, { lineWidth, collectionStyle: style === 'flow' ? 'flow' : 'block' });
        const outcome = compare('t.yaml', text);
        if (outcome !== 'unsupported') expect(outcome, text).toBeUndefined();
        else read--;
        read++;
      }),
      { numRuns: 2000 },
    );
    expect(read).toBeGreaterThan(1000);
  });
});
