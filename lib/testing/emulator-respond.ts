import type { IncomingMessage, ServerResponse } from 'node:http';
import { EmulatorApiError } from './emulator-errors.js';
import { sendJson } from './emulator-http.js';
import type { DrawnFault } from './emulator-random-faults.js';
import type { EmulatorStatsRecorder } from './emulator-stats.js';
import type { EmulatorFault, EmulatorLogEntry } from './emulator.types.js';

/** What the endpoints share: the counters and the timers to cancel on stop. */
export class EmulatorResponder {
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(readonly stats: EmulatorStatsRecorder) {}

  /** Waits `ms`; a wait cancelled by `cancelTimers` (on stop) never resolves. */
  delay(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      this.timers.add(timer);
    });
  }

  cancelTimers(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  /** Answers JSON and records it. */
  answer(
    res: ServerResponse,
    entry: Omit<EmulatorLogEntry, 'status' | 'at'>,
    status: number,
    payload: unknown,
    headers?: Record<string, string>,
  ): void {
    sendJson(res, status, payload, headers);
    this.stats.answered({ ...entry, status, at: Date.now() });
  }

  /** Answers an error and records it. */
  fail(res: ServerResponse, entry: Omit<EmulatorLogEntry, 'status' | 'at'>, error: unknown): void {
    const known =
      error instanceof EmulatorApiError
        ? error
        : new EmulatorApiError(500, 'internal_error', 'The emulator failed to answer');
    this.answer(res, entry, known.status, known.toBody(), known.headers);
  }

  /**
   * The part of a random fault that follows an applied call: drop the connection, answer 503, or
   * hold the answer. True when it answered (or dropped) the call itself.
   */
  async afterApply(
    req: IncomingMessage,
    res: ServerResponse,
    entry: Omit<EmulatorLogEntry, 'status' | 'at'>,
    drawn: DrawnFault,
  ): Promise<boolean> {
    if (drawn.mode === 'drop-after-apply') {
      this.fault(req, res, entry, 'drop');
      return true;
    }
    if (drawn.mode === 'error-after-apply') {
      this.fault(req, res, entry, {
        status: 503,
        body: {
          error: 'service_unavailable',
          error_description: 'The service is unavailable (fault injected by the emulator)',
        },
      });
      return true;
    }
    await this.delay(drawn.stallMs);
    return false;
  }

  /** Answers an injected fault (or drops the connection) and records it. */
  fault(
    req: IncomingMessage,
    res: ServerResponse,
    entry: Omit<EmulatorLogEntry, 'status' | 'at'>,
    fault: EmulatorFault,
  ): void {
    if (fault === 'drop') {
      req.socket.destroy();
      this.stats.answered({ ...entry, status: 0, at: Date.now() });
      return;
    }
    const body =
      fault.body === undefined
        ? {
            error: 'emulated_fault',
            error_description: `Fault injected by the emulator (HTTP ${fault.status})`,
          }
        : fault.body;
    this.answer(res, entry, fault.status, body, fault.headers);
  }
}
