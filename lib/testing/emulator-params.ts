import { validationException } from './emulator-errors.js';

const DIGITS = /^\d+$/;

/** A non-negative integer query parameter, or its default when absent. */
export function intParam(query: URLSearchParams, name: string, fallback: number): number {
  const raw = query.get(name);
  if (raw === null || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || !DIGITS.test(raw)) {
    throw validationException(`The ${name} parameter must be a non-negative integer`, {
      [name]: raw,
    });
  }
  return value;
}

/** The `limit` (default 10) and `skip` (default 0) of a paged list. */
export function paging(query: URLSearchParams): { limit: number; skip: number } {
  return { limit: intParam(query, 'limit', 10), skip: intParam(query, 'skip', 0) };
}

/** Pages a list into `{data, total}`. */
export function page<T>(items: readonly T[], query: URLSearchParams): { data: T[]; total: number } {
  const { limit, skip } = paging(query);
  return { data: items.slice(skip, skip + limit), total: items.length };
}

/** A time parameter as epoch milliseconds: accepts epoch ms (digits only) or an ISO 8601 date. */
export function timeParam(query: URLSearchParams, name: string): number | undefined {
  const raw = query.get(name);
  if (raw === null || raw === '') return undefined;
  const value = DIGITS.test(raw) ? Number(raw) : Date.parse(raw);
  if (!Number.isFinite(value)) {
    throw validationException(
      `The ${name} parameter must be an ISO 8601 date or epoch milliseconds`,
      { [name]: raw },
    );
  }
  return value;
}
