import { describe, expect, it } from 'vitest';
import type { IRType } from '../../generator/src/ir/types.js';
import { buildFixture, compileConsumer, model } from './fixture.js';

function properties(t: IRType): { name: string; required: boolean; type: IRType }[] {
  if (t.kind === 'object') return t.properties.map(({ name, required, type }) => ({ name, required, type }));
  if (t.kind === 'intersection') return t.members.flatMap(properties);
  return [];
}

describe('required properties', () => {
  const { ir, files } = buildFixture('required.yaml');

  it('keeps a required name that `properties` does not declare, typed unknown (or by additionalProperties)', () => {
    expect(properties(model(ir, 'ApprovalResponse').type)).toContainEqual({ name: 'request_id', required: true, type: { kind: 'primitive', name: 'unknown' } });
    expect(properties(model(ir, 'Counts').type)).toContainEqual({ name: 'total', required: true, type: { kind: 'primitive', name: 'integer' } });
  });

  it('applies an outer `required` to properties an allOf member declares', () => {
    expect(properties(model(ir, 'Thing').type).filter((p) => p.name === 'id').map((p) => p.required)).toContain(true);
  });

  it('turns anyOf of required-only branches into one variant per branch', () => {
    const t = model(ir, 'DomainRequest').type;
    expect(t.kind).toBe('union');
    if (t.kind !== 'union') return;
    expect(t.members.map((m) => properties(m).filter((p) => p.required).map((p) => p.name))).toEqual([['domain'], ['domains']]);
  });

  it('gives types that require what the schema requires, under the real compiler', () => {
    const consumer = `
import type { ApprovalResponse, Counts, Thing, DomainRequest } from './out/src/index.js';
export const approval: ApprovalResponse = { type: 'mcp_approval_response', approve: true, request_id: 'r' };
// @ts-expect-error request_id is required
export const noRequest: ApprovalResponse = { type: 'mcp_approval_response', approve: true };
export const counts: Counts = { total: 1, other: 2 };
export const thing: Thing = { id: 'a', name: 'n' };
// @ts-expect-error id is required
export const noId: Thing = { name: 'n' };
// @ts-expect-error id keeps the member's type
export const numericId: Thing = { id: 1 };
export const one: DomainRequest = { domain: 'a' };
export const many: DomainRequest = { domains: ['a'] };
export const both: DomainRequest = { domain: 'a', domains: ['a'] };
// @ts-expect-error at least one of the two
export const neither: DomainRequest = {};
`;
    expect(compileConsumer(files, consumer)).toEqual([]);
  });
});
