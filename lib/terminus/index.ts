export { PlaylyfeHealthIndicator } from './playlyfe.health.js';
export type { PlaylyfeHealthCheckOptions } from './playlyfe-health.options.js';
