import { HttpService } from '@nestjs/axios';
import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { AxiosAdapter } from 'axios';
import { Agent, EnvHttpProxyAgent, type Dispatcher } from 'undici';
import { PROXY_VARIABLES } from '../http/configure-axios-instance.js';
import { createUndiciAdapter } from './undici-axios.adapter.js';

/**
 * The connection pool of one registration and the axios adapter that sends over it, installed as
 * the default adapter of the module's own axios instance. Like axios's http adapter it honours
 * HTTP(S)_PROXY and NO_PROXY; closing the module closes its sockets.
 */
@Injectable()
export class PlaylyfeUndiciTransport implements OnModuleDestroy {
  readonly dispatcher: Dispatcher = PROXY_VARIABLES.some((name) => process.env[name])
    ? new EnvHttpProxyAgent()
    : new Agent();
  readonly adapter: AxiosAdapter = createUndiciAdapter(this.dispatcher);

  constructor(http?: HttpService) {
    if (http) http.axiosRef.defaults.adapter = this.adapter;
  }

  async onModuleDestroy(): Promise<void> {
    await this.dispatcher.destroy();
  }
}
