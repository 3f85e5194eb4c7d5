import type { EmulatorPlayLimit } from './emulator-seed.types.js';

/** The emulator's clock: the real clock shifted by an offset that tests move, so no test waits. */
export class EmulatorClock {
  private offset = 0;

  constructor(start?: Date | number) {
    if (start !== undefined) this.set(start);
  }

  /** Milliseconds since the epoch, as the emulator sees it. */
  now(): number {
    return Date.now() + this.offset;
  }

  iso(): string {
    return new Date(this.now()).toISOString();
  }

  /** Moves the clock forward (or back, with a negative value) by `ms`. */
  advance(ms: number): void {
    if (!Number.isFinite(ms))
      throw new RangeError('PlaylyfeEmulator: advanceClock needs a finite number');
    this.offset += ms;
  }

  /** Sets the clock to a time; it keeps running from there. */
  set(time: Date | number): void {
    const at = typeof time === 'number' ? time : time.getTime();
    if (!Number.isFinite(at)) throw new RangeError('PlaylyfeEmulator: setClock needs a valid time');
    this.offset = at - Date.now();
  }
}

/** The start (ms) of the calendar window, in UTC, that holds `at`. */
export function windowStart(every: EmulatorPlayLimit['every'], at: number): number {
  const d = new Date(at);
  switch (every) {
    case 'hour':
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours());
    case 'day':
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
    case 'week': {
      const sinceMonday = (d.getUTCDay() + 6) % 7;
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - sinceMonday);
    }
    case 'month':
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  }
}
