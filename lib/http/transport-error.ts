import axios from 'axios';
import { ERR_RESPONSE_TOO_LARGE } from '../transport/undici-axios.adapter.js';

/** What went wrong below HTTP, as one of the library's codes and a short reason naming host and port. */
export interface TransportFailure {
  code: 'network_error' | 'timeout' | 'response_too_large';
  reason: string;
  /** True when the request surely never reached the server (refused connection, unknown host). */
  notSent: boolean;
}

/**
 * Codes that mean no connection was made (the host or port is wrong, or nothing listens there), so
 * nothing of the request was sent.
 */
const CONNECT_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
]);

/** `host:port` of `url`, the port spelled out even when it is the protocol's default. */
export function hostAndPort(url: string): string {
  const { protocol, host, hostname, port } = new URL(url);
  return port === '' ? `${hostname}:${protocol === 'https:' ? 443 : 80}` : host;
}

/**
 * The one mapping of transport errors (token requests and API calls alike), by error code only.
 * `url` is where the request went; the reason names its host and port, never its path or query.
 */
export function describeTransportFailure(
  error: unknown,
  maxResponseBytes: number,
  url: string,
): TransportFailure {
  const code = axios.isAxiosError(error) ? error.code : undefined;
  const target = hostAndPort(url);
  switch (code) {
    case ERR_RESPONSE_TOO_LARGE:
      return {
        code: 'response_too_large',
        reason: `response larger than ${maxResponseBytes} bytes`,
        notSent: false,
      };
    case 'ECONNABORTED':
    case 'ETIMEDOUT':
      return { code: 'timeout', reason: `timed out talking to ${target}`, notSent: false };
    default:
      if (code !== undefined && CONNECT_CODES.has(code)) {
        return {
          code: 'network_error',
          reason: `connecting to ${target} failed (${code})`,
          notSent: true,
        };
      }
      return {
        code: 'network_error',
        reason: `network error talking to ${target}${code ? ` (${code})` : ''}`,
        notSent: false,
      };
  }
}
