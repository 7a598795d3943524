import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import type { SharedState } from "../state/shared-state.js";

/** A window of a counter: its key part and when it ends (epoch ms). */
export interface CounterWindow {
  /** Names the window in the key, so that every window starts at zero without a reset job. */
  id: string;
  endsAt: number;
  /** The window's length: a key expires at most this long after its first count, well after its window. */
  lengthMs: number;
}

export interface CounterReading {
  /** Points counted in the window, this take included when it was granted. */
  used: number;
  remaining: number;
}

/**
 * Points counted per key and fixed window, with a capacity: the vendor quotas and the caller budgets. Backed by
 * rate-limiter-flexible, in process or on the shared Redis (SharedState.redis), so that every instance of a
 * deployment counts against one figure.
 *
 * When Redis fails, counting goes on in this process, and conservatively: each instance may then use only half
 * of what the shared counter had left when it last answered, since it cannot tell what the others spend
 * meanwhile. Counting returns to Redis as soon as it answers again (what was counted locally stays local).
 */
export class WindowCounter {
  private readonly shared = new Map<number, RateLimiterAbstract>();
  private readonly local = new Map<number, RateLimiterAbstract>();
  /** The last `used` Redis reported per key: what a fallback starts from. */
  private readonly lastShared = new Map<string, number>();
  private readonly seeded = new Set<string>();

  constructor(
    private readonly state: SharedState,
    /** Keeps the counters of one kind apart from the others' in Redis. */
    private readonly prefix: string,
  ) {}

  /** Takes `points` if that many are left within `capacity`; a take that does not fit takes nothing. */
  async take(key: string, points: number, capacity: number, window: CounterWindow): Promise<{ granted: boolean } & CounterReading> {
    if (points <= 0) return { granted: true, ...(await this.read(key, capacity, window)) };
    const res = await this.run(key, capacity, window, (limiter, k) => limiter.consume(k, points));
    const granted = res.consumedPoints <= capacity;
    if (!granted) {
      // rate-limiter-flexible counts a refused take; give it back, so a refusal costs the caller nothing.
      await this.run(key, capacity, window, (limiter, k) => limiter.reward(k, points));
      return { granted, used: res.consumedPoints - points, remaining: Math.max(0, capacity - (res.consumedPoints - points)) };
    }
    return { granted, used: res.consumedPoints, remaining: Math.max(0, capacity - res.consumedPoints) };
  }

  /** Counts points whether or not they fit (calls already made, or a vendor saying its quota is spent). */
  async add(key: string, points: number, capacity: number, window: CounterWindow): Promise<CounterReading> {
    if (points === 0) return this.read(key, capacity, window);
    const res = await this.run(key, capacity, window, (limiter, k) =>
      points > 0 ? limiter.penalty(k, points) : limiter.reward(k, -points),
    );
    return { used: Math.max(0, res.consumedPoints), remaining: Math.max(0, capacity - res.consumedPoints) };
  }

  async read(key: string, capacity: number, window: CounterWindow): Promise<CounterReading> {
    const res = await this.run(key, capacity, window, async (limiter, k) => (await limiter.get(k)) ?? new RateLimiterRes(capacity, 0, 0));
    return { used: Math.max(0, res.consumedPoints), remaining: Math.max(0, capacity - res.consumedPoints) };
  }

  private async run(
    key: string,
    capacity: number,
    window: CounterWindow,
    op: (limiter: RateLimiterAbstract, key: string) => Promise<RateLimiterRes>,
  ): Promise<RateLimiterRes> {
    const fullKey = `${key}:${window.id}`;
    const seconds = Math.max(1, Math.ceil(window.lengthMs / 1000));
    if (this.state.redis && this.state.available()) {
      try {
        const res = await settle(op(this.limiter(this.shared, seconds, true), fullKey));
        this.lastShared.set(fullKey, res.consumedPoints);
        this.seeded.delete(fullKey);
        return res;
      } catch {
        // Redis failed this once: count here (below), as while it is known to be lost.
      }
    }
    const limiter = this.limiter(this.local, seconds, false);
    if (this.state.redis && !this.seeded.has(fullKey)) {
      const before = this.lastShared.get(fullKey) ?? 0;
      const share = Math.floor(Math.max(0, capacity - before) / 2);
      await limiter.set(fullKey, capacity - share, seconds);
      this.seeded.add(fullKey);
    }
    return settle(op(limiter, fullKey));
  }

  /** One limiter per window length serves every key and capacity (there are three lengths: minute, hour, day). */
  private limiter(cache: Map<number, RateLimiterAbstract>, duration: number, shared: boolean): RateLimiterAbstract {
    let limiter = cache.get(duration);
    if (!limiter) {
      // Points far above any capacity: this class decides what fits, the limiter only counts (and expires keys).
      const options = { keyPrefix: `cg:${this.prefix}`, points: Number.MAX_SAFE_INTEGER, duration };
      limiter = shared
        ? new RateLimiterRedis({ ...options, storeClient: this.state.redis, rejectIfRedisNotReady: true })
        : new RateLimiterMemory(options);
      cache.set(duration, limiter);
    }
    return limiter;
  }
}

/** rate-limiter-flexible rejects with a RateLimiterRes when over its points: a reading, not a failure. */
async function settle(answer: Promise<RateLimiterRes>): Promise<RateLimiterRes> {
  try {
    return await answer;
  } catch (err) {
    if (err instanceof RateLimiterRes) return err;
    throw err;
  }
}
