import type { AxiosAdapter } from 'axios';
import { Agent, EnvHttpProxyAgent, type Dispatcher } from 'undici';
import { createUndiciAdapter } from './undici-axios.adapter.js';

/**
 * The proxy rule of a registration, for token requests and API calls alike (undici's
 * EnvHttpProxyAgent rule): `HTTP_PROXY` for `http:` URLs, `HTTPS_PROXY` for `https:` URLs (or
 * `HTTP_PROXY` when it is unset), hosts in `NO_PROXY` reached directly; each variable in either
 * case, lower case first. `ALL_PROXY` is honoured by neither: undici does not read it, and it often
 * names a SOCKS proxy undici cannot speak.
 */
export function proxySettings(
  env: NodeJS.ProcessEnv,
): { httpProxy?: string; httpsProxy?: string; noProxy?: string } | undefined {
  const httpProxy = env.http_proxy || env.HTTP_PROXY || undefined;
  const httpsProxy = env.https_proxy || env.HTTPS_PROXY || undefined;
  if (httpProxy === undefined && httpsProxy === undefined) return undefined;
  // An empty string, not undefined: undici would otherwise read the variable we just left out.
  return {
    httpProxy: httpProxy ?? '',
    httpsProxy: httpsProxy ?? '',
    noProxy: env.no_proxy || env.NO_PROXY || '',
  };
}

/** One registration's connection pool (through a proxy when the environment names one) and the axios adapter over it. */
export class UndiciTransport {
  readonly dispatcher: Dispatcher;
  readonly adapter: AxiosAdapter;

  constructor(env: NodeJS.ProcessEnv = process.env) {
    const proxy = proxySettings(env);
    this.dispatcher = proxy ? new EnvHttpProxyAgent(proxy) : new Agent();
    this.adapter = createUndiciAdapter(this.dispatcher);
  }

  /** Closes its sockets. */
  close(): Promise<void> {
    return this.dispatcher.destroy();
  }
}
