import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lint, loadConfig } from '@redocly/openapi-core';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/packages.js';
import { tempTree } from '../support/tmp.js';

const SPECS = ['clerk', 'fastly', 'syncano'] as const;

async function problems(ref: string) {
  const config = await loadConfig({ configPath: join(ROOT, 'redocly.yaml') });
  const found = await lint({ ref, config });
  return found.map((p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location[0]?.pointer ?? '?'}`);
}

type Spec = { paths: Record<string, Record<string, { operationId?: string; 'x-sdkgen-group'?: string; 'x-sdkgen-name'?: string }>> };

function operations(name: string): string[] {
  const spec = parse(readFileSync(join(ROOT, 'specs', `${name}.yaml`), 'utf8')) as Spec;
  return Object.entries(spec.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
      .map(([method, op]) => `${method.toUpperCase()} ${path} ${op.operationId} -> ${op['x-sdkgen-group']}.${op['x-sdkgen-name']}`),
  );
}

describe('specs', () => {
  it.each(SPECS)('%s validates with no errors and no warnings', async (name) => {
    expect(await problems(join(ROOT, 'specs', `${name}.yaml`))).toEqual([]);
  });

  it('a broken spec does fail validation', async () => {
    const broken = readFileSync(join(ROOT, 'specs/clerk.yaml'), 'utf8')
      .replace("$ref: '#/components/schemas/ClerkError'", "$ref: '#/components/schemas/NoSuchError'")
      .replace('type: [integer, \'null\']', 'type: number-ish');
    const dir = tempTree({ 'clerk.yaml': broken });
    const found = await problems(join(dir, 'clerk.yaml'));
    expect(found.some((p) => p.startsWith('error no-unresolved-refs'))).toBe(true);
    expect(found.some((p) => p.startsWith('error struct'))).toBe(true);
  });

  it('describe exactly the vendors\' operations, each named for the client', () => {
    expect(operations('clerk')).toEqual([
      'POST /invitations CreateInvitation -> invitations.create',
      'GET /invitations ListInvitations -> invitations.list',
      'POST /invitations/bulk CreateBulkInvitations -> invitations.bulkCreate',
      'POST /invitations/{invitation_id}/revoke RevokeInvitation -> invitations.revoke',
    ]);
    expect(operations('fastly')).toEqual([
      'POST /invitations createInvitation -> invitations.create',
      'GET /invitations listInvitations -> invitations.list',
      'DELETE /invitations/{invitation_id} deleteInvitation -> invitations.delete',
    ]);
    expect(operations('syncano')).toEqual([
      'POST /v1.1/instances/{instance_name}/invitations/ createInvitation -> invitations.create',
      'GET /v1.1/instances/{instance_name}/invitations/ listInvitations -> invitations.list',
      'GET /v1.1/instances/{instance_name}/invitations/{id}/ getInvitation -> invitations.get',
      'DELETE /v1.1/instances/{instance_name}/invitations/{id}/ removeInvitation -> invitations.remove',
      'POST /v1.1/instances/{instance_name}/invitations/{id}/resend/ resendInvitation -> invitations.resend',
    ]);
  });
});
