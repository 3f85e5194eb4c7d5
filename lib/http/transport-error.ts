import axios from 'axios';
import { ERR_RESPONSE_TOO_LARGE } from '../transport/undici-axios.adapter.js';

/** What went wrong below HTTP, as one of the library's codes and a short reason without any URL. */
export interface TransportFailure {
  code: 'network_error' | 'timeout' | 'response_too_large';
  reason: string;
  /** True when the request surely never reached the server (refused connection, unknown host). */
  notSent: boolean;
}

/** Codes that fail before a connection exists, so nothing of the request was sent. */
const NOT_SENT_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

/** The one mapping of transport errors (token requests and API calls alike), by error code only. */
export function describeTransportFailure(
  error: unknown,
  maxResponseBytes: number,
): TransportFailure {
  const code = axios.isAxiosError(error) ? error.code : undefined;
  switch (code) {
    case ERR_RESPONSE_TOO_LARGE:
      return {
        code: 'response_too_large',
        reason: `response larger than ${maxResponseBytes} bytes`,
        notSent: false,
      };
    case 'ECONNABORTED':
    case 'ETIMEDOUT':
      return { code: 'timeout', reason: 'timed out', notSent: false };
    default:
      return {
        code: 'network_error',
        reason: `network error${code ? ` (${code})` : ''}`,
        notSent: code !== undefined && NOT_SENT_CODES.has(code),
      };
  }
}
