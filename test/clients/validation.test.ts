import { describe, expect, it } from 'vitest';
import Clerk, { APIResponseError, ClerkCore, clerkValidators, invitationsRevoke, ResponseValidationError, type Invitation, type Logger, type ValidationMode } from '@sdkgen/clerk';
import { fakeApiPerTest } from '../support/fake-api.js';

const serve = fakeApiPerTest();

function invitation(id: string): Invitation {
  return { object: 'invitation', id, email_address: `${id}@example.com`, public_metadata: {}, status: 'pending', created_at: 1700000000000, updated_at: 1700000000000, expires_at: null };
}

/** Each drift a server can make, as the body of `POST /invitations/{id}/revoke` or of the list, with the issue it must give. */
const DRIFTS = [
  { name: 'a missing required field', list: false, body: (({ email_address: _dropped, ...rest }) => rest)(invitation('inv_1')), issue: { pointer: '/email_address', expected: 'string', received: 'missing' } },
  { name: 'a wrong type deep in an array', list: true, body: [invitation('inv_1'), { ...invitation('inv_2'), created_at: '2024-01-01' }], issue: { pointer: '/1/created_at', expected: 'integer', received: 'string "2024-01-01"' } },
  { name: 'an extra property where the spec forbids one', list: false, body: { ...invitation('inv_1'), 'nick/name~': 'x' }, issue: { pointer: '/nick~1name~0', expected: 'no such property', received: 'string "x"' } },
  { name: 'a value outside the enum', list: false, body: { ...invitation('inv_1'), status: 'archived' }, issue: { pointer: '/status', expected: '"pending" | "accepted" | "revoked" | "expired"', received: 'string "archived"' } },
];

function recorder(): Logger & { warnings: { message: string; data: unknown }[] } {
  const warnings: { message: string; data: unknown }[] = [];
  return { warnings, debug() {}, info() {}, error() {}, warn: (message, data) => void warnings.push({ message, data }) };
}

async function clerkServing(body: unknown, validate?: ValidationMode) {
  const api = await serve(() => ({ json: body }));
  const logger = recorder();
  const clerk = new Clerk({ bearerAuth: 'sk_test_x', baseURL: api.url, logger, logLevel: 'warn', validators: clerkValidators, ...(validate ? { validate } : {}), retry: { initialDelayMs: 1, maxDelayMs: 2 } });
  return { api, logger, clerk };
}

async function call(clerk: Clerk, list: boolean, validate?: ValidationMode): Promise<unknown> {
  const options = validate ? { validate } : {};
  return list ? (await clerk.invitations.list({}, options)).items : clerk.invitations.revoke('inv_1', options);
}

describe.each(DRIFTS)('a response with $name', ({ list, body, issue }) => {
  it('strict: throws a ResponseValidationError naming the pointer, expected and received, without retrying', async () => {
    const { api, clerk } = await clerkServing(body, 'strict');
    const error = await (list ? clerk.invitations.list().then((p) => p.items) : clerk.invitations.revoke('inv_1')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error).toBeInstanceOf(APIResponseError);
    const e = error as ResponseValidationError;
    expect({ pointer: e.pointer, expected: e.expected, received: e.received }).toEqual(issue);
    expect(e.issues).toEqual([issue]);
    expect(e.message).toContain(`at ${issue.pointer}: expected ${issue.expected}, received ${issue.received}`);
    expect(e.status).toBe(200);
    expect(e.data).toEqual(body);
    expect(api.received).toHaveLength(1);
  });

  it('warn: logs the pointer through the logger and returns the data as received', async () => {
    const { clerk, logger } = await clerkServing(body, 'warn');
    const data = list ? (await clerk.invitations.list()).items : await clerk.invitations.revoke('inv_1');
    expect(data).toEqual(body);
    expect(logger.warnings).toHaveLength(1);
    expect(logger.warnings[0]!.message).toContain(`response field ${issue.pointer} differs from the spec: expected ${issue.expected}, received ${issue.received}`);
    expect(logger.warnings[0]!.data).toEqual(issue);
  });

  it('off, the default: returns the data and says nothing', async () => {
    const { clerk, logger } = await clerkServing(body);
    expect(await call(clerk, list)).toEqual(body);
    expect(logger.warnings).toEqual([]);
  });

  it('a call overrides the client: off on a strict client, strict and warn on an off client', async () => {
    const strict = await clerkServing(body, 'strict');
    expect(await call(strict.clerk, list, 'off')).toEqual(body);
    const off = await clerkServing(body, 'off');
    await expect(call(off.clerk, list, 'strict')).rejects.toMatchObject({ name: 'ResponseValidationError', pointer: issue.pointer });
    expect(await call(off.clerk, list, 'warn')).toEqual(body);
    expect(off.logger.warnings.map((w) => w.data)).toEqual([issue]);
  });
});

describe('response validation', () => {
  it('a response as the spec says passes strict validation, paged or not', async () => {
    const { clerk, logger } = await clerkServing([invitation('inv_1'), invitation('inv_2')], 'strict');
    expect((await clerk.invitations.list()).items.map((i) => i.id)).toEqual(['inv_1', 'inv_2']);
    const single = await clerkServing(invitation('inv_3'), 'strict');
    expect((await single.clerk.invitations.revoke('inv_3')).id).toBe('inv_3');
    expect([...logger.warnings, ...single.logger.warnings]).toEqual([]);
  });

  it('every drifted field is an issue; the message names the first and counts the rest', async () => {
    const { clerk } = await clerkServing({ ...invitation('inv_1'), id: 7, status: 'archived', extra: true }, 'strict');
    const e = (await clerk.invitations.revoke('inv_1').catch((x: unknown) => x)) as ResponseValidationError;
    expect(e.issues.map((i) => i.pointer)).toEqual(['/id', '/status', '/extra']);
    expect(e.message).toMatch(/at \/id: expected string, received number 7 \(and 2 more\)$/);
  });

  it('standalone functions validate through a core client given the validators', async () => {
    const api = await serve(() => ({ json: { ...invitation('inv_1'), status: 'archived' } }));
    const core = new ClerkCore({ bearerAuth: 'k', baseURL: api.url, validate: 'strict', validators: clerkValidators });
    await expect(invitationsRevoke(core, 'inv_1')).rejects.toMatchObject({ pointer: '/status' });
    const plain = new ClerkCore({ bearerAuth: 'k', baseURL: api.url });
    expect((await invitationsRevoke(plain, 'inv_1', { validate: 'off' })).status).toBe('archived');
  });

  it('the strict error goes through onError, and withResponse() rejects with it too', async () => {
    const api = await serve(() => ({ json: { ...invitation('inv_1'), status: 'archived' } }));
    const seen: unknown[] = [];
    const clerk = new Clerk({ bearerAuth: 'k', baseURL: api.url, validate: 'strict', validators: clerkValidators, hooks: { onError: ({ error }) => void seen.push(error) } });
    await expect(clerk.invitations.revoke('inv_1').withResponse()).rejects.toBeInstanceOf(ResponseValidationError);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toBeInstanceOf(ResponseValidationError);
  });
});
