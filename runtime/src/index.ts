// The public surface of the client core: every generated package re-exports
// this module from its entry, and the generator reserves these names.
export { APIClient, type ClientOptions, type RequestOptions } from './client.js';
export { logging } from './log.js';
export { followRedirects, RedirectError, type RedirectFollower, type RedirectPolicy } from './redirect.js';
export { APIPromise } from './api-promise.js';
export { Page, PagePromise } from './pagination.js';
export { OAuthError } from './oauth.js';
export { unwrapWebhook, WebhookVerificationError, type VerifyOptions, type WebhookHeaders } from './webhooks.js';
export { toFile, type ToFileOptions, type Uploadable } from './to-file.js';
export { Stream, StreamPromise, type ServerSentEvent, type StreamOptions } from './streaming.js';
export { ResponseValidationError, type ResponseValidators, type ValidationIssue, type ValidationMode } from './validation.js';
export type { Credential, Hooks, Logger, LogLevel, RetryConfig } from './types.js';
export {
  SDKError, APIError, BadRequestError, AuthenticationError, PermissionDeniedError, NotFoundError, ConflictError,
  UnprocessableEntityError, RateLimitError, InternalServerError, APIResponseError, APIConnectionError,
  APIConnectionTimeoutError, APIUserAbortError, type DeclaredError,
} from './errors.js';
