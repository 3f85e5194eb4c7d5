import type { IncomingMessage, ServerResponse } from 'node:http';
import { EmulatorApiError, validationException } from './emulator-errors.js';

/** Largest request body the emulator reads. */
const MAX_BODY_BYTES = 1024 * 1024;

const JSON_TYPE = 'application/json';

/** Reads the whole request body as UTF-8 text. */
export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(validationException('The request body is too large'));
        req.removeAllListeners('data');
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
    req.on('close', () => reject(new Error('The request was aborted'))); // no-op once resolved
  });
}

/** Whether a content type names the form encoding. */
export function isFormEncoded(contentType: string | undefined): boolean {
  return contentType !== undefined && contentType.includes('application/x-www-form-urlencoded');
}

/** Parses a JSON request body; an empty body is `{}`, a malformed one a validation_exception. */
export function parseJsonBody(text: string): unknown {
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw validationException('The request body is not valid JSON');
  }
}

/** Sends a JSON answer. */
export function sendJson(
  res: ServerResponse,
  status: number,
  payload: unknown,
  headers?: Record<string, string>,
): void {
  if (res.destroyed || res.headersSent) return;
  const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
  const length = Buffer.byteLength(body);
  res.writeHead(
    status,
    headers === undefined
      ? { 'content-type': JSON_TYPE, 'content-length': length }
      : { 'content-type': JSON_TYPE, ...lower(headers), 'content-length': length },
  );
  res.end(body);
}

/** Sends an error answer `{error, error_description, data?}`. */
export function sendError(res: ServerResponse, error: EmulatorApiError): void {
  sendJson(res, error.status, error.toBody());
}

function lower(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers)) out[key.toLowerCase()] = value;
  return out;
}

/** Whether a value is a plain JSON object. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
