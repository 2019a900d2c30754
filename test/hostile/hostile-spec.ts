import fc from 'fast-check';

/** Strings that break naive code generators: quotes, comment ends, template holes, line separators, prototype keys. */
export const HOSTILE = [
  "'", '"', '`', '${process.exit(1)}', '*/', '/*', '</script><script>alert(1)</script>', '\n', '\r\n', '\u2028', '\u2029',
  '\0', '😀', '__proto__', 'constructor', 'prototype', '1abc', '0', 'class', 'delete', 'await', 'default', 'toString',
  '\\', '\\u0041', '#', '| table |', '[link](javascript:alert(1))', '<img src=x onerror=alert(1)>', '@param x', '}); process.exit(1); ({',
  '"; process.exit(1); "', "'); process.exit(1); ('", '\t', ' ', '-', 'a-b', 'a.b', 'a b', 'ünïcödé', 'Error', 'Promise',
];

const hostileString = fc.oneof(
  fc.constantFrom(...HOSTILE),
  fc.tuple(fc.constantFrom(...HOSTILE), fc.constantFrom(...HOSTILE), fc.string({ maxLength: 4 })).map((parts) => parts.join('')),
  fc.string({ unit: 'binary', maxLength: 12 }),
);

/** Non-empty and unique, as schema, property and enum keys must be. */
const keys = (min: number, max: number) => fc.uniqueArray(hostileString.filter((s) => s.length > 0), { minLength: min, maxLength: max });

export interface HostileInput {
  spec: Record<string, unknown>;
  enumValues: string[];
  propertyNames: string[];
  /** The query parameter's name on the wire. */
  paramName: string;
  serverURL: string;
}

export const hostileSpec: fc.Arbitrary<HostileInput> = fc
  .record({
    title: hostileString,
    description: hostileString,
    schemaNames: keys(2, 4),
    propertyNames: keys(1, 4),
    enumValues: keys(1, 4),
    operationId: hostileString,
    paramName: hostileString.filter((s) => s.length > 0),
    server: hostileString,
    example: hostileString,
  })
  .map((h) => {
    const properties: Record<string, unknown> = {};
    for (const name of h.propertyNames) {
      Object.defineProperty(properties, name, { value: { type: 'string', description: h.description, example: h.example, default: h.example }, enumerable: true });
    }
    const schemas: Record<string, unknown> = {};
    h.schemaNames.forEach((name, i) => {
      const schema = i === 0
        ? { type: 'string', enum: h.enumValues, description: h.description, title: h.title }
        : { type: 'object', description: h.description, required: [h.propertyNames[0]], properties };
      Object.defineProperty(schemas, name, { value: schema, enumerable: true });
    });
    const serverURL = `https://api.example.com/${h.server}`;
    const first = `#/components/schemas/${h.schemaNames[0]!.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    const spec = {
      openapi: '3.1.0',
      info: { title: h.title, version: h.example, description: h.description },
      servers: [{ url: serverURL }],
      paths: {
        '/items/{id}': {
          get: {
            operationId: h.operationId,
            summary: h.title,
            description: h.description,
            parameters: [
              { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
              { name: h.paramName, in: 'query', description: h.description, schema: { $ref: first } },
            ],
            responses: { '200': { description: h.description, content: { 'application/json': { schema: { $ref: first }, example: h.example } } } },
          },
        },
      },
      components: { schemas },
    };
    return { spec, enumValues: h.enumValues, propertyNames: h.propertyNames, paramName: h.paramName, serverURL };
  });
