import { bundle, loadConfig } from '@redocly/openapi-core';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { join } from 'node:path';
import { ROOT } from './packages.js';

type Doc = { paths: Record<string, Record<string, { operationId?: string; responses?: Record<string, { content?: Record<string, { schema?: object }> }> }>> };

/** Validates response bodies against an operation's schema, from the spec with every $ref inlined. */
export async function responseValidator(spec: string): Promise<(operationId: string, status: string, body: unknown) => string[]> {
  const config = await loadConfig({ configPath: join(ROOT, 'redocly.yaml') });
  const { bundle: bundled } = await bundle({ ref: spec, config, dereference: true });
  const doc = bundled.parsed as Doc;
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  (addFormats as unknown as (a: Ajv2020) => void)(ajv);
  return (operationId, status, body) => {
    const op = Object.values(doc.paths).flatMap((item) => Object.values(item)).find((o) => o.operationId === operationId);
    const content = op?.responses?.[status]?.content;
    const schema = content ? Object.values(content)[0]?.schema : undefined;
    if (!schema) return [`no schema for ${operationId} ${status}`];
    const validate = ajv.compile(schema);
    return validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
  };
}
