/** A parsed body with the response it came from. */
export interface WithResponse<T> {
  data: T;
  response: Response;
}

/**
 * The promise every method returns: awaiting it gives the parsed body;
 * `.withResponse()` and `.asResponse()` give the raw `Response` too. The body
 * is derived only when asked for, so using `.withResponse()` alone leaves no
 * unobserved rejection behind.
 */
export class APIPromise<T> extends Promise<T> {
  readonly #result: Promise<WithResponse<T>>;
  #data: Promise<T> | undefined;

  constructor(result: Promise<WithResponse<T>>) {
    super((resolve) => resolve(undefined as T));
    this.#result = result;
  }

  withResponse(): Promise<WithResponse<T>> {
    return this.#result;
  }

  asResponse(): Promise<Response> {
    return this.#result.then((r) => r.response);
  }

  override then<A = T, B = never>(onfulfilled?: ((value: T) => A | PromiseLike<A>) | null, onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<A | B> {
    return this.#body().then(onfulfilled, onrejected);
  }

  override catch<B = never>(onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<T | B> {
    return this.#body().catch(onrejected);
  }

  override finally(onfinally?: (() => void) | null): Promise<T> {
    return this.#body().finally(onfinally);
  }

  #body(): Promise<T> {
    this.#data ??= this.#result.then((r) => r.data);
    return this.#data;
  }
}
