/** Where each runtime export lives inside a generated package (`src/core/`). */
export const CORE = {
  client: './core/client.js',
  resource: '../core/resource.js',
  apiPromise: '../core/api-promise.js',
  pagination: '../core/pagination.js',
  types: '../core/types.js',
  errors: './core/errors.js',
} as const;

/** The runtime's public surface, re-exported from each package's barrel. */
export const CORE_EXPORTS: { module: string; values: string[]; types: string[] }[] = [
  { module: './core/client.js', values: ['APIClient'], types: ['ClientOptions', 'Hooks', 'Logger', 'LogLevel'] },
  { module: './core/api-promise.js', values: ['APIPromise'], types: [] },
  { module: './core/pagination.js', values: ['Page', 'PagePromise'], types: [] },
  { module: './core/types.js', values: [], types: ['Credential', 'RequestOptions', 'RetryConfig'] },
  {
    module: './core/errors.js',
    values: ['SDKError', 'APIError', 'BadRequestError', 'AuthenticationError', 'PermissionDeniedError', 'NotFoundError', 'ConflictError', 'UnprocessableEntityError', 'RateLimitError', 'InternalServerError', 'APIConnectionError', 'APIConnectionTimeoutError', 'APIUserAbortError'],
    types: [],
  },
];
