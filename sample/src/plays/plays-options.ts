import type { PlaylyfePlaysOptions } from 'nestjs-playlyfe/plays';

/**
 * The sample's queue of plays. A play that failed without reaching Playlyfe (Playlyfe down) is sent
 * again after 250 ms, doubling up to `maxRetryDelayMs`: 1 s here (the default is 30 s), so a play
 * goes out within about a second of Playlyfe coming back. On shutdown the queue delivers what it
 * holds for up to 5 s; what is left ends `not_delivered` (the queue lives in memory).
 */
export const SAMPLE_PLAYS_OPTIONS: PlaylyfePlaysOptions = {
  retryDelayMs: 250,
  maxRetryDelayMs: 1000,
  drainTimeoutMs: 5000,
};
