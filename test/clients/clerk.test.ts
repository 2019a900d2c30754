import { describe, expect, it } from 'vitest';
import Clerk, { UnprocessableEntityError, NotFoundError, isInvitationsRevokeError, type Invitation } from '@sdkgen/clerk';
import { fakeApiPerTest, sequence, type Route } from '../support/fake-api.js';

const SECRET = 'sk_test_2xYzSecretValue';

function invitation(id: string, extra: Partial<Invitation> = {}): Invitation {
  return { object: 'invitation', id, email_address: `${id}@example.com`, public_metadata: {}, status: 'pending', created_at: 1700000000000, updated_at: 1700000000000, expires_at: null, ...extra };
}

const serve = fakeApiPerTest();

async function clerkWith(route: Route) {
  const api = await serve(route);
  return { api, clerk: new Clerk({ bearerAuth: SECRET, baseURL: api.url, retry: { initialDelayMs: 1, maxDelayMs: 5 } }) };
}

describe('Clerk invitations against a local server', () => {
  it('create sends the body as JSON with the bearer secret', async () => {
    const { api, clerk } = await clerkWith(() => ({ json: invitation('inv_1') }));
    const created = await clerk.invitations.create({ email_address: 'ada@example.com', public_metadata: { plan: 'pro' }, notify: false, expires_in_days: 7 });
    expect(created.id).toBe('inv_1');
    const [req] = api.received;
    expect(req).toMatchObject({ method: 'POST', path: '/invitations' });
    expect(req!.headers['authorization']).toBe(`Bearer ${SECRET}`);
    expect(req!.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(req!.body)).toEqual({ email_address: 'ada@example.com', public_metadata: { plan: 'pro' }, notify: false, expires_in_days: 7 });
  });

  it('list walks every page with offset and limit, and stops after the short page', async () => {
    const all = ['a', 'b', 'c', 'd', 'e'].map((id) => invitation(`inv_${id}`));
    const { api, clerk } = await clerkWith((req) => {
      const offset = Number(req.query.get('offset') ?? 0);
      const limit = Number(req.query.get('limit') ?? 10);
      return { json: all.slice(offset, offset + limit) };
    });
    const seen: string[] = [];
    for await (const inv of clerk.invitations.list({ status: 'pending', limit: 2 })) seen.push(inv.id);
    expect(seen).toEqual(all.map((i) => i.id));
    expect(api.received.map((r) => `${r.method} ${r.path}?${r.query}`)).toEqual([
      'GET /invitations?status=pending&limit=2',
      'GET /invitations?status=pending&limit=2&offset=2',
      'GET /invitations?status=pending&limit=2&offset=4',
    ]);
  });

  it('gives manual control over pages', async () => {
    const { clerk } = await clerkWith((req) => ({ json: req.query.get('offset') === '1' ? [] : [invitation('inv_only')] }));
    const page = await clerk.invitations.list({ limit: 1 }).firstPage();
    expect(page.items.map((i) => i.id)).toEqual(['inv_only']);
    expect(page.hasNextPage()).toBe(true);
    const next = await page.nextPage();
    expect(next.items).toEqual([]);
    expect(next.hasNextPage()).toBe(false);
  });

  it('bulkCreate sends an array and revoke posts to the invitation', async () => {
    const { api, clerk } = await clerkWith((req) => (req.path.endsWith('/revoke') ? { json: invitation('inv_9', { revoked: true, status: 'revoked' }) } : { json: [invitation('inv_1'), invitation('inv_2')] }));
    const many = await clerk.invitations.bulkCreate([{ email_address: 'a@example.com' }, { email_address: 'b@example.com', template_slug: 'waitlist_invitation' }]);
    expect(many).toHaveLength(2);
    const revoked = await clerk.invitations.revoke('inv_9');
    expect(revoked).toMatchObject({ revoked: true, status: 'revoked' });
    expect(api.received.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /invitations/bulk', 'POST /invitations/inv_9/revoke']);
    expect(JSON.parse(api.received[0]!.body)).toEqual([{ email_address: 'a@example.com' }, { email_address: 'b@example.com', template_slug: 'waitlist_invitation' }]);
  });

  it('a path id cannot leave its segment', async () => {
    const { api, clerk } = await clerkWith(() => ({ json: invitation('x') }));
    await clerk.invitations.revoke('../admin?x=1');
    expect(api.received[0]!.path).toBe('/invitations/..%2Fadmin%3Fx%3D1/revoke');
  });

  it('422 throws UnprocessableEntityError with the typed ClerkErrors body', async () => {
    const body = { errors: [{ message: 'is invalid', long_message: 'email_address must be a valid email address.', code: 'form_param_format_invalid', meta: { param_name: 'email_address' } }], clerk_trace_id: 'trace_1' };
    const { clerk } = await clerkWith(() => ({ status: 422, json: body }));
    const err = await clerk.invitations.create({ email_address: 'nope' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnprocessableEntityError);
    const e = err as UnprocessableEntityError;
    expect(e.status).toBe(422);
    expect(e.error).toEqual(body);
    expect(e.message).toContain('email_address must be a valid email address.');
    expect(e.requestId).toBe('trace_1');
    expect(`${e.message} ${e.stack}`).not.toContain(SECRET);
  });

  it("an error's request id is Clerk's trace id, from its header or else from the body", async () => {
    const { clerk } = await clerkWith((req) => ({ status: 404, headers: req.path.includes('hdr') ? { 'x-clerk-trace-id': 'trace_hdr' } : {}, json: { errors: [], clerk_trace_id: 'trace_body' } }));
    const idOf = (id: string) => clerk.invitations.revoke(id).catch((e: NotFoundError) => e.requestId);
    expect(await idOf('hdr')).toBe('trace_hdr');
    expect(await idOf('body')).toBe('trace_body');
  });

  it("revoke's guard tells its declared errors, with their typed body, from any other", async () => {
    const { clerk } = await clerkWith((req) => (req.path.includes('gone') ? { status: 404, json: { errors: [{ message: 'not found', code: 'resource_not_found' }] } } : { status: 503, json: { errors: [] } }));
    const declared = await clerk.invitations.revoke('gone').catch((e: unknown) => e);
    expect(isInvitationsRevokeError(declared)).toBe(true);
    if (isInvitationsRevokeError(declared)) expect(declared.error.errors[0]?.code).toBe('resource_not_found');
    const other = await clerk.invitations.revoke('other', { maxRetries: 0 }).catch((e: unknown) => e);
    expect(isInvitationsRevokeError(other)).toBe(false);
  });

  it('404 on revoke throws NotFoundError', async () => {
    const { clerk } = await clerkWith(sequence({ status: 404, json: { errors: [{ message: 'not found', long_message: 'Invitation not found', code: 'resource_not_found' }] } }));
    await expect(clerk.invitations.revoke('inv_missing')).rejects.toBeInstanceOf(NotFoundError);
  });
});
