import axios, {
  AxiosError,
  AxiosHeaders,
  CanceledError,
  type AxiosAdapter,
  type AxiosResponse,
  type InternalAxiosRequestConfig,
} from 'axios';
import { STATUS_CODES } from 'node:http';
import { Readable, pipeline, type Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { Dispatcher } from 'undici';

type RequestBody = string | Buffer | Uint8Array | Readable | undefined;

/** Code of the AxiosError for a response past `maxContentLength` (axios's own adapter says ERR_BAD_RESPONSE). */
export const ERR_RESPONSE_TOO_LARGE = 'ERR_RESPONSE_TOO_LARGE';

/** Undici codes that mean the connection dropped or stalled, as the codes axios's own adapter reports. */
const ERROR_CODES: Readonly<Record<string, string>> = {
  UND_ERR_SOCKET: 'ECONNRESET',
  UND_ERR_CLOSED: 'ECONNRESET',
  UND_ERR_DESTROYED: 'ECONNRESET',
  UND_ERR_CONNECT_TIMEOUT: 'ETIMEDOUT',
  UND_ERR_HEADERS_TIMEOUT: 'ETIMEDOUT',
  UND_ERR_BODY_TIMEOUT: 'ETIMEDOUT',
  UND_ERR_RES_CONTENT_LENGTH_MISMATCH: 'ERR_BAD_RESPONSE',
};

/**
 * An axios adapter that sends over an undici dispatcher: the same contract as axios's http adapter
 * for what this module uses (`timeout`, `signal`, `cancelToken`, `maxContentLength`,
 * `maxBodyLength`, `validateStatus`, `responseType`, `decompress`, `auth`), a few times cheaper per
 * call. Redirects are never followed (a 3xx is answered like any status), whatever `maxRedirects` says.
 */
export function createUndiciAdapter(dispatcher: Dispatcher): AxiosAdapter {
  return (config) => send(dispatcher, config);
}

async function send(
  dispatcher: Dispatcher,
  config: InternalAxiosRequestConfig,
): Promise<AxiosResponse> {
  const url = requestUrl(config);
  const body = requestBody(config);
  const scope = new AbortScope(config);
  try {
    let answer: Dispatcher.ResponseData;
    try {
      answer = await dispatcher.request({
        origin: url.origin,
        path: `${url.pathname}${url.search}`,
        method: (config.method ?? 'get').toUpperCase(),
        headers: requestHeaders(config, url),
        body,
        signal: scope.signal,
      });
    } catch (error) {
      throw scope.failure(error);
    }
    let data: unknown;
    try {
      data = await readBody(answer, config);
    } catch (error) {
      throw error instanceof AxiosError ? error : scope.failure(error);
    }
    const response: AxiosResponse = {
      data,
      status: answer.statusCode,
      statusText: STATUS_CODES[answer.statusCode] ?? '',
      headers: new AxiosHeaders(answer.headers as Record<string, string | string[]>),
      config,
    };
    return settle(response);
  } finally {
    scope.dispose();
  }
}

function requestUrl(config: InternalAxiosRequestConfig): URL {
  const raw = config.url ?? '';
  const absolute = /^[a-z][a-z\d+\-.]*:\/\//i.test(raw);
  let full =
    config.baseURL && !absolute
      ? `${config.baseURL.replace(/\/+$/, '')}/${raw.replace(/^\/+/, '')}`
      : raw;
  if (config.params !== undefined && config.params !== null) {
    const params: unknown = config.params;
    full = axios.getUri({ url: full, params, paramsSerializer: config.paramsSerializer });
  }
  let url: URL;
  try {
    url = new URL(full);
  } catch {
    throw new AxiosError('Invalid URL', AxiosError.ERR_INVALID_URL, config);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new AxiosError(
      `Unsupported protocol ${url.protocol}`,
      AxiosError.ERR_BAD_REQUEST,
      config,
    );
  }
  return url;
}

function requestHeaders(
  config: InternalAxiosRequestConfig,
  url: URL,
): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  const headers = AxiosHeaders.from(config.headers).toJSON();
  for (const [name, value] of Object.entries(headers) as [string, unknown][]) {
    if (value === undefined || value === null || value === false) continue;
    out[name] = Array.isArray(value)
      ? value.map((item) => `${item as string}`)
      : `${value as string}`;
  }
  const auth = config.auth
    ? [config.auth.username ?? '', config.auth.password ?? '']
    : url.username
      ? [decodeURIComponent(url.username), decodeURIComponent(url.password)]
      : undefined;
  if (auth) out['authorization'] = `Basic ${Buffer.from(auth.join(':')).toString('base64')}`;
  return out;
}

function requestBody(config: InternalAxiosRequestConfig): RequestBody {
  const data: unknown = config.data;
  let body: RequestBody;
  if (data === undefined || data === null) return undefined;
  if (
    typeof data === 'string' ||
    Buffer.isBuffer(data) ||
    data instanceof Uint8Array ||
    data instanceof Readable
  ) {
    body = data;
  } else if (data instanceof ArrayBuffer) {
    body = Buffer.from(data);
  } else if (data instanceof URLSearchParams) {
    body = data.toString();
  } else {
    throw new AxiosError(
      'The undici adapter sends strings, buffers and streams only',
      AxiosError.ERR_BAD_REQUEST,
      config,
    );
  }
  const limit = config.maxBodyLength ?? -1;
  if (limit > -1 && !(body instanceof Readable) && Buffer.byteLength(body) > limit) {
    throw new AxiosError(
      'Request body larger than maxBodyLength limit',
      AxiosError.ERR_BAD_REQUEST,
      config,
    );
  }
  return body;
}

function decoderFor(encoding: string | string[] | undefined): Transform | undefined {
  switch ((typeof encoding === 'string' ? encoding : '').trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return createGunzip();
    case 'deflate':
      return createInflate();
    case 'br':
      return createBrotliDecompress();
    default:
      return undefined;
  }
}

async function readBody(
  answer: Dispatcher.ResponseData,
  config: InternalAxiosRequestConfig,
): Promise<unknown> {
  const decoder =
    config.decompress === false ? undefined : decoderFor(answer.headers['content-encoding']);
  const stream: Readable = decoder ? pipeline(answer.body, decoder, () => undefined) : answer.body;
  if (config.responseType === 'stream') return stream;
  const limit = config.maxContentLength ?? -1;
  const declared = decoder ? NaN : Number(answer.headers['content-length']);
  if (limit > -1 && declared > limit) {
    discard(answer.body);
    throw tooLarge(config);
  }
  const binary = config.responseType === 'arraybuffer';
  const encoding = (config.responseEncoding ?? 'utf8') as BufferEncoding;
  const utf8 = encoding === 'utf8' || encoding === ('utf-8' as BufferEncoding);
  if (!decoder && (limit < 0 || declared <= limit)) {
    // Length known and within the limit (undici rejects a body that differs from it): read in one go.
    if (!binary && utf8) return answer.body.text();
    const bytes = Buffer.from(await answer.body.arrayBuffer());
    return binary ? bytes : bytes.toString(encoding);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    if (limit > -1 && size > limit) {
      discard(answer.body);
      throw tooLarge(config);
    }
    chunks.push(chunk as Buffer);
  }
  const bytes = Buffer.concat(chunks);
  return binary ? bytes : bytes.toString(encoding);
}

/** Drops a body that will not be read (its connection is closed, not drained). */
function discard(body: Readable): void {
  body.on('error', () => undefined);
  body.destroy();
}

function tooLarge(config: InternalAxiosRequestConfig): AxiosError {
  return new AxiosError(
    `maxContentLength size of ${config.maxContentLength} exceeded`,
    ERR_RESPONSE_TOO_LARGE,
    config,
  );
}

function settle(response: AxiosResponse): AxiosResponse {
  const { status, config } = response;
  const validate = config.validateStatus;
  if (!status || !validate || validate(status)) return response;
  throw new AxiosError(
    `Request failed with status code ${status}`,
    status >= 400 && status < 500 ? AxiosError.ERR_BAD_REQUEST : AxiosError.ERR_BAD_RESPONSE,
    config,
    undefined,
    response,
  );
}

/** The signal undici sees: the caller's, or one that also fires on `timeout` and `cancelToken`. */
class AbortScope {
  readonly signal: AbortSignal | undefined;
  #timedOut = false;
  #timer: NodeJS.Timeout | undefined;
  #cleanup: (() => void) | undefined;

  constructor(private readonly config: InternalAxiosRequestConfig) {
    const outer = config.signal as AbortSignal | undefined;
    const timeout = config.timeout ?? 0;
    const token = config.cancelToken;
    if (!(timeout > 0) && token === undefined) {
      this.signal = outer;
      return;
    }
    const controller = new AbortController();
    this.signal = controller.signal;
    const abort = (): void => controller.abort();
    if (timeout > 0) {
      this.#timer = setTimeout(() => {
        this.#timedOut = true;
        abort();
      }, timeout);
    }
    if (outer?.aborted) abort();
    else outer?.addEventListener('abort', abort, { once: true });
    token?.promise.then(abort, () => undefined);
    this.#cleanup = () => outer?.removeEventListener('abort', abort);
  }

  /** The axios error for a failed send: timeout, cancel, or a network error with a code. */
  failure(error: unknown): AxiosError {
    const config = this.config;
    if (this.#timedOut) {
      const clarify = config.transitional?.clarifyTimeoutError;
      return new AxiosError(
        config.timeoutErrorMessage ?? `timeout of ${config.timeout}ms exceeded`,
        clarify ? AxiosError.ETIMEDOUT : AxiosError.ECONNABORTED,
        config,
      );
    }
    const outer = config.signal as AbortSignal | undefined;
    if (outer?.aborted || config.cancelToken?.reason) return new CanceledError(undefined, config);
    if (error instanceof AxiosError) return error;
    // Duck-typed, not `instanceof Error`: errors from another realm (Jest's VM modules) keep their code.
    const isError = typeof error === 'object' && error !== null && 'message' in error;
    const cause = isError ? (error as Error) : new Error(String(error));
    const raw = (cause as NodeJS.ErrnoException).code;
    const code = raw === undefined ? AxiosError.ERR_NETWORK : (ERROR_CODES[raw] ?? raw);
    return AxiosError.from(cause, code, config);
  }

  dispose(): void {
    clearTimeout(this.#timer);
    this.#cleanup?.();
  }
}
