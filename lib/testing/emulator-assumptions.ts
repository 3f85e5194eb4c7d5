/**
 * Everything the emulator answers that the recorded sources do not show. Each entry is *assumed*:
 * the recorded sources (foton/playlyfe-ruby-client test stubs, the official SDKs' tests,
 * nagyistge/moodle-playlyfe) are silent on it, so the emulator picks the value below.
 */

/** HTTP statuses: the recorded sources give the error codes and texts, never the statuses. */
export const ASSUMED_STATUS = {
  /** `rate_limit_exceeded` (a play over the action's limit). */
  rateLimit: 429,
  /** `plan_limit_exceeded` (the plan's API calls are spent). */
  planLimit: 429,
  /** `rule_not_found`, `metric_not_found` and the other `<thing>_not_found` codes. */
  notFound: 404,
  /** `metric_exists` and the other duplicates on design writes. */
  exists: 409,
} as const;

/** Texts the sources do not record. */
export const ASSUMED_TEXT = {
  planLimit: 'The API call limit of your plan has been reached',
  deleted: (kind: string, id: string): string =>
    `The ${kind} '${id}' has been deleted successfully`,
} as const;

/** GET /admin for a game seed that gives no `info` (keys and fixed values are recorded). */
export const ASSUMED_GAME_INFO = {
  id: 'demo_game',
  title: 'Demo game',
  description: 'The game served by the Playlyfe emulator',
  timezone: 'UTC',
} as const;

/** Activity feeds called without `start` answer the last 24 hours (ruby client comment); bounds are inclusive. */
export const ASSUMED_FEED_WINDOW_MS = 24 * 60 * 60 * 1000;

/** Most events the game activity log keeps, oldest dropped first. */
export const ASSUMED_ACTIVITY_LIMIT = 10_000;

/**
 * CORS: the recordings show browsers calling the API (the JS SDK's cross-domain calls) but not the
 * headers. The emulator answers only the origins it is given, and never on the token endpoint.
 */
export const ASSUMED_CORS = {
  methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as readonly string[],
  headers: ['Authorization', 'Content-Type'] as readonly string[],
  exposedHeaders: 'Retry-After',
  maxAgeSeconds: 600,
} as const;

/**
 * The list of assumptions, for the docs and the contract suite; the code that acts on each names it.
 */
export const EMULATOR_ASSUMPTIONS: readonly { key: string; assumed: string }[] = [
  {
    key: 'status',
    assumed:
      'HTTP statuses of rate_limit_exceeded, plan_limit_exceeded (429) and *_not_found (404)',
  },
  {
    key: 'plan-limit',
    assumed: 'plan_limit_exceeded text; every authenticated API call counts, token requests do not',
  },
  {
    key: 'plan-limit-window',
    assumed:
      'with a quota window, plan_limit_exceeded carries Retry-After (whole seconds to the reset) and data {reset_in_ms}',
  },
  {
    key: 'play-limit-window',
    assumed: 'play-limit windows are UTC calendar hours, days, Monday weeks and months',
  },
  {
    key: 'rule-events',
    assumed: 'level and achievement events follow the action event in the play answer events.local',
  },
  {
    key: 'first-level',
    assumed:
      'a player the seed gives no base score holds no level yet: its first level event has old null',
  },
  {
    key: 'created-player',
    assumed:
      'POST /admin/players answers scores and teams as arrays (the stub shows {}), like profiles',
  },
  {
    key: 'delete-player',
    assumed: 'DELETE /admin/players/:id answers {id, deleted: true}',
  },
  {
    key: 'team-relative',
    assumed:
      "a relative ranking of a team leaderboard centres on the caller's first team without entity_id",
  },
  {
    key: 'team-score',
    assumed: "a team leaderboard scores a team by the sum of its members' scores",
  },
  {
    key: 'team-feed',
    assumed: "the team feed holds the team's create event only, not the members' plays",
  },
  {
    key: 'player-feed',
    assumed:
      "the player feed holds the player's own events, without the actor key (recorded), and team events naming the player",
  },
  {
    key: 'runtime-players',
    assumed: 'GET /runtime/players pages {id, alias, enabled} like GET /admin/players',
  },
  {
    key: 'process',
    assumed:
      'runtime process keys beyond id, name, definition.id, state, access (PHP and Go SDK v2 tests); POST /runtime/definitions/processes/:id (v1 SDK tests) kept as an alias of POST /runtime/processes',
  },
  {
    key: 'delete-message',
    assumed:
      'leaderboard, rule and process deletes answer like a metric delete: {message: "The <kind> \'<id>\' has been deleted successfully"}',
  },
  {
    key: 'revert',
    assumed:
      'POST /admin/players/:id/revert takes back the point and item changes of the named events, once each, and answers {}',
  },
  {
    key: 'custom-rule',
    assumed:
      'POST /admin/rules/:id answers one list per data entry, one {events} per player; the event is custom_rule',
  },
  {
    key: 'leaderboard-scope-instances',
    assumed:
      'POST and DELETE /admin/leaderboards/:id/:scope answer {}; a custom leaderboard ranks any scope_id without them',
  },
  {
    key: 'scoped-leaderboard',
    assumed:
      'a custom-scope leaderboard ranks the points earned by plays that name the scope in body.scopes',
  },
  {
    key: 'design-action',
    assumed:
      'design actions show their rewards both as rewards and as rules: [{rewards, requires: {}}]; requires is not evaluated',
  },
  {
    key: 'design-simulate',
    assumed: 'POST /design/versions/latest/simulate answers {} and GET /design/issues answers []',
  },
  {
    key: 'design-metric-kinds',
    assumed: 'design writes create point and set metrics; state and compound are seeded only',
  },
  {
    key: 'cors',
    assumed:
      'API routes answer CORS for the configured origins only (Allow-Origin echoes the origin, no credentials); a preflight answers 204, or 403 access_denied for another origin, method or header; the token endpoint never answers CORS',
  },
  {
    key: 'jwt-errors',
    assumed:
      'a front-end JWT that is expired, badly signed, malformed or of an unknown client answers 401 invalid_access_token; one for another player, without the scope of the method (read for GET, write otherwise; neither implies the other) or on a non-runtime route answers 403 access_denied',
  },
];
