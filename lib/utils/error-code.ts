import { redactString } from './redact.js';

/** The code of an answer whose `error` field is not a code this module will repeat. */
export const UNKNOWN_ERROR = 'unknown_error';

/** Longest raw `error` text kept (redacted) in `data` when it is not a code. */
export const MAX_RAW_ERROR_CHARS = 128;

/** Codes Playlyfe sends (docs, recorded answers, the emulator's faults), OAuth's, and the library's own. */
export const KNOWN_ERROR_CODES: ReadonlySet<string> = new Set([
  // Playlyfe
  'invalid_access_token',
  'client_auth_fail',
  'invalid_request',
  'unsupported_grant_type',
  'access_denied',
  'route_not_found',
  'validation_exception',
  'invalid_player',
  'rule_not_found',
  'player_not_found',
  'player_exists',
  'rate_limit_exceeded',
  'plan_limit_exceeded',
  'internal_error',
  'service_unavailable',
  // OAuth 2.0 (RFC 6749), which a gateway in front of the token endpoint may answer
  'invalid_client',
  'invalid_grant',
  'unauthorized_client',
  'invalid_scope',
  'server_error',
  'temporarily_unavailable',
  // the library (PlaylyfeLibraryErrorCode)
  'invalid_options',
  'invalid_argument',
  'duplicate_client',
  'network_error',
  'timeout',
  'aborted',
  'closed',
  'invalid_response',
  'response_too_large',
  'invalid_token_response',
  'http_error',
  'queue_full',
  'queue_closed',
  'play_not_found',
  UNKNOWN_ERROR,
]);

const IDENTIFIER = /^[a-z][a-z0-9_]{0,63}$/;

/** A server's `error` field as a code: known, or a well-formed identifier that no redaction touched. */
export interface CheckedErrorCode {
  code: string;
  /** The raw text, redacted and cut to MAX_RAW_ERROR_CHARS, when it was refused as a code. */
  refused?: string;
}

/**
 * Codes are a closed vocabulary: whatever a server puts in `error` (a misconfigured proxy echoing
 * the secret, a hostile endpoint) becomes a known code, a short identifier without any secret, or
 * `unknown_error`.
 */
export function checkErrorCode(raw: string, secrets: readonly string[]): CheckedErrorCode {
  if (KNOWN_ERROR_CODES.has(raw)) return { code: raw };
  const redacted = redactString(raw, secrets);
  if (redacted === raw && IDENTIFIER.test(raw)) return { code: raw };
  return { code: UNKNOWN_ERROR, refused: capText(redacted, MAX_RAW_ERROR_CHARS) };
}

/** `text` cut to `max` characters (an ellipsis marks the cut). */
export function capText(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
