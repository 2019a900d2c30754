import { describe, expect, it } from 'vitest';
import { build } from 'esbuild';
import { join } from 'node:path';
import { ROOT } from '../support/packages.js';

const SYNCANO = join(ROOT, 'generated/syncano/src/index.ts');
const CLERK = join(ROOT, 'generated/clerk/src/index.ts');
const RESEND_PATH = '/v1.1/instances/{instance_name}/invitations/{id}/resend/';
const GET_PATH = '/v1.1/instances/{instance_name}/invitations/{id}/';

/** A minified browser bundle of `entry`, as a consumer's bundler would make it. */
async function bundle(entry: string): Promise<string> {
  const result = await build({
    stdin: { contents: entry, resolveDir: ROOT, loader: 'ts' },
    bundle: true, minify: true, format: 'esm', platform: 'browser', write: false, logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

const standalone = `import { SyncanoCore, invitationsGet } from ${JSON.stringify(SYNCANO)};\nexport const run = () => invitationsGet(new SyncanoCore({ apiKey: 'k', instanceName: 'i' }), 1);\n`;
const full = `import Syncano from ${JSON.stringify(SYNCANO)};\nexport const run = () => new Syncano({ apiKey: 'k', instanceName: 'i' }).invitations.get(1);\n`;

describe('tree-shaking', () => {
  it('a bundle of one standalone function keeps that operation and drops the others', async () => {
    const code = await bundle(standalone);
    expect(code).toContain(GET_PATH);
    expect(code).not.toContain(RESEND_PATH);
    expect(code.length).toBeLessThan((await bundle(full)).length);
  });

  it('pagination stays out of a bundle without list calls, and comes in with one', async () => {
    const PAGING = 'There is no next page';
    expect(await bundle(standalone)).not.toContain(PAGING);
    const list = `import { SyncanoCore, invitationsList } from ${JSON.stringify(SYNCANO)};\nexport const run = () => invitationsList(new SyncanoCore({ apiKey: 'k', instanceName: 'i' }));\n`;
    expect(await bundle(list)).toContain(PAGING);
  });

  it('a list call brings only the pagination style it uses', async () => {
    // Text only the next-link style holds: its refusal of a link to another origin.
    const NEXT_LINK = 'pagination link to another origin';
    const offset = await bundle(`import { ClerkCore, invitationsList } from ${JSON.stringify(CLERK)};\nexport const run = () => invitationsList(new ClerkCore({ bearerAuth: 'k' }));\n`);
    expect(offset).toContain('There is no next page');
    expect(offset).not.toContain(NEXT_LINK);
    const linked = `import { SyncanoCore, invitationsList } from ${JSON.stringify(SYNCANO)};\nexport const run = () => invitationsList(new SyncanoCore({ apiKey: 'k', instanceName: 'i' }));\n`;
    expect(await bundle(linked)).toContain(NEXT_LINK);
  });

  it('the body encoders stay out of a bundle of calls without a body, and come in with one', async () => {
    // Strings only the encoders hold: the form and multipart branches of body.ts.
    const ENCODERS = ['application/x-www-form-urlencoded', 'multipart/form-data'];
    const get = await bundle(standalone);
    for (const s of ENCODERS) expect(get).not.toContain(s);
    const create = `import { SyncanoCore, invitationsCreate } from ${JSON.stringify(SYNCANO)};\nexport const run = () => invitationsCreate(new SyncanoCore({ apiKey: 'k', instanceName: 'i' }), { email: 'a@b.c' });\n`;
    const post = await bundle(create);
    for (const s of ENCODERS) expect(post).toContain(s);
  });

  it('the path writer stays out of a bundle whose call has no path parameters, and comes in with one', async () => {
    // Text only fillPath holds: its refusal of a missing parameter.
    const WRITER = 'Missing path parameter';
    expect(await bundle(`import { ClerkCore, invitationsList } from ${JSON.stringify(CLERK)};\nexport const run = () => invitationsList(new ClerkCore({ bearerAuth: 'k' }));\n`)).not.toContain(WRITER);
    expect(await bundle(`import { ClerkCore, invitationsRevoke } from ${JSON.stringify(CLERK)};\nexport const run = () => invitationsRevoke(new ClerkCore({ bearerAuth: 'k' }), 'inv_1');\n`)).toContain(WRITER);
    // Syncano's list call has only the client's path parameter (the instance), which its path writer fills too.
    const list = await bundle(`import { SyncanoCore, invitationsList } from ${JSON.stringify(SYNCANO)};\nexport const run = () => invitationsList(new SyncanoCore({ apiKey: 'k', instanceName: 'i' }));\n`);
    expect(list).toContain(WRITER);
  });

  it('query styles other than form with explode stay out of a bundle whose calls use none, and come in by name', async () => {
    const PIPES = '"|"';
    expect(await bundle(standalone)).not.toContain(PIPES);
    const url = JSON.stringify(join(ROOT, 'generated/syncano/src/core/url.js'));
    const styled = `import { serializeQuery, pipeDelimited } from ${url};\nexport const q = serializeQuery({ ids: [1, 2] }, { ids: pipeDelimited });\n`;
    const code = await bundle(styled);
    expect(code).toContain(PIPES);
    expect(code).not.toContain('" "');
  });

  it("only the auth placements an API uses come into its bundle", async () => {
    // Text only basic authentication's placement holds.
    const BASIC = 'Basic ';
    const bearer = await bundle(`import { ClerkCore, invitationsList } from ${JSON.stringify(CLERK)};\nexport const run = () => invitationsList(new ClerkCore({ bearerAuth: 'k' }));\n`);
    expect(bearer).toContain('Bearer ');
    expect(bearer).not.toContain(BASIC);
    const auth = JSON.stringify(join(ROOT, 'generated/clerk/src/core/auth.js'));
    expect(await bundle(`import { basic } from ${auth};\nexport const scheme = basic({ option: 'k' });\n`)).toContain(BASIC);
  });

  it('the full client keeps every operation, because its resources are properties', async () => {
    const code = await bundle(full);
    expect(code).toContain(GET_PATH);
    expect(code).toContain(RESEND_PATH);
  });

  it('response validators stay out of a bundle that does not import them, and come in with their export', async () => {
    // Text of the validation module only: the strict error's message and the warning.
    const VALIDATION = 'differs from the spec';
    expect(await bundle(standalone)).not.toContain(VALIDATION);
    expect(await bundle(full)).not.toContain(VALIDATION);
    const validating = `import { SyncanoCore, invitationsGet, syncanoValidators } from ${JSON.stringify(SYNCANO)};\nexport const run = () => invitationsGet(new SyncanoCore({ apiKey: 'k', instanceName: 'i', validate: 'strict', validators: syncanoValidators }), 1);\n`;
    const code = await bundle(validating);
    expect(code).toContain(VALIDATION);
    expect(code).toContain(GET_PATH);
  });

  it("the client's own redirect follower stays out of a bearer-only API's bundle (fetch follows), and comes in for an API key in a header", async () => {
    // Text only the follower holds: its refusals of a loop and of a body it cannot resend.
    const FOLLOWER = ['Stopped after', 'cannot be sent twice'];
    const bearer = `import { ClerkCore, invitationsList } from ${JSON.stringify(CLERK)};\nexport const run = () => invitationsList(new ClerkCore({ bearerAuth: 'k' }));\n`;
    const clerk = await bundle(bearer);
    expect(clerk).toContain('/invitations');
    for (const s of FOLLOWER) expect(clerk).not.toContain(s);
    const keyed = await bundle(standalone);
    for (const s of FOLLOWER) expect(keyed).toContain(s);
    // And the other way round: fetch's own following (`fetchNatively`) comes only where the client does not follow itself.
    const NATIVE = 'a header of the request would reach another origin';
    expect(clerk).toContain(NATIVE);
    expect(keyed).not.toContain(NATIVE);
  });

  it("the log's words stay out of a bundle of the client without resources, and come in with logging", async () => {
    // Lines only the log words: a retry and a failed try.
    const WORDS = ['retrying ', ' failed: '];
    const bearer = `import { ClerkCore, invitationsRevoke } from ${JSON.stringify(CLERK)};\nexport const run = () => invitationsRevoke(new ClerkCore({ bearerAuth: 'k' }), 'inv_1');\n`;
    for (const s of WORDS) expect(await bundle(bearer)).not.toContain(s);
    const logged = `import { ClerkCore, invitationsRevoke, logging } from ${JSON.stringify(CLERK)};\nexport const run = () => invitationsRevoke(new ClerkCore({ bearerAuth: 'k', logger: console, logging }), 'inv_1');\n`;
    for (const s of WORDS) expect(await bundle(logged)).toContain(s);
    // The client class with every resource passes logging itself.
    for (const s of WORDS) expect(await bundle(full)).toContain(s);
  });

  it("the reader of request ids beyond x-request-id comes only with an API whose spec says where they are", async () => {
    // The reader's own list of headers, which starts with x-request-id.
    const READER = '["x-request-id",';
    expect(await bundle(standalone)).not.toContain(READER);
    expect(await bundle(`import { ClerkCore, invitationsRevoke } from ${JSON.stringify(CLERK)};\nexport const run = () => invitationsRevoke(new ClerkCore({ bearerAuth: 'k' }), 'inv_1');\n`)).toContain(READER);
  });

  it('the OAuth2 token source and the client path parameters come only with an API that has them', async () => {
    const bearer = await bundle(`import { ClerkCore, invitationsRevoke } from ${JSON.stringify(CLERK)};\nexport const run = () => invitationsRevoke(new ClerkCore({ bearerAuth: 'k' }), 'inv_1');\n`);
    expect(bearer).not.toContain('pass it to the constructor');
    expect(bearer).not.toContain('client_credentials');
    // Nor the words naming the flow's options in the error of a client given no credential.
    const WAY = '\\` and \\`';
    expect(bearer).not.toContain(WAY);
    expect(await bundle(`import { startClientCredentials } from ${JSON.stringify(join(ROOT, 'generated/clerk/src/core/oauth.js'))};\nexport const flow = startClientCredentials;\n`)).toContain(WAY);
    expect(await bundle(standalone)).toContain('pass it to the constructor');
  });
});
