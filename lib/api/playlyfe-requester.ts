import { PlaylyfeError } from '../playlyfe.errors.js';
import type { PlaylyfeRequestOptions } from '../interfaces/playlyfe-request-options.interface.js';

/** The generic calls the typed API is built on (implemented by PlaylyfeService). */
export interface PlaylyfeRequester {
  get<T>(route: string, options?: PlaylyfeRequestOptions): Promise<T>;
  post<T>(route: string, body?: unknown, options?: PlaylyfeRequestOptions): Promise<T>;
  patch<T>(route: string, body?: unknown, options?: PlaylyfeRequestOptions): Promise<T>;
  delete<T>(route: string, options?: PlaylyfeRequestOptions): Promise<T>;
}

/** Per-call options the typed API passes through (cancellation). */
export type PlaylyfeCallOptions = Pick<PlaylyfeRequestOptions, 'signal'>;

/** One path segment, encoded; refuses what cannot name a resource. */
export function segment(value: unknown, what: string): string {
  if (typeof value !== 'string' || value === '') {
    throw new PlaylyfeError(`${what} must be a non-empty string`, { code: 'invalid_argument' });
  }
  return encodeURIComponent(value);
}
