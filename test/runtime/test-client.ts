import { APIClient, type ClientOptions, type CoreConfig } from '../../runtime/src/client.js';
import type { APIPromise } from '../../runtime/src/api-promise.js';
import type { AuthScheme, Credential, RequestOptions, RequestSpec } from '../../runtime/src/types.js';

/** A client as the generator would write one, with the auth scheme chosen by the test. */
export class TestClient extends APIClient {
  constructor(auth: AuthScheme[], credentials: Record<string, Credential | undefined>, options: ClientOptions, config: Partial<CoreConfig> = {}) {
    super({ clientName: 'Test', packageName: 'test-sdk', packageVersion: '1.2.3', defaultBaseURL: 'https://api.invalid', auth, credentials, ...config }, options);
  }

  call<T = unknown>(spec: Partial<RequestSpec> = {}, options?: RequestOptions): APIPromise<T> {
    return this.request<T>({ method: 'GET', path: '/things', ...spec }, options);
  }
}

export const BEARER: AuthScheme[] = [{ type: 'bearer', option: 'token', env: 'TEST_SDK_TOKEN' }];
