// Preloaded (--import): makes `ioredis` unresolvable, as in an app that never installed it.
// CommonJS requires go through Module._resolveFilename; ESM imports through hide-ioredis-hooks.mjs.
import Module, { register } from 'node:module';

const hidden = (request) => request === 'ioredis' || request.startsWith('ioredis/');
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  if (hidden(request)) {
    const error = new Error(`Cannot find module '${request}' (hidden by the test)`);
    error.code = 'MODULE_NOT_FOUND';
    throw error;
  }
  return resolveFilename.call(this, request, ...rest);
};
register('./hide-ioredis-hooks.mjs', import.meta.url);
