import type { WithResponse } from './api-promise.js';
import type { APIClient } from './client.js';
import { SDKError } from './errors.js';
import type { RequestOptions, RequestSpec } from './types.js';

/**
 * How a list operation pages: where a page's items are (a dot path into its
 * body; the body itself without one) and the request for the page after it.
 * Made by `offsetPages`, `pageNumbers` or `nextLink` (page-styles.ts), which
 * operations import by the style their spec's `x-sdkgen-pagination` names, so
 * a bundle keeps only the styles its calls use.
 */
export interface Paging {
  items?: string | undefined;
  next(page: { items: unknown[]; body: unknown }, request: RequestSpec, baseURL: string): RequestSpec | undefined;
}

export interface PageContext {
  pagination: Paging;
  baseURL: string;
  /** Sends the request for a page; a next-page link the server gave is its `link`. */
  load(request: RequestSpec): Promise<WithResponse<unknown>>;
}

/** One page of a list: its items, its raw body and response, and the way to the next one. */
export class Page<Item, Body = unknown> implements AsyncIterable<Item> {
  readonly items: Item[];
  readonly body: Body;
  readonly response: Response;
  readonly #context: PageContext;
  readonly #request: RequestSpec;

  constructor(context: PageContext, request: RequestSpec, result: WithResponse<unknown>) {
    this.#context = context;
    this.#request = request;
    this.body = result.data as Body;
    this.response = result.response;
    const items = at(result.data, context.pagination.items);
    if (!Array.isArray(items)) throw new SDKError(`Expected a list at "${context.pagination.items ?? '(body)'}" of the response.`);
    this.items = items as Item[];
  }

  hasNextPage(): boolean {
    return this.#nextRequest() !== undefined;
  }

  async nextPage(): Promise<Page<Item, Body>> {
    const next = this.#nextRequest();
    if (!next) throw new SDKError('There is no next page; check hasNextPage() first.');
    return new Page<Item, Body>(this.#context, next, await this.#context.load(next));
  }

  async *iterPages(): AsyncGenerator<Page<Item, Body>> {
    let page: Page<Item, Body> = this;
    yield page;
    while (page.hasNextPage()) {
      page = await page.nextPage();
      yield page;
    }
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Item> {
    for await (const page of this.iterPages()) yield* page.items;
  }

  #nextRequest(): RequestSpec | undefined {
    return this.#context.pagination.next(this, this.#request, this.#context.baseURL);
  }
}

/**
 * What a list method returns: await it (or call `.firstPage()`) for one page,
 * or iterate it with `for await` to walk every item of every page.
 */
export class PagePromise<Item, Body = unknown> implements AsyncIterable<Item>, PromiseLike<Page<Item, Body>> {
  readonly #first: Promise<Page<Item, Body>>;

  constructor(first: Promise<Page<Item, Body>>) {
    this.#first = first;
  }

  firstPage(): Promise<Page<Item, Body>> {
    return this.#first;
  }

  then<A = Page<Item, Body>, B = never>(onfulfilled?: ((page: Page<Item, Body>) => A | PromiseLike<A>) | null, onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<A | B> {
    return this.#first.then(onfulfilled, onrejected);
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Item> {
    yield* await this.#first;
  }
}

/**
 * Calls a list operation and pages through it. A function rather than a
 * client method, so bundles without list calls leave pagination out.
 */
export function paginate<Item, Body = unknown>(client: APIClient, spec: RequestSpec, pagination: Paging, options: RequestOptions = {}): PagePromise<Item, Body> {
  const load = (request: RequestSpec) => client.request<unknown>(request, options).withResponse();
  const context: PageContext = { pagination, baseURL: client.baseURL, load };
  return new PagePromise(load(spec).then((result) => new Page<Item, Body>(context, spec, result)));
}

/** Follows a dot path into a parsed body; no path means the body itself. */
export function at(body: unknown, path: string | undefined): unknown {
  if (!path) return body;
  let value = body;
  for (const key of path.split('.')) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}
