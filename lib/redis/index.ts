export { RedisTokenStore, type RedisTokenStoreOptions } from './redis-token.store.js';
export type { IoRedisClient, IoRedisConnection, NodeRedisClient } from './redis-clients.js';
