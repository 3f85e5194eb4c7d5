// A CommonJS consumer: `require` (the CommonJS loader, `require` condition) loads the package's
// CommonJS build by name, and the CommonJS build's own requires.
import { createRequire } from 'node:module';
import { exercise } from './exercise.mjs';

const require = createRequire(import.meta.url);
const { RedisTokenStore } = require('nestjs-playlyfe/redis');

const ioredisMissing = async () => {
  try {
    require('ioredis');
    return false;
  } catch {
    return true;
  }
};
await exercise(RedisTokenStore, require.resolve('nestjs-playlyfe/redis'), ioredisMissing);
