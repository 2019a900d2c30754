import type { APIClient } from './client.js';

/** A group of operations on the client, such as `client.invitations`. */
export class APIResource {
  readonly #client: APIClient;

  constructor(client: APIClient) {
    this.#client = client;
  }

  /** A getter, not a field, so a resource serialises without dragging in the client. */
  protected get _client(): APIClient {
    return this.#client;
  }
}
