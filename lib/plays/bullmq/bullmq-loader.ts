import { PlaylyfeError } from '../../playlyfe.errors.js';

export type BullMq = typeof import('bullmq');
export type IoRedis = typeof import('ioredis').Redis;

/**
 * Loads bullmq and ioredis, the optional peers of the BullMQ back end, when an app picks it (in
 * the CommonJS build this `import()` becomes a `require` inside a promise).
 */
export async function loadBullMq(): Promise<{ bullmq: BullMq; Redis: IoRedis }> {
  try {
    const [bullmq, { Redis }] = await Promise.all([import('bullmq'), import('ioredis')]);
    return { bullmq, Redis };
  } catch {
    throw new PlaylyfeError(
      "PlaylyfePlaysModule: backend 'bullmq' needs the bullmq and ioredis packages: npm install bullmq ioredis",
      { code: 'invalid_options' },
    );
  }
}
