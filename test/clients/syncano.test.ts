import { describe, expect, it } from 'vitest';
import Syncano, { SyncanoCore, invitationsGet, invitationsList, NotFoundError, InternalServerError, type Invitation } from '@sdkgen/syncano';
import { fakeApiPerTest, sequence, type Route } from '../support/fake-api.js';

const KEY = 'syncano-account-key-secret';
const BASE = '/v1.1/instances/my-instance/invitations/';

const serve = fakeApiPerTest();

async function syncanoWith(route: Route) {
  const api = await serve(route);
  return { api, syncano: new Syncano({ apiKey: KEY, instanceName: 'my-instance', baseURL: api.url, retry: { initialDelayMs: 1, maxDelayMs: 5 } }) };
}

function invitation(id: number): Invitation {
  return { id, email: `u${id}@example.com`, role: 'read', key: `k${id}`, state: 'new', links: { self: `${BASE}${id}/`, resend: `${BASE}${id}/resend/` }, created_at: '2024-01-01T00:00:00Z', updated_at: '2024-01-01T00:00:00Z' };
}

describe('Syncano invitations against a local server', () => {
  it('create, get, remove and resend use the instance path with trailing slashes', async () => {
    const { api, syncano } = await syncanoWith((req) => {
      if (req.method === 'POST' && req.path === BASE) return { status: 201, json: invitation(7) };
      if (req.method === 'GET') return { json: invitation(7) };
      return { status: 204 };
    });
    const created = await syncano.invitations.create({ email: 'ada@example.com', role: 'write' });
    expect(created.id).toBe(7);
    expect((await syncano.invitations.get(7)).email).toBe('u7@example.com');
    await syncano.invitations.remove(7);
    await syncano.invitations.resend(7);
    expect(api.received.map((r) => `${r.method} ${r.path}`)).toEqual([`POST ${BASE}`, `GET ${BASE}7/`, `DELETE ${BASE}7/`, `POST ${BASE}7/resend/`]);
    expect(api.received.every((r) => r.headers['x-api-key'] === KEY)).toBe(true);
    expect(JSON.parse(api.received[0]!.body)).toEqual({ email: 'ada@example.com', role: 'write' });
  });

  it('standalone functions send the same requests as the methods, through the core client', async () => {
    const api = await serve((req) => (req.path === BASE ? { json: { objects: [invitation(1)], next: null, prev: null } } : { json: invitation(7) }));
    const core = new SyncanoCore({ apiKey: KEY, instanceName: 'my-instance', baseURL: api.url });
    expect((await invitationsGet(core, 7)).id).toBe(7);
    const ids: number[] = [];
    for await (const inv of invitationsList(core, { page_size: 1 })) ids.push(inv.id!);
    expect(ids).toEqual([1]);
    expect(api.received.map((r) => `${r.method} ${r.path}?${r.query}`)).toEqual([`GET ${BASE}7/?`, `GET ${BASE}?page_size=1`]);
    expect(api.received.every((r) => r.headers['x-api-key'] === KEY)).toBe(true);
    expect('invitations' in core).toBe(false);
  });

  it('list follows next links, relative and absolute, and stops at null', async () => {
    let origin = '';
    const { api, syncano } = await syncanoWith((req) => {
      const page = req.query.get('last_pk');
      if (page === null) return { json: { objects: [invitation(1), invitation(2)], next: `${BASE}?page_size=2&last_pk=2`, prev: null } };
      if (page === '2') return { json: { objects: [invitation(3), invitation(4)], next: `${origin}${BASE}?page_size=2&last_pk=4`, prev: `${BASE}?page_size=2` } };
      return { json: { objects: [invitation(5)], next: null, prev: `${BASE}?page_size=2&last_pk=2` } };
    });
    origin = api.url;
    const ids: number[] = [];
    for await (const inv of syncano.invitations.list({ page_size: 2, ordering: 'asc' })) ids.push(inv.id!);
    expect(ids).toEqual([1, 2, 3, 4, 5]);
    expect(api.received.map((r) => `${r.path}?${r.query}`)).toEqual([`${BASE}?page_size=2&ordering=asc`, `${BASE}?page_size=2&last_pk=2`, `${BASE}?page_size=2&last_pk=4`]);
  });

  it('retries a GET through two 503s', async () => {
    const { api, syncano } = await syncanoWith(sequence({ status: 503, json: { detail: 'busy' } }, { status: 503, json: { detail: 'busy' } }, { json: invitation(1) }));
    expect((await syncano.invitations.get(1)).id).toBe(1);
    expect(api.received).toHaveLength(3);
  });

  it('does not retry a POST without an idempotency key', async () => {
    const { api, syncano } = await syncanoWith(sequence({ status: 503, json: { detail: 'busy' } }, { status: 201, json: invitation(1) }));
    await expect(syncano.invitations.create({ email: 'a@example.com' })).rejects.toBeInstanceOf(InternalServerError);
    expect(api.received).toHaveLength(1);
  });

  it('404 throws NotFoundError carrying {detail}', async () => {
    const { syncano } = await syncanoWith(() => ({ status: 404, json: { detail: 'Not found.' } }));
    const err = await syncano.invitations.get(404).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotFoundError);
    expect((err as NotFoundError).error).toEqual({ detail: 'Not found.' });
    expect((err as NotFoundError).message).toContain('Not found.');
  });

  it('needs an instance name and a key at construction, naming the options, never a value', () => {
    expect(() => new Syncano({ apiKey: KEY, instanceName: undefined })).toThrow(/instanceName|SYNCANO_INSTANCE_NAME/);
  });
});
