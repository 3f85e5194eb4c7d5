import { STATUS_CODES } from 'node:http';
import { capText, checkErrorCode } from './error-code.js';
import { redactString, redactValue } from './redact.js';

/** Longest `error_description` kept in an error's message. */
export const MAX_MESSAGE_CHARS = 500;

/**
 * Playlyfe's error fields, untrusted input made safe: the code from a closed vocabulary
 * (`checkErrorCode`), the message and data with `secrets` (and any token-shaped text) redacted, the
 * message cut to MAX_MESSAGE_CHARS. A body that is not Playlyfe's JSON (an HTML 502 page) gets a
 * clear stand-in.
 */
export interface ParsedErrorBody {
  code: string;
  message: string;
  data: unknown;
}

export function parseErrorBody(
  status: number,
  text: unknown,
  secrets: readonly string[],
): ParsedErrorBody {
  const body = jsonObject(text);
  if (body && typeof body.error === 'string') {
    const { code, refused } = checkErrorCode(body.error, secrets);
    const description =
      typeof body.error_description === 'string'
        ? redactString(body.error_description, secrets)
        : code;
    const data = redactValue(body.data, secrets);
    return {
      code,
      message: capText(description, MAX_MESSAGE_CHARS),
      data: refused === undefined ? data : { error: refused, data },
    };
  }
  const reason = STATUS_CODES[status] ?? 'Unknown status';
  return {
    code: 'http_error',
    message: `${status} ${reason} without a Playlyfe error body`,
    data: undefined,
  };
}

function jsonObject(
  text: unknown,
): { error?: unknown; error_description?: unknown; data?: unknown } | undefined {
  if (typeof text !== 'string' || text === '') return undefined;
  try {
    const body: unknown = JSON.parse(text);
    return body !== null && typeof body === 'object' ? body : undefined;
  } catch {
    return undefined; // not JSON: described by the caller's stand-in
  }
}
