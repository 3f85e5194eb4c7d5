import type { HttpService } from '@nestjs/axios';
import type { AxiosAdapter } from 'axios';
import type { ResolvedPlaylyfeOptions } from '../options/resolved-options.js';

function passThrough(data: unknown): unknown {
  return data;
}

/**
 * Sets, once on the module's own axios instance, the request options every call shares, so that
 * axios merges a small per-call config: the undici transport, no redirects (a token never follows
 * one), the response as text (parsed by PlaylyfeService), every status answered (classified
 * there), the size cap. Bodies are already JSON text or a stream, so axios's request transform
 * (which re-parses string bodies) is skipped.
 */
export function configureAxiosInstance(
  axios: HttpService['axiosRef'],
  options: ResolvedPlaylyfeOptions,
  adapter: AxiosAdapter,
): void {
  const defaults = axios.defaults;
  defaults.adapter = adapter;
  defaults.maxRedirects = 0;
  defaults.maxContentLength = options.maxResponseBytes;
  defaults.responseType = 'text';
  defaults.transformRequest = [passThrough];
  defaults.transformResponse = [passThrough];
  defaults.validateStatus = null;
  defaults.headers.common.Accept = 'application/json';
}
