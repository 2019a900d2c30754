/**
 * A spec with attacker text in every place spec text can reach generated
 * output: `text(place)` fills each one. The places are named so a payload
 * that runs can say where it got in.
 */

export type PlaceText = (place: string) => string;

/** Places whose text is a key or a name in the spec (a map key, a parameter name, an enum member); the fuzz keeps these non-empty and unique. */
export const KEY_PLACES = new Set<string>();

/** An object with the given keys in order; a key met twice keeps its first value, as a spec's map would hold one. */
function record(entries: [string, unknown][]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of entries) {
    if (!Object.prototype.hasOwnProperty.call(out, key)) Object.defineProperty(out, key, { value, enumerable: true });
  }
  return out;
}

/** A `$ref` to a component schema: a JSON pointer in a URI fragment, so `%` is percent-encoded as well. */
export function pointer(name: string): string {
  return `#/components/schemas/${name.replace(/~/g, '~0').replace(/\//g, '~1').replace(/%/g, '%25')}`;
}

export function everyPlaceSpec(text: PlaceText): Record<string, unknown> {
  const key = (place: string) => {
    KEY_PLACES.add(place);
    return text(place);
  };
  const docs = (at: string) => ({ description: text(`${at}.externalDocs.description`), url: `https://docs.example.com/${encodeURIComponent(text(`${at}.externalDocs.url`))}` });
  const model = key('schema.name');
  const input = key('schema.requestBody.name');
  const error = key('schema.error.name');
  const prop = key('schema.property.name');
  const tag = key('tag.name');
  const scheme = key('securityScheme.name');
  const variable = key('server.variable.name');
  const hook = key('webhook.name');
  const tagProperty = key('webhook.tag.name');
  const stringWith = (at: string) => ({ type: 'string', description: text(`${at}.description`), default: text(`${at}.default`), example: text(`${at}.example`), examples: [text(`${at}.examples`)] });
  const param = (where: string, name: string) => ({
    name,
    in: where,
    description: text(`parameter.${where}.description`),
    example: text(`parameter.${where}.example`),
    schema: { type: 'string', default: text(`parameter.${where}.default`), title: text(`parameter.${where}.schema.title`) },
  });

  return {
    openapi: '3.1.0',
    info: {
      title: text('info.title'),
      summary: text('info.summary'),
      version: text('info.version'),
      description: text('info.description'),
      termsOfService: `https://example.com/${encodeURIComponent(text('info.termsOfService'))}`,
      contact: { name: text('info.contact.name'), url: `https://example.com/${encodeURIComponent(text('info.contact.url'))}`, email: text('info.contact.email') },
      license: { name: text('info.license.name'), identifier: text('info.license.identifier') },
    },
    externalDocs: docs('root'),
    servers: [
      {
        url: `https://api.example.com/{${variable}}/${text('server.url')}`,
        description: text('server.description'),
        variables: record([[variable, { default: text('server.variable.default'), enum: [text('server.variable.default'), text('server.variable.enum')], description: text('server.variable.description') }]]),
      },
    ],
    tags: [{ name: tag, description: text('tag.description'), externalDocs: docs('tag') }],
    security: [record([[scheme, []]])],
    paths: record([
      [`/items/{id}/${key('path')}`, {
        get: {
          operationId: text('operation.get.operationId'),
          summary: text('operation.get.summary'),
          description: text('operation.get.description'),
          tags: [tag],
          externalDocs: docs('operation'),
          'x-sdkgen-name': text('x-sdkgen-name'),
          parameters: [
            { name: 'id', in: 'path', required: true, description: text('parameter.path.description'), example: text('parameter.path.example'), schema: { type: 'string' } },
            { ...param('query', key('parameter.query.name')), required: true, examples: record([[key('parameter.query.examples.key'), { summary: text('parameter.query.examples.summary'), value: text('parameter.query.examples.value') }]]) },
            param('header', key('parameter.header.name')),
            param('cookie', key('parameter.cookie.name')),
          ],
          responses: {
            '200': {
              description: text('response.2xx.description'),
              headers: record([[key('response.header.name'), { description: text('response.header.description'), schema: { type: 'string' } }]]),
              content: { 'application/json': { schema: { $ref: pointer(model) }, example: record([[prop, text('response.example')]]), examples: record([[key('response.examples.key'), { value: text('response.examples.value') }]]) } },
            },
            '404': { description: text('response.4xx.description'), content: { 'application/json': { schema: { $ref: pointer(error) } } } },
            '503': { description: text('response.5xx.description') },
            default: { description: text('response.default.description'), content: { 'application/json': { schema: { $ref: pointer(error) } } } },
          },
        },
        post: {
          operationId: text('operation.post.operationId'),
          summary: text('operation.post.summary'),
          description: text('operation.post.description'),
          'x-sdkgen-group': text('x-sdkgen-group'),
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          requestBody: {
            description: text('requestBody.description'),
            required: true,
            content: {
              'application/json': {
                schema: { $ref: pointer(input) },
                example: record([['kind', text('requestBody.example')]]),
                examples: record([[key('requestBody.examples.key'), { summary: text('requestBody.examples.summary'), value: text('requestBody.examples.value') }]]),
              },
            },
          },
          responses: {
            '201': { description: text('response.201.description'), content: { 'application/json': { schema: { $ref: pointer(model) } } } },
            '400': { description: text('response.400.description'), content: { 'application/json': { schema: { $ref: pointer(error) } } } },
            '500': { description: text('response.500.description') },
          },
        },
        put: {
          operationId: text('operation.put.operationId'),
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          requestBody: {
            description: text('requestBody.multipart.description'),
            content: {
              'multipart/form-data': {
                schema: { type: 'object', required: ['file'], properties: record([['file', { type: 'string', format: 'binary', description: text('requestBody.multipart.file.description') }], [key('requestBody.multipart.property'), { type: 'string' }]]) },
                encoding: record([['file', { contentType: text('requestBody.encoding.contentType'), headers: record([[key('requestBody.encoding.header.name'), { description: text('requestBody.encoding.header.description'), schema: { type: 'string' } }]]) }]]),
              },
            },
          },
          responses: { '204': { description: text('response.204.description') } },
        },
      }],
      ['/orgs/{org}/things', {
        get: {
          operationId: text('operation.list.operationId'),
          summary: text('operation.list.summary'),
          'x-sdkgen-pagination': { style: 'offset', offset: key('x-sdkgen-pagination.offset'), limit: key('x-sdkgen-pagination.limit'), items: key('x-sdkgen-pagination.items') },
          parameters: [
            { name: 'org', in: 'path', required: true, description: text('parameter.clientOption.description'), schema: { type: 'string' }, 'x-sdkgen-client-option': text('x-sdkgen-client-option'), 'x-sdkgen-env': text('x-sdkgen-env.parameter') },
            { name: key('x-sdkgen-pagination.offset'), in: 'query', schema: { type: 'integer' } },
            { name: key('x-sdkgen-pagination.limit'), in: 'query', schema: { type: 'integer' } },
          ],
          responses: {
            '200': {
              description: text('response.list.description'),
              content: { 'application/json': { schema: { type: 'object', properties: record([[key('x-sdkgen-pagination.items'), { type: 'array', items: { $ref: pointer(model) } }]]) } } },
            },
          },
        },
      }],
    ]),
    webhooks: record([
      [hook, {
        post: {
          summary: text('webhook.summary'),
          description: text('webhook.description'),
          requestBody: {
            description: text('webhook.requestBody.description'),
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  title: text('webhook.payload.title'),
                  description: text('webhook.payload.description'),
                  required: [tagProperty, 'data'],
                  properties: record([
                    [tagProperty, { type: 'string', const: key('webhook.tag.value'), description: text('webhook.tag.description') }],
                    ['data', { $ref: pointer(model), description: text('webhook.payload.data.description') }],
                  ]),
                },
              },
              'text/plain': { schema: { type: 'string', description: text('webhook.text.description') } },
            },
          },
          responses: { '200': { description: text('webhook.response.description') } },
        },
      }],
      // A second event, so the union has a tag to tell them apart by.
      ['second', { post: { requestBody: { content: { 'application/json': { schema: { type: 'object', required: [tagProperty], properties: record([[tagProperty, { const: 'second' }]]) } } } }, responses: { '200': { description: 'OK' } } } }],
    ]),
    components: {
      schemas: record([
        [model, {
          title: text('schema.title'),
          description: text('schema.description'),
          externalDocs: docs('schema'),
          type: 'object',
          required: [prop, 'kind', 'fixed'],
          properties: record([
            [prop, { ...stringWith('schema.property'), title: text('schema.property.title'), format: text('schema.property.format'), pattern: text('schema.property.pattern') }],
            ['kind', { type: 'string', enum: [key('schema.enum'), 'plain'], description: text('schema.enum.description') }],
            ['fixed', { const: text('schema.const'), description: text('schema.const.description') }],
            ['defaulted', { type: 'integer', default: 3, description: text('schema.integer.description') }],
          ]),
          example: record([[prop, text('schema.example')]]),
        }],
        [input, {
          type: 'object',
          description: text('schema.requestBody.description'),
          required: ['kind', prop],
          properties: record([
            ['kind', { type: 'string', enum: [key('schema.requestBody.enum')] }],
            [prop, { const: text('schema.requestBody.const') }],
            ['note', stringWith('schema.requestBody.note')],
          ]),
        }],
        [error, {
          type: 'object',
          title: text('schema.error.title'),
          properties: { message: { type: 'string', description: text('schema.error.message.description') } },
        }],
        [key('schema.alias.name'), { type: 'string', enum: [key('schema.alias.enum')], const: key('schema.alias.enum'), title: text('schema.alias.title') }],
      ]),
      securitySchemes: record([
        [scheme, { type: 'apiKey', in: 'header', name: text('securityScheme.apiKey.name'), description: text('securityScheme.description'), 'x-sdkgen-env': text('x-sdkgen-env.securityScheme'), 'x-sdkgen-option': text('x-sdkgen-option') }],
        ['bearer', { type: 'http', scheme: 'bearer', bearerFormat: text('securityScheme.bearerFormat'), description: text('securityScheme.bearer.description') }],
      ]),
    },
  };
}

/** The places `everyPlaceSpec` fills, in the order it asks for them. */
export const PLACES: readonly string[] = (() => {
  const seen = new Set<string>();
  everyPlaceSpec((place) => {
    seen.add(place);
    return place;
  });
  return [...seen];
})();
