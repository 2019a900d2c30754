import { describe, expect, it } from 'vitest';
import type { IRProperty, IRType } from '../../generator/src/ir/types.js';
import { buildFixture, model } from './fixture.js';

/** The IR keeps what a schema says of its values as data, not only as doc text. */
describe('schema facts', () => {
  const { ir } = buildFixture('facts30.yaml');
  const props = (name: string): Map<string, IRProperty> => {
    const t: IRType = model(ir, name).type;
    return new Map(t.kind === 'object' ? t.properties.map((p) => [p.name, p]) : []);
  };
  const order = props('Order');

  it('keeps integer apart from number, with bounds in 2020-12 form', () => {
    expect(order.get('quantity')!.type).toEqual({
      kind: 'primitive', name: 'integer',
      facts: { format: 'int32', minimum: 1, exclusiveMaximum: 100, multipleOf: 1, default: 1, examples: [5] },
    });
    expect(order.get('price')!.type).toEqual({ kind: 'primitive', name: 'number', facts: { exclusiveMinimum: 0 } });
  });

  it('keeps string and array constraints, and nullability as a union with null', () => {
    expect(order.get('code')!.type).toEqual({
      kind: 'union',
      members: [{ kind: 'primitive', name: 'string', facts: { pattern: '^[A-Z]{3}$', minLength: 3, maxLength: 3 } }, { kind: 'primitive', name: 'null' }],
    });
    expect(order.get('tags')!.type).toEqual({
      kind: 'array',
      items: { kind: 'primitive', name: 'string', facts: { format: 'email' } },
      facts: { minItems: 1, maxItems: 5, uniqueItems: true },
    });
  });

  it('keeps readOnly and writeOnly on the properties of the response shape', () => {
    expect(order.get('id')).toMatchObject({ readOnly: true, type: { facts: { format: 'uuid' } } });
    expect(order.has('secret')).toBe(false);
    expect(props('OrderInput').get('secret')).toMatchObject({ writeOnly: true });
    expect(props('OrderInput').has('id')).toBe(false);
  });

  it('shows the spec\'s examples, formats and bounds in docs examples', () => {
    const { files } = buildFixture('facts30.yaml');
    const resource = [...files].find(([path]) => path.startsWith('src/resources/'))![1];
    expect(resource).toContain("createOrder({ quantity: 5 })");
    expect(resource).toContain("getOrder('ord_123', { since: '2024-01-01T00:00:00Z', page: 10 })");
  });
});
