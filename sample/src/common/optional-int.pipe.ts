import { BadRequestException, Injectable, type PipeTransform } from '@nestjs/common';

/** An optional integer query parameter within `[min, max]`; absent stays undefined. */
@Injectable()
export class OptionalIntPipe implements PipeTransform<unknown, number | undefined> {
  constructor(
    private readonly name: string,
    private readonly min: number,
    private readonly max: number,
  ) {}

  transform(value: unknown): number | undefined {
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || !/^\d{1,9}$/.test(value)) {
      throw new BadRequestException(
        `${this.name} must be an integer between ${this.min} and ${this.max}`,
      );
    }
    const number = Number(value);
    if (number < this.min || number > this.max) {
      throw new BadRequestException(
        `${this.name} must be an integer between ${this.min} and ${this.max}`,
      );
    }
    return number;
  }
}

/** `?limit=` of a paged list: 1 to 100. */
export const LimitPipe = new OptionalIntPipe('limit', 1, 100);
/** `?skip=` of a paged list: 0 or more. */
export const SkipPipe = new OptionalIntPipe('skip', 0, 1_000_000);
