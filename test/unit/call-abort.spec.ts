import { describe, expect, it, jest } from '@jest/globals';
import { CallAbort } from '../../lib/utils/call-abort.js';

const nextTurn = (ms = 0): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('CallAbort', () => {
  it.each([false, true])(
    'the timeout aborts the emitter and the real signal (caller signal given: %s)',
    async (withCaller) => {
      const abort = new CallAbort(5, withCaller ? new AbortController().signal : undefined);
      const heard = jest.fn();
      abort.once('abort', heard);
      const { signal } = abort;
      await nextTurn(30);
      expect(abort).toMatchObject({ aborted: true, timedOut: true });
      expect(heard).toHaveBeenCalledTimes(1);
      expect(signal.aborted).toBe(true);
      expect(abort.transportSignal.aborted).toBe(true);
    },
  );

  it("the caller's signal aborts it, not as a timeout; a signal asked for afterwards is aborted too", () => {
    const caller = new AbortController();
    const abort = new CallAbort(60_000, caller.signal);
    caller.abort();
    expect(abort).toMatchObject({ aborted: true, timedOut: false });
    expect(abort.signal.aborted).toBe(true);
    abort.dispose();
  });

  it('an already aborted caller signal aborts it at once', () => {
    const abort = new CallAbort(60_000, AbortSignal.abort());
    expect(abort).toMatchObject({ aborted: true, timedOut: false });
    abort.dispose();
  });

  it('without a caller signal, no real signal exists until asked for; then it follows the timeout', async () => {
    const abort = new CallAbort(5, undefined);
    expect(abort.transportSignal).toBe(abort);
    await nextTurn(30);
    expect(abort.signal.aborted).toBe(true);
  });

  it('dispose() clears the timer: it never fires', async () => {
    const abort = new CallAbort(5, undefined);
    abort.dispose();
    await nextTurn(30);
    expect(abort.aborted).toBe(false);
  });

  it('one caller signal shared by 500 calls adds no listener to it', () => {
    const caller = new AbortController();
    const add = jest.spyOn(caller.signal, 'addEventListener');
    const calls = Array.from({ length: 500 }, () => new CallAbort(60_000, caller.signal));
    expect(add).not.toHaveBeenCalled();
    caller.abort();
    expect(calls.every((call) => call.aborted && !call.timedOut)).toBe(true);
  });
});
