const BY_STATUS: Record<string, string> = {
  '400': 'BadRequestError',
  '401': 'AuthenticationError',
  '403': 'PermissionDeniedError',
  '404': 'NotFoundError',
  '409': 'ConflictError',
  '422': 'UnprocessableEntityError',
  '429': 'RateLimitError',
};

/** The runtime error class a response status raises, for documents. */
export function errorClassFor(status: string): string {
  if (/^5/.test(status)) return 'InternalServerError';
  return BY_STATUS[status] ?? 'APIError';
}
