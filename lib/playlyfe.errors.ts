/** Codes the library itself gives to errors that did not come from Playlyfe's `error` field. */
export type PlaylyfeLibraryErrorCode =
  | 'invalid_options'
  | 'invalid_argument'
  | 'duplicate_client'
  | 'network_error'
  | 'timeout'
  | 'aborted'
  | 'closed'
  | 'invalid_response'
  | 'response_too_large'
  | 'invalid_token_response'
  | 'http_error'
  | 'queue_full'
  | 'queue_closed'
  | 'play_not_found'
  | 'unknown_error';

/** What an error says about the call it came from. */
export interface PlaylyfeErrorDetails {
  /** HTTP status of the answer, when there was one. */
  status?: number;
  /** Playlyfe's `error` code, or one of the library's own codes. */
  code: string;
  /** Playlyfe's `data` details. */
  data?: unknown;
  /** HTTP method of the call. */
  method?: string;
  /** Route of the call, without query string. */
  route?: string;
  /** Seconds to wait before trying again, from a 429's `Retry-After`. */
  retryAfterSeconds?: number;
  /** True when the request surely never reached Playlyfe (connection refused, unknown host). */
  notSent?: boolean;
}

/** Base class of everything the library throws. Holds no token, secret or raw HTTP config. */
export class PlaylyfeError extends Error {
  readonly status: number | undefined;
  readonly code: string;
  readonly data: unknown;
  readonly method: string | undefined;
  readonly route: string | undefined;
  readonly retryAfterSeconds: number | undefined;
  /** True when the request surely never reached Playlyfe (connection refused, unknown host). */
  readonly notSent: boolean;

  constructor(message: string, details: PlaylyfeErrorDetails) {
    super(message);
    this.name = new.target.name;
    this.status = details.status;
    this.code = details.code;
    this.data = details.data;
    this.method = details.method;
    this.route = details.route;
    this.retryAfterSeconds = details.retryAfterSeconds;
    this.notSent = details.notSent ?? false;
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      message: this.message,
      status: this.status,
      code: this.code,
      data: this.data,
      method: this.method,
      route: this.route,
      retryAfterSeconds: this.retryAfterSeconds,
      notSent: this.notSent,
    };
  }
}

/** The Playlyfe API answered a call with an error. */
export class PlaylyfeApiError extends PlaylyfeError {}

/** No access token could be obtained from the token endpoint. */
export class PlaylyfeAuthError extends PlaylyfeError {}
