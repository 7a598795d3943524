import type { Logger } from "pino";
import { sharedStateAvailable } from "../metrics/shared-state-metrics.js";
import { createInProcessState } from "./in-process-state.js";
import type { SharedState } from "./shared-state.js";

/** Redis when REDIS_URL is set (the start stops if it does not answer), this process otherwise. */
export async function createSharedState(redisUrl: string | undefined, logger: Logger): Promise<SharedState> {
  // Imported only then: ioredis is about 10 MB of memory in a process that has no Redis to speak to.
  if (redisUrl) return (await import("./redis-state.js")).connectRedisState(redisUrl, logger);
  sharedStateAvailable.set(1);
  return createInProcessState();
}
