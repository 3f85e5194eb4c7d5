import type {
  PlaylyfeActionEvent,
  PlaylyfePlayResult,
} from '../interfaces/playlyfe-api.interfaces.js';
import type { PlaylyfeService } from '../playlyfe.service.js';
import type { PlayClaims } from './play-claims.js';
import { classifySendFailure, lacksFeedAccess } from './play-failure.js';
import { matchingPlayEvents } from './play-matching.js';
import { tracePlayStep, type PlayOrigin } from './play-telemetry.js';
import type { PlaylyfePlayRequest, PlaylyfePlayOutcome } from './plays.interfaces.js';

/** A play as the queue holds it between steps. */
export interface QueuedPlay {
  readonly id: string;
  readonly request: Required<PlaylyfePlayRequest>;
  readonly enqueuedAt: number;
  /** When the first send started: reconciliation reads the feed from just before it. */
  firstSentAt?: number;
  /** Sends made. */
  attempts: number;
  /** Consecutive failures that surely did not apply, for the backoff. */
  failures: number;
  /** What the next step does. */
  next: 'send' | 'reconcile';
  /** The span active where the play was queued: each step's span links to it. */
  readonly origin?: PlayOrigin;
}

/** What the queue does after a step. */
export type PlayStep =
  | { kind: 'done'; result: PlaylyfePlayOutcome }
  | { kind: 'retry'; delayMs: number }
  | { kind: 'pause-queue'; delayMs: number };

/** The delivery settings a step needs. */
export interface PlayDeliverySettings {
  readonly retryDelayMs: number;
  readonly maxRetryDelayMs: number;
  readonly settleDelayMs: number;
  readonly reconcileWindowMs: number;
  readonly planLimitPauseMs: number;
  /** The Playlyfe client's name, on each step's span and metrics. */
  readonly client?: string;
}

/** One step of a play's delivery: a send, or a look at the player's feed after a lost answer. */
export class PlayDelivery {
  constructor(
    private readonly playlyfe: PlaylyfeService,
    private readonly claims: PlayClaims,
    private readonly settings: PlayDeliverySettings,
    private readonly now: () => number = Date.now,
  ) {}

  step(play: QueuedPlay): Promise<PlayStep> {
    // telemetry: a span per step (its API call a child), counted by outcome
    return tracePlayStep(play, this.settings.client, () =>
      play.next === 'send' ? this.send(play) : this.reconcile(play),
    );
  }

  private async send(play: QueuedPlay): Promise<PlayStep> {
    const { playerId, actionId, variables } = play.request;
    play.firstSentAt ??= this.now();
    play.attempts += 1;
    let answer: PlaylyfePlayResult;
    try {
      answer = await this.playlyfe.post<PlaylyfePlayResult>(
        `/runtime/actions/${encodeURIComponent(actionId)}/play`,
        { variables },
        { playerId },
      );
    } catch (error) {
      const verdict = classifySendFailure(error, this.settings.planLimitPauseMs);
      switch (verdict.kind) {
        case 'not-applied':
          return this.backoff(play);
        case 'plan-limit':
          return { kind: 'pause-queue', delayMs: verdict.waitMs };
        case 'refused':
          return this.failed(play, verdict.code, verdict.message);
        case 'ambiguous':
          play.next = 'reconcile';
          play.failures = 0;
          return { kind: 'retry', delayMs: this.settings.settleDelayMs };
      }
    }
    const events = answer?.events?.local ?? [];
    const own = events.find((e): e is PlaylyfeActionEvent => e.event === 'action');
    // Claimed so that no other play's reconciliation takes this event for its own.
    if (own?.id !== undefined) await this.claims.claim(own.id, play.id);
    return {
      kind: 'done',
      result: { ...this.base(play), status: 'applied', events, reconciled: false },
    };
  }

  private async reconcile(play: QueuedPlay): Promise<PlayStep> {
    const { playerId, actionId, variables } = play.request;
    const start = (play.firstSentAt ?? play.enqueuedAt) - this.settings.reconcileWindowMs;
    let feed;
    try {
      feed = await this.playlyfe.players.activity(playerId, { start: new Date(start) });
    } catch (error) {
      if (lacksFeedAccess(error)) {
        return this.failed(
          play,
          'outcome_unknown',
          'The answer to the play was lost and this client may not read activity feeds to learn whether it was applied',
        );
      }
      const verdict = classifySendFailure(error, this.settings.planLimitPauseMs);
      if (verdict.kind === 'plan-limit') return { kind: 'pause-queue', delayMs: verdict.waitMs };
      return this.backoff(play);
    }
    for (const event of matchingPlayEvents(feed, actionId, variables)) {
      if (await this.claims.claim(event.id, play.id)) {
        return {
          kind: 'done',
          result: { ...this.base(play), status: 'applied', events: [event], reconciled: true },
        };
      }
    }
    play.next = 'send';
    play.failures = 0;
    return { kind: 'retry', delayMs: 0 };
  }

  private backoff(play: QueuedPlay): PlayStep {
    play.failures += 1;
    const { retryDelayMs, maxRetryDelayMs } = this.settings;
    const ceiling = Math.min(maxRetryDelayMs, retryDelayMs * 2 ** (play.failures - 1));
    // Half fixed, half jitter: plays failed by one outage do not all come back at once.
    return { kind: 'retry', delayMs: Math.round(ceiling / 2 + Math.random() * (ceiling / 2)) };
  }

  private failed(play: QueuedPlay, code: string, message: string): PlayStep {
    return { kind: 'done', result: { ...this.base(play), status: 'failed', code, message } };
  }

  private base(play: QueuedPlay) {
    const { playerId, actionId } = play.request;
    return { playId: play.id, playerId, actionId, attempts: play.attempts };
  }
}
