import type { Route } from '../support/fake-api.js';

/**
 * What a consumer does with each generated package, wherever it runs (Node
 * ESM, Node `require`, a browser page, a browser worker): one call, a walk
 * over every page, a typed error, a timeout and an abort. The code is
 * TypeScript a user would write, type-checked before it runs.
 */
export interface Scenario {
  /** Constructor options besides `baseURL`, as TypeScript source. */
  options: string;
  /** Expression (with `client`) whose value identifies the created resource. */
  call: string;
  /** A paginated call with `client`; every item has an `id`. */
  list: string;
  /** A call the API answers with 404. */
  missing: string;
  /** A call the API never answers; `OPTIONS` is replaced by request options. */
  slow: string;
  /** The vendor's side of the exchange. */
  route: Route;
  /** Request headers the vendor allows from browsers (CORS), besides the safelisted ones. */
  allowHeaders: string[];
  /** The credential header every request carries, lower-case, and its value. */
  auth: [string, string];
  expected: { call: string; pages: string[]; errorBody: unknown };
}

const clerkInvitation = (id: string) => ({ object: 'invitation', id, email_address: `${id}@example.com`, public_metadata: {}, status: 'pending', created_at: 1700000000000, updated_at: 1700000000000, expires_at: null });
const fastlyData = (id: string) => ({ type: 'invitation', id, attributes: { email: `${id}@example.com`, role: 'engineer', status_code: 1, created_at: '2024-01-01T00:00:00Z' } });
const SYNCANO_BASE = '/v1.1/instances/my-instance/invitations/';
const syncanoInvitation = (id: number) => ({ id, email: `u${id}@example.com`, role: 'read', key: `k${id}`, state: 'new', links: { self: `${SYNCANO_BASE}${id}/` }, created_at: '2024-01-01T00:00:00Z', updated_at: '2024-01-01T00:00:00Z' });
const JSONAPI = { 'content-type': 'application/vnd.api+json' };

export const SCENARIOS: Record<string, Scenario> = {
  '@sdkgen/clerk': {
    options: `{ bearerAuth: 'sk_test_consumer' }`,
    call: `(await client.invitations.create({ email_address: 'ada@example.com' })).id`,
    list: `client.invitations.list({ limit: 2 })`,
    missing: `client.invitations.revoke('inv_missing')`,
    slow: `client.invitations.revoke('inv_slow', OPTIONS)`,
    allowHeaders: ['authorization', 'content-type'],
    auth: ['authorization', 'Bearer sk_test_consumer'],
    route: (req) => {
      if (req.path.includes('inv_slow')) return { hang: true };
      if (req.path.includes('inv_missing')) return { status: 404, json: { errors: [{ message: 'not found', long_message: 'Invitation not found', code: 'resource_not_found' }] } };
      if (req.method === 'POST') return { json: clerkInvitation('inv_new') };
      const offset = Number(req.query.get('offset') ?? 0);
      return { json: ['inv_a', 'inv_b', 'inv_c'].slice(offset, offset + 2).map(clerkInvitation) };
    },
    expected: { call: 'inv_new', pages: ['inv_a', 'inv_b', 'inv_c'], errorBody: { errors: [{ message: 'not found', long_message: 'Invitation not found', code: 'resource_not_found' }] } },
  },
  '@sdkgen/fastly': {
    options: `{ token: 'fastly-consumer-token' }`,
    call: `(await client.invitations.create({ data: { type: 'invitation', attributes: { email: 'ada@example.com', role: 'engineer' } } })).data?.id`,
    list: `client.invitations.list({ page_size: 2 })`,
    missing: `client.invitations.delete('missing')`,
    slow: `client.invitations.delete('slow', OPTIONS)`,
    allowHeaders: ['fastly-key', 'content-type'],
    auth: ['fastly-key', 'fastly-consumer-token'],
    route: (req) => {
      if (req.path.endsWith('/slow')) return { hang: true };
      if (req.path.endsWith('/missing')) return { status: 404, headers: JSONAPI, json: { msg: 'Record not found', detail: 'Cannot find invitation' } };
      if (req.method === 'POST') return { status: 201, headers: JSONAPI, json: { data: fastlyData('inv_new') } };
      const page = Number(req.query.get('page[number]') ?? 1);
      return { headers: JSONAPI, json: { data: [fastlyData(`p${page}a`), fastlyData(`p${page}b`)], meta: { current_page: page, per_page: 2, record_count: 4, total_pages: 2 }, links: { next: page < 2 ? `/invitations?page[number]=${page + 1}` : null } } };
    },
    expected: { call: 'inv_new', pages: ['p1a', 'p1b', 'p2a', 'p2b'], errorBody: { msg: 'Record not found', detail: 'Cannot find invitation' } },
  },
  '@sdkgen/syncano': {
    options: `{ apiKey: 'syncano-consumer-key', instanceName: 'my-instance' }`,
    call: `(await client.invitations.create({ email: 'ada@example.com', role: 'write' })).id`,
    list: `client.invitations.list({ page_size: 2 })`,
    missing: `client.invitations.get(404)`,
    slow: `client.invitations.get(999, OPTIONS)`,
    allowHeaders: ['x-api-key', 'content-type'],
    auth: ['x-api-key', 'syncano-consumer-key'],
    route: (req) => {
      if (req.path === `${SYNCANO_BASE}999/`) return { hang: true };
      if (req.path === `${SYNCANO_BASE}404/`) return { status: 404, json: { detail: 'Not found.' } };
      if (req.method === 'POST') return { status: 201, json: syncanoInvitation(7) };
      const last = req.query.get('last_pk');
      if (last === null) return { json: { objects: [syncanoInvitation(1), syncanoInvitation(2)], next: `${SYNCANO_BASE}?page_size=2&last_pk=2`, prev: null } };
      return { json: { objects: [syncanoInvitation(3)], next: null, prev: `${SYNCANO_BASE}?page_size=2` } };
    },
    expected: { call: '7', pages: ['1', '2', '3'], errorBody: { detail: 'Not found.' } },
  },
};

/**
 * The scenario as a module: `run(sdk, baseURL)` takes the package's exports
 * however the consumer loaded them, so the same code proves `import`,
 * `require` and a browser bundle. The import is type-only: the runners load
 * the package.
 */
export function scenarioModule(packageName: string, s: Scenario): string {
  const slow = (options: string) => s.slow.replace('OPTIONS', options);
  return `import type * as Sdk from ${JSON.stringify(packageName)};

export interface Failure { name: string; apiError: boolean; notFound: boolean; timedOut: boolean; aborted: boolean; status: number | undefined; body: unknown }

function failure(sdk: typeof Sdk, e: unknown): Failure {
  const api = e instanceof sdk.APIError ? e : undefined;
  return {
    name: e instanceof Error ? e.constructor.name : typeof e,
    apiError: api !== undefined,
    notFound: e instanceof sdk.NotFoundError,
    timedOut: e instanceof sdk.APIConnectionTimeoutError,
    aborted: e instanceof sdk.APIUserAbortError,
    status: api?.status,
    body: api?.error,
  };
}

async function settle(sdk: typeof Sdk, call: () => Promise<unknown>): Promise<Failure | 'resolved'> {
  try {
    await call();
    return 'resolved';
  } catch (e) {
    return failure(sdk, e);
  }
}

export async function run(sdk: typeof Sdk, baseURL: string) {
  const client = new sdk.default({ ...${s.options}, baseURL, maxRetries: 0 });
  const call = String(${s.call});
  const pages: string[] = [];
  for await (const item of ${s.list}) pages.push(String(item.id));
  const error = await settle(sdk, () => ${s.missing});
  const timeout = await settle(sdk, () => ${slow('{ timeout: 300 }')});
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 100);
  const abort = await settle(sdk, () => ${slow('{ signal: controller.signal, timeout: 30_000 }')});
  return { call, pages, error, timeout, abort };
}

// Proof that the types are the package's own and not \`any\`.
export function misuse(sdk: typeof Sdk) {
  // @ts-expect-error maxRetries is a number
  return new sdk.default({ maxRetries: 'three' });
}
`;
}
