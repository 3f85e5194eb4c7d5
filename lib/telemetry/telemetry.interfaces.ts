/**
 * The internal interface the call path drives, and its no-ops. Kept free of `@opentelemetry/api`
 * types: the declarations of PlaylyfeService reach this file, and an app without the optional peer
 * must still type-check them.
 */

/** The telemetry of one API call (internal interface: the call path drives it at three points). */
export interface CallTelemetry {
  /** Runs the call's sends inside its span's context, with nested HTTP spans suppressed. */
  run<T>(work: () => Promise<T>): Promise<T>;
  /** Wraps one send (the first, or a retry) and notes the status it was answered with. */
  send<T extends { status: number }>(sending: () => Promise<T>): Promise<T>;
  /** Ends the call: records its span and duration; `error` when it failed. */
  end(error?: unknown): void;
}

export const NO_CALL_TELEMETRY: CallTelemetry = {
  run: (work) => work(),
  send: (sending) => sending(),
  end: () => undefined,
};

/** The telemetry of one token refresh, shared by every caller that waits on it. */
export interface TokenRefreshTelemetry {
  /** Runs the refresh inside its `playlyfe.token` span (nested HTTP spans suppressed) and ends it. */
  run<T>(work: () => Promise<T>): Promise<T>;
  /** A caller joined the refresh in flight: its span gets a link to the token span. */
  joined(): void;
  /** A token request was sent (the refresh did not adopt another instance's token). */
  requested(): void;
}

export const NO_TOKEN_TELEMETRY: TokenRefreshTelemetry = {
  run: (work) => work(),
  joined: () => undefined,
  requested: () => undefined,
};
