/** The one clock of the token path: epoch milliseconds, injectable so tests set time instead of waiting. */
export interface PlaylyfeClock {
  now(): number;
}

export const systemClock: PlaylyfeClock = { now: () => Date.now() };
