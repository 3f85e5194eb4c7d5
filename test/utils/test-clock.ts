import type { PlaylyfeClock } from '../../lib/utils/clock.js';

/** A clock the test moves: starts at the real time and stands still until `advance`. */
export class TestClock implements PlaylyfeClock {
  #now = Date.now();

  now(): number {
    return this.#now;
  }

  advance(ms: number): void {
    this.#now += ms;
  }
}
