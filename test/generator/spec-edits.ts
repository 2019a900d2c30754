import type { Document } from 'yaml';

export type Bump = 'major' | 'minor' | 'patch' | 'none';

/** One edit a spec author makes, and the version bump a consumer of the generated package would expect. */
export interface SpecEdit {
  spec: 'syncano' | 'clerk' | 'fastly' | 'simple-example';
  title: string;
  bump: Bump;
  edit: (doc: Document) => void;
}

const S = ['components', 'schemas'];
const SYNCANO_LIST = ['paths', '/v1.1/instances/{instance_name}/invitations/', 'get'];
const SYNCANO_RESEND = '/v1.1/instances/{instance_name}/invitations/{id}/resend/';
const str = { type: 'string' };

function removeRequired(doc: Document, schema: string, prop: string): void {
  const required = doc.getIn([...S, schema, 'required']) as { items: { value: unknown }[] } | undefined;
  const at = required?.items.findIndex((i) => i.value === prop) ?? -1;
  if (at >= 0) doc.deleteIn([...S, schema, 'required', at]);
}

function addProperty(doc: Document, schema: string, prop: string, node: object, required: boolean): void {
  doc.setIn([...S, schema, 'properties', prop], doc.createNode(node));
  if (required) doc.addIn([...S, schema, 'required'], prop);
}

function queryParam(doc: Document, path: string[], name: string): Record<string, unknown> {
  const params = doc.getIn([...path, 'parameters']) as { items: { get(k: string): unknown }[] };
  const param = params.items.find((p) => p.get('name') === name);
  if (!param) throw new Error(`no parameter ${name}`);
  return param as unknown as Record<string, unknown>;
}

function setParam(doc: Document, path: string[], name: string, key: string, value: unknown): void {
  (queryParam(doc, path, name) as unknown as { set(k: string, v: unknown): void }).set(key, doc.createNode(value));
}

function setEnum(doc: Document, at: (string | number)[], values: unknown[]): void {
  doc.setIn([...at, 'enum'], doc.createNode(values));
}

export const SPEC_EDITS: SpecEdit[] = [
  // Syncano: a small REST API with one resource.
  { spec: 'syncano', title: 'nothing changed', bump: 'none', edit: () => {} },
  { spec: 'syncano', title: 'optional request property added', bump: 'minor', edit: (d) => addProperty(d, 'InvitationCreate', 'note', str, false) },
  { spec: 'syncano', title: 'required request property added', bump: 'major', edit: (d) => addProperty(d, 'InvitationCreate', 'note', str, true) },
  { spec: 'syncano', title: 'request property made optional', bump: 'minor', edit: (d) => removeRequired(d, 'InvitationCreate', 'email') },
  { spec: 'syncano', title: 'request property widened to accept null', bump: 'minor', edit: (d) => d.setIn([...S, 'InvitationCreate', 'properties', 'email', 'type'], d.createNode(['string', 'null'])) },
  { spec: 'syncano', title: 'response property removed', bump: 'major', edit: (d) => { d.deleteIn([...S, 'Invitation', 'properties', 'state']); removeRequired(d, 'Invitation', 'state'); } },
  { spec: 'syncano', title: 'response property made optional', bump: 'major', edit: (d) => removeRequired(d, 'Invitation', 'state') },
  { spec: 'syncano', title: 'response property may now be null', bump: 'major', edit: (d) => d.setIn([...S, 'Invitation', 'properties', 'state', 'type'], d.createNode(['string', 'null'])) },
  { spec: 'syncano', title: 'response property type changed', bump: 'major', edit: (d) => d.setIn([...S, 'Invitation', 'properties', 'id', 'type'], 'string') },
  { spec: 'syncano', title: 'required response property added', bump: 'minor', edit: (d) => addProperty(d, 'Invitation', 'inviter', { type: 'string', readOnly: true }, true) },
  { spec: 'syncano', title: 'operation added', bump: 'minor', edit: (d) => d.setIn(['paths', '/v1.1/instances/{instance_name}/invitations/{id}/accept/'], d.createNode({ parameters: [{ $ref: '#/components/parameters/InstanceName' }, { $ref: '#/components/parameters/InvitationId' }], post: { operationId: 'acceptInvitation', 'x-sdkgen-group': 'invitations', 'x-sdkgen-name': 'accept', summary: 'Accept', responses: { '204': { description: 'Accepted.' } } } })) },
  { spec: 'syncano', title: 'operation removed', bump: 'major', edit: (d) => d.deleteIn(['paths', SYNCANO_RESEND]) },
  { spec: 'syncano', title: 'operation renamed', bump: 'major', edit: (d) => d.setIn(['paths', SYNCANO_RESEND, 'post', 'x-sdkgen-name'], 'sendAgain') },
  { spec: 'syncano', title: 'optional query parameter added', bump: 'minor', edit: (d) => d.addIn([...SYNCANO_LIST, 'parameters'], d.createNode({ name: 'search', in: 'query', schema: str })) },
  { spec: 'syncano', title: 'query parameter made required', bump: 'major', edit: (d) => setParam(d, SYNCANO_LIST, 'page_size', 'required', true) },
  { spec: 'syncano', title: 'enum value removed from an input', bump: 'major', edit: (d) => setEnum(d, [...SYNCANO_LIST, 'parameters', 1, 'schema'], ['asc']) },
  { spec: 'syncano', title: 'enum value added to an input', bump: 'minor', edit: (d) => setEnum(d, [...SYNCANO_LIST, 'parameters', 1, 'schema'], ['asc', 'desc', 'random']) },
  { spec: 'syncano', title: 'enum value added to a type used both ways', bump: 'major', edit: (d) => setEnum(d, [...S, 'Role'], ['full', 'write', 'read', 'admin']) },
  { spec: 'syncano', title: 'description changed', bump: 'patch', edit: (d) => d.setIn([...S, 'InvitationCreate', 'properties', 'email', 'description'], 'Who to invite.') },
  { spec: 'syncano', title: 'operation summary changed', bump: 'patch', edit: (d) => d.setIn(['paths', SYNCANO_RESEND, 'post', 'summary'], 'Resend the invitation email') },
  { spec: 'syncano', title: 'maxLength changed (documented, not typed)', bump: 'patch', edit: (d) => d.setIn([...S, 'InvitationCreate', 'properties', 'email', 'maxLength'], 320) },
  // Clerk: enums shared by a query filter and a response.
  { spec: 'clerk', title: 'nothing changed', bump: 'none', edit: () => {} },
  { spec: 'clerk', title: 'enum value added to an output', bump: 'major', edit: (d) => setEnum(d, [...S, 'InvitationStatus'], ['pending', 'accepted', 'revoked', 'expired', 'archived']) },
  { spec: 'clerk', title: 'enum value removed from an input', bump: 'major', edit: (d) => setEnum(d, [...S, 'CreateInvitationRequest', 'properties', 'template_slug'], ['invitation']) },
  { spec: 'clerk', title: 'required request property added', bump: 'major', edit: (d) => addProperty(d, 'CreateInvitationRequest', 'locale', str, true) },
  { spec: 'clerk', title: 'optional request property added', bump: 'minor', edit: (d) => addProperty(d, 'CreateInvitationRequest', 'locale', str, false) },
  { spec: 'clerk', title: 'optional response property removed', bump: 'major', edit: (d) => d.deleteIn([...S, 'Invitation', 'properties', 'url']) },
  { spec: 'clerk', title: 'operation removed', bump: 'major', edit: (d) => d.deleteIn(['paths', '/invitations/bulk']) },
  { spec: 'clerk', title: 'description changed', bump: 'patch', edit: (d) => d.setIn([...S, 'Invitation', 'description'], 'An invitation to join.') },
  // Fastly: JSON:API documents with nested relationship objects.
  { spec: 'fastly', title: 'enum value added to a type used both ways', bump: 'major', edit: (d) => setEnum(d, [...S, 'RoleUser'], ['user', 'tls_viewer', 'tls_admin', 'billing', 'engineer', 'superuser', 'auditor']) },
  { spec: 'fastly', title: 'optional query parameter added', bump: 'minor', edit: (d) => d.addIn(['paths', '/invitations', 'get', 'parameters'], d.createNode({ name: 'filter[email]', in: 'query', schema: str })) },
  { spec: 'fastly', title: 'operation removed', bump: 'major', edit: (d) => d.deleteIn(['paths', '/invitations/{invitation_id}']) },
  { spec: 'fastly', title: 'description changed', bump: 'patch', edit: (d) => d.setIn(['paths', '/invitations', 'post', 'description'], 'Invites a user to the account.') },
  // A corpus spec: sloppy, with multipart bodies and unnamed types.
  { spec: 'simple-example', title: 'nothing changed', bump: 'none', edit: () => {} },
  { spec: 'simple-example', title: 'optional multipart field added', bump: 'minor', edit: (d) => d.setIn(['paths', '/pets/model', 'post', 'requestBody', 'content', 'multipart/form-data', 'schema', 'properties', 'note'], d.createNode(str)) },
  { spec: 'simple-example', title: 'query parameter made required', bump: 'major', edit: (d) => setParam(d, ['paths', '/pets', 'get'], 'limit', 'required', true) },
  { spec: 'simple-example', title: 'response property removed', bump: 'major', edit: (d) => d.deleteIn([...S, 'Pet', 'properties', 'tag']) },
];
