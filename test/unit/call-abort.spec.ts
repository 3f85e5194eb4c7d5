import { describe, expect, it } from '@jest/globals';
import { getEventListeners } from 'node:events';
import { CallAbort } from '../../lib/utils/call-abort.js';

const nextTurn = (ms = 0): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('CallAbort', () => {
  it.each([false, true])(
    'the timeout aborts its real AbortSignal (caller signal given: %s)',
    async (withCaller) => {
      const caller = withCaller ? new AbortController() : undefined;
      const abort = new CallAbort(5, caller?.signal);
      expect(abort.signal).toBeInstanceOf(AbortSignal);
      await nextTurn(30);
      expect(abort.stoppedBy).toBe('timeout');
      expect(abort.signal.aborted).toBe(true);
      if (caller) expect(getEventListeners(caller.signal, 'abort')).toHaveLength(0);
    },
  );

  it("the caller's signal aborts it, not as a timeout", () => {
    const caller = new AbortController();
    const abort = new CallAbort(60_000, caller.signal);
    caller.abort();
    expect(abort.stoppedBy).toBe('caller');
    expect(abort.signal.aborted).toBe(true);
    abort.dispose();
  });

  it('an already aborted caller signal aborts it at once, with no listener added', () => {
    const caller = AbortSignal.abort();
    const abort = new CallAbort(60_000, caller);
    expect(abort.stoppedBy).toBe('caller');
    expect(getEventListeners(caller, 'abort')).toHaveLength(0);
  });

  it('stop("closing") aborts it; the first reason wins', () => {
    const abort = new CallAbort(60_000, undefined);
    abort.stop('closing');
    abort.stop('timeout');
    expect(abort.stoppedBy).toBe('closing');
    expect(abort.signal.aborted).toBe(true);
  });

  it('dispose() clears the timer: it never fires', async () => {
    const abort = new CallAbort(5, undefined);
    abort.dispose();
    await nextTurn(30);
    expect(abort.aborted).toBe(false);
  });

  it('one caller signal shared by 500 calls holds one listener while any is unsettled, none once they settle', () => {
    const caller = new AbortController();
    const calls = Array.from({ length: 500 }, () => new CallAbort(60_000, caller.signal));
    expect(getEventListeners(caller.signal, 'abort')).toHaveLength(1);
    for (const call of calls.slice(0, 499)) call.dispose();
    expect(getEventListeners(caller.signal, 'abort')).toHaveLength(1);
    calls[499].dispose();
    expect(getEventListeners(caller.signal, 'abort')).toHaveLength(0);
    caller.abort();
    expect(calls.some((call) => call.aborted)).toBe(false);
  });

  it('aborting a shared caller signal stops every unsettled call on it, and only those', () => {
    const caller = new AbortController();
    const calls = Array.from({ length: 64 }, () => new CallAbort(60_000, caller.signal));
    calls[0].dispose();
    const other = new CallAbort(60_000, new AbortController().signal);
    caller.abort();
    expect(calls.slice(1).every((call) => call.stoppedBy === 'caller')).toBe(true);
    expect(calls[0].aborted).toBe(false);
    expect(other.aborted).toBe(false);
    other.dispose();
    // the signal is watched anew after an abort: a later call on it is stopped at once
    expect(new CallAbort(60_000, caller.signal).stoppedBy).toBe('caller');
  });
});
