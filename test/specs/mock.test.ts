import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Clerk, { APIError as ClerkAPIError } from '@sdkgen/clerk';
import Fastly from '@sdkgen/fastly';
import Syncano from '@sdkgen/syncano';
import { ROOT } from '../support/packages.js';
import { startPrism, type Mock } from '../support/prism.js';
import { responseValidator } from '../support/schema-check.js';

/**
 * Each spec served by Prism in errors mode: the generated client's requests
 * must satisfy the spec, and what comes back must match the response schemas.
 */
function withMock(name: string) {
  const spec = join(ROOT, 'specs', `${name}.yaml`);
  const state: { mock?: Mock; check?: Awaited<ReturnType<typeof responseValidator>> } = {};
  beforeAll(async () => {
    [state.mock, state.check] = await Promise.all([startPrism(spec, { errors: true }), responseValidator(spec)]);
  });
  afterAll(async () => { await state.mock?.stop(); });
  return state as Required<typeof state>;
}

describe.concurrent('Clerk against a Prism mock of its spec', () => {
  const s = withMock('clerk');
  const clerk = () => new Clerk({ bearerAuth: 'sk_test_mock', baseURL: s.mock.url, maxRetries: 0 });

  it('create, list, bulkCreate and revoke', async () => {
    const created = await clerk().invitations.create({ email_address: 'ada@example.com', notify: false, expires_in_days: 7 });
    expect(s.check('CreateInvitation', '200', created)).toEqual([]);
    const page = await clerk().invitations.list({ status: 'pending', limit: 10, offset: 0 }).firstPage();
    expect(s.check('ListInvitations', '200', page.body)).toEqual([]);
    const many = await clerk().invitations.bulkCreate([{ email_address: 'a@example.com' }, { email_address: 'b@example.com', public_metadata: null }]);
    expect(s.check('CreateBulkInvitations', '200', many)).toEqual([]);
    const revoked = await clerk().invitations.revoke('inv_2bVUNxvJ9cdbNKCrDtY7mUqwQdJ');
    expect(s.check('RevokeInvitation', '200', revoked)).toEqual([]);
  });

  it('a request that breaks the spec is refused', async () => {
    const err = await clerk().invitations.create({ email_address: 'x', expires_in_days: 1000 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ClerkAPIError);
    expect((err as ClerkAPIError).status).toBeGreaterThanOrEqual(400);
  });
});

describe.concurrent('Fastly against a Prism mock of its spec', () => {
  const s = withMock('fastly');
  const fastly = () => new Fastly({ token: 'fastly-mock-token', baseURL: s.mock.url, maxRetries: 0 });

  it('create, list and delete', async () => {
    const created = await fastly().invitations.create({
      data: { type: 'invitation', attributes: { email: 'ada@example.com', role: 'engineer', limit_services: true }, relationships: { service_invitations: { data: [{ data: { type: 'service_invitation', attributes: { permission: 'full' }, relationships: { service: { type: 'service' } } } }] } } },
    });
    expect(s.check('createInvitation', '200', created)).toEqual([]);
    const page = await fastly().invitations.list({ page_number: 1, page_size: 20 }).firstPage();
    expect(s.check('listInvitations', '200', page.body)).toEqual([]);
    await expect(fastly().invitations.delete('6eKGfJxWIn9ZbYEWtLAtIK')).resolves.toBeUndefined();
  });
});

describe.concurrent('Syncano against a Prism mock of its spec', () => {
  const s = withMock('syncano');
  const syncano = () => new Syncano({ apiKey: 'syncano-mock-key', instanceName: 'my-instance', baseURL: s.mock.url, maxRetries: 0 });

  it('create, list, get, remove and resend', async () => {
    const created = await syncano().invitations.create({ email: 'ada@example.com', role: 'write' });
    expect(s.check('createInvitation', '201', created)).toEqual([]);
    const page = await syncano().invitations.list({ page_size: 20, ordering: 'desc' }).firstPage();
    expect(s.check('listInvitations', '200', page.body)).toEqual([]);
    expect(s.check('getInvitation', '200', await syncano().invitations.get(42))).toEqual([]);
    await syncano().invitations.remove(42);
    await syncano().invitations.resend(42);
  });

  it('a request that breaks the spec is refused', async () => {
    await expect(syncano().invitations.create({ email: 'ada@example.com', role: 'owner' as 'read' })).rejects.toMatchObject({ status: 400 });
  });
});
