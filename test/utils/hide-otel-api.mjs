// Preload (`node --import`) that makes @opentelemetry/api unresolvable from ESM imports and from
// CommonJS requires alike, as in an app that does not have it installed. Used by tests and the bench.
import Module, { register } from 'node:module';

const HIDDEN = '@opentelemetry/api';
const hidden = (specifier) => specifier === HIDDEN || specifier.startsWith(`${HIDDEN}/`);

register(
  `data:text/javascript,${encodeURIComponent(`
export async function resolve(specifier, context, next) {
  if (specifier === '${HIDDEN}' || specifier.startsWith('${HIDDEN}/')) {
    const error = new Error("Cannot find package '" + specifier + "'");
    error.code = 'ERR_MODULE_NOT_FOUND';
    throw error;
  }
  return next(specifier, context);
}`)}`,
);

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  if (hidden(request)) {
    const error = new Error(`Cannot find module '${request}'`);
    error.code = 'MODULE_NOT_FOUND';
    throw error;
  }
  return resolveFilename.call(this, request, ...rest);
};
