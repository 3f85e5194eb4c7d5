export { PlaylyfeHealthIndicator } from './playlyfe.health.js';
export { PlaylyfePlaysHealthIndicator } from './plays.health.js';
export type { PlaylyfeHealthCheckOptions } from './playlyfe-health.options.js';
export type { PlaylyfePlaysHealthCheckOptions } from './plays-health.options.js';
