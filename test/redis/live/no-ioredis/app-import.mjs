// An ESM consumer: `import` loads the package's ESM build by name.
import { RedisTokenStore } from 'nestjs-playlyfe/redis';
import { exercise } from './exercise.mjs';

const ioredisMissing = () =>
  import('ioredis').then(
    () => false,
    () => true,
  );
await exercise(RedisTokenStore, import.meta.resolve('nestjs-playlyfe/redis'), ioredisMissing);
