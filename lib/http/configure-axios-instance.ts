import type { AxiosInstance } from 'axios';
import type { ResolvedPlaylyfeOptions } from '../playlyfe.options.js';
import type { PlaylyfeHttpAgents } from './playlyfe-http-agents.js';

function passThrough(data: unknown): unknown {
  return data;
}

/** Variables through which a call is routed via a proxy (as axios's http adapter, proxy-from-env, reads them). */
export const PROXY_VARIABLES = [
  'http_proxy',
  'HTTP_PROXY',
  'https_proxy',
  'HTTPS_PROXY',
  'all_proxy',
  'ALL_PROXY',
];

/**
 * Sets, once on the module's own axios instance, the request options every call shares, so that
 * axios merges a small per-call config: no redirects (a token never follows one), the response as
 * text (parsed here), every status answered (classified here), the size cap, the module's
 * keep-alive agents. Bodies are already JSON text or a stream, so axios's request transform (which
 * re-parses string bodies) is skipped. Without a proxy variable in the environment at bootstrap,
 * `proxy: false` spares axios reading the environment on every call; with one, axios keeps
 * applying HTTP(S)_PROXY / ALL_PROXY and NO_PROXY as before.
 */
export function configureAxiosInstance(
  defaults: AxiosInstance['defaults'],
  options: ResolvedPlaylyfeOptions,
  agents: PlaylyfeHttpAgents,
): void {
  defaults.maxRedirects = 0;
  defaults.maxContentLength = options.maxResponseBytes;
  defaults.httpAgent = agents.http;
  defaults.httpsAgent = agents.https;
  defaults.responseType = 'text';
  defaults.transformRequest = [passThrough];
  defaults.transformResponse = [passThrough];
  defaults.validateStatus = null;
  defaults.headers.common.Accept = 'application/json';
  if (!PROXY_VARIABLES.some((name) => process.env[name])) defaults.proxy = false;
}
