import { Redis } from "ioredis";
import type { Logger } from "pino";
import { ConfigError } from "../config.js";
import { sharedStateAvailable } from "../metrics/shared-state-metrics.js";
import { KeyedMutex } from "./in-process-state.js";
import { LockWaitTimeout, withRedisLock } from "./redis-lock.js";
import { dropIfHung } from "./drop-if-hung.js";
import { displayRedisUrl } from "./redis-url.js";
import type { SharedState } from "./shared-state.js";

/** Every key this service writes starts with it, so one Redis can serve other things too. */
export const KEY_PREFIX = "customer-graph:";

export interface RedisStateOptions {
  /** A command that has no answer in this time fails (the caller then acts as if Redis were lost). */
  commandTimeoutMs?: number;
  /** How long the first connection may take before the start is stopped. */
  connectTimeoutMs?: number;
}

/** Waits between reconnection attempts while Redis is lost: quick at first, then every 2 s. */
const retryStrategy = (attempt: number) => Math.min(50 * 2 ** Math.min(attempt, 6), 2_000);

/**
 * Connects to REDIS_URL and returns the shared state over it; throws a ConfigError naming REDIS_URL (never its
 * password) when Redis does not answer, so the start stops there.
 */
export async function connectRedisState(url: string, logger: Logger, options: RedisStateOptions = {}): Promise<SharedState> {
  const redis = new Redis(url, {
    lazyConnect: true,
    // Commands fail at once while disconnected instead of queueing behind a reconnection: no request waits on Redis.
    enableOfflineQueue: false,
    // A command cut by a lost connection fails; it is never sent again to what may be a restarted, empty Redis
    // (a cache entry read before the loss would then be stored under the new numbering of writes).
    maxRetriesPerRequest: 0,
    autoResendUnfulfilledCommands: false,
    commandTimeout: options.commandTimeoutMs ?? 1_000,
    connectTimeout: options.connectTimeoutMs ?? 3_000,
    retryStrategy,
    keyPrefix: KEY_PREFIX,
  });
  // Without a listener ioredis prints every failed reconnection; availability changes are logged instead.
  let lastError: Error | undefined;
  const remember = (err: Error) => (lastError = err);
  redis.on("error", remember);
  try {
    await redis.connect();
    await redis.ping();
  } catch (err) {
    redis.disconnect();
    // The socket's error (ECONNREFUSED, ENOTFOUND, WRONGPASS...) says more than the connect's "Connection is closed".
    const cause = lastError ?? (err instanceof Error ? err : undefined);
    const reason = cause ? cause.message.split(url).join(displayRedisUrl(url)) : "no answer";
    throw new ConfigError(`REDIS_URL: Redis at ${displayRedisUrl(url)} did not answer (${reason}); start Redis or unset REDIS_URL`);
  }
  redis.off("error", remember);
  redis.on("error", () => {});
  return redisState(redis, logger);
}

/** The SharedState over a connected ioredis client: Redis while it answers, this process's own copy while not. */
export function redisState(redis: Redis, logger: Logger): SharedState {
  const local = new KeyedMutex();
  const listeners: Array<(available: boolean) => void> = [];
  let available = redis.status === "ready";
  let closing = false;
  sharedStateAvailable.set(available ? 1 : 0);

  const setAvailable = (now: boolean) => {
    if (now === available || closing) return;
    available = now;
    sharedStateAvailable.set(now ? 1 : 0);
    if (now) logger.info("shared state: Redis is back; sharing resumes");
    else logger.warn("shared state: Redis lost; each instance continues on its own (cache misses go to the vendors, locks are local) until it is back");
    for (const listener of listeners) listener(now);
  };
  redis.on("ready", () => setAvailable(true));
  redis.on("close", () => setAvailable(false));
  redis.on("end", () => setAvailable(false));

  const isUp = () => available && redis.status === "ready";

  return {
    kind: "redis",
    redis,
    available: isUp,
    async get(key) {
      if (!isUp()) return undefined;
      try {
        return (await redis.get(key)) ?? undefined;
      } catch (err) {
        dropIfHung(redis, err);
        return undefined;
      }
    },
    async set(key, value, ttlMs) {
      if (!isUp()) return;
      await redis.set(key, value, "PX", Math.max(1, Math.ceil(ttlMs))).catch((err: unknown) => dropIfHung(redis, err));
    },
    async delete(key) {
      if (!isUp()) return;
      await redis.del(key).catch((err: unknown) => dropIfHung(redis, err));
    },
    withLock(key, ttlMs, fn) {
      // Holders in this process queue here first, so Redis sees one contender per instance.
      return local.run(key, async () => {
        if (!isUp()) return fn();
        let acquired = false;
        try {
          return await withRedisLock(redis, `lock:${key}`, ttlMs, Math.max(2 * ttlMs, 5_000), () => {
            acquired = true;
            return fn();
          });
        } catch (err) {
          // Redis failing while the lock was being taken: the local lock is all there is until it is back.
          if (acquired || err instanceof LockWaitTimeout) throw err;
          dropIfHung(redis, err);
          return fn();
        }
      });
    },
    onAvailability(listener) {
      listeners.push(listener);
    },
    async close() {
      closing = true;
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
