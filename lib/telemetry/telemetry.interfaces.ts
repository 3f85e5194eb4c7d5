/**
 * The internal interface the call path drives, and its no-ops. Kept free of `@opentelemetry/api`
 * types: the declarations of PlaylyfeService reach this file, and an app without the optional peer
 * must still type-check them.
 */

/** The telemetry of one API call (internal interface: the call path drives it at three points). */
export interface CallTelemetry {
  /** Runs the call's sends inside its span's context, with nested HTTP spans suppressed. */
  run<T>(work: () => Promise<T>): Promise<T>;
  /** Ends the call: records its span and duration; `error` when it failed. */
  end(call: CallOutcome, error?: unknown): void;
}

/** What the call path knows of a call when it ends. */
export interface CallOutcome {
  /** Sends, its retries included (not the re-send after a rejected token: the interceptor reports that). */
  readonly attempts: number;
  /** Status of the last answer, if one came. */
  readonly status?: number;
}

export const NO_CALL_TELEMETRY: CallTelemetry = {
  run: (work) => work(),
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
