import type { AxiosRequestConfig } from 'axios';
import type { CallAbort } from '../utils/call-abort.js';

/** Config key under which a call carries its state through the interceptor (a string: axios merges it by reference). */
export const CALL_STATE_KEY = 'playlyfeCall';

/** Per-call state the interceptor reads and writes; the token is kept off every enumerable property. */
export class PlaylyfeCallState {
  #token: string | undefined;
  readonly #earlierToken: string | undefined;

  constructor(
    /** Full URL of the call without the access token. */
    readonly url: string,
    /** False for bodies that cannot be sent twice (streams). */
    readonly replayable: boolean,
    /** When the call stops (timeout or the caller's signal); its `signal` bounds the wait for a token. */
    readonly abort: CallAbort,
    /** Whether this send is already the one retry after a token rejection. */
    readonly reAuthRetried = false,
    /** The token of the send this one retries, which a hostile answer may echo too. */
    earlierToken?: string,
  ) {
    this.#earlierToken = earlierToken;
  }

  get token(): string | undefined {
    return this.#token;
  }

  /** Every token this call has sent: what an error built from its answer must redact. */
  get tokensUsed(): string[] {
    return [this.#earlierToken, this.#token].filter((token) => token !== undefined);
  }

  useToken(token: string): void {
    this.#token = token;
  }

  forRetry(): PlaylyfeCallState {
    return new PlaylyfeCallState(this.url, this.replayable, this.abort, true, this.#token);
  }

  toJSON(): Record<string, unknown> {
    return { reAuthRetried: this.reAuthRetried };
  }
}

export type PlaylyfeAxiosConfig = AxiosRequestConfig & { [CALL_STATE_KEY]?: PlaylyfeCallState };

export function callStateOf(config: AxiosRequestConfig): PlaylyfeCallState | undefined {
  return (config as PlaylyfeAxiosConfig)[CALL_STATE_KEY];
}
