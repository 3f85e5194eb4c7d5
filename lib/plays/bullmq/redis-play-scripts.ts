import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { PlayClaims } from '../play-claims.js';

/** Takes a key for `owner` when it is free or already the owner's, for `ttl` ms: 1 taken, 0 held by another. */
const TAKE = `
local held = redis.call('GET', KEYS[1])
if held == false or held == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
return 0`;

/** Deletes a key only while `owner` holds it. */
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/** Claims an event for a play: SET NX, or already this play's. The claim is never moved to another play. */
const CLAIM = `
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end
if redis.call('GET', KEYS[1]) == ARGV[1] then return 1 end
return 0`;

/** Pauses every worker for ARGV[1] ms, never shortening a pause already set. */
const PAUSE = `
local left = redis.call('PTTL', KEYS[1])
if left < tonumber(ARGV[1]) then redis.call('SET', KEYS[1], '1', 'PX', ARGV[1]) end
return 0`;

/**
 * The fleet's gate before a step: the ms to wait, 0 to go. While the plan-limit pause key lives,
 * every step waits it out. A send (ARGV[6] = '1') also takes a place in a sliding window kept as a
 * ZSET of start times on Redis's own clock (`TIME`, one clock for every worker): at most ARGV[1]
 * starts in any ARGV[2] ms, and at most ARGV[3] in any ARGV[4] ms. Answers {wait, paused}.
 */
const GATE = `
local paused = redis.call('PTTL', KEYS[2])
if paused > 0 then return {paused, 1} end
if ARGV[6] ~= '1' or tonumber(ARGV[1]) == 0 then return {0, 0} end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local rate, window = tonumber(ARGV[1]), tonumber(ARGV[2])
local burst, burstWindow = tonumber(ARGV[3]), tonumber(ARGV[4])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local n = redis.call('ZCARD', KEYS[1])
local wait = 0
if n >= rate then
  local s = redis.call('ZRANGE', KEYS[1], n - rate, n - rate, 'WITHSCORES')
  wait = tonumber(s[2]) + window - now
end
if n >= burst then
  local s = redis.call('ZRANGE', KEYS[1], n - burst, n - burst, 'WITHSCORES')
  wait = math.max(wait, tonumber(s[2]) + burstWindow - now)
end
if wait > 0 then return {math.ceil(wait), 0} end
redis.call('ZADD', KEYS[1], now, ARGV[5])
redis.call('PEXPIRE', KEYS[1], math.ceil(window) + 1000)
return {0, 0}`;

const shas = new Map<string, string>();
const sha = (script: string): string => {
  let digest = shas.get(script);
  if (digest === undefined) {
    digest = createHash('sha1').update(script).digest('hex');
    shas.set(script, digest);
  }
  return digest;
};

/** The fleet rate limit: `ratePerSecond` sends in any `1000 + guardMs` ms, `burst` in any `1000 * burst / ratePerSecond` ms. */
export interface FleetRate {
  readonly ratePerSecond: number;
  readonly burst: number;
  readonly guardMs: number;
}

/** What the gate answers before a step. */
export interface GateAnswer {
  /** Ms to wait before the step may start; 0: go (a send has taken its place in the window). */
  readonly waitMs: number;
  /** Whether the wait is the plan-limit pause (long) rather than the rate limit (short). */
  readonly paused: boolean;
}

/**
 * The Lua scripts that make the fleet act as one: claims, lanes, the rate limit and the plan-limit
 * pause. Each script runs atomically in Redis, so workers in any process see one state.
 */
export class RedisPlayScripts implements PlayClaims {
  private seq = 0;

  constructor(
    private readonly redis: Redis,
    /** `<prefix>:<queueName>:`, so that several queues on one Redis do not meet. */
    private readonly keyPrefix: string,
    private readonly claimTtlMs: number,
    private readonly rate: FleetRate | undefined,
  ) {}

  claim(eventId: string, playId: string): Promise<boolean> {
    return this.run(CLAIM, [`${this.keyPrefix}claim:${eventId}`], [playId, this.claimTtlMs]).then(
      (taken) => taken === 1,
    );
  }

  /** Takes (or renews) the lane of a player and action for a play: false when another play holds it. */
  async takeLane(lane: string, playId: string, ttlMs: number): Promise<boolean> {
    return (await this.run(TAKE, [this.laneKey(lane)], [playId, ttlMs])) === 1;
  }

  async releaseLane(lane: string, playId: string): Promise<void> {
    await this.run(RELEASE, [this.laneKey(lane)], [playId]);
  }

  /** Pauses every step of every worker for `ms` (plan_limit_exceeded). */
  async pause(ms: number): Promise<void> {
    await this.run(PAUSE, [`${this.keyPrefix}paused`], [Math.max(1, Math.ceil(ms))]);
  }

  /** Waits to ask before a step; a send takes a place in the rate window when it may go. */
  async gate(send: boolean): Promise<GateAnswer> {
    const rate = this.rate;
    const args = [
      rate?.ratePerSecond ?? 0,
      1000 + (rate?.guardMs ?? 0),
      rate?.burst ?? 0,
      rate === undefined ? 0 : (1000 * rate.burst) / rate.ratePerSecond,
      `${process.pid}:${Date.now()}:${this.seq++}:${Math.random()}`,
      send ? '1' : '0',
    ];
    const [waitMs, paused] = (await this.run(
      GATE,
      [`${this.keyPrefix}rate`, `${this.keyPrefix}paused`],
      args,
    )) as [number, number];
    return { waitMs, paused: paused === 1 };
  }

  private laneKey(lane: string): string {
    return `${this.keyPrefix}lane:${lane}`;
  }

  /** EVALSHA, loading the script once when Redis does not know it (first use, or after a restart). */
  private async run(script: string, keys: string[], args: (string | number)[]): Promise<unknown> {
    try {
      return await this.redis.evalsha(sha(script), keys.length, ...keys, ...args);
    } catch (error) {
      if (!String((error as Error).message).startsWith('NOSCRIPT')) throw error;
      return this.redis.eval(script, keys.length, ...keys, ...args);
    }
  }
}
