import { describe, expect, it } from 'vitest';
import { JsonPathError, parseJsonPath, selectNodes } from '../../generator/src/load/jsonpath.js';

const DOC = {
  paths: {
    '/a': { get: { operationId: 'listA', tags: ['x'] }, post: { operationId: 'makeA', deprecated: true } },
    "/b's": { get: { operationId: 'listB', 'x-n': 3 } },
  },
  'we"ird': { 'é': 1, '\n': 2 },
  list: [{ n: 1 }, { n: 2, k: 'two' }, { n: 3 }],
};

function values(path: string, doc: unknown = DOC): unknown[] {
  return selectNodes(parseJsonPath(path), doc).map((n) => n.value);
}

function errorAt(path: string): { message: string; index: number } {
  try {
    parseJsonPath(path);
  } catch (e) {
    if (e instanceof JsonPathError) return { message: e.message, index: e.index };
    throw e;
  }
  throw new Error(`${path} parsed`);
}

describe('JSONPath selection', () => {
  it('$ is the root', () => {
    expect(values('$')).toEqual([DOC]);
  });

  it('.name and bracketed names, with escapes in both quotes', () => {
    expect(values("$.paths['/a'].get.operationId")).toEqual(['listA']);
    expect(values('$.paths["/a"]["post"].operationId')).toEqual(['makeA']);
    expect(values("$.paths['/b\\'s'].get.x-n")).toEqual([3]);
    expect(values('$["we\\"ird"]["\\u00e9", "\\n"]')).toEqual([1, 2]);
    expect(values("$['we\"ird'].é")).toEqual([1]);
  });

  it('wildcards walk mappings and lists in order', () => {
    expect(values('$.paths.*.*.operationId')).toEqual(['listA', 'makeA', 'listB']);
    expect(values('$.list[*].n')).toEqual([1, 2, 3]);
    expect(values("$.paths['/a'][*].operationId")).toEqual(['listA', 'makeA']);
    expect(values('$.list.*.k')).toEqual(['two']);
  });

  it('[n] counts from the start, and from the end when negative', () => {
    expect(values('$.list[0].n')).toEqual([1]);
    expect(values('$.list[-1].n')).toEqual([3]);
    expect(values('$.list[5]')).toEqual([]);
    expect(values('$.paths[0]')).toEqual([]);
  });

  it('filters compare with literals and test for existence', () => {
    expect(values("$.paths.*[?@.operationId == 'makeA'].deprecated")).toEqual([true]);
    expect(values('$.list[?@.n >= 2 && !@.k].n')).toEqual([3]);
    expect(values('$.list[?(@.n < 2 || @.k == "two")].n')).toEqual([1, 2]);
    expect(values('$.paths.*.*[?@ == true]')).toEqual([true]);
    expect(values('$.paths.*[?@.tags].operationId')).toEqual(['listA']);
    expect(values('$.list[?@.n != 2].n')).toEqual([1, 3]);
  });

  it('.. selects at every depth', () => {
    expect(values('$..operationId')).toEqual(['listA', 'makeA', 'listB']);
    expect(values('$..[?@.deprecated == true].operationId')).toEqual(['makeA']);
  });

  it('refuses filters nested deeper than it reads, and selections that would visit without end', () => {
    expect(errorAt(`$[?${'('.repeat(70)}@.a${')'.repeat(70)}]`).message).toContain('filters nested more than 64 deep');
    expect(errorAt(`$${'[?@'.repeat(70)}${']'.repeat(70)}`).message).toContain('filters nested more than 64 deep');
    let deep: Record<string, unknown> = { n: 1 };
    for (let i = 0; i < 2_000; i++) deep = { a: deep };
    expect(values('$..[?@.n == 1].n', deep)).toEqual([1]);
    expect(() => values('$..[?@..[?@..n]]', deep)).toThrow(/the target visits more than 5,000,000 nodes/);
  });

  it('reports parent and key, so a node can be changed in place', () => {
    const [node] = selectNodes(parseJsonPath('$.list[1]'), DOC);
    expect(node!.parent).toBe(DOC.list);
    expect(node!.key).toBe(1);
  });

  it.each([
    ['paths', 0, 'expected `$`'],
    ['$.', 2, 'expected a name or `*`'],
    ['$[', 2, 'expected a quoted name'],
    ["$['a", 4, 'unterminated string'],
    ["$['a\\q']", 5, 'invalid escape'],
    ['$.paths./a', 8, 'expected a name or `*`'],
    ['$[1:2]', 3, 'slices are not supported'],
    ['$.a b', 4, 'unexpected character'],
    ['$[?length(@) > 1]', 3, 'function extensions are not supported'],
    ['$[?@.* == 1]', 3, 'at most one value'],
    ['$[?@.a == ]', 10, 'expected `@`'],
    ['$[01]', 3, 'expected `]`'],
    ['$[?(@.a]', 7, 'expected `)`'],
  ])('%s is refused at character %i', (path, index, message) => {
    const err = errorAt(path);
    expect(err.message).toContain(message);
    expect(err.index).toBe(index);
  });
});
