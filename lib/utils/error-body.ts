import { STATUS_CODES } from 'node:http';

/** Playlyfe's error fields, or a clear stand-in when the body is not Playlyfe's JSON (an HTML 502 page). */
export interface ParsedErrorBody {
  code: string;
  message: string;
  data: unknown;
}

export function parseErrorBody(status: number, text: unknown): ParsedErrorBody {
  if (typeof text === 'string' && text !== '') {
    try {
      const body = JSON.parse(text) as {
        error?: unknown;
        error_description?: unknown;
        data?: unknown;
      };
      if (body && typeof body.error === 'string') {
        return {
          code: body.error,
          message: typeof body.error_description === 'string' ? body.error_description : body.error,
          data: body.data,
        };
      }
    } catch {
      // not JSON: described below
    }
  }
  const reason = STATUS_CODES[status] ?? 'Unknown status';
  return {
    code: 'http_error',
    message: `${status} ${reason} without a Playlyfe error body`,
    data: undefined,
  };
}
