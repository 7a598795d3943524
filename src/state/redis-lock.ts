import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";

/** Deletes the lock only while it is still the holder's: a lock that expired and was taken by another stays. */
const RELEASE = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end`;

const FIRST_BACKOFF_MS = 10;
const MAX_BACKOFF_MS = 200;

export class LockWaitTimeout extends Error {
  override readonly name = "LockWaitTimeout";
}

/**
 * Takes `key` across instances (SET NX PX with a token of this holder), runs `fn`, and releases it with a
 * compare-and-delete. Waits with a short growing backoff while another holder has it; gives up after `waitMs`
 * (by then a holder that died has lost the lock to its TTL, so only a lock held that long by live holders fails).
 */
export async function withRedisLock<T>(redis: Redis, key: string, ttlMs: number, waitMs: number, fn: () => Promise<T>): Promise<T> {
  const token = randomUUID();
  const deadline = Date.now() + waitMs;
  let backoff = FIRST_BACKOFF_MS;
  while ((await redis.set(key, token, "PX", Math.max(1, Math.ceil(ttlMs)), "NX")) !== "OK") {
    if (Date.now() + backoff > deadline) throw new LockWaitTimeout(`the shared lock ${key} was not free within ${waitMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, backoff + Math.random() * backoff));
    backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
  }
  try {
    return await fn();
  } finally {
    // A release that fails (Redis lost meanwhile) leaves the lock to its TTL.
    await redis.eval(RELEASE, 1, key, token).catch(() => undefined);
  }
}
