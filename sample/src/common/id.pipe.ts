import { BadRequestException, Injectable, type PipeTransform } from '@nestjs/common';

/** Longest id the sample accepts for players, actions and leaderboards. */
export const MAX_ID_LENGTH = 64;

const FORBIDDEN = /[\s\p{Cc}]/u;

/** Why `value` is not a usable id, or undefined when it is one. */
export function idProblem(value: unknown, what: string): string | undefined {
  if (typeof value !== 'string') return `${what} must be a string`;
  if (value.trim() === '') return `${what} must not be empty`;
  if (value.length > MAX_ID_LENGTH) return `${what} must be at most ${MAX_ID_LENGTH} characters`;
  if (FORBIDDEN.test(value)) return `${what} must not contain whitespace or control characters`;
  return undefined;
}

/** Checks a path parameter that names a Playlyfe id: non-empty, at most 64 characters, no whitespace. */
@Injectable()
export class IdPipe implements PipeTransform<unknown, string> {
  constructor(private readonly what: string) {}

  transform(value: unknown): string {
    const problem = idProblem(value, this.what);
    if (problem !== undefined) throw new BadRequestException(problem);
    return value as string;
  }
}
