/** Import paths of the runtime modules (`src/core/`) from files in `src/`… */
export const CORE = {
  client: './core/client.js',
  types: './core/types.js',
} as const;

/** …and from resource modules in `src/resources/`. */
export const CORE_FROM_RESOURCES = {
  client: '../core/client.js',
  resource: '../core/resource.js',
  apiPromise: '../core/api-promise.js',
  pagination: '../core/pagination.js',
  types: '../core/types.js',
} as const;

/** The runtime's public surface, re-exported from each package's barrel. */
export const CORE_EXPORTS: { module: string; values: string[]; types: string[] }[] = [
  { module: './core/client.js', values: ['APIClient'], types: ['ClientOptions', 'Hooks', 'Logger', 'LogLevel'] },
  { module: './core/redirect.js', values: ['RedirectError'], types: ['RedirectPolicy'] },
  { module: './core/api-promise.js', values: ['APIPromise'], types: [] },
  { module: './core/pagination.js', values: ['Page', 'PagePromise'], types: [] },
  { module: './core/types.js', values: [], types: ['Credential', 'RequestOptions', 'RetryConfig'] },
  {
    module: './core/errors.js',
    values: ['SDKError', 'APIError', 'BadRequestError', 'AuthenticationError', 'PermissionDeniedError', 'NotFoundError', 'ConflictError', 'UnprocessableEntityError', 'RateLimitError', 'InternalServerError', 'APIConnectionError', 'APIConnectionTimeoutError', 'APIUserAbortError'],
    types: [],
  },
];
