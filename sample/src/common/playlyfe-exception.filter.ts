import {
  Catch,
  HttpStatus,
  Logger,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { PlaylyfeAuthError, PlaylyfeError } from 'nestjs-playlyfe';

/** The JSON body of an error answer. */
export interface ErrorBody {
  statusCode: number;
  /** Playlyfe's error code (`player_not_found`, `rate_limit_exceeded`...) or the library's (`timeout`...). */
  error: string;
  message: string;
  /** Playlyfe's `data` details, when it sent some (e.g. which play variable is wrong). */
  details?: unknown;
}

/**
 * The HTTP status the sample answers for a Playlyfe error:
 * - `timeout` → 504; `invalid_argument` (refused by the library before sending) → 400;
 * - Playlyfe rejected the *server's* credentials (a PlaylyfeAuthError, or a 401) → 502: the
 *   caller of the sample cannot fix that, so it is not passed on as the caller's 401;
 * - any other 4xx/5xx → the same status;
 * - no status (network error, bad response...) → 502.
 */
export function statusOf(error: PlaylyfeError): number {
  if (error.code === 'timeout') return HttpStatus.GATEWAY_TIMEOUT;
  if (error.code === 'invalid_argument') return HttpStatus.BAD_REQUEST;
  if (error instanceof PlaylyfeAuthError || error.status === HttpStatus.UNAUTHORIZED)
    return HttpStatus.BAD_GATEWAY;
  const status = error.status;
  if (status !== undefined && status >= 400 && status <= 599) return status;
  return HttpStatus.BAD_GATEWAY;
}

/** Turns a PlaylyfeError into `{statusCode, error, message}` (messages are already free of tokens and secrets). */
@Catch(PlaylyfeError)
export class PlaylyfeExceptionFilter implements ExceptionFilter<PlaylyfeError> {
  private readonly logger = new Logger('PlaylyfeExceptionFilter');

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  catch(error: PlaylyfeError, host: ArgumentsHost): void {
    const { httpAdapter } = this.adapterHost;
    const response: unknown = host.switchToHttp().getResponse();
    const statusCode = statusOf(error);
    const body: ErrorBody = { statusCode, error: error.code, message: error.message };
    if (error.data !== undefined && statusCode < 500) body.details = error.data;
    if (statusCode >= 500) {
      this.logger.warn(
        `${error.method ?? ''} ${error.route ?? ''} failed: ${error.code} (${error.message})`.trim(),
      );
    }
    if (error.retryAfterSeconds !== undefined) {
      httpAdapter.setHeader(response, 'Retry-After', String(Math.ceil(error.retryAfterSeconds)));
    }
    httpAdapter.reply(response, body, statusCode);
  }
}
