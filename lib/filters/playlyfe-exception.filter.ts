import { Catch, Logger, Optional, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { PlaylyfeError } from '../playlyfe.errors.js';
import { playlyfeErrorAnswer } from './playlyfe-error-status.js';

/** The JSON body PlaylyfeExceptionFilter answers. */
export interface PlaylyfeErrorBody {
  statusCode: number;
  /** The error's code: Playlyfe's (`player_not_found`...) or the library's (`timeout`...). */
  error: string;
  /** A fixed message for the code; never Playlyfe's own text. */
  message: string;
}

/** Answers a PlaylyfeError with a status per code and `{statusCode, error, message}`; opt in with APP_FILTER or useGlobalFilters. */
@Catch(PlaylyfeError)
export class PlaylyfeExceptionFilter implements ExceptionFilter<PlaylyfeError> {
  private readonly logger = new Logger('Playlyfe');

  constructor(@Optional() private readonly adapterHost?: HttpAdapterHost) {}

  catch(error: PlaylyfeError, host: ArgumentsHost): void {
    const { status, message } = playlyfeErrorAnswer(error);
    const body: PlaylyfeErrorBody = { statusCode: status, error: error.code, message };
    if (status >= 500) {
      const call = `${error.method ?? ''} ${error.route ?? ''}`.trim();
      this.logger.warn(`${call || 'Playlyfe call'} failed: ${error.code} (answered ${status})`);
    }
    const retryAfter =
      (status === 429 || status === 503) && error.retryAfterSeconds !== undefined
        ? String(Math.ceil(error.retryAfterSeconds))
        : undefined;
    const response: unknown = host.switchToHttp().getResponse();
    const adapter = this.adapterHost?.httpAdapter;
    if (adapter) {
      if (retryAfter !== undefined) adapter.setHeader(response, 'Retry-After', retryAfter);
      adapter.reply(response, body, status);
      return;
    }
    replyWithoutAdapter(response, body, retryAfter);
  }
}

interface ExpressLikeResponse {
  status(code: number): unknown;
  setHeader(name: string, value: string): unknown;
  json(body: unknown): unknown;
}
interface FastifyLikeReply {
  code(code: number): unknown;
  header(name: string, value: string): unknown;
  send(body: unknown): unknown;
}

/** For `useGlobalFilters(new PlaylyfeExceptionFilter())`, where no HttpAdapterHost is injected. */
function replyWithoutAdapter(
  response: unknown,
  body: PlaylyfeErrorBody,
  retryAfter?: string,
): void {
  const express = response as Partial<ExpressLikeResponse>;
  if (typeof express.json === 'function' && typeof express.status === 'function') {
    if (retryAfter !== undefined) express.setHeader?.('Retry-After', retryAfter);
    (express as ExpressLikeResponse).status(body.statusCode);
    (express as ExpressLikeResponse).json(body);
    return;
  }
  const fastify = response as FastifyLikeReply;
  if (retryAfter !== undefined) fastify.header('Retry-After', retryAfter);
  fastify.code(body.statusCode);
  fastify.send(body);
}
