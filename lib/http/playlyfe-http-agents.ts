import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';

/**
 * Keep-alive connection pools owned by one registration, so closing the module closes its sockets
 * (the global agent would keep them open after the app has shut down).
 */
@Injectable()
export class PlaylyfeHttpAgents implements OnModuleDestroy {
  readonly http = new HttpAgent({ keepAlive: true });
  readonly https = new HttpsAgent({ keepAlive: true });

  onModuleDestroy(): void {
    this.http.destroy();
    this.https.destroy();
  }
}
