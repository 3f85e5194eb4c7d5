/** Names this module records under: one place, as the docs list them. */
export const TRACER_NAME = 'nestjs-playlyfe';
export const TOKEN_SPAN_NAME = 'playlyfe.token';

export const METRIC_REQUEST_DURATION = 'playlyfe.client.request.duration';
export const METRIC_TOKEN_REQUESTS = 'playlyfe.client.token.requests';
export const METRIC_TOKEN_REJECTIONS = 'playlyfe.client.token.rejections';
export const METRIC_QUOTA_EXCEEDED = 'playlyfe.client.quota.exceeded';

export const ATTR_CLIENT = 'playlyfe.client';
export const ATTR_TOKEN_OUTCOME = 'playlyfe.token.outcome';
export const ATTR_METHOD = 'http.request.method';
export const ATTR_STATUS = 'http.response.status_code';
export const ATTR_SERVER_ADDRESS = 'server.address';
export const ATTR_SERVER_PORT = 'server.port';
export const ATTR_URL_TEMPLATE = 'url.template';
export const ATTR_URL_FULL = 'url.full';
export const ATTR_RESEND_COUNT = 'http.request.resend_count';
export const ATTR_ERROR_TYPE = 'error.type';

/** Error codes that mean the game's quota is spent: counted on their own so a dashboard shows them early. */
export const QUOTA_CODES: ReadonlySet<string> = new Set([
  'rate_limit_exceeded',
  'plan_limit_exceeded',
]);

/** The key `suppressTracing()` of `@opentelemetry/core` sets; `createContextKey` is `Symbol.for`, so any copy of the API agrees. */
export const SUPPRESS_TRACING_KEY_NAME = 'OpenTelemetry SDK Context Key SUPPRESS_TRACING';

/** Seconds; the bucket boundaries OpenTelemetry advises for `http.client.request.duration`. */
export const DURATION_BUCKETS = [
  0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10,
];

/** Plays (`nestjs-playlyfe/plays`): one span per delivery step, named by its operation. */
export const PLAY_SEND_SPAN_NAME = 'playlyfe.play send';
export const PLAY_RECONCILE_SPAN_NAME = 'playlyfe.play reconcile';

export const METRIC_PLAYS_QUEUED = 'playlyfe.plays.queued';
export const METRIC_PLAYS_APPLIED = 'playlyfe.plays.applied';
export const METRIC_PLAYS_FAILED = 'playlyfe.plays.failed';
export const METRIC_PLAYS_ATTEMPTS = 'playlyfe.plays.attempts';
export const METRIC_PLAYS_DEPTH = 'playlyfe.plays.depth';
export const METRIC_PLAYS_OLDEST_AGE = 'playlyfe.plays.oldest_age';

/** OpenTelemetry's messaging conventions, for a step of a queued play. */
export const ATTR_MESSAGING_SYSTEM = 'messaging.system';
export const ATTR_MESSAGING_OPERATION_TYPE = 'messaging.operation.type';
export const ATTR_MESSAGING_OPERATION_NAME = 'messaging.operation.name';
export const ATTR_MESSAGING_MESSAGE_ID = 'messaging.message.id';
/** `messaging.system` of the plays queue, whichever back end holds it. */
export const PLAYS_MESSAGING_SYSTEM = 'playlyfe.plays';

export const ATTR_ACTION_ID = 'playlyfe.action.id';
export const ATTR_PLAY_ATTEMPT = 'playlyfe.play.attempt';
export const ATTR_PLAY_OUTCOME = 'playlyfe.play.outcome';
export const ATTR_PLAY_RECONCILED = 'playlyfe.play.reconciled';
