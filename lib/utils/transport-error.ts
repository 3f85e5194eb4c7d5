import axios from 'axios';

/** What went wrong below HTTP, as one of the library's codes and a short reason without any URL. */
export interface TransportFailure {
  code: 'network_error' | 'timeout' | 'response_too_large';
  reason: string;
}

export function describeTransportFailure(
  error: unknown,
  maxResponseBytes: number,
): TransportFailure {
  const code = axios.isAxiosError(error) ? error.code : undefined;
  if (
    code === 'ERR_BAD_RESPONSE' &&
    String((error as Error).message).includes('maxContentLength')
  ) {
    return { code: 'response_too_large', reason: `response larger than ${maxResponseBytes} bytes` };
  }
  if (code === 'ECONNABORTED' || code === 'ETIMEDOUT')
    return { code: 'timeout', reason: 'timed out' };
  return { code: 'network_error', reason: `network error${code ? ` (${code})` : ''}` };
}
