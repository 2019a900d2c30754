import fc from 'fast-check';
import { everyPlaceSpec, KEY_PLACES, PLACES, pointer } from './every-place.js';

/** Strings that break naive code generators: quotes, comment ends, template holes, line separators, prototype keys. */
export const HOSTILE = [
  "'", '"', '`', '${process.exit(1)}', '*/', '/*', '</script><script>alert(1)</script>', '\n', '\r\n', '\u2028', '\u2029',
  '\0', '😀', '__proto__', 'constructor', 'prototype', '1abc', '0', 'class', 'delete', 'await', 'default', 'toString',
  '\\', '\\u0041', '#', '| table |', '[link](javascript:alert(1))', '<img src=x onerror=alert(1)>', '@param x', '}); process.exit(1); ({',
  '"; process.exit(1); "', "'); process.exit(1); ('", '\t', ' ', '-', 'a-b', 'a.b', 'a b', 'ünïcödé', 'Error', 'Promise',
  '*/ static { process.exit(1) } /*', '\\\'', '{{', '}}', '{{{x}}}', '```', '~~~', '<!--', '-->', '\u2028process.exit(1)//', 'a*/b',
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
    /** Text for every other place a spec holds, one string per place. */
    places: fc.uniqueArray(hostileString.filter((s) => s.length > 0), { minLength: PLACES.length, maxLength: PLACES.length }),
    /** Places that are prose get empty text now and then, as real specs have. */
    empty: fc.uniqueArray(fc.constantFrom(...PLACES.filter((p) => !KEY_PLACES.has(p) && !p.endsWith('operationId'))), { maxLength: 8 }),
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
    const first = pointer(h.schemaNames[0]!);
    const everywhere = everyPlaceSpec((place) => (h.empty.includes(place) ? '' : h.places[PLACES.indexOf(place)]!)) as { paths: object; components: { schemas: object } };
    const spec = {
      ...everywhere,
      servers: [{ url: serverURL }, ...(everywhere as { servers: object[] }).servers],
      paths: {
        ...everywhere.paths,
        '/items/{id}': {
          get: {
            // operationIds are unique in a spec; the other places' text may hold this one already.
            operationId: h.places.includes(h.operationId) ? 'fuzzGetItem' : h.operationId,
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
      components: { ...everywhere.components, schemas: { ...everywhere.components.schemas, ...schemas } },
    };
    return { spec, enumValues: h.enumValues, propertyNames: h.propertyNames, paramName: h.paramName, serverURL };
  });
