/**
 * The intermediate representation: plain, serialisable data with every name
 * already decided. Emitters read only this.
 */

export interface IR {
  /** Short name of the API, e.g. `clerk`. */
  name: string;
  clientName: string;
  /** The client without resources, for standalone functions: `${clientName}Core`. */
  coreClientName: string;
  /** The client's constructor options type: `${clientName}Options`. */
  optionsTypeName: string;
  /** The variable examples keep the client in. */
  clientVariable: string;
  /** Package files by role, relative to the package root; resources name their own. */
  files: { index: string; client: string; models: string; validators: string; dates: string; runtimeDir: string; runtimeIndex: string };
  /** Whether `format: date-time` strings are typed `Date` and turned into Dates in responses (`src/dates.ts`). */
  dates: boolean;
  /** The export holding the response validators, which a client takes as its `validators` option: `${name}Validators`. */
  validatorsName: string;
  /** The client core the package vendors: `slim` has no retries, hooks, logging or redirect following. */
  core: 'full' | 'slim';
  /**
   * Whether the client follows redirects itself (`followRedirects`): only a
   * full core whose API sends a credential outside `Authorization` (an API
   * key), which fetch would carry on to another origin. Otherwise fetch follows.
   */
  followRedirects: boolean;
  /** The package file that declares each name of the runtime. */
  runtimeModules: Record<string, string>;
  /** The runtime's error class by status (`404`, `5XX`), for documents. */
  errorClasses: { status: string; className: string }[];
  /** The class any other non-2xx status raises. */
  errorFallback: string;
  /** Where the API reports request ids beyond `x-request-id` (`x-sdkgen-request-id`). */
  requestId: IRRequestId | undefined;
  /** Where its error bodies keep their message, from the error schemas the spec declares; undefined: the runtime's reader of common shapes. */
  errorMessage: IRErrorMessage | undefined;
  packageName: string;
  packageVersion: string;
  title: string;
  description: string | undefined;
  apiVersion: string;
  baseURL: string;
  servers: IRServer[];
  auth: IRAuthScheme[];
  clientParams: IRClientParam[];
  models: IRModel[];
  resources: IRResource[];
  /** What the API sends to webhooks (OpenAPI 3.1 `webhooks`); undefined when it declares none with a JSON payload. */
  webhooks: IRWebhooks | undefined;
}

export interface IRRequestId {
  /** Response headers, in order. */
  headers: string[];
  /** A top-level field of error bodies. */
  errorField: string | undefined;
}

/** A field of an error body: keys and array indexes from the top. */
export type IRMessagePath = (string | number)[];

export interface IRErrorMessage {
  /** In order, the first whose first path holds a string wins; the strings at its other paths follow in parentheses (`message (code)`). */
  entries: IRMessagePath[][];
  /** Whether some error body is a map of fields to lists of messages (`{ email: ["is invalid"] }`). */
  fieldMessages: boolean;
}

export interface IRServer {
  url: string;
  description: string | undefined;
}

export type IRAuthScheme =
  | { type: 'bearer' | 'basic'; schemeName: string; option: string; env: string | undefined; description: string | undefined; oauth?: IROAuth; clientCredentials?: IRClientCredentials }
  | { type: 'apiKey'; in: 'header' | 'query' | 'cookie'; name: string; schemeName: string; option: string; env: string | undefined; description: string | undefined };

/** The client credentials flow the client runs itself when given a client id and secret instead of a token. */
export interface IRClientCredentials {
  tokenUrl: string;
  scopes: string[];
  clientId: { option: string; env: string };
  clientSecret: { option: string; env: string };
}

/** What an OAuth2 or OpenID Connect scheme says of getting a token; today's client takes the token itself. */
export interface IROAuth {
  flows: IROAuthFlow[];
  openIdConnectUrl: string | undefined;
}

export interface IROAuthFlow {
  flow: 'clientCredentials' | 'authorizationCode' | 'implicit' | 'password' | 'deviceAuthorization';
  tokenUrl: string | undefined;
  authorizationUrl: string | undefined;
  refreshUrl: string | undefined;
  /** Scope name to its description. */
  scopes: [string, string][];
}

/** A path parameter given once to the client constructor instead of every call. */
export interface IRClientParam {
  wireName: string;
  option: string;
  env: string | undefined;
  description: string | undefined;
}

/** A type, with what its schema says of the values beyond their type. */
export type IRType = IRTypeShape & { facts?: IRFacts };

type IRTypeShape =
  /** `date`: a `format: date-time` string the package types as `Date` and turns into one in responses (the `dates` option). */
  | { kind: 'primitive'; name: 'string' | 'number' | 'integer' | 'boolean' | 'null' | 'undefined' | 'unknown' | 'never'; date?: true }
  | { kind: 'literal'; value: string | number | boolean | null }
  | { kind: 'ref'; name: string }
  /** A file: what a request accepts (`Uploadable`), or with `received` the Blob a response is read as. */
  | { kind: 'binary'; received?: boolean }
  | { kind: 'array'; items: IRType }
  | { kind: 'tuple'; items: IRType[]; rest: IRType | undefined }
  | { kind: 'object'; properties: IRProperty[]; additional: IRType | undefined }
  | { kind: 'union'; members: IRType[]; discriminator?: IRDiscriminator }
  | { kind: 'intersection'; members: IRType[] };

export type IRLiteral = string | number | boolean | null;

/**
 * A schema's value constraints and annotations, as data: what docs, examples
 * and validation read. Bounds are in JSON Schema 2020-12 form (an OpenAPI 3.0
 * `exclusiveMinimum: true` becomes `exclusiveMinimum: <minimum>`).
 */
export interface IRFacts {
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  multipleOf?: number;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  minProperties?: number;
  maxProperties?: number;
  default?: unknown;
  /** `examples`, or OpenAPI 3.0's single `example`. */
  examples?: unknown[];
}

/** A union whose members are told apart by one property's value on the wire. */
export interface IRDiscriminator {
  property: string;
  /** One per union member, in the same order. */
  members: IRTag[];
}

export interface IRTag {
  /** The wire values that select this member, typed as they travel (`false`, `10`); empty when the spec gives none. */
  values: IRLiteral[];
  /** `mapping`: the discriminator's mapping; `literal`: the member's own `const`/`enum`; `schema-name`: the member's schema name, for a member that leaves the property open. */
  source: 'mapping' | 'literal' | 'schema-name' | 'none';
  /** True when the member's own property does not already pin it to `values`, so the member's type must be narrowed. */
  narrow: boolean;
}

export interface IRDocs {
  description: string | undefined;
  deprecated: boolean;
  /** Further JSDoc tags, e.g. `['default', '10']`, `['format', 'email']`. */
  tags: [string, string][];
}

export interface IRProperty extends IRDocs {
  /** The wire name, exactly as the spec spells it. */
  name: string;
  required: boolean;
  readOnly: boolean;
  writeOnly: boolean;
  type: IRType;
}

export interface IRModel extends IRDocs {
  name: string;
  type: IRType;
  /** Where it came from in the spec, for messages and docs. */
  source: string;
}

export interface IRParam extends IRDocs {
  wireName: string;
  /** Name in the generated params object, or the positional argument name for path params. */
  name: string;
  required: boolean;
  type: IRType;
  style: string | undefined;
  explode: boolean | undefined;
}

export type ResponseKind = 'json' | 'text' | 'blob' | 'void' | 'sse';

/** One media type of a request body or response, with its schema's type. */
export interface IRContent {
  mediaType: string;
  type: IRType;
  /** A multipart body's per-part `encoding`, by part name, when the spec gives one. */
  encoding?: IRPartEncoding[];
}

/** One part's `encoding`: its Content-Type and the headers whose value the spec fixes (by `const` or `default`). */
export interface IRPartEncoding {
  part: string;
  contentType: string | undefined;
  headers: [string, string][];
}

export interface IRBody {
  /** What the client's caller passes: the chosen media type's schema, or `string | Blob` for a body sent as given. */
  type: IRType;
  required: boolean;
  /** The Content-Type the client sends, chosen from `contents` by `chooseRequestMedia`; never a media range. */
  contentType: string;
  /** Every media type the spec offers, in its order. */
  contents: IRContent[];
  /** The other Content-Types a call may choose instead of `contentType`, in the spec's order; never a media range. */
  alternatives: string[];
  description: string | undefined;
}

export interface IRResponse {
  status: string;
  description: string | undefined;
  /** The media type the client asks for and reads, chosen from `contents` by `chooseResponseMedia`. */
  contentType: string | undefined;
  /** Every media type the spec offers, in its order. */
  contents: IRContent[];
  /** What the client resolves to: the schema for JSON and events, string for text and XML, the unread `Response` for the rest (`binary`). */
  type: IRType | undefined;
  /** The runtime error class a non-2xx status raises. */
  errorClass: string | undefined;
}

/** How an operation's event stream is read and asked for. */
export interface IRStream {
  /** The type of each event's data. */
  type: IRType;
  /** `text` when the data's schema is a string, `json` otherwise. */
  data: 'json' | 'text';
  /**
   * `only`: the operation always streams; `flag`: it streams when the body's
   * `property` is `true`, and is typed by overloads on it; `method`: a second
   * method and function ask for the stream.
   */
  form: { kind: 'only' } | { kind: 'flag'; property: string } | { kind: 'method'; name: string; functionName: string };
}

export type IRPagination =
  | { style: 'offset'; offset: string; limit: string; items: string | undefined; defaultLimit: number | undefined }
  | { style: 'page'; page: string; size: string | undefined; items: string | undefined; totalPages: string | undefined; next: string | undefined }
  | { style: 'next_url'; items: string | undefined; next: string };

export interface IROperation extends IRDocs {
  /** Method name on the resource, e.g. `create`. */
  name: string;
  /** Name of the standalone function, e.g. `invitationsCreate`, unique in the package. */
  functionName: string;
  operationId: string;
  summary: string | undefined;
  httpMethod: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS';
  path: string;
  pathParams: IRParam[];
  queryParams: IRParam[];
  headerParams: IRParam[];
  cookieParams: IRParam[];
  /** Wire names of path params the client fills in from its constructor options. */
  clientPathParams: string[];
  /** Name of the generated params interface, when the operation has query/header/cookie params. */
  paramsTypeName: string | undefined;
  body: IRBody | undefined;
  /** `direct`: the body is the method's argument; `property`: it is `params.body`. */
  bodyMode: 'direct' | 'property' | 'none';
  responses: IRResponse[];
  success: IRResponse | undefined;
  responseKind: ResponseKind;
  accept: string | undefined;
  /** The `data` that ends the operation's event stream, when the API sends one (`x-sdkgen-stream-terminator`). */
  streamTerminator: string | undefined;
  /** Error statuses the operation declares a JSON body for, with the names of their generated union type and guard. */
  declaredErrors: IRDeclaredErrors | undefined;
  /** Set when the 2xx response offers `text/event-stream`. */
  stream: IRStream | undefined;
  pagination: (IRPagination & { itemType: IRType }) | undefined;
  /** Option names of the auth schemes this operation accepts; undefined = the API's default. */
  security: string[] | undefined;
}

export interface IRDeclaredErrors {
  typeName: string;
  guardName: string;
  /** Statuses as the spec writes them (`404`, `4XX`, `default`), with their bodies. */
  statuses: { status: string; type: IRType }[];
}

export interface IRResource extends IRDocs {
  /** Property name on the client, e.g. `invitations`. */
  property: string;
  className: string;
  /** Its module and its documentation page, relative to the package root. */
  file: string;
  docFile: string;
  operations: IROperation[];
}

/** The webhooks a package verifies and types: `client.webhooks.unwrap` and its standalone form. */
export interface IRWebhooks {
  /** Property on the client, e.g. `webhooks`, holding an instance of `className`. */
  property: string;
  className: string;
  /** The standalone unwrap, which needs no client. */
  functionName: string;
  /** The union of every JSON payload, which `unwrap` returns. */
  eventTypeName: string;
  /** The interface of each webhook's payload by its name in the spec. */
  payloadsTypeName: string;
  /** The module, relative to the package root. */
  file: string;
  /** The client option holding the signing secret, and the environment variable read when neither it nor the call gives one. */
  secret: { option: string; env: string };
  /** The payload property whose literal values tell the events apart, when every payload pins it to values of its own. */
  tag: string | undefined;
  /** In the spec's order. */
  webhooks: IRWebhook[];
}

export interface IRWebhook extends IRDocs {
  /** The key under `webhooks`, exactly as the spec writes it. */
  name: string;
  httpMethod: IROperation['httpMethod'];
  /** The JSON payload's type; undefined when the webhook sends no JSON, so `unwrap` cannot return it. */
  type: IRType | undefined;
  /** Every media type of the request body, in the spec's order. */
  contents: IRContent[];
  /** This payload's values of the `tag` property, when there is a tag. */
  tagValues: IRLiteral[];
}
