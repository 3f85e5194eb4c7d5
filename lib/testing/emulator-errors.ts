import { ASSUMED_STATUS, ASSUMED_TEXT } from './emulator-assumptions.js';

/** An error the emulator answers as `{error, error_description, data?}` with its HTTP status. */
export class EmulatorApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly description: string,
    readonly data?: unknown,
    /** Extra answer headers (`Retry-After`). */
    readonly headers?: Record<string, string>,
  ) {
    super(description);
    this.name = 'EmulatorApiError';
  }

  /** The JSON body Playlyfe sends for this error. */
  toBody(): { error: string; error_description: string; data?: unknown } {
    return this.data === undefined
      ? { error: this.code, error_description: this.description }
      : { error: this.code, error_description: this.description, data: this.data };
  }
}

export const invalidAccessToken = (why: string): EmulatorApiError =>
  new EmulatorApiError(401, 'invalid_access_token', why);

export const clientAuthFail = (): EmulatorApiError =>
  new EmulatorApiError(401, 'client_auth_fail', 'Client authentication failed');

export const invalidRequest = (why: string): EmulatorApiError =>
  new EmulatorApiError(400, 'invalid_request', why);

export const unsupportedGrantType = (): EmulatorApiError =>
  new EmulatorApiError(
    400,
    'unsupported_grant_type',
    'Only the client_credentials grant type is supported',
  );

export const accessDenied = (
  why = 'You are not allowed to access this api route',
): EmulatorApiError => new EmulatorApiError(403, 'access_denied', why);

export const routeNotFound = (): EmulatorApiError =>
  new EmulatorApiError(404, 'route_not_found', 'This route does not exist');

export const validationException = (why: string, data?: unknown): EmulatorApiError =>
  new EmulatorApiError(400, 'validation_exception', why, data);

export const invalidPlayer = (): EmulatorApiError =>
  new EmulatorApiError(
    400,
    'invalid_player',
    "The 'player_id' parameter should be specified in the query",
  );

export const playerNotFound = (): EmulatorApiError =>
  new EmulatorApiError(
    404,
    'player_not_found',
    'Invalid player_id. No player exists with that id.',
  );

export const playerExists = (id: string): EmulatorApiError =>
  new EmulatorApiError(409, 'player_exists', `A player with ID '${id}' already exists`);

/** Recorded text (ruby client stub); the status is assumed. */
export const rateLimitExceeded = (
  actionId: string,
  times: number,
  every: string,
): EmulatorApiError =>
  new EmulatorApiError(
    ASSUMED_STATUS.rateLimit,
    'rate_limit_exceeded',
    `The Action '${actionId}' can only be triggered ${times} times every ${every}`,
  );

/** With a quota window: `Retry-After` (whole seconds to the reset) and `data.reset_in_ms` (assumed). */
export const planLimitExceeded = (resetInMs?: number): EmulatorApiError =>
  resetInMs === undefined
    ? new EmulatorApiError(ASSUMED_STATUS.planLimit, 'plan_limit_exceeded', ASSUMED_TEXT.planLimit)
    : new EmulatorApiError(
        ASSUMED_STATUS.planLimit,
        'plan_limit_exceeded',
        ASSUMED_TEXT.planLimit,
        { reset_in_ms: Math.max(0, Math.ceil(resetInMs)) },
        { 'Retry-After': String(Math.max(1, Math.ceil(resetInMs / 1000))) },
      );

/** A missing item: `metric_not_found` and `rule_not_found` are recorded (moodle-playlyfe), the rest assumed. */
export const notFound = (
  what: 'action' | 'leaderboard' | 'metric' | 'rule' | 'team' | 'process',
  id: string,
): EmulatorApiError =>
  new EmulatorApiError(
    ASSUMED_STATUS.notFound,
    `${what}_not_found`,
    `No ${what} exists with the id '${id}'`,
  );

/** Assumed: a design write that reuses an id. */
export const alreadyExists = (what: string, id: string): EmulatorApiError =>
  new EmulatorApiError(
    ASSUMED_STATUS.exists,
    `${what}_exists`,
    `A ${what} with the id '${id}' already exists`,
  );
