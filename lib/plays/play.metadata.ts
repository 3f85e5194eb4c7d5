/** The parts of an HTTP request a play's player and variables are usually read from. */
export interface PlaylyfeHandlerRequest {
  params: Record<string, string>;
  query: Record<string, unknown>;
  body: unknown;
  headers: Record<string, string | string[] | undefined>;
  /** Set by an authentication guard (passport and the like). */
  user?: unknown;
}

/** How `@PlaylyfePlay` reads the play from the request and the handler's result. */
export interface PlaylyfePlayOptions<Req = PlaylyfeHandlerRequest, Result = unknown> {
  /** The player who plays. */
  playerId: (req: Req, result: Result) => string;
  /** The action's variables; default none. */
  variables?: (req: Req, result: Result) => Record<string, unknown>;
  /**
   * What the handler answers instead of its result, given the queued play's id (e.g.
   * `(result, playId) => ({ ...result, playId })`, to fetch the outcome later); default the result.
   */
  respond?: (result: Result, playId: string) => unknown;
}

export const PLAYLYFE_PLAY_METADATA = 'playlyfe:play';

/** Metadata of one decorated handler. */
export interface PlaylyfePlayMetadata extends PlaylyfePlayOptions<never, never> {
  actionId: string;
}
