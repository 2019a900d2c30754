import { APIClient, type ClientOptions, type CoreConfig } from '../../runtime/src/client.js';
import type { APIPromise } from '../../runtime/src/api-promise.js';
import { encodeRequestBody } from '../../runtime/src/body.js';
import { vendorMessage } from '../../runtime/src/errors.js';
import { followRedirects } from '../../runtime/src/redirect.js';
import { fetchNatively } from '../../runtime/src/request.js';
import type { AuthScheme, Credential, RequestOptions, RequestSpec } from '../../runtime/src/types.js';
import { bearer } from '../../runtime/src/auth.js';
import { fillPath } from '../../runtime/src/url.js';

/** A client as the generator would write one, with the auth scheme chosen by the test. */
export class TestClient extends APIClient {
  constructor(auth: AuthScheme[], credentials: Record<string, Credential | undefined>, options: ClientOptions, config: Partial<CoreConfig> = {}) {
    // As the generator decides: the client's own follower only for a credential outside Authorization.
    const follow = { follow: auth.some((a) => a.type === 'apiKey') ? followRedirects : fetchNatively };
    // Error messages as the generator reads them for a spec that declares no error body.
    super({ clientName: 'Test', userAgent: 'test-sdk/1.2.3', defaultBaseURL: 'https://api.invalid', auth, credentials, errorMessage: vendorMessage, ...follow, ...config }, options);
  }

  call<T = unknown>(spec: Partial<RequestSpec> = {}, options?: RequestOptions): APIPromise<T> {
    // As a generated operation with a body does, unless the test says otherwise.
    const encode = spec.body === undefined ? {} : { encode: encodeRequestBody };
    // And, as one whose path has parameters does, the path writer.
    const fill = spec.path?.includes('{') ? { fill: fillPath } : {};
    return this.request<T>({ method: 'GET', path: '/things', ...encode, ...fill, ...spec } as RequestSpec, options);
  }
}

export const BEARER: AuthScheme[] = [bearer({ option: 'token', env: 'TEST_SDK_TOKEN' })];
