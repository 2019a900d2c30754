import { describe, expect, it } from 'vitest';
import Fastly, { RateLimitError, type InvitationResponse } from '@sdkgen/fastly';
import { fakeApiPerTest, type Route } from '../support/fake-api.js';

const TOKEN = 'fastly-token-secret-123';
const JSONAPI = 'application/vnd.api+json';

const serve = fakeApiPerTest();

async function fastlyWith(route: Route) {
  const api = await serve(route);
  return { api, fastly: new Fastly({ token: TOKEN, baseURL: api.url, maxRetries: 0 }) };
}

function data(id: string) {
  return { type: 'invitation' as const, id, attributes: { email: `${id}@example.com`, role: 'engineer' as const, status_code: 1 as const, created_at: '2024-01-01T00:00:00Z' } };
}

describe('Fastly invitations against a local server', () => {
  it('create sends a JSON:API document with the Fastly-Key header', async () => {
    const reply: InvitationResponse = { data: data('inv1') };
    const { api, fastly } = await fastlyWith(() => ({ json: reply, headers: { 'content-type': JSONAPI } }));
    const created = await fastly.invitations.create({
      data: {
        type: 'invitation',
        attributes: { email: 'ada@example.com', limit_services: true, role: 'engineer' },
        relationships: { service_invitations: { data: [{ data: { type: 'service_invitation', attributes: { permission: 'purge_select' }, relationships: { service: { type: 'service' } } } }] } },
      },
    });
    expect(created.data?.id).toBe('inv1');
    const [req] = api.received;
    expect(req).toMatchObject({ method: 'POST', path: '/invitations' });
    expect(req!.headers['fastly-key']).toBe(TOKEN);
    expect(req!.headers['content-type']).toBe(JSONAPI);
    expect(req!.headers['accept']).toBe(JSONAPI);
    expect(JSON.parse(req!.body).data.relationships.service_invitations.data[0].data.attributes.permission).toBe('purge_select');
  });

  it('delete answers 204 with no body', async () => {
    const { api, fastly } = await fastlyWith(() => ({ status: 204 }));
    await expect(fastly.invitations.delete('abc123')).resolves.toBeUndefined();
    expect(api.received.map((r) => `${r.method} ${r.path}`)).toEqual(['DELETE /invitations/abc123']);
  });

  it('list walks page[number] until meta.total_pages', async () => {
    const { api, fastly } = await fastlyWith((req) => {
      const page = Number(req.query.get('page[number]') ?? 1);
      return { headers: { 'content-type': JSONAPI }, json: { data: [data(`p${page}a`), data(`p${page}b`)], meta: { current_page: page, per_page: 2, record_count: 6, total_pages: 3 }, links: { next: page < 3 ? `/invitations?page[number]=${page + 1}` : null } } };
    });
    const ids: string[] = [];
    for await (const inv of fastly.invitations.list({ page_size: 2 })) ids.push(inv.id!);
    expect(ids).toEqual(['p1a', 'p1b', 'p2a', 'p2b', 'p3a', 'p3b']);
    expect(api.received.map((r) => [r.query.get('page[number]'), r.query.get('page[size]')])).toEqual([[null, '2'], ['2', '2'], ['3', '2']]);
  });

  it('429 throws RateLimitError with the {msg, detail} body', async () => {
    const { fastly } = await fastlyWith(() => ({ status: 429, json: { msg: 'Too many requests', detail: 'Rate limit exceeded' } }));
    const err = await fastly.invitations.list().firstPage().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RateLimitError);
    expect((err as RateLimitError).message).toContain('Too many requests');
    expect(String(err)).not.toContain(TOKEN);
  });
});
