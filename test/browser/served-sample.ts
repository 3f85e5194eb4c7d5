import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PlaylyfeEmulator } from 'nestjs-playlyfe/testing';
import { bootSample, embedded, type SampleApp, type SampleEnv } from '../sample/sample-app.js';

/** The sample listening on 127.0.0.1 (a free port), on its embedded emulator. */
export interface ServedSample {
  readonly sample: SampleApp;
  readonly emulator: PlaylyfeEmulator;
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  close(): Promise<void>;
}

export async function serveSample(env: SampleEnv = {}): Promise<ServedSample> {
  const sample = await bootSample(env);
  try {
    await sample.app.listen(0, '127.0.0.1');
  } catch (error) {
    await sample.close();
    throw error;
  }
  const { port } = (sample.app.getHttpServer() as Server).address() as AddressInfo;
  return {
    sample,
    emulator: embedded(sample),
    url: `http://127.0.0.1:${port}`,
    close: () => sample.close(),
  };
}

/** Creates a player through the sample's backend. */
export async function createPlayer(served: ServedSample, id: string, alias: string): Promise<void> {
  const res = await fetch(`${served.url}/players`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ id, alias }),
  });
  if (res.status !== 201) throw new Error(`creating ${id} answered ${res.status}`);
}
