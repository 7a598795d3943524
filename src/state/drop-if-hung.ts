import type { Redis } from "ioredis";

/**
 * After a command failed: a Redis that stopped answering without closing the connection (paused, a network that
 * drops packets) would cost every later command its full timeout, so the connection is dropped and made again;
 * until it is, commands fail at once (no offline queue) and each instance works on its own. A file of its own so
 * that the cache's Redis level can use it without loading ioredis into a process that has no REDIS_URL.
 */
export function dropIfHung(redis: Redis, err: unknown): void {
  // Destroyed, not ended: ending waits for a peer that does not answer, and "close" (so the loss) would wait too.
  if (err instanceof Error && /timed out/i.test(err.message) && redis.status === "ready") redis.stream.destroy();
}
