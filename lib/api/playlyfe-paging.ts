import type { PlaylyfePage, PlaylyfePaging } from '../interfaces/playlyfe-api.interfaces.js';
import type { PlaylyfePageSize } from '../interfaces/playlyfe-game.interfaces.js';
import { PlaylyfeError } from '../playlyfe.errors.js';
import type { PlaylyfeCallOptions } from './playlyfe-requester.js';

/**
 * Items per request when iterating a paged route. Playlyfe's default is 10; no source states its
 * maximum, so this is an *assumed* safe size.
 */
export const DEFAULT_PAGE_SIZE = 50;

function pageSizeOf(options: PlaylyfePageSize | undefined): number {
  const size = options?.pageSize ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 1) {
    throw new PlaylyfeError('pageSize must be a positive integer', { code: 'invalid_argument' });
  }
  return size;
}

/**
 * Every item of a paged route, one page per request, until a page comes back short or `total` is
 * reached. Items added or removed while iterating may be missed or seen twice, as with any offset
 * paging.
 */
export async function* everyItem<T>(
  fetchPage: (paging: Required<PlaylyfePaging>) => Promise<PlaylyfePage<T>>,
  options?: PlaylyfePageSize,
): AsyncGenerator<T, void, undefined> {
  const limit = pageSizeOf(options);
  for (let skip = 0; ;) {
    const page = await fetchPage({ limit, skip });
    yield* page.data;
    skip += page.data.length;
    if (page.data.length < limit || skip >= page.total) return;
  }
}

/** The per-call options among iteration options. */
export function callOptions(options: PlaylyfeCallOptions | undefined): PlaylyfeCallOptions {
  return options?.signal === undefined ? {} : { signal: options.signal };
}
